import gc
import os
import subprocess
import sys
import time

from harvester.model import Document, Failure, Page
from harvester.pipeline import CleanSettings, Counts, clean_one, clean_pages, ingest
from harvester.store import Corpus


def slow_on_hang(page, _boilerplate=None):
    if b"hang" in page.data:
        time.sleep(30)
    return clean_one(page)


def crash_on_boom(page, _boilerplate=None):
    if b"boom" in page.data:
        os._exit(3)
    return clean_one(page)


def hog_on_hog(page, _boilerplate=None):
    if b"hog" in page.data:
        bytearray(3 * 1024**3)  # beyond the worker's address-space cap
    return clean_one(page)


def text_page(body: str, name: str) -> Page:
    return Page(data=body.encode(), source=name, kind="text")


ARTICLE = ("The council approved the new budget on Tuesday after a long debate about schools, "
           "roads and the future of the old harbour district.")


def test_failures_pass_through_in_order():
    items = [Failure("x", "missing", "no such file"), text_page(ARTICLE, "a")]
    results = list(clean_pages(items, CleanSettings(workers=2)))
    assert [r[1].source for r in results] == ["x", "a"]
    assert isinstance(results[0][1], Failure) and isinstance(results[1][1], Document)


def test_objects_are_frozen_for_the_workers_and_thawed_after():
    frozen_while_cleaning = []
    for _page, _result in clean_pages([text_page(ARTICLE, "a"), text_page(ARTICLE, "b")],
                                      CleanSettings(workers=1)):
        frozen_while_cleaning.append(gc.get_freeze_count() > 0)
    assert frozen_while_cleaning == [True, True] and gc.get_freeze_count() == 0
    # a caller that stops early thaws them too
    results = clean_pages([text_page(ARTICLE, "a"), text_page(ARTICLE, "b")],
                          CleanSettings(workers=1))
    next(results)
    results.close()
    assert gc.get_freeze_count() == 0


def test_binary_page_is_a_failure_with_reason():
    [(_, result)] = clean_pages([Page(data=b"\x00\x01\x02" * 100, source="b.html")],
                                CleanSettings(workers=0))
    assert isinstance(result, Failure) and result.reason == "binary"


def test_hanging_page_is_cut_and_the_rest_goes_on():
    items = [text_page("hang", "h"), text_page(ARTICLE, "a")]
    start = time.monotonic()
    results = dict((p.source, r) for p, r in clean_pages(
        items, CleanSettings(workers=2, timeout=1.0), cleaner=slow_on_hang))
    assert time.monotonic() - start < 20
    assert results["h"].reason == "clean_timeout"
    assert isinstance(results["a"], Document)


def test_crashing_worker_is_replaced():
    items = [text_page("boom", "x"), text_page(ARTICLE, "a"), text_page(ARTICLE + " Two.", "b")]
    results = dict((p.source, r) for p, r in clean_pages(items, CleanSettings(workers=1),
                                                          cleaner=crash_on_boom))
    assert results["x"].reason == "clean_crashed"
    assert isinstance(results["a"], Document) and isinstance(results["b"], Document)


def test_memory_cap_turns_a_hog_into_a_failure():
    items = [text_page("hog", "m"), text_page(ARTICLE, "a")]
    results = dict((p.source, r) for p, r in clean_pages(
        items, CleanSettings(workers=1, memory_bytes=1024**3), cleaner=hog_on_hog))
    assert results["m"].reason in ("too_complex", "clean_crashed")
    assert isinstance(results["a"], Document)


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


def html_page() -> Page:
    body = (f"<html lang='en'><head><title>Budget passed | Harbour Times</title></head><body>"
            f"<article><h1>Budget passed</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
            f"</body></html>")
    return Page(data=body.encode(), source="budget.html", kind="html")


def test_text_only_settings_reach_the_workers():
    [(_, full)] = clean_pages([html_page()], CleanSettings(workers=1))
    [(_, bare)] = clean_pages([html_page()], CleanSettings(workers=1, metadata=False))
    assert full.title == "Budget passed" and full.language == "en"
    assert bare.title is None and bare.language is None and bare.text == full.text


def test_text_only_cleaning_loads_neither_the_date_parser_nor_the_language_model():
    """What only the fields need stays out of a run that prints text (its start is shorter)."""
    code = (
        "import sys\n"
        "from harvester.model import Page\n"
        "from harvester.pipeline import CleanSettings, clean_pages\n"
        f"page = Page(data={html_page().data!r}, source='p.html', kind='html')\n"
        "[(_, doc)] = clean_pages([page], CleanSettings(workers=0, metadata=False))\n"
        "assert doc.text, doc\n"
        "print(sorted(m for m in ('dateparser', 'harvester.clean.metadata.read',\n"
        "                         'harvester.clean.language') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_pebble_polls_faster_only_while_the_pool_runs():
    import pebble

    from harvester.pipeline import POOL_POLL_SECONDS

    before = pebble.CONSTS.sleep_unit
    seen = [pebble.CONSTS.sleep_unit
            for _ in clean_pages([text_page(ARTICLE, "a")], CleanSettings(workers=1))]
    assert seen == [POOL_POLL_SECONDS] and pebble.CONSTS.sleep_unit == before
