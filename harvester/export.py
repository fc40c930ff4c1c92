"""``harvester export``: the corpus as a dataset, streamed a batch of rows at a time.

- ``jsonl``: the dolma / datatrove document shape: ``id``, ``text``, ``source``, ``added``,
  ``created`` (publication date) and ``metadata`` holding every other column (links included);
- ``parquet``: the rows ``harvester batch`` writes (``batch.parquet.DOCUMENT_SCHEMA``);
- ``warc``: the kept raw pages as WARC response records with their URL and fetch time (pages
  cleaned from files, which have no URL, as resource records named by their path); gzipped
  per record when the file name ends in ``.gz``.

Memory stays that of one batch of rows whatever the size of the corpus.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

FORMATS = ("jsonl", "parquet", "warc")
BATCH_ROWS = 1000
_LINKS = ("duplicate_of", "story_id")
_JSON_COLUMNS = ("tags", "removed")


def _id(value) -> str | None:
    return None if value is None else str(value)


def dataset_row(row: dict) -> dict:
    """A corpus row with string ids, the shape of ``batch``'s Parquet parts."""
    from harvester.batch.parquet import DOCUMENT_COLUMNS

    out = {column: row.get(column) for column in DOCUMENT_COLUMNS}
    out["id"] = _id(row["id"])
    for link in _LINKS:
        out[link] = _id(row.get(link))
    return out


def dolma_record(row: dict) -> dict:
    """One document in the dolma / datatrove shape."""
    metadata = {key: value for key, value in dataset_row(row).items()
                if key not in ("id", "text", "source", "published")}
    for column in _JSON_COLUMNS:
        metadata[column] = json.loads(metadata[column]) if metadata.get(column) else []
    return {"id": _id(row["id"]), "text": row["text"], "source": row["source"],
            "added": row.get("added_at"), "created": row.get("published"),
            "metadata": metadata}


def _write_jsonl(rows: Iterator[dict], out: Path, advance) -> int:
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(dolma_record(row), ensure_ascii=False) + "\n")
            written += 1
            advance()
    return written


def _write_parquet(rows: Iterator[dict], out: Path, advance) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from harvester.batch.parquet import DOCUMENT_SCHEMA

    written = 0
    with pq.ParquetWriter(out, DOCUMENT_SCHEMA, compression="zstd") as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(dataset_row(row))
            advance()
            if len(batch) == BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, DOCUMENT_SCHEMA))
                written, batch = written + len(batch), []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, DOCUMENT_SCHEMA))
            written += len(batch)
    return written


def _warc_date(value: str | None) -> str:
    """WARC-Date wants UTC with a Z; stored times are ISO 8601 with an offset, or none."""
    if not value:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _content_type(page) -> str:
    given = {k.lower(): v for k, v in page.headers.items()}.get("content-type")
    if given:
        return given
    return "text/html" if page.data.lstrip()[:1] == b"<" else "text/plain; charset=utf-8"


def _write_warc(pages: Iterator, out: Path, advance, gzipped: bool) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    written = 0
    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for doc, page in pages:
            headers = {"WARC-Date": _warc_date(page.fetched_at or doc["added_at"]),
                       "WARC-Harvester-Document": str(doc["id"])}
            if page.url and page.url.startswith(("http://", "https://")):
                http = StatusAndHeaders("200 OK", [("Content-Type", _content_type(page))],
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(page.url, "response",
                                                   payload=io.BytesIO(page.data),
                                                   http_headers=http, warc_headers_dict=headers)
            else:  # a page saved as a file: no HTTP exchange, a resource named by its path
                uri = Path(page.source.split("#")[0]).absolute().as_uri()
                headers["Content-Type"] = _content_type(page)
                record = writer.create_warc_record(uri, "resource",
                                                   payload=io.BytesIO(page.data),
                                                   warc_headers_dict=headers)
            writer.write_record(record)
            written += 1
            advance()
    return written


def export(corpus, fmt: str, out: str | Path, *, where: str | None = None,
           on_progress: Callable[[], None] | None = None) -> int:
    """Write the documents matching ``where`` (SQL on ``documents``) to ``out`` as ``fmt``;
    returns how many were written. The file appears complete or not at all."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    advance = on_progress or (lambda: None)
    try:
        if fmt == "warc":
            written = _write_warc(corpus.export_raw_pages(where), temporary, advance,
                                  gzipped=out.name.endswith(".gz"))
        else:
            write = _write_jsonl if fmt == "jsonl" else _write_parquet
            written = write(corpus.export_rows(where, BATCH_ROWS), temporary, advance)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    temporary.replace(out)
    return written
