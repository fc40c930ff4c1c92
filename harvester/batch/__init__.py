"""The batch path: a crawl cleaned and deduplicated on a Dask cluster, written as Parquet.

``run_batch`` over a ``distributed.Client`` (``dask_client`` makes one); the stages are in
``shards`` (inputs), ``clean`` (one task per shard), ``dedup`` (distributed linking) and
``parquet`` (the rows and atomic writes); ``load`` reads an output back.
"""

from harvester.batch.cluster import dask_client
from harvester.batch.run import BatchReport, run_batch

__all__ = ["BatchReport", "dask_client", "run_batch"]
