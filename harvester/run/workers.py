"""The cleaning worker pool: pages cleaned in processes, each under a time and memory limit.

Workers are made by a fork server (``multiprocessing``'s ``forkserver``), a fresh process that
loaded the cleaner once. So a worker inherits neither the run's lock nor its open corpus nor
the state of its threads, whenever it is made, even when one replaces a worker that was cut;
and each worker dies with its parent (``parentdeath``), so a killed run leaves no cleaner behind.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial
from typing import TypeVar

import pebble
from pebble import ProcessExpired, ProcessPool

from harvester.config import CleanSettings
from harvester.errors import HarvesterError
from harvester.model import Document, Failure, Page
from harvester.run import parentdeath

Tag = TypeVar("Tag")
Item = Page | Failure
Result = Document | Failure
BoilerplateFor = Callable[[Page], object]

# The fork server imports one of these before it forks any worker (see ``harvester.run.warm``).
_WARM_MODULES = {True: "harvester.run.warm.full", False: "harvester.run.warm.text"}

# pebble's pool threads look at the pool's state every ``pebble.CONSTS.sleep_unit`` (0.1 s by
# default), so closing a pool waits up to that long after its last page, in every run; polled
# every 10 ms, the wait is 10 ms and a page's time limit holds to within 10 ms.
POOL_POLL_SECONDS = 0.01


def clean_one(page: Page, boilerplate=None, metadata: bool = True,
              comments: bool = False) -> Document | Failure:
    """Clean a page, turning every expected error into a ``Failure`` with its reason."""
    # imported where pages are cleaned: the run's own process, which only hands pages to the
    # workers, then never loads the cleaner before the fork server starts
    from harvester.clean import clean_page

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


# How long ``start`` waits for every worker to be up before going on without the late ones.
START_SECONDS = 60.0


def _start_worker(memory_bytes: int, started) -> None:
    """Run in each worker before its first page: die with the parent, cap the memory, then
    say the worker is up (``started``, a semaphore the pool waits on)."""
    parentdeath.exit_with_parent()
    _limit_memory(memory_bytes)
    started.release()


def _limit_memory(memory_bytes: int) -> None:
    """Cap the worker's address space at what it starts with plus the budget.

    A worker starts with the fork server's mappings (the loaded cleaner), so an absolute cap
    would count them against the page.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            inherited = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: fall back to an absolute cap
        inherited = 0
    limit = inherited + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _ready() -> bool:
    return True


