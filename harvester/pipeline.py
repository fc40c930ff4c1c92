"""Wires the steps: pages -> clean (worker pool) -> dedup -> corpus, counting every outcome.

The one place that knows the order of the steps. Each input ends in exactly one recorded
outcome: ``stored``, ``duplicate`` (stored, linked to its original), ``unchanged`` (already in the
corpus) or a failure with its reason.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pebble
from pebble import ProcessExpired, ProcessPool

from harvester.clean import clean_page, preload, site_of, sitewide
from harvester.errors import HarvesterError
from harvester.model import Document, Failure, Page
from harvester.wording import plural

if TYPE_CHECKING:  # storing imports them where it starts: cleaning to print needs neither
    from harvester.store import Corpus
    from harvester.dedup import Sketch

# A news page cleans in well under a second (the dev set's slowest page: ~1.5 s); a page that
# takes a minute is pathological and is cut so that it cannot stall a cron run.
DEFAULT_CLEAN_TIMEOUT = 60.0
# Address-space cap per cleaning worker. trafilatura on the dev set's largest page peaks near
# 300 MB; 2 GiB leaves room for honest giants while a runaway page cannot take the machine.
DEFAULT_CLEAN_MEMORY = 2 * 1024**3


@dataclass
class CleanSettings:
    workers: int = max(1, min(os.cpu_count() or 1, 8))
    timeout: float = DEFAULT_CLEAN_TIMEOUT
    memory_bytes: int = DEFAULT_CLEAN_MEMORY
    # False: documents without title, author, date, tags or language (``clean_page``), for
    # printing the text only
    metadata: bool = True
    # True: reader comments kept in ``Document.comments`` (never in the text)
    comments: bool = False
    # Keep each stored document's raw page (compressed) for ``reclean`` and ``export --format
    # warc``; off: a smaller corpus that cannot be cleaned again.
    keep_raw: bool = True


def clean_one(page: Page, boilerplate=None, metadata: bool = True,
              comments: bool = False) -> Document | Failure:
    """Clean a page, turning every expected error into a ``Failure`` with its reason."""
    try:
        doc = clean_page(page, boilerplate=boilerplate, metadata=metadata, comments=comments)
    except HarvesterError as exc:
        return Failure(page.source, exc.reason, str(exc), url=page.url)
    except MemoryError:
        return Failure(page.source, "too_complex", "the page needed more memory than allowed",
                       url=page.url)
    except RecursionError:
        return Failure(page.source, "too_complex", "the page is nested too deeply to parse",
                       url=page.url)
    if not doc.text.strip():
        return Failure(page.source, "no_text", "no article text found on the page", url=page.url)
    return doc


def _limit_memory(memory_bytes: int) -> None:
    """Cap the worker's address space at what it inherited from the fork plus the budget.

    A forked worker starts with its parent's whole virtual size (a long run or a test session
    can reach gigabytes of mappings), so an absolute cap would starve it from the start.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            inherited = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: fall back to an absolute cap
        inherited = 0
    limit = inherited + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _in_process(items: Iterable[Page | Failure], boilerplate_for, cleaner) -> Iterator:
    for item in items:
        if isinstance(item, Failure):
            yield item, item
        else:
            yield item, cleaner(item, boilerplate_for(item) if boilerplate_for else None)


