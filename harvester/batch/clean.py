"""The clean stage: one task per shard, run on the worker that reads the shard.

The same loader, cleaner and failure reasons as ``harvester clean`` (``pipeline.clean_pages``,
``pipeline.clean_one``); each document gets its sketch (``dedup.sketch``) and its story keys
here, where its text is, so the dedup stages only move keys. A shard's result is two Parquet
files under ``shards/``, written atomically: the documents and the failures. A shard whose
files exist is not cleaned again (a rerun resumes).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from harvester.batch.parquet import (
    FAILURE_SCHEMA,
    SHARD_SCHEMA,
    document_id,
    document_row,
    failure_row,
    read_table,
    write_atomic,
)
from harvester.batch.shards import Shard, shard_pages
from harvester.model import Failure


@dataclass(frozen=True)
class ShardPaths:
    """Where a shard's cleaned documents and failures go under the output folder."""

    out: str  # the output folder: an absolute path or an fsspec URL

    def documents(self, shard_key: str) -> str:
        return f"{self.out}/shards/{shard_key}.parquet"

    def failures(self, shard_key: str) -> str:
        return f"{self.out}/shards/{shard_key}.failures.parquet"

    def part(self, shard_key: str) -> str:
        return f"{self.out}/documents/part-{shard_key}.parquet"


def clean_shard(shard: Shard, out: str) -> dict:
    """Clean one shard into its two files (unless there already); returns its counts."""
    import fsspec

    from harvester.config import CleanSettings
    from harvester.run.workers import clean_pages

    fs, _root = fsspec.core.url_to_fs(out)
    paths = ShardPaths(out)
    if fs.exists(paths.documents(shard.key)) and fs.exists(paths.failures(shard.key)):
        return _counts_of(fs, paths, shard, skipped=True)
    from harvester.dedup import StorySignals, sketch
    from harvester.dedup.original import credits_another

    signals = StorySignals.with_stoplists()
    rows: list[dict] = []
    failures: list[dict] = []
    # In this process: the Dask worker is the unit of parallelism (and of retry).
    for _page, result in clean_pages(shard_pages(shard), CleanSettings(workers=0),
                                     cleaner=clean_guarded):
        if isinstance(result, Failure):
            failures.append(failure_row(result))
            continue
        doc_sketch = sketch(result.text, signals)
        row = document_row(result, doc_id=document_id(result.source, doc_sketch.content_hash),
                           content_hash=doc_sketch.content_hash,
                           word_count=doc_sketch.word_count)
        row.update(position=len(rows) + len(failures), band_keys=doc_sketch.band_keys,
                   story_keys=doc_sketch.story_keys, contained_keys=doc_sketch.contained_keys,
                   credited=credits_another(result.text))
        rows.append(row)
    fs.makedirs(f"{out}/shards", exist_ok=True)
    # Failures first: the documents file is what marks the shard done.
    write_atomic(fs, paths.failures(shard.key), pa.Table.from_pylist(failures, FAILURE_SCHEMA))
    write_atomic(fs, paths.documents(shard.key), pa.Table.from_pylist(rows, SHARD_SCHEMA))
    return {"shard": shard.key, "documents": len(rows), "failed": len(failures),
            "skipped": False}


def clean_guarded(page, boilerplate=None) -> object:
    """``clean_one``, with an unexpected error on one page recorded as ``clean`` records it in
    its worker pool (``clean_error``), so it does not fail the shard's other pages."""
    from harvester.run.workers import clean_one

    try:
        return clean_one(page, boilerplate)
    except Exception as exc:  # a bug on one page must not stop the shard
        return Failure(page.source, "clean_error",
                       f"unexpected error while cleaning: {type(exc).__name__}: {exc}",
                       url=page.url)


def _counts_of(fs, paths: ShardPaths, shard: Shard, *, skipped: bool) -> dict:
    documents = read_table(fs, paths.documents(shard.key), ["id"]).num_rows
    failed = read_table(fs, paths.failures(shard.key), ["reason"]).num_rows
    return {"shard": shard.key, "documents": documents, "failed": failed, "skipped": skipped}
