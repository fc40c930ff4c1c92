from harvester.config import CleanSettings
from harvester.model import Failure, Page
from harvester.run.counts import Counts
from harvester.run.ingest import ingest
from harvester.run.workers import clean_pages
from harvester.store import Corpus

ARTICLE = ("The council approved the new budget on Tuesday after a long debate about schools, "
           "roads and the future of the old harbour district.")


def text_page(body: str, name: str) -> Page:
    return Page(data=body.encode(), source=name, kind="text")


def test_ingest_counts_every_outcome(tmp_path):
    other = ("Ferry services to the islands resume on Monday after engineers finished repairing "
             "the damaged pier, the port authority said, adding extra sailings for the weekend.")
    items = [text_page(ARTICLE, "/a.txt"), text_page(ARTICLE, "/copy.txt"),
             text_page(other, "/b.txt"), Failure("/c", "missing", "gone")]
    counts = Counts()
    failures = []
    with Corpus(tmp_path / "c.db") as corpus:
        ingest(corpus, clean_pages(items, CleanSettings(workers=0)), counts,
               on_failure=failures.append)
        ingest(corpus, clean_pages(items[:1], CleanSettings(workers=0)), counts)
        rows = list(corpus.db.query("SELECT source, duplicate_of FROM documents ORDER BY id"))
    assert counts["stored"] == 2 and counts["duplicate"] == 1 and counts["unchanged"] == 1
    assert counts.failed == 1 and failures[0].reason == "missing"
    assert rows[1] == {"source": "/copy.txt", "duplicate_of": 1}
    assert "1 failed (missing 1)" in counts.summary()
