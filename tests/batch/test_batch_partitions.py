"""How many partitions the linking and site stages get."""

import pytest

from harvester.batch.dedup import partitions


class Scheduler:
    """What ``partitions`` reads of a Dask client: the workers the scheduler knows."""

    def __init__(self, workers: int):
        self.workers = {f"tcp://127.0.0.1:{9000 + i}": {} for i in range(workers)}

    def scheduler_info(self) -> dict:
        return {"workers": self.workers}


@pytest.mark.parametrize("workers, shards, expected", [
    (2, 20, 4),        # a small crawl: two per worker, not one per shard
    (2, 3, 3),         # never more partitions than shards
    (2, 0, 1),
    (2, 800, 100),     # a big one: at most 8 shards' metadata in a partition
    (100, 800, 200),   # a big cluster: every worker has two
    (0, 5, 2),         # no worker known yet: as for one
])
def test_partitions(workers, shards, expected):
    assert partitions(Scheduler(workers), shards) == expected
