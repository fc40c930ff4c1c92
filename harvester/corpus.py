"""The corpus: one SQLite file (WAL) holding documents, fetch state and runs.

The only module that speaks SQL. Writes on the hot path use plain SQL inside explicit
transactions (``Corpus.transaction``), because sqlite-utils' write helpers commit on their own
and a document must be committed together with its fetch state; sqlite-utils is used for the
schema, full-text search and reads.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from harvester.model import Document

SCHEMA_VERSION = 1

_DOCUMENT_COLUMNS = {
    "id": int,
    "url": str,
    "source": str,
    "site": str,
    "title": str,
    "author": str,
    "published": str,
    "description": str,
    "tags": str,
    "language": str,
    "text": str,
    "word_count": int,
    "content_hash": str,
    "duplicate_of": int,
    "story_id": int,
    "added_at": str,
    "fetched_at": str,
    "removed": str,
}

_FETCH_COLUMNS = {
    "url": str,
    "source_name": str,
    "outcome": str,
    "detail": str,
    "status": int,
    "attempts": int,
    "last_attempt": str,
    "etag": str,
    "last_modified": str,
    "content_type": str,
    "final_url": str,
    "document_id": int,
}

_RUN_COLUMNS = {
    "id": int,
    "command": str,
    "started_at": str,
    "ended_at": str,
    "status": str,
    "exit_code": int,
    "pages": int,
    "stored": int,
    "duplicates": int,
    "unchanged": int,
    "failed": int,
    "counts": str,
}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Corpus:
    """A corpus database file, created with its schema if missing."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly in ``transaction``.
        uri = f"file:{self.path}?mode=ro" if read_only else str(self.path)
        self.conn = sqlite3.connect(uri, uri=read_only, isolation_level=None, timeout=30,
                                    check_same_thread=False)
        self.db = sqlite_utils.Database(self.conn)
        self._depth = 0
        if not read_only:
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across application crashes in WAL mode (only an OS crash can
            # lose the last commits), which is what ``kill -9`` safety needs.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.ensure_schema()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        db = self.db
        if "documents" not in db.table_names():
            db["documents"].create(_DOCUMENT_COLUMNS, pk="id",
                                   foreign_keys=[("duplicate_of", "documents", "id")])
            for columns, unique in ((["source", "content_hash"], True), (["content_hash"], False),
                                    (["url"], False), (["site"], False), (["published"], False),
                                    (["duplicate_of"], False), (["story_id"], False),
                                    (["added_at"], False)):
                db["documents"].create_index(columns, unique=unique, if_not_exists=True)
            db["documents"].enable_fts(["title", "text"], create_triggers=True,
                                       tokenize="unicode61 remove_diacritics 2")
        if "fetches" not in db.table_names():
            db["fetches"].create(_FETCH_COLUMNS, pk="url",
                                 foreign_keys=[("document_id", "documents", "id")])
            db["fetches"].create_index(["outcome"], if_not_exists=True)
        if "runs" not in db.table_names():
            db["runs"].create(_RUN_COLUMNS, pk="id")
        # Per-site line statistics for the site-wide boilerplate learner: in how many original
        # documents of a site each (hashed, normalised) line occurred.
        self.conn.executescript("""
            CREATE TABLE IF NOT EXISTS site_lines (
                site TEXT NOT NULL, line_key INTEGER NOT NULL, docs INTEGER NOT NULL,
                PRIMARY KEY (site, line_key)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS site_lines_site_docs ON site_lines (site, docs);
            CREATE TABLE IF NOT EXISTS site_docs (
                site TEXT PRIMARY KEY, docs INTEGER NOT NULL);
        """)
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # --- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost transaction."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")

    # --- documents ----------------------------------------------------------------------

    def find_stored(self, source: str, content_hash: str) -> int | None:
        """Id of the row already holding this text from this source (re-runs add nothing)."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE source = ? AND content_hash = ?",
            (source, content_hash)).fetchone()
        return row[0] if row else None

    def first_with_hash(self, content_hash: str) -> int | None:
        """Id of the original document (not itself a duplicate) with this exact text."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? AND duplicate_of IS NULL "
            "ORDER BY id LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def insert_document(self, doc: Document, *, content_hash: str,
                        duplicate_of: int | None = None, story_id: int | None = None) -> int:
        row = {
            "url": doc.url,
            "source": doc.source,
            "site": doc.site,
            "title": doc.title,
            "author": doc.author,
            "published": doc.date,
            "description": doc.description,
            "tags": json.dumps(doc.tags, ensure_ascii=False),
            "language": doc.language,
            "text": doc.text,
            "word_count": doc.word_count,
            "content_hash": content_hash,
            "duplicate_of": duplicate_of,
            "story_id": story_id,
            "added_at": utc_now(),
            "fetched_at": doc.fetched_at,
            "removed": json.dumps([{"line": ln.text, "reason": ln.reason} for ln in doc.removed],
                                  ensure_ascii=False),
        }
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.conn.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})",
                                   tuple(row.values()))
        return cursor.lastrowid

    def set_links(self, doc_id: int, *, duplicate_of: int | None, story_id: int | None) -> None:
        self.conn.execute("UPDATE documents SET duplicate_of = ?, story_id = ? WHERE id = ?",
                          (duplicate_of, story_id, doc_id))

    def document(self, doc_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,))
        names = [d[0] for d in row.description]
        found = row.fetchone()
        return dict(zip(names, found)) if found else None

    def count(self, table: str = "documents", where: str | None = None) -> int:
        return self.db[table].count_where(where) if where else self.db[table].count

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return list(self.db["documents"].search(query, limit=limit))

    # --- site-wide line statistics -----------------------------------------------------

    def learn_site_lines(self, site: str, line_keys: set[int]) -> None:
        """Count one more document of ``site`` holding each of these distinct lines."""
        self.conn.execute("INSERT INTO site_docs (site, docs) VALUES (?, 1) "
                          "ON CONFLICT(site) DO UPDATE SET docs = docs + 1", (site,))
        self.conn.executemany(
            "INSERT INTO site_lines (site, line_key, docs) VALUES (?, ?, 1) "
            "ON CONFLICT(site, line_key) DO UPDATE SET docs = docs + 1",
            [(site, key) for key in sorted(line_keys)])

    def site_line_keys(self, site: str, *, min_docs: int, min_share: float) -> tuple[int, set[int]]:
        """(documents seen for the site, keys of lines in at least min_docs and min_share of them)."""
        row = self.conn.execute("SELECT docs FROM site_docs WHERE site = ?", (site,)).fetchone()
        total = row[0] if row else 0
        if total < min_docs:
            return total, set()
        threshold = max(min_docs, int(min_share * total + 0.999999))
        keys = {key for (key,) in self.conn.execute(
            "SELECT line_key FROM site_lines WHERE site = ? AND docs >= ?", (site, threshold))}
        return total, keys

    def clear_site_lines(self) -> None:
        self.conn.execute("DELETE FROM site_lines")
        self.conn.execute("DELETE FROM site_docs")

    # --- fetch state and runs -----------------------------------------------------------

    def fetch_state(self, url: str) -> dict | None:
        cursor = self.conn.execute("SELECT * FROM fetches WHERE url = ?", (url,))
        names = [d[0] for d in cursor.description]
        found = cursor.fetchone()
        return dict(zip(names, found)) if found else None

    def record_fetch(self, url: str, **fields) -> None:
        """Insert or update the fetch row of ``url`` with the given columns."""
        fields = {"last_attempt": utc_now(), **fields}
        unknown = set(fields) - set(_FETCH_COLUMNS)
        if unknown:
            raise ValueError(f"unknown fetches columns: {sorted(unknown)}")
        columns = ["url", *fields]
        updates = ", ".join(f"{c} = excluded.{c}" for c in fields)
        self.conn.execute(
            f"INSERT INTO fetches ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            f" ON CONFLICT(url) DO UPDATE SET {updates}",
            (url, *fields.values()))

    def start_run(self, command: str) -> int:
        cursor = self.conn.execute(
            "INSERT INTO runs (command, started_at, status) VALUES (?, ?, 'running')",
            (command, utc_now()))
        return cursor.lastrowid

    def finish_run(self, run_id: int, *, exit_code: int, counts: dict[str, int]) -> None:
        self.conn.execute(
            "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, pages = ?, stored = ?, "
            "duplicates = ?, unchanged = ?, failed = ?, counts = ? WHERE id = ?",
            (utc_now(), "ok" if exit_code == 0 else "failed", exit_code,
             counts.get("pages", 0), counts.get("stored", 0), counts.get("duplicates", 0),
             counts.get("unchanged", 0), counts.get("failed", 0),
             json.dumps(counts, sort_keys=True), run_id))
