"""Clean the whole corpus again from the raw pages it kept, without the network.

After the cleaner improves, every harvested document is re-made from its raw page, in place:
its id, its URL's fetch row and everything pointing at it stay; its text, metadata, removed
lines and content hash are replaced, and duplicate and story links are worked out again at the
end (``dedup.rebuild``, with the corpus's own dedup settings).
A page the new cleaner fails on keeps its old document (and is counted as failed).
"""

from __future__ import annotations

from collections.abc import Callable

from harvester.config import CleanSettings
from harvester.dedup import DedupSettings, content_hash, rebuild
from harvester.errors import CorpusConflictError
from harvester.model import Document, Failure
from harvester.run.counts import Counts
from harvester.run.sites import SiteLearner
from harvester.run.workers import WorkerPool
from harvester.store import Corpus
from harvester.vocabulary import Count


def reclean(corpus: Corpus, settings: CleanSettings | WorkerPool,
            on_failure: Callable[[Failure], None] | None = None) -> Counts:
    """Re-clean every kept raw page; counts ``changed``, ``unchanged`` and failures.

    ``settings``: the cleaning settings, or a pool already started with them (before the
    caller took the run lock).
    """
    counts = Counts()
    pool = settings if isinstance(settings, WorkerPool) else WorkerPool(settings)
    # The sites' recurring lines learned while harvesting apply again (not re-learned).
    learner = SiteLearner(corpus)
    try:
        for doc_id, _page, result in pool.clean(corpus.raw_pages(), learner.boilerplate_for):
            if isinstance(result, Failure):
                counts.add_failure(result, on_failure)
            else:
                counts.add(_replace(corpus, doc_id, result))
    finally:
        if pool is not settings:
            pool.close()
    rebuild(corpus, DedupSettings(**corpus.dedup_settings()))
    return counts


def _replace(corpus: Corpus, doc_id: int, doc: Document) -> Count:
    digest = content_hash(doc.text)
    before = corpus.document(doc_id)
    if before is None:
        return Count.MISSING
    try:
        with corpus.transaction():
            corpus.replace_document(doc_id, doc, content_hash=digest)
    except CorpusConflictError:
        # Another version of the same URL already holds exactly this text: keep both as they
        # were rather than merging rows that other tables point at.
        return Count.CONFLICT
    return Count.UNCHANGED if before["content_hash"] == digest else Count.CHANGED
