"""Clean the whole corpus again from the raw pages it kept, without the network.

After the cleaner improves, every harvested document is re-made from its raw page, in place:
its id, its URL's fetch row and everything pointing at it stay; its text, metadata, removed
lines and content hash are replaced, and duplicate and story links are worked out again at the
end (``dedup.rebuild``, with the corpus's own dedup settings).
A page the new cleaner fails on keeps its old document (and is counted as failed).
"""

from __future__ import annotations

from collections.abc import Callable

from harvester.dedup import DedupSettings, content_hash, rebuild
from harvester.errors import CorpusConflictError
from harvester.model import Failure
from harvester.pipeline import CleanSettings, Counts, SiteLearner, clean_pages
from harvester.store import Corpus


def reclean(corpus: Corpus, settings: CleanSettings,
            on_failure: Callable[[Failure], None] | None = None) -> Counts:
    """Re-clean every kept raw page; counts ``changed``, ``unchanged`` and failures."""
    counts = Counts()
    doc_ids: dict[int, int] = {}

    def pages():
        for doc_id, page in corpus.raw_pages():
            doc_ids[id(page)] = doc_id
            yield page

    # The sites' recurring lines learned while harvesting apply again (not re-learned).
    for page, result in clean_pages(pages(), settings, SiteLearner(corpus).boilerplate_for):
        doc_id = doc_ids.pop(id(page))
        if isinstance(result, Failure):
            counts.add_failure(result, on_failure)
            continue
        counts["pages"] += 1
        counts[_replace(corpus, doc_id, result)] += 1
    rebuild(corpus, DedupSettings(**corpus.dedup_settings()))
    return counts


def _replace(corpus: Corpus, doc_id: int, doc) -> str:
    digest = content_hash(doc.text)
    before = corpus.document(doc_id)
    if before is None:
        return "missing"
    try:
        with corpus.transaction():
            corpus.replace_document(doc_id, doc, content_hash=digest)
    except CorpusConflictError:
        # Another version of the same URL already holds exactly this text: keep both as they
        # were rather than merging rows that other tables point at.
        return "conflict"
    return "unchanged" if before["content_hash"] == digest else "changed"
