"""The raw page every harvested document was cleaned from (``raw_pages``), for ``reclean``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from harvester.model import Page
from harvester.store.connection import Connection


class RawPages:
    def __init__(self, db: Connection):
        self.conn = db.conn

    def save(self, doc_id: int, page: Page) -> None:
        """zstd-compressed: news HTML shrinks ~6x."""
        import zstandard

        body = zstandard.ZstdCompressor(level=3).compress(page.data)
        self.conn.execute(
            "INSERT OR REPLACE INTO raw_pages (document_id, source, url, headers, fetched_at, "
            "compression, body) VALUES (?, ?, ?, ?, ?, 'zstd', ?)",
            (doc_id, page.source, page.url, json.dumps(page.headers), page.fetched_at, body))

    def all(self) -> Iterator[tuple[int, Page]]:
        import zstandard

        decompressor = zstandard.ZstdDecompressor()
        last = 0
        while True:  # in batches, so the cursor is not held open across writes
            rows = self.conn.execute(
                "SELECT document_id, source, url, headers, fetched_at, compression, body "
                "FROM raw_pages WHERE document_id > ? ORDER BY document_id LIMIT 100",
                (last,)).fetchall()
            if not rows:
                return
            for doc_id, source, url, headers, fetched_at, compression, body in rows:
                if compression != "zstd":
                    raise ValueError(f"raw page {doc_id}: unknown compression {compression!r}")
                data = decompressor.decompress(body)
                yield doc_id, Page(data=data, source=source, url=url,
                                   headers=json.loads(headers or "{}"), fetched_at=fetched_at)
                last = doc_id
