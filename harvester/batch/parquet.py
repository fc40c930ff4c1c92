"""The Parquet shape of documents (the corpus' columns, ids as strings) and atomic writes.

The same rows ``harvester batch`` writes to ``documents/part-*.parquet`` and
``harvester export --format parquet`` writes from a corpus.
"""

from __future__ import annotations

import hashlib
import json
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from harvester.model import Document, Failure

DOCUMENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("url", pa.string()), ("source", pa.string()), ("site", pa.string()),
    ("title", pa.string()), ("author", pa.string()), ("published", pa.string()),
    ("description", pa.string()), ("tags", pa.string()), ("language", pa.string()),
    ("text", pa.string()), ("comments", pa.string()), ("canonical_url", pa.string()),
    ("word_count", pa.int64()),
    ("content_hash", pa.string()),
    ("duplicate_of", pa.string()), ("story_id", pa.string()), ("removed", pa.string()),
    ("fetched_at", pa.string()),
])
DOCUMENT_COLUMNS = DOCUMENT_SCHEMA.names

# A cleaned shard before linking: the documents with their place in the shard and the keys the
# distributed dedup stages shuffle on.
SHARD_SCHEMA = DOCUMENT_SCHEMA.append(pa.field("position", pa.int64())) \
    .append(pa.field("band_keys", pa.list_(pa.int64()))) \
    .append(pa.field("story_keys", pa.list_(pa.int64()))) \
    .append(pa.field("contained_keys", pa.list_(pa.int64()))) \
    .append(pa.field("credited", pa.bool_()))

FAILURE_SCHEMA = pa.schema([("source", pa.string()), ("reason", pa.string()),
                            ("detail", pa.string()), ("url", pa.string())])


def document_id(source: str, content_hash: str) -> str:
    """The same input gives the same id on every run and every cluster."""
    digest = hashlib.blake2b(f"{source}\0{content_hash}".encode(), digest_size=12)
    return digest.hexdigest()


def document_row(doc: Document, *, doc_id: str, content_hash: str, word_count: int) -> dict:
    """A document as the corpus stores it (tags and removed lines as JSON text)."""
    return {
        "id": doc_id, "url": doc.url, "source": doc.source, "site": doc.site,
        "title": doc.title, "author": doc.author, "published": doc.date,
        "description": doc.description, "tags": json.dumps(doc.tags, ensure_ascii=False),
        "language": doc.language, "text": doc.text, "comments": doc.comments or None,
        "canonical_url": doc.canonical_url,
        "word_count": word_count,
        "content_hash": content_hash, "duplicate_of": None, "story_id": None,
        "removed": json.dumps([{"line": ln.text, "reason": ln.reason} for ln in doc.removed],
                              ensure_ascii=False),
        "fetched_at": doc.fetched_at,
    }


def failure_row(failure: Failure) -> dict:
    return {"source": failure.source, "reason": failure.reason, "detail": failure.detail,
            "url": failure.url}


def write_atomic(fs, path: str, table: pa.Table) -> None:
    """Write a Parquet file under a temporary name and rename it into place, so a reader (or a
    rerun looking for finished shards) never sees half a file."""
    folder, _, name = path.rpartition("/")
    temporary = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
    try:
        with fs.open(temporary, "wb") as handle:
            pq.write_table(table, handle, compression="zstd")
    except BaseException:
        fs.rm(temporary) if fs.exists(temporary) else None
        raise
    fs.mv(temporary, path)


def read_table(fs, path: str, columns: list[str] | None = None) -> pa.Table:
    with fs.open(path, "rb") as handle:
        return pq.read_table(handle, columns=columns)
