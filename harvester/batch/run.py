"""A batch run: shards cleaned on the cluster, linked by the dedup stages, written as parts.

Output layout under ``out``:

- ``documents/part-<shard>.parquet``: one row per document, the corpus' columns;
- ``failures.parquet``: one row per input that gave no document (``source``, ``reason``,
  ``detail``, ``url``);
- ``manifest.json``: counts, settings and the inputs;
- ``shards/``: the cleaned shards before linking (what a rerun resumes from).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from harvester.batch import pool
from harvester.batch.clean import ShardPaths, clean_shard, reclean_shard
from harvester.batch.cluster import check_workers
from harvester.batch.dedup import find_links
from harvester.batch.parquet import (
    DOCUMENT_COLUMNS,
    DOCUMENT_SCHEMA,
    FAILURE_SCHEMA,
    failure_row,
    read_table,
    write_atomic,
)
from harvester.batch.shards import Shard, find_shards
from harvester.batch.sites import MAX_ROUNDS, site_tables
from harvester.config import CleanSettings
from harvester.dedup import DedupSettings, index_parameters
from harvester.model import Failure
from harvester.wording import plural

MANIFEST_VERSION = 1


@dataclass
class BatchReport:
    counts: Counter = field(default_factory=Counter)
    manifest: dict = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def summary(self) -> str:
        c = self.counts
        return (f"{plural(c['shards'], 'shard')} ({c['shards_skipped']} already cleaned): "
                f"{plural(c['documents'], 'document')}, {c['duplicates']} linked to their "
                f"original, {plural(c['stories'], 'story', 'stories')} of several documents, "
                f"{plural(c['unchanged'], 'repeat')} left out, {c['failed']} failed")


def write_part(shard_key: str, out: str, duplicate_of: dict[str, str], story_id: dict[str, str],
               leave_out: set[str]) -> int:
    """A shard's documents with their links, as ``documents/part-<shard>.parquet``."""
    import fsspec

    fs, _ = fsspec.core.url_to_fs(out)
    paths = ShardPaths(out)
    rows = []
    for row in read_table(fs, paths.documents(shard_key), DOCUMENT_COLUMNS).to_pylist():
        if row["id"] in leave_out:
            continue
        row["duplicate_of"] = duplicate_of.get(row["id"])
        row["story_id"] = story_id.get(row["id"], row["id"])
        rows.append(row)
    fs.makedirs(f"{out}/documents", exist_ok=True)
    write_atomic(fs, paths.part(shard_key), pa.Table.from_pylist(rows, DOCUMENT_SCHEMA))
    return len(rows)


def _clean_all(client, shards: list[Shard], out: str, retries: int, progress
               ) -> tuple[list[dict], list[Failure]]:
    futures = client.map(clean_shard, shards, out=out, retries=retries, pure=False,
                         key=[f"clean-{shard.key}" for shard in shards])
    if progress:
        progress(futures)
    done, failed = [], []
    for shard, future in zip(shards, futures):
        error = future.exception()
        if error is None:
            done.append(future.result())
        else:  # retried by Dask and failed every time: record it, link the rest
            failed.append(_shard_failure(shard, error))
    return done, failed


def run_batch(inputs: list[str], out: str, client, *, dedup: DedupSettings | None = None,
              clean: CleanSettings | None = None, retries: int = 2,
              progress: Callable | None = None, cleaner: Callable | None = None
              ) -> BatchReport:
    """Clean, link and write ``inputs`` under ``out`` on the cluster behind ``client``.

    ``clean``: the page limits (``timeout``, ``memory_mb``) and ``comments`` of ``clean``;
    ``workers=0`` cleans in the tasks' threads, without limits. ``cleaner`` replaces
    ``clean_one`` (it must be importable on the workers)."""
    import fsspec

    dedup = dedup or DedupSettings()
    clean = clean or CleanSettings()
    out = _absolute(out)
    fs, _ = fsspec.core.url_to_fs(out)
    fs.makedirs(out, exist_ok=True)
    if clean.workers:
        check_workers(client)
    pool.register(client, clean, cleaner)
    clock = _Clock()
    shards, missing = find_shards(inputs)
    cleaned, shard_failures = _clean_all(client, shards, out, retries, progress)
    clock.lap("clean")
    done = {c["shard"] for c in cleaned}
    live = [s for s in shards if s.key in done]
    links, rounds = _settle(client, live, out, dedup, retries, shard_failures, clock)
    live = [s for s in live if s.source not in {f.source for f in shard_failures}]
    written, failures = _write_outputs(client, live, out, links, missing + shard_failures,
                                       retries)
    clock.lap("write")
    report = BatchReport(seconds=clock.seconds)
    duplicate_of, story_id, _shard_of, unchanged = links
    report.counts.update(shards=len(shards), shards_skipped=sum(c["skipped"] for c in cleaned),
                         shards_by_page=sum(c["by_page"] for c in cleaned),
                         documents=written, duplicates=len(duplicate_of),
                         stories=len({r for d, r in story_id.items() if d != r}),
                         unchanged=len(unchanged), failed=len(failures),
                         site_rounds=rounds.count, recleaned=rounds.pages)
    report.counts.update(f"failed:{f['reason']}" for f in failures)
    report.manifest = _manifest(report.counts, inputs, dedup, clean)
    report.manifest.update(site_settled=rounds.settled, seconds=report.seconds)
    _write_json(fs, f"{out}/manifest.json", report.manifest)
    return report