class WorkerPool:
    """Cleaning processes for one run; start it before the run's threads and lock.

    ``clean`` takes ``(tag, item)`` pairs and gives back ``(tag, item, result)`` in input
    order: the tag is whatever the caller needs to find its record again (an origin, a row id).
    ``workers=0`` cleans in this process (no limits). ``cleaner`` is called with a page and its
    site's boilerplate; by default ``clean_one`` with ``metadata``. ``poll_seconds``: how often
    pebble's threads wake (a long-lived pool that is seldom closed can poll less often).
    """

    def __init__(self, settings: CleanSettings | None = None, *, metadata: bool = True,
                 cleaner: Callable[..., Result] | None = None,
                 poll_seconds: float = POOL_POLL_SECONDS):
        self.settings = settings or CleanSettings()
        self.poll_seconds = poll_seconds
        self.metadata = metadata
        self.cleaner = cleaner or partial(clean_one, metadata=metadata,
                                          comments=self.settings.comments)
        self._pool: ProcessPool | None = None
        self.workers_up = 0  # workers that said they are up when the pool started
        self._poll_before: float | None = None  # pebble's polling interval before the pool

    def start(self) -> WorkerPool:
        """Start the fork server and the workers now, and wait until they are ready."""
        if self.settings.workers == 0 or self._pool is not None:
            return self
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([_WARM_MODULES[self.metadata]])
        # a process-wide setting pebble exports, changed while the pool runs
        self._poll_before, pebble.CONSTS.sleep_unit = pebble.CONSTS.sleep_unit, self.poll_seconds
        started = context.Semaphore(0)
        self._pool = ProcessPool(max_workers=self.settings.workers, initializer=_start_worker,
                                 initargs=(self.settings.memory_bytes, started), context=context)
        self._pool.schedule(_ready).result()
        # Every worker, not only the first, must be up before the pool may close: one still
        # starting when a short run ends found the pool's semaphores gone and printed a
        # traceback (one run of a page in five, on 2 cores).
        self.workers_up = 0
        while self.workers_up < self.settings.workers and started.acquire(timeout=START_SECONDS):
            self.workers_up += 1
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        if self._poll_before is not None:
            pebble.CONSTS.sleep_unit, self._poll_before = self._poll_before, None

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        if exc[0] is not None and self._pool is not None:
            self._pool.stop()  # pages still queued are not cleaned for nothing
        self.close()

    def clean(self, jobs: Iterable[tuple[Tag, Item]],
              boilerplate_for: BoilerplateFor | None = None
              ) -> Iterator[tuple[Tag, Item, Result]]:
        if self.settings.workers == 0:
            yield from self._in_process(jobs, boilerplate_for)
            return
        self.start()
        yield from self._in_pool(jobs, boilerplate_for)

    def _in_process(self, jobs, boilerplate_for) -> Iterator:
        for tag, item in jobs:
            if isinstance(item, Failure):
                yield tag, item, item
            else:
                extra = boilerplate_for(item) if boilerplate_for else None
                yield tag, item, self.cleaner(item, extra)

    def _in_pool(self, jobs, boilerplate_for) -> Iterator:
        # Pages scheduled ahead of the one awaited: results come back in input order, so a slow
        # page holds the others' results until it is done, and the other workers must still
        # have work queued meanwhile (8 per worker ran the dev set fastest: docs/performance.md).
        window = self.settings.workers * 8
        pending: list[tuple[object, Item, object, object]] = []
        for tag, item in jobs:
            if isinstance(item, Failure):
                pending.append((tag, item, None, None))
            else:
                extra = boilerplate_for(item) if boilerplate_for else None
                pending.append((tag, item, extra, self._schedule(item, extra)))
            while len(pending) >= window:
                yield self._settle(*pending.pop(0), boilerplate_for)
        while pending:
            yield self._settle(*pending.pop(0), boilerplate_for)

    def submit(self, function: Callable, *args):
        """Run ``function(*args)`` in one of the pool's processes, with no time limit of its
        own: its future (cancelling it ends the process it runs in)."""
        self.start()
        return self._pool.schedule(function, args)

    def _schedule(self, item: Page, extra):
        return self._pool.schedule(self.cleaner, (item, extra), timeout=self.settings.timeout)

    def _settle(self, tag, item: Item, extra, future, boilerplate_for):
        """The page's result, cleaned again when what its site taught since it was scheduled
        (the pages stored before it) changed its boilerplate: so the text is the one
        ``workers=0`` gives, whatever the number of workers."""
        if future is not None and boilerplate_for is not None:
            fresh = boilerplate_for(item)
            if fresh != extra:
                future.cancel()
                future = self._schedule(item, fresh)
        return collect(tag, item, future, self.settings.timeout)


def collect(tag, item: Item, future, timeout: float) -> tuple[object, Item, Result]:
    """A scheduled page's result, or the ``Failure`` that says why there is none."""
    if future is None:
        return tag, item, item
    try:
        return tag, item, future.result()
    except FutureTimeout:
        detail = f"cleaning took longer than {timeout:g} s and was stopped"
        return tag, item, Failure(item.source, "clean_timeout", detail, url=item.url)
    except ProcessExpired as exc:
        detail = f"the cleaning worker died ({exc}); likely out of memory on this page"
        return tag, item, Failure(item.source, "clean_crashed", detail, url=item.url)
    except Exception as exc:  # an unexpected bug on one page must not stop the run
        return tag, item, error_failure(item, exc)


def error_failure(page: Page, exc: Exception) -> Failure:
    """The failure of a page whose cleaning raised what ``clean_one`` does not expect."""
    if isinstance(exc, MemoryError):
        detail = "cleaning the page needed more memory than the worker's cap"
        return Failure(page.source, "too_complex", detail, url=page.url)
    detail = f"unexpected error while cleaning: {type(exc).__name__}: {exc}"
    return Failure(page.source, "clean_error", detail, url=page.url)


def clean_pages(items: Iterable[Item], settings: CleanSettings | None = None,
                boilerplate_for: BoilerplateFor | None = None,
                cleaner: Callable[..., Result] | None = None, *, metadata: bool = True,
                ) -> Iterator[tuple[Item, Result]]:
    """Clean pages in a pool of their own, in input order: ``(item, result)`` pairs."""
    with WorkerPool(settings, metadata=metadata, cleaner=cleaner) as pool:
        for _tag, item, result in pool.clean(((None, item) for item in items), boilerplate_for):
            yield item, result
