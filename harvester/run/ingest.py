"""Cleaned documents into the corpus: link each to its copies and story, store it, count it.

Each input ends in exactly one recorded outcome: ``stored``, ``duplicate`` (stored, linked to
its original), ``unchanged`` (already in the corpus) or a failure with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harvester.config import CleanSettings
from harvester.errors import StoreMismatch
from harvester.model import Document, Failure, Page
from harvester.run.counts import Counts
from harvester.run.sites import SiteLearner
from harvester.run.workers import WorkerPool
from harvester.vocabulary import Count

if TYPE_CHECKING:  # storing imports them where it starts: cleaning to print needs neither
    from harvester.dedup import Sketch
    from harvester.store import Corpus


@dataclass
class Stored:
    """What storing one document did: ``outcome`` is stored, duplicate or unchanged."""

    outcome: Count
    doc_id: int
    duplicate_of: int | None = None


def store_document(corpus: Corpus, doc: Document, doc_sketch: Sketch | None = None) -> Stored:
    """Add a document, linked to its exact or near copies and its story; idempotent per source.

    ``duplicate_of`` is the root of the document's near-duplicate group (see ``dedup``), so an
    earlier document may be re-pointed at this one when this one comes first in that order.
    ``doc_sketch`` may be computed beforehand (``dedup.sketch``, e.g. in a worker process).
    Must run inside ``corpus.transaction()`` together with whatever else records the input.
    """
    from harvester.dedup import Linker, sketch

    doc_sketch = doc_sketch or sketch(doc.text)
    arrival = corpus.arrival(doc.source, doc_sketch.content_hash)
    if arrival.same_source is not None:
        return Stored(Count.UNCHANGED, arrival.same_source)
    doc_id = arrival.next_id
    links = Linker.of(corpus).link(doc_id, doc_sketch, doc.text, doc.date,
                                   url=doc.url, canonical_url=doc.canonical_url,
                                   first_copy=arrival.first_copy)
    inserted = corpus.insert_document(doc, content_hash=doc_sketch.content_hash,
                                      duplicate_of=links.duplicate_of, story_id=links.story_id,
                                      word_count=doc_sketch.word_count)
    if inserted != doc_id:  # cannot happen inside the transaction; never store wrong links
        raise StoreMismatch(f"document stored as {inserted}, linked as {doc_id}")
    outcome = Count.DUPLICATE if links.joined else Count.STORED
    return Stored(outcome, doc_id, links.duplicate_of)


def ingest(corpus: Corpus, results: Iterable[tuple[Page | Failure, Document | Failure]],
           counts: Counts, on_failure: Callable[[Failure], None] | None = None,
           on_stored: Callable[[Document, Stored], None] | None = None,
           learner: SiteLearner | None = None, keep_raw: bool = False) -> None:
    """Store cleaned documents, one transaction each; count and report failures.

    ``keep_raw``: each new document's page is kept with it (``Corpus.save_raw``)."""
    for item, result in results:
        if isinstance(result, Failure):
            counts.add_failure(result, on_failure)
            continue
        with corpus.transaction():
            stored = store_document(corpus, result)
            if learner:
                learner.learn(result, stored)
            if keep_raw and stored.outcome != Count.UNCHANGED:
                corpus.save_raw(stored.doc_id, item)
        counts.add(stored.outcome)
        if on_stored:
            on_stored(result, stored)


def clean_into(corpus: Corpus, items: Iterable[Page | Failure], counts: Counts,
               settings: CleanSettings | None = None,
               on_failure: Callable[[Failure], None] | None = None,
               on_stored: Callable[[Document, Stored], None] | None = None,
               pool: WorkerPool | None = None) -> None:
    """The whole path into a corpus: clean in workers with the sites' learned boilerplate,
    then store each document in its own transaction. ``pool``: one already started (before
    the caller's threads and locks); else one of its own."""
    learner = SiteLearner(corpus)
    own = pool is None
    pool = pool or WorkerPool(settings).start()
    try:
        results = ((item, result) for _tag, item, result
                   in pool.clean(((None, item) for item in items), learner.boilerplate_for))
        ingest(corpus, results, counts, on_failure=on_failure, on_stored=on_stored,
               learner=learner, keep_raw=pool.settings.keep_raw)
    finally:
        if own:
            pool.close()
