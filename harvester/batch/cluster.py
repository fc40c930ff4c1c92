"""The Dask cluster a batch runs on: a local one of N processes, or one already running.

Each Dask worker cleans pages in processes of its own (``harvester.batch.pool``), as
``clean`` does, so that a page's time and memory are bounded. Python refuses children to a
daemonic process, and Dask's nanny starts daemonic workers by default: a local cluster is
started with ``distributed.worker.daemon`` off, a joined one is checked (``check_workers``).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

from harvester.errors import BatchError

NOT_DAEMON = {"distributed.worker.daemon": False}
# Dask's statistical profiler walks every thread's stack each 10 ms in the worker's event loop;
# a shard's task runs for seconds in one function, so the profile tells nothing the task stream
# does not, and its CPU is taken from the cleaning processes on the same cores.
NO_PROFILER = {"distributed.worker.profile.enabled": False}


@contextmanager
def local_cluster(workers: int, *, dashboard: bool = True) -> Iterator[object]:
    """A ``LocalCluster`` of ``workers`` single-threaded processes on loopback (the cleaner
    holds the GIL: a process per core is what scales), whose workers may start children."""
    import dask
    from distributed import LocalCluster

    # The nanny reads the setting whenever it (re)starts a worker: kept for the cluster's life.
    with dask.config.set({**NOT_DAEMON, **NO_PROFILER}), \
            LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                         host="127.0.0.1",
                         dashboard_address="127.0.0.1:0" if dashboard else None,
                         silence_logs=logging.ERROR) as cluster:
        yield cluster


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None,
                ) -> Iterator[object]:
    """A ``distributed.Client``: joined to ``scheduler`` (``dask scheduler``, dask-jobqueue,
    Kubernetes), else on a local cluster of ``workers`` processes."""
    from distributed import Client

    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"no Dask scheduler answers at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    with local_cluster(workers or 1) as cluster, Client(cluster) as client:
        yield client


def _is_daemon() -> bool:
    return multiprocessing.current_process().daemon


def check_workers(client) -> None:
    """Refuse a cluster whose workers cannot start the cleaning processes, before any shard."""
    daemonic = sorted(address for address, daemon in client.run(_is_daemon).items() if daemon)
    if daemonic:
        raise BatchError(
            f"the Dask workers {', '.join(daemonic)} are daemonic processes, which cannot start "
            "the processes that bound each page's cleaning time and memory; start them with "
            "DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment (or dask worker "
            "--no-nanny)")
