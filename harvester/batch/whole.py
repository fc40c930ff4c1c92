"""A shard cleaned whole in one of the worker's cleaning processes, else page by page.

Sending each page to a cleaning process and its row back costs the Dask worker's own process
CPU for every page (pickles, pebble's messages, the shard's reading and writing): where every
core cleans, that is time taken from the cleaning. So a shard's task sends the shard whole to
one cleaning process, which reads it, cleans its pages one after another with the same cleaner
and writes its files. The per-page limits still hold: the memory cap is the process's
(``clean_one`` makes a ``MemoryError`` the page's ``too_complex``), and each page's start is
written to a clock file the task watches, which ends the process when one page runs past the
time limit. When the process ends (a page over its time, a crash), the task cleans the shard
again page by page, each page a job of the pool as before, so that the page that hangs or kills
its process is recorded with its reason and the others are kept.
"""

from __future__ import annotations

import os
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout

from harvester.model import Failure, Page

# How often the task looks at the page clock: a page over its time is ended within this.
WATCH_SECONDS = 0.25
_CLOCK = struct.Struct("d")  # the start of the page being cleaned (epoch seconds), 0 between


class PageOverTime(Exception):
    """A page of the shard ran past the time limit in the whole-shard process."""


def run(body: Callable, *args) -> tuple[object, bool]:
    """``body(*args, cleaned=...)`` in a cleaning process of this worker, its pages cleaned
    there; page by page from this task if that process ends. ``cleaned(jobs, tables)`` gives
    each ``(position, item)`` job's ``(position, item, result)``. Returns the body's result and
    whether the shard was cleaned page by page."""
    from pebble import ProcessExpired

    from harvester.batch.clean import cleaned_by_pool
    from harvester.batch.pool import worker_pool

    pool = worker_pool()
    if not pool.settings.workers:  # cleaned in this thread, without limits
        return body(*args, cleaned=cleaned_by_pool), False
    handle, clock = tempfile.mkstemp(prefix="harvester-page-clock-")
    try:
        os.pwrite(handle, _CLOCK.pack(0.0), 0)
        future = pool.submit(_in_process, body, args, pool.cleaner, clock)
        try:
            return _watch(future, handle, pool.settings.timeout), False
        except (ProcessExpired, PageOverTime, MemoryError):
            return body(*args, cleaned=cleaned_by_pool), True
    finally:
        os.close(handle)
        os.unlink(clock)


def _watch(future, clock: int, timeout: float):
    """The future's result; the process is ended (``PageOverTime``) once a page has run
    longer than ``timeout``."""
    while True:
        try:
            return future.result(timeout=WATCH_SECONDS)
        except FutureTimeout:
            (started,) = _CLOCK.unpack(os.pread(clock, _CLOCK.size, 0))
            if started and time.time() - started > timeout:
                future.cancel()  # pebble ends the process the call runs in
                raise PageOverTime from None


def _in_process(body: Callable, args: tuple, cleaner: Callable, clock: str):
    handle = os.open(clock, os.O_WRONLY)
    try:
        return body(*args, cleaned=lambda jobs, tables: _cleaned_here(jobs, tables, cleaner,
                                                                      handle))
    finally:
        os.close(handle)


def _cleaned_here(jobs: Iterator[tuple[int, Page | Failure]], tables: dict[int, list[int]],
                  cleaner: Callable, clock: int) -> Iterator[tuple]:
    """Each job's result, cleaned in this process (the pool's jobs, one after another)."""
    from harvester.batch.clean import boilerplate_of
    from harvester.run.workers import error_failure

    for position, item in jobs:
        if isinstance(item, Failure):
            yield position, item, item
            continue
        os.pwrite(clock, _CLOCK.pack(time.time()), 0)
        try:
            result = cleaner(item, boilerplate_of(item, tables.get(position)))
        except Exception as exc:  # as the pool records a page's unexpected error
            result = error_failure(item, exc)
        os.pwrite(clock, _CLOCK.pack(0.0), 0)
        yield position, item, result
