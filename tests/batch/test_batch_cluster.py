"""The cluster a batch runs on: workers that cannot start cleaning processes are refused."""

from __future__ import annotations

import logging

import pytest

from harvester.batch import run_batch
from harvester.errors import BatchError


def test_a_cluster_of_daemonic_workers_is_refused_with_the_fix(tmp_path):
    from distributed import Client, LocalCluster

    # Dask's default: the nanny starts daemonic workers, which may have no children.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        with pytest.raises(BatchError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
            run_batch([str(tmp_path)], str(tmp_path / "out"), client)
    assert not (tmp_path / "out" / "manifest.json").exists()


def _profiling() -> bool:
    import dask

    return dask.config.get("distributed.worker.profile.enabled")


def _poll_seconds(dask_worker) -> float:
    import pebble

    from harvester.batch.pool import PLUGIN_NAME

    dask_worker.plugins[PLUGIN_NAME].pool()
    return pebble.CONSTS.sleep_unit


def test_the_local_workers_spend_no_cpu_on_dask_profiling_or_fast_polling(client):
    from harvester.batch import pool
    from harvester.config import CleanSettings

    assert set(client.run(_profiling).values()) == {False}
    pool.register(client, CleanSettings(workers=1))
    assert set(client.run(_poll_seconds).values()) == {pool.POLL_SECONDS}
