"""The cleaning processes of a Dask worker: ``clean``'s ``WorkerPool``, one per Dask worker.

A Dask task runs in a thread of the worker, where nothing can stop a page that hangs or cap
its memory; the pool's processes can (``CleanSettings.timeout`` and ``memory_mb``, reasons
``clean_timeout``, ``too_complex``, ``clean_crashed``). The pool is a worker plugin: started by
the first shard a worker cleans, kept for the next ones (its processes load the cleaner once),
closed with the worker, and set up again on a worker Dask starts in place of a dead one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from distributed import WorkerPlugin

from harvester.config import CleanSettings

PLUGIN_NAME = "harvester-cleaner"

# pebble's own polling interval: a worker's pool lives as long as the worker, so the 10 ms of
# ``clean``'s short runs would only wake its three threads a hundred times a second each, CPU
# taken from the cleaning processes (a page's time limit then holds to within 0.1 s).
POLL_SECONDS = 0.1


class CleanerPool(WorkerPlugin):
    """Holds the worker's ``WorkerPool``; ``cleaner`` replaces ``clean_one`` (a test's hook).
    With ``settings.workers == 0`` pages are cleaned in the task's thread, without limits."""

    name = PLUGIN_NAME

    def __init__(self, settings: CleanSettings, cleaner: Callable | None = None):
        self.asked = (settings, cleaner)  # as registered: a rerun with the same keeps the pool
        self.settings = settings
        self.cleaner = cleaner
        self._pool = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        return {"settings": self.settings, "cleaner": self.cleaner}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["settings"], state["cleaner"])

    def setup(self, worker) -> None:
        # As many cleaning processes as the worker runs tasks at once (0 stays 0: no limits).
        if self.settings.workers:
            self.settings = replace(self.settings, workers=worker.state.nthreads)

    def teardown(self, worker) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    def pool(self):
        """The started pool (started here, in a task's thread, on first use)."""
        from functools import partial

        from harvester.batch.clean import clean_and_sketch, clean_guarded
        from harvester.run.workers import WorkerPool, clean_one

        cleaner = self.cleaner
        if cleaner is None:  # without processes, none catches its errors
            cleaner = partial(clean_one if self.settings.workers else clean_guarded,
                              comments=self.settings.comments)
        cleaner = partial(clean_and_sketch, cleaner=cleaner)
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(self.settings, cleaner=cleaner,
                                        poll_seconds=POLL_SECONDS).start()
            return self._pool


def worker_pool():
    """The pool of the worker this task runs on (registered by ``run_batch``)."""
    from distributed import get_worker

    return get_worker().plugins[PLUGIN_NAME].pool()


def _asked(dask_worker) -> tuple | None:
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return plugin.asked if plugin is not None else None


def register(client, settings: CleanSettings, cleaner: Callable | None = None) -> None:
    """Give every worker of ``client``'s cluster (and any that joins later) its pool; workers
    that already have one of these settings keep it (and its started processes)."""
    held = client.run(_asked).values()
    if held and all(asked == (settings, cleaner) for asked in held):
        return
    client.register_plugin(CleanerPool(settings, cleaner), name=PLUGIN_NAME)
