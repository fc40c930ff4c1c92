"""The clean stage: one task per shard, run on the worker that reads the shard.

The same loader, cleaner, limits and failure reasons as ``harvester clean``: the pages go
through the worker's ``WorkerPool`` (``harvester.batch.pool``: per-page time and memory caps);
each document becomes its row, with its sketch (``dedup.sketch``), its story keys and its line
keys, in the cleaning process that made it (``clean_and_sketch``), so the Dask worker's own
process only reads and writes, and the dedup stages only move keys. A shard's result is three
Parquet files under ``shards/``, written atomically: the documents, the failures, and each
document's line keys for site-wide boilerplate (``batch.sites``). A shard whose files exist
is not cleaned again (a rerun resumes). ``reclean_shard`` cleans again the pages a site
table changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

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
from harvester.model import Failure, Page

# Per document: the site its page's URL names (whose table the cleaner is given), the keys
# of its lines (what it teaches its site) and the table keys its text was cleaned with.
LINES_SCHEMA = pa.schema([("position", pa.int64()), ("lookup_site", pa.string()),
                          ("line_keys", pa.list_(pa.int64())),
                          ("applied", pa.list_(pa.int64()))])


@dataclass(frozen=True)
class ShardPaths:
    """Where a shard's cleaned documents and failures go under the output folder."""

    out: str  # the output folder: an absolute path or an fsspec URL

    def documents(self, shard_key: str) -> str:
        return f"{self.out}/shards/{shard_key}.parquet"

    def failures(self, shard_key: str) -> str:
        return f"{self.out}/shards/{shard_key}.failures.parquet"

    def lines(self, shard_key: str) -> str:
        return f"{self.out}/shards/{shard_key}.lines.parquet"

    def part(self, shard_key: str) -> str:
        return f"{self.out}/documents/part-{shard_key}.parquet"


def _is_done(fs, paths: ShardPaths, key: str) -> bool:
    return all(fs.exists(p) for p in (paths.documents(key), paths.failures(key),
                                      paths.lines(key)))


def clean_shard(shard: Shard, out: str) -> dict:
    """Clean one shard into its files (unless there already), with no site table yet;
    returns its counts."""
    import fsspec

    from harvester.batch import whole

    fs, _root = fsspec.core.url_to_fs(out)
    paths = ShardPaths(out)
    if _is_done(fs, paths, shard.key):
        return _counts_of(fs, paths, shard, skipped=True)
    counts, by_page = whole.run(_clean_files, shard, out)
    return {**counts, "by_page": by_page}


def reclean_shard(shard: Shard, out: str, tables: dict[int, list[int]]) -> int:
    """Clean again the pages at ``tables``' positions, each with its site's boilerplate keys
    among the page's lines (``batch.sites``). Returns how many pages were cleaned again."""
    from harvester.batch import whole

    return whole.run(_reclean_files, shard, out, tables)[0]


def _clean_files(shard: Shard, out: str, *, cleaned: Callable) -> dict:
    import fsspec

    fs, _root = fsspec.core.url_to_fs(out)
    jobs = ((position, item) for position, item in enumerate(shard_pages(shard)))
    rows, failures, lines = [], [], []
    for position, _page, result in cleaned(jobs, {}):
        _add(position, result, (), rows, failures, lines)
    _write(fs, ShardPaths(out), shard.key, rows, failures, lines)
    return {"shard": shard.key, "documents": len(rows), "failed": len(failures),
            "skipped": False}


def _reclean_files(shard: Shard, out: str, tables: dict[int, list[int]], *,
                   cleaned: Callable) -> int:
    import fsspec

    fs, _root = fsspec.core.url_to_fs(out)
    paths = ShardPaths(out)
    rows = {r["position"]: r for r in read_table(fs, paths.documents(shard.key)).to_pylist()}
    lines = {r["position"]: r for r in read_table(fs, paths.lines(shard.key)).to_pylist()}
    failures = read_table(fs, paths.failures(shard.key)).to_pylist()
    jobs = ((position, item) for position, item in enumerate(shard_pages(shard))
            if position in tables and position in rows)
    redone = 0
    for position, _page, result in cleaned(jobs, tables):
        del rows[position], lines[position]
        new_rows, new_lines = [], []
        _add(position, result, tables[position], new_rows, failures, new_lines)
        rows.update((r["position"], r) for r in new_rows)
        lines.update((r["position"], r) for r in new_lines)
        redone += 1
    _write(fs, paths, shard.key, [rows[p] for p in sorted(rows)], failures,
           [lines[p] for p in sorted(lines)])
    return redone


