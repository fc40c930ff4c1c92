from __future__ import annotations

import pytest
from batch_inputs import make_inputs


@pytest.fixture(scope="session")
def dask_cluster():
    """A real Dask cluster of 2 worker processes on loopback, shared by the batch tests, as
    ``harvester batch --workers 2`` starts it."""
    from distributed import Client

    from harvester.batch.cluster import local_cluster

    with local_cluster(2, dashboard=False) as cluster, Client(cluster) as client:
        yield cluster, client


@pytest.fixture(scope="session")
def client(dask_cluster):
    return dask_cluster[1]


@pytest.fixture(scope="session")
def batch_inputs(tmp_path_factory):
    return make_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="session")
def cli_out(dask_cluster, batch_inputs, tmp_path_factory):
    """The batch over the inputs (and one missing input) through the command line, joined to
    the test cluster: (output folder, CliRunner result)."""
    from typer.testing import CliRunner

    from harvester.cli import app

    cluster, _client = dask_cluster
    out = tmp_path_factory.mktemp("batch") / "out"
    result = CliRunner().invoke(app, ["batch", str(batch_inputs), str(out.parent / "nowhere"),
                                      "--out", str(out), "--scheduler",
                                      cluster.scheduler_address])
    return out, result