def clean_pages(items: Iterable[Page | Failure], settings: CleanSettings | None = None,
                boilerplate_for: Callable[[Page], object] | None = None,
                cleaner: Callable[..., Document | Failure] | None = None,
                ) -> Iterator[tuple[Page | Failure, Document | Failure]]:
    """Clean pages in worker processes, in input order, each under a time and memory limit.

    A worker that hangs is cut at ``timeout`` and one that dies is replaced; either way the page
    ends as a ``Failure`` and the others go on. ``workers=0`` cleans in this process (no limits).
    ``cleaner`` is called with a page and its site's boilerplate; by default ``clean_one``, with
    the settings' ``metadata``.
    """
    settings = settings or CleanSettings()
    cleaner = cleaner or partial(clean_one, metadata=settings.metadata,
                                 comments=settings.comments)
    if settings.workers == 0:
        yield from _in_process(items, boilerplate_for, cleaner)
        return
    # fork: workers inherit the loaded cleaner instead of each loading it again.
    preload(metadata=settings.metadata)
    # A forked worker shares its parent's memory until it writes to it, and Python's cycle
    # collector writes to every object it visits. Frozen (``gc.freeze``), the objects made so
    # far are never visited, so the workers copy fewer pages: 300 dev-set pages took 6.37-6.47
    # instead of 6.48-6.60 s of the workers' CPU, 3.91-3.93 instead of 4.02-4.03 s in all.
    gc.freeze()
    try:
        with _pool_polling(POOL_POLL_SECONDS):
            yield from _in_pool(items, settings, boilerplate_for, cleaner)
    finally:
        gc.unfreeze()


# pebble's pool threads look at the pool's state every ``pebble.CONSTS.sleep_unit`` (0.1 s by
# default), so closing a pool waited 0.1 s after its last page, in every run: a twentieth of
# cleaning 300 dev-set pages, a third of cleaning one page past the start-up. Every 10 ms, the
# wait is 10 ms and a page's time limit is enforced to within 10 ms; the parent's CPU for those
# 300 pages stayed the same (0.63 s).
POOL_POLL_SECONDS = 0.01


@contextmanager
def _pool_polling(seconds: float) -> Iterator[None]:
    """pebble's polling interval (a process-wide setting it exports) while a pool runs."""
    before = pebble.CONSTS.sleep_unit
    pebble.CONSTS.sleep_unit = seconds
    try:
        yield
    finally:
        pebble.CONSTS.sleep_unit = before


def _in_pool(items, settings: CleanSettings, boilerplate_for, cleaner) -> Iterator:
    context = multiprocessing.get_context("fork")
    # Pages scheduled ahead of the one awaited: results come back in input order, so a slow page
    # holds the others' results until it is done, and the other workers must still have work
    # queued meanwhile. 300 dev-set pages on 2 workers ran in 2.82-2.84 s with 8 per worker,
    # 2.92-2.95 s with 4; 16 gave no more.
    window = settings.workers * 8
    with ProcessPool(max_workers=settings.workers, initializer=_limit_memory,
                     initargs=(settings.memory_bytes,), context=context) as pool:
        pending: list[tuple[Page | Failure, object]] = []
        for item in items:
            if isinstance(item, Failure):
                pending.append((item, None))
            else:
                extra = boilerplate_for(item) if boilerplate_for else None
                pending.append((item, pool.schedule(cleaner, (item, extra),
                                                    timeout=settings.timeout)))
            while len(pending) >= window:
                yield _collect(*pending.pop(0), settings.timeout)
        while pending:
            yield _collect(*pending.pop(0), settings.timeout)


def _collect(item: Page | Failure, future, timeout: float):
    if future is None:
        return item, item
    try:
        return item, future.result()
    except FutureTimeout:
        detail = f"cleaning took longer than {timeout:g} s and was stopped"
        return item, Failure(item.source, "clean_timeout", detail, url=item.url)
    except MemoryError:
        detail = "cleaning the page needed more memory than the worker's cap"
        return item, Failure(item.source, "too_complex", detail, url=item.url)
    except ProcessExpired as exc:
        detail = f"the cleaning worker died ({exc}); likely out of memory on this page"
        return item, Failure(item.source, "clean_crashed", detail, url=item.url)
    except Exception as exc:  # an unexpected bug on one page must not stop the run
        detail = f"unexpected error while cleaning: {type(exc).__name__}: {exc}"
        return item, Failure(item.source, "clean_error", detail, url=item.url)