def boilerplate_of(page: Page, table: list[int] | None):
    """The site table a page is cleaned with (``None``: none yet)."""
    from harvester.clean import site_of
    from harvester.clean.sitewide import SiteBoilerplate

    if table is None:
        return None
    return SiteBoilerplate(site_of(page.url) or "", frozenset(table))


def cleaned_by_pool(jobs: Iterator[tuple[int, Page | Failure]], tables: dict[int, list[int]]
                    ) -> Iterator[tuple[int, Page | Failure, Row | Failure]]:
    """Each job's result from the worker's pool, page by page, each page with its site table
    if any."""
    from harvester.batch.pool import worker_pool

    table_of: dict[int, object] = {}

    def tagged():
        for position, item in jobs:
            if position in tables:
                table_of[id(item)] = boilerplate_of(item, tables[position])
            yield position, item

    def boilerplate_for(page: Page):
        return table_of.get(id(page))

    # A page's entry goes once its result is out (the pool may ask for it again until then).
    for position, item, result in worker_pool().clean(tagged(), boilerplate_for):
        table_of.pop(id(item), None)
        yield position, item, result


@dataclass(frozen=True)
class Row:
    """A cleaned document as its shard stores it, made in the cleaning process: the row (the
    corpus' columns and the keys the dedup stages shuffle on, all but its place in the shard),
    and what site learning needs of it."""

    row: dict
    lookup_site: str | None  # the site its URL names (whose table the cleaner is given)
    line_keys: list[int]  # the keys of its lines (``sitewide.learnable_keys``), sorted


@cache
def _signals():
    # Loaded once per cleaning process: the stoplists take longer to build than a page.
    from harvester.dedup import StorySignals

    return StorySignals.with_stoplists()


def clean_and_sketch(page: Page, boilerplate=None, *, cleaner: Callable) -> Row | Failure:
    """``cleaner``'s result as its shard's row, with its sketch, story and line keys, made here
    in the cleaning process: in the Dask worker's process this work would compete with its
    cleaning process for the same cores (a cluster of N workers would need more than N), and
    a row of plain values crosses the pipe for less than the document with its line records."""
    from harvester.clean import site_of
    from harvester.clean.sitewide import learnable_keys
    from harvester.dedup import sketch
    from harvester.dedup.original import credits_another

    doc = cleaner(page, boilerplate)
    if isinstance(doc, Failure):
        return doc
    doc_sketch = sketch(doc.text, _signals())
    row = document_row(doc, doc_id=document_id(doc.source, doc_sketch.content_hash),
                       content_hash=doc_sketch.content_hash, word_count=doc_sketch.word_count)
    row.update(band_keys=doc_sketch.band_keys, story_keys=doc_sketch.story_keys,
               contained_keys=doc_sketch.contained_keys, credited=credits_another(doc.text))
    return Row(row, site_of(page.url), sorted(learnable_keys([ln.text for ln in doc.lines])))


def _add(position: int, result: Row | Failure, applied, rows: list, failures: list,
         lines: list) -> None:
    """A result as a document row and its line keys, or as a failure row."""
    if isinstance(result, Failure):
        failures.append(failure_row(result))
        return
    rows.append({**result.row, "position": position})
    lines.append({"position": position, "lookup_site": result.lookup_site,
                  "line_keys": result.line_keys, "applied": sorted(applied)})


def _write(fs, paths: ShardPaths, key: str, rows: list, failures: list, lines: list) -> None:
    fs.makedirs(f"{paths.out}/shards", exist_ok=True)
    # The documents last: with the other two, they mark the shard done.
    write_atomic(fs, paths.lines(key), pa.Table.from_pylist(lines, LINES_SCHEMA))
    write_atomic(fs, paths.failures(key), pa.Table.from_pylist(failures, FAILURE_SCHEMA))
    write_atomic(fs, paths.documents(key), pa.Table.from_pylist(rows, SHARD_SCHEMA))


def clean_guarded(page, boilerplate=None, comments: bool = False) -> object:
    """``clean_one`` in the task's thread (a pool of no processes), with an unexpected error
    on one page recorded as the pool records it (``clean_error``), so it does not fail the
    shard's other pages."""
    from harvester.run.workers import clean_one, error_failure

    try:
        return clean_one(page, boilerplate, comments=comments)
    except Exception as exc:  # a bug on one page must not stop the shard
        return error_failure(page, exc)


def _counts_of(fs, paths: ShardPaths, shard: Shard, *, skipped: bool) -> dict:
    documents = read_table(fs, paths.documents(shard.key), ["id"]).num_rows
    failed = read_table(fs, paths.failures(shard.key), ["reason"]).num_rows
    return {"shard": shard.key, "documents": documents, "failed": failed, "skipped": skipped,
            "by_page": False}
