"""The one place a harvest run writes: pages cleaned in the worker pool, each document committed
together with its fetch state and raw page in one transaction.

Fetching is asynchronous and cleaning happens in worker processes; the ``Recorder`` sits
between them on its own thread, so the event loop never waits for the cleaner or the disk.
Everything it is given goes through a bounded queue (a slow cleaner slows the fetching down
instead of filling memory) and is handled in order on that thread: ``kill -9`` at any moment
leaves either the whole record of a URL or none of it.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from harvester.model import Document, Failure, Page
from harvester.pipeline import CleanSettings, Counts, SiteLearner, clean_pages, store_document
from harvester.store import Corpus

_DONE = object()


@dataclass
class Origin:
    """Where an item came from: its source and, for a fetched URL, its fetch state to record."""

    source_name: str
    url: str | None = None  # the ``fetches`` key; None for local files
    prior_attempts: int = 0  # runs that already tried this URL and failed
    fetch: dict = field(default_factory=dict)  # status, validators, content type, final URL


@dataclass
class FetchState:
    """An outcome with no page to clean: a 304, a listing read, a URL skipped as unchanged.

    ``fields`` (if any) go into the URL's ``fetches`` row; ``count`` (if any) is the outcome
    counted for the run. ``after_pages`` states are recorded once every page sent is recorded,
    and only if the run got that far.
    """

    url: str
    source_name: str
    fields: dict | None = None
    count: str | None = None
    after_pages: bool = False


class Recorder:
    def __init__(self, corpus: Corpus, clean: CleanSettings, counts: Counts, *,
                 on_failure: Callable[[Failure], None] | None = None,
                 on_done: Callable[[str], None] | None = None):
        self.corpus = corpus
        self.clean = clean
        self.counts = counts
        self.on_failure = on_failure
        self.on_done = on_done  # called with the source name after each item
        # Each site's recurring lines, learned from what is stored and handed to the cleaner.
        self.learner = SiteLearner(corpus)
        # Enough queued pages to keep every worker busy, few enough to bound memory at a few
        # times max_bytes per worker.
        self._queue: queue.Queue = queue.Queue(maxsize=max(8, clean.workers * 4))
        self._origins: dict[int, Origin] = {}
        self._after_pages: list[FetchState] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="harvester-recorder", daemon=True)

    # --- feeding (any thread; ``send`` from the event loop) ------------------------------

    def start(self) -> "Recorder":
        self._thread.start()
        return self

    def put(self, item: Page | Failure | FetchState, origin: Origin | None = None) -> None:
        if origin is not None and not isinstance(item, FetchState):
            self._origins[id(item)] = origin
        while True:
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                self._raise_if_dead()

    async def send(self, item: Page | Failure | FetchState, origin: Origin | None = None) -> None:
        """``put`` without blocking the event loop when the queue is full."""
        try:
            if origin is not None and not isinstance(item, FetchState):
                self._origins[id(item)] = origin
            self._queue.put_nowait(item)
        except queue.Full:
            await asyncio.to_thread(self.put, item, None)

    def close(self) -> None:
        """Wait until everything sent is recorded; re-raise what broke the recorder, if anything."""
        if self._thread.is_alive():
            self.put(_DONE)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def _raise_if_dead(self) -> None:
        if not self._thread.is_alive():
            raise RuntimeError("the recorder stopped") from self._error

    # --- the recorder thread ---------------------------------------------------------------

    def _run(self) -> None:
        try:
            for item, result in clean_pages(self._items(), self.clean,
                                            self.learner.boilerplate_for):
                self._record(item, result)
            with self.corpus.transaction():
                for state in self._after_pages:
                    self._record_state(state)
        except BaseException as exc:  # handed to the caller by ``close``
            self._error = exc

    def _items(self) -> Iterator[Page | Failure]:
        while True:
            item = self._queue.get()
            if item is _DONE:
                return
            if isinstance(item, FetchState):
                if item.after_pages:
                    self._after_pages.append(item)
                else:
                    self._record_state(item)
                continue
            yield item

    def _record_state(self, state: FetchState) -> None:
        if state.fields is not None:
            with self.corpus.transaction():
                self.corpus.record_fetch(state.url, source_name=state.source_name, **state.fields)
        if state.count:
            self.counts["pages"] += 1
            self.counts[state.count] += 1
            if self.on_done:
                self.on_done(state.source_name)

    def _record(self, item: Page | Failure, result: Document | Failure) -> None:
        origin = self._origins.pop(id(item), None)
        with self.corpus.transaction():
            if isinstance(result, Failure):
                self._record_failure(result, origin)
            else:
                outcome = self._record_document(item, result, origin)
        # Counted once committed: a page whose commit failed (a full disk) is not stored.
        if isinstance(result, Failure):
            self.counts.add_failure(result)
        else:
            self.counts["pages"] += 1
            self.counts[outcome] += 1
        if isinstance(result, Failure) and self.on_failure:
            self.on_failure(result)
        if self.on_done and origin is not None:
            self.on_done(origin.source_name)

    def _record_document(self, page: Page, doc: Document, origin: Origin | None) -> str:
        stored = store_document(self.corpus, doc)
        self.learner.learn(doc, stored)
        if stored.outcome != "unchanged":
            self.corpus.save_raw(stored.doc_id, page)
        if origin is not None and origin.url is not None:
            self.corpus.record_fetch(origin.url, source_name=origin.source_name, outcome="ok",
                                     detail=None, attempts=0, document_id=stored.doc_id,
                                     **origin.fetch)
        return stored.outcome

    def _record_failure(self, failure: Failure, origin: Origin | None) -> None:
        if origin is not None and origin.url is not None:
            fetch = {k: v for k, v in origin.fetch.items() if k not in ("etag", "last_modified")}
            self.corpus.record_fetch(origin.url, source_name=origin.source_name,
                                     outcome=failure.reason, detail=failure.detail,
                                     attempts=origin.prior_attempts + 1, **fetch)
