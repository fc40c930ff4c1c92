"""Reading the corpus out as datasets and loading a batch output in: documents by id in
batches (``export``), their raw pages, and rows stored as they are (``import``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from harvester.errors import HarvesterError
from harvester.model import Page
from harvester.store.connection import Connection

# The columns a batch output's row brings (the rest: the corpus' own, or links set afterwards).
_IMPORTED = ("url", "source", "site", "title", "author", "published", "description", "tags",
             "language", "text", "comments", "canonical_url", "word_count", "content_hash",
             "removed", "fetched_at", "added_at")


class Exports:
    def __init__(self, db: Connection):
        self.db = db
        self.conn = db.conn

    def where(self, where: str | None) -> str:
        """A user's SQL condition on ``documents``, checked by SQLite before any row is read."""
        if not where:
            return "1"
        try:
            self.conn.execute(f"SELECT 1 FROM documents WHERE ({where}) LIMIT 0")
        except sqlite3.Error as exc:
            raise HarvesterError(f"--where {where!r}: {exc}", reason="bad_where") from exc
        return f"({where})"

    def count(self, where: str | None) -> int:
        return self.conn.execute(
            f"SELECT count(*) FROM documents WHERE {self.where(where)}").fetchone()[0]

    def rows(self, where: str | None, batch: int) -> Iterator[dict]:
        """Read ``batch`` rows at a time: no cursor held open, memory bounded by one batch."""
        condition = self.where(where)
        last = 0
        while True:
            cursor = self.conn.execute(f"SELECT * FROM documents WHERE {condition} AND id > ? "
                                       "ORDER BY id LIMIT ?", (last, batch))
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if not rows:
                return
            for row in rows:
                yield dict(zip(names, row))
            last = rows[-1][0]

    def raw_pages(self, where: str | None, batch: int) -> Iterator[tuple[dict, Page]]:
        import zstandard

        condition = self.where(where)
        decompressor = zstandard.ZstdDecompressor()
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT r.document_id, r.source, r.url, r.headers, r.fetched_at, r.compression, "
                "r.body, d.url, d.fetched_at, d.added_at FROM raw_pages r JOIN documents d "
                f"ON d.id = r.document_id WHERE {condition} AND r.document_id > ? "
                "ORDER BY r.document_id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for (doc_id, source, url, headers, fetched_at, compression, body, doc_url,
                 doc_fetched, added_at) in rows:
                if compression != "zstd":
                    raise ValueError(f"raw page {doc_id}: unknown compression {compression!r}")
                page = Page(data=decompressor.decompress(body), source=source,
                            url=url or doc_url, headers=json.loads(headers or "{}"),
                            fetched_at=fetched_at or doc_fetched)
                yield {"id": doc_id, "added_at": added_at}, page
            last = rows[-1][0]

    def import_row(self, row: dict) -> tuple[int, bool]:
        found = self.conn.execute("SELECT id FROM documents WHERE content_hash = ? AND "
                                  "source = ?", (row["content_hash"], row["source"])).fetchone()
        if found:
            return found[0], False
        values = {**row, "added_at": row.get("added_at") or self.db.now()}
        if self.db.in_transaction:
            self.db.defer_indexing()
        cursor = self.conn.execute(
            f"INSERT INTO documents ({', '.join(_IMPORTED)}) VALUES "
            f"({', '.join('?' for _ in _IMPORTED)})", tuple(values.get(c) for c in _IMPORTED))
        return cursor.lastrowid, True