def _write_outputs(client, shards: list[Shard], out: str, links: tuple,
                   extra_failures: list[Failure], retries: int) -> tuple[int, list[dict]]:
    """Each shard's part with its links, then the failures; (documents written, failures)."""
    import fsspec

    fs, _ = fsspec.core.url_to_fs(out)
    shard_files = _shard_files(shards, out)
    keys = [key for _, key, _ in shard_files]
    by_shard = _links_by_shard(*links, shard_files)
    written = client.gather(client.map(write_part, keys, [out] * len(keys),
                                       [by_shard[k][0] for k in keys],
                                       [by_shard[k][1] for k in keys],
                                       [by_shard[k][2] for k in keys],
                                       retries=retries, pure=False))
    paths = ShardPaths(out)
    _remove_stale_parts(fs, paths, set(keys))
    return sum(written), _write_failures(fs, out, paths, keys, extra_failures)


class _Clock:
    """Wall time of each stage, added up when a stage comes back (dedup, sites)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now


@dataclass
class _Rounds:
    count: int = 0  # rounds that cleaned pages again with their site's table
    pages: int = 0  # pages cleaned again, over all rounds
    settled: bool = True  # False: MAX_ROUNDS ran out before the tables stopped changing


def _shard_files(shards: list[Shard], out: str) -> list[tuple[int, str, str]]:
    paths = ShardPaths(out)
    return [(s.index, s.key, paths.documents(s.key)) for s in shards]


def _settle(client, shards: list[Shard], out: str, dedup: DedupSettings, retries: int,
            failed: list[Failure], clock: _Clock) -> tuple[tuple, _Rounds]:
    """Link, give each page its site's table, clean again what it changes; until settled.
    Returns the last links and what the rounds did; a shard whose cleaning again fails every
    time joins ``failed``."""
    rounds = _Rounds()
    while True:
        shard_files = _shard_files(shards, out)
        links = find_links(client, shard_files, dedup, retries)
        clock.lap("dedup")
        tables = site_tables(client, shard_files, out, links[0], retries)
        clock.lap("sites")
        if not tables:
            return links, rounds
        if rounds.count == MAX_ROUNDS:
            rounds.settled = False
            return links, rounds
        again = [s for s in shards if s.key in tables]
        futures = client.map(reclean_shard, again, [out] * len(again),
                             [tables[s.key] for s in again], retries=retries, pure=False)
        for shard, future in zip(again, futures):
            if future.exception() is None:
                rounds.pages += future.result()
            else:
                failed.append(_shard_failure(shard, future.exception()))
                shards = [s for s in shards if s is not shard]
        rounds.count += 1
        clock.lap("clean")


def _shard_failure(shard: Shard, error: BaseException) -> Failure:
    return Failure(shard.source, "shard_failed",
                   f"the shard failed on the cluster: {type(error).__name__}: {error}")


def _links_by_shard(duplicate_of: dict, story_id: dict, shard_of: dict, unchanged: list,
                    shard_files: list) -> dict[str, list]:
    """For each shard key: [its documents' duplicate_of, their story_id, repeats to leave out],
    so each part's task gets only its own links."""
    by_shard: dict[str, list] = defaultdict(lambda: [{}, {}, set()])
    key_of_path = {path: key for _, key, path in shard_files}
    for doc, root in duplicate_of.items():
        by_shard[key_of_path[shard_of[doc]]][0][doc] = root
    for doc, root in story_id.items():
        by_shard[key_of_path[shard_of[doc]]][1][doc] = root
    for doc, path in unchanged:
        by_shard[key_of_path[path]][2].add(doc)
    return by_shard


def _absolute(out: str) -> str:
    if "://" in out:
        return out.rstrip("/")
    from pathlib import Path

    return str(Path(out).expanduser().absolute())


def _remove_stale_parts(fs, paths: ShardPaths, keys: set[str]) -> None:
    """Parts of shards this run did not have would link to documents it does not know."""
    wanted = {paths.part(key).rpartition("/")[2] for key in keys}
    for path in fs.glob(f"{paths.out}/documents/part-*.parquet"):
        if path.rpartition("/")[2] not in wanted:
            fs.rm(path)


def _write_failures(fs, out: str, paths: ShardPaths, keys: list[str],
                    extra: list[Failure]) -> list[dict]:
    rows = [failure_row(f) for f in extra]
    for key in keys:
        rows.extend(read_table(fs, paths.failures(key)).to_pylist())
    write_atomic(fs, f"{out}/failures.parquet", pa.Table.from_pylist(rows, FAILURE_SCHEMA))
    return rows


def _manifest(counts: Counter, inputs: list[str], dedup: DedupSettings,
              clean: CleanSettings) -> dict:
    from harvester import __version__

    return {"manifest_version": MANIFEST_VERSION, "harvester": __version__,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "inputs": list(inputs), "counts": dict(sorted(counts.items())),
            "dedup": dedup.as_dict(), "index": index_parameters(),
            "clean": {"timeout": clean.timeout, "memory_mb": clean.memory_mb,
                      "comments": clean.comments, "limits": bool(clean.workers)}}


def _write_json(fs, path: str, value: dict) -> None:
    temporary = path + ".tmp"
    fs.pipe(temporary, json.dumps(value, indent=2, sort_keys=True).encode("utf-8"))
    fs.mv(temporary, path)
