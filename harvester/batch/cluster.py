"""The Dask cluster a batch runs on: a local one of N processes, or one already running."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from harvester.errors import BatchError


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None,
                ) -> Iterator[object]:
    """A ``distributed.Client``: joined to ``scheduler`` (``dask scheduler``, dask-jobqueue,
    Kubernetes), else on a local cluster of ``workers`` single-threaded processes (the
    cleaner holds the GIL; a process per core is what scales)."""
    from distributed import Client, LocalCluster

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
    with LocalCluster(n_workers=max(1, workers or 1), threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client
