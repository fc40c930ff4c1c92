"""The ``documents`` table: storing, replacing, reading and searching clean documents."""

from __future__ import annotations

import json
from typing import NamedTuple

from harvester.model import Document
from harvester.store.connection import Connection

# ``Documents.arrival``: (0, the row holding the text from this source), (1, the first row
# holding the text), (2, the next document id).
_ARRIVAL = ("SELECT 0, id FROM documents WHERE content_hash = ? AND source = ? UNION ALL "
            "SELECT 1, * FROM (SELECT id FROM documents WHERE content_hash = ? ORDER BY id "
            "LIMIT 1) UNION ALL SELECT 2, coalesce(max(id), 0) + 1 FROM documents")


class Arrival(NamedTuple):
    """Where a text stands before it is stored (the caller holds the write transaction)."""

    same_source: int | None  # the row already holding this text from this source
    first_copy: int | None  # the first row holding this text, from any source
    next_id: int  # the id the next inserted document gets


def removed_json(doc: Document) -> str:
    """The lines the cleaner removed, with their reasons, as the ``removed`` column holds them."""
    removed = doc.removed
    if not removed:
        return "[]"
    return json.dumps([{"line": ln.text, "reason": ln.reason} for ln in removed],
                      ensure_ascii=False)


class Documents:
    def __init__(self, db: Connection):
        self.db = db
        self.conn = db.conn

    def arrival(self, source: str, content_hash: str) -> Arrival:
        """One statement for the three look-ups, faster than three on the dedup benchmark
        (docs/storage.md)."""
        found = dict(self.conn.execute(_ARRIVAL, (content_hash, source, content_hash)).fetchall())
        return Arrival(found.get(0), found.get(1), found[2])

    def insert(self, doc: Document, *, content_hash: str, duplicate_of: int | None,
               story_id: int | None, word_count: int | None) -> int:
        row = {
            "url": doc.url,
            "source": doc.source,
            "site": doc.site,
            "title": doc.title,
            "author": doc.author,
            "published": doc.date,
            "description": doc.description,
            "tags": json.dumps(doc.tags, ensure_ascii=False) if doc.tags else "[]",
            "language": doc.language,
            "text": doc.text,
            "comments": doc.comments or None,
            "canonical_url": doc.canonical_url,
            "word_count": doc.word_count if word_count is None else word_count,
            "content_hash": content_hash,
            "duplicate_of": duplicate_of,
            "story_id": story_id,
            "added_at": self.db.now(),
            "fetched_at": doc.fetched_at,
            "removed": removed_json(doc),
        }
        if self.db.in_transaction:  # indexed for full-text search when the transaction ends
            self.db.defer_indexing()
        sql = self.db.statement(("insert", *row), lambda: "INSERT INTO documents ({}) VALUES "
                                "({})".format(", ".join(row), ", ".join("?" for _ in row)))
        return self.conn.execute(sql, tuple(row.values())).lastrowid

    def replace(self, doc_id: int, doc: Document, *, content_hash: str) -> None:
        self.conn.execute(
            "UPDATE documents SET url = ?, site = ?, title = ?, author = ?, published = ?, "
            "description = ?, tags = ?, language = ?, text = ?, comments = ?, word_count = ?, "
            "content_hash = ?, removed = ?, canonical_url = ? WHERE id = ?",
            (doc.url, doc.site, doc.title, doc.author, doc.date, doc.description,
             json.dumps(doc.tags, ensure_ascii=False), doc.language, doc.text,
             doc.comments or None, doc.word_count, content_hash, removed_json(doc),
             doc.canonical_url, doc_id))

    def set_links(self, doc_id: int, *, duplicate_of: int | None, story_id: int | None) -> None:
        self.conn.execute("UPDATE documents SET duplicate_of = ?, story_id = ? WHERE id = ?",
                          (duplicate_of, story_id, doc_id))

    def get(self, doc_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,))
        names = [d[0] for d in row.description]
        found = row.fetchone()
        return dict(zip(names, found)) if found else None

    def first_copy(self, content_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1",
            (content_hash,)).fetchone()
        return row[0] if row else None

    def count(self, table: str, where: str | None) -> int:
        tables = self.db.db
        return tables[table].count_where(where) if where else tables[table].count

    def search(self, query: str, limit: int) -> list[dict]:
        return list(self.db.db["documents"].search(query, limit=limit))