@dataclass
class Stored:
    """What storing one document did: ``outcome`` is stored, duplicate or unchanged."""

    outcome: str
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
        return Stored("unchanged", arrival.same_source)
    doc_id = arrival.next_id
    links = Linker.of(corpus).link(doc_id, doc_sketch, doc.text, doc.date,
                                   first_copy=arrival.first_copy)
    inserted = corpus.insert_document(doc, content_hash=doc_sketch.content_hash,
                                      duplicate_of=links.duplicate_of, story_id=links.story_id,
                                      word_count=doc_sketch.word_count)
    if inserted != doc_id:  # cannot happen inside the transaction; never store wrong links
        raise RuntimeError(f"document stored as {inserted}, linked as {doc_id}")
    return Stored("duplicate" if links.joined else "stored", doc_id, links.duplicate_of)


class Counts(Counter):
    """Outcome counts of a run: stored, duplicate, unchanged, and one key per failure reason."""

    def add_failure(self, failure: Failure,
                    report: Callable[[Failure], None] | None = None) -> None:
        """Count one input that ended in a failure, and pass it on to be reported."""
        self["pages"] += 1
        self[f"failed:{failure.reason}"] += 1
        if report:
            report(failure)

    @property
    def failed(self) -> int:
        return sum(n for key, n in self.items() if key.startswith("failed:"))

    def summary(self) -> str:
        failures = ", ".join(f"{key.removeprefix('failed:')} {n}"
                             for key, n in sorted(self.items()) if key.startswith("failed:"))
        text = (f"{plural(self['pages'], 'page')}: {self['stored']} stored, "
                f"{plural(self['duplicate'], 'duplicate')}, "
                f"{self['unchanged']} already in the corpus, {self.failed} failed")
        if failures:
            text += f" ({failures})"
        if self["disallowed"]:  # only a harvest has them: skipped as robots.txt asks
            text += f", {self['disallowed']} disallowed by robots.txt"
        return text

    def as_dict(self) -> dict[str, int]:
        out = dict(self)
        out.update(failed=self.failed, stored=self["stored"], duplicates=self["duplicate"],
                   unchanged=self["unchanged"], pages=self["pages"])
        return out


class SiteLearner:
    """Learns each site's recurring lines from the documents stored, and hands them to the
    cleaner for the site's next pages (see ``harvester.clean.sitewide``)."""

    def __init__(self, corpus: Corpus, *, min_docs: int = sitewide.MIN_DOCS,
                 min_share: float = sitewide.MIN_SHARE):
        self.corpus = corpus
        self.min_docs = min_docs
        self.min_share = min_share

    def boilerplate_for(self, page: Page) -> sitewide.SiteBoilerplate | None:
        site = site_of(page.url)
        if not site:
            return None
        _total, keys = self.corpus.site_line_keys(site, min_docs=self.min_docs,
                                                  min_share=self.min_share)
        return sitewide.SiteBoilerplate(site, frozenset(keys)) if keys else None

    def learn(self, doc: Document, stored: Stored) -> None:
        """Count an original document's lines; duplicates would teach the site its own text."""
        if doc.site and stored.outcome == "stored":
            keys = sitewide.learnable_keys([line.text for line in doc.lines])
            self.corpus.learn_site_lines(doc.site, keys)


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
        counts["pages"] += 1
        with corpus.transaction():
            stored = store_document(corpus, result)
            if learner:
                learner.learn(result, stored)
            if keep_raw and stored.outcome != "unchanged":
                corpus.save_raw(stored.doc_id, item)
        counts[stored.outcome] += 1
        if on_stored:
            on_stored(result, stored)


def clean_into(corpus: Corpus, items: Iterable[Page | Failure], counts: Counts,
               settings: CleanSettings | None = None,
               on_failure: Callable[[Failure], None] | None = None,
               on_stored: Callable[[Document, Stored], None] | None = None) -> None:
    """The whole path into a corpus: clean in workers with the sites' learned boilerplate,
    then store each document in its own transaction."""
    learner = SiteLearner(corpus)
    results = clean_pages(items, settings, boilerplate_for=learner.boilerplate_for)
    ingest(corpus, results, counts, on_failure=on_failure, on_stored=on_stored, learner=learner,
           keep_raw=(settings or CleanSettings()).keep_raw)
