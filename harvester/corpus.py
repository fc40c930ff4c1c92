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
from typing import Iterator, NamedTuple

import sqlite_utils

from harvester.model import Document, Page

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
    # Rows of listing files (feeds, sitemaps, remote URL lists) name their kind here (NULL for
    # a page), so their validators serve conditional requests and their pages can be found.
    "listing": str,
    # A sitemap listed by a sitemap index: the index's URL (its children when it answers 304).
    "listed_in": str,
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


# Per-key look-ups of ``Corpus.shared_keys``: band keys read the oldest documents first (the
# originals), story keys the newest (stories are about recent events).
_BAND_LOOKUP = ("SELECT * FROM (SELECT 0, doc_id FROM minhash_bands WHERE band = ? AND hash = ? "
                "AND doc_id != ? ORDER BY doc_id LIMIT ?)")
_STORY_LOOKUP = ("SELECT * FROM (SELECT 1, doc_id FROM story_keys WHERE key = ? AND doc_id != ? "
                 "ORDER BY doc_id DESC LIMIT ?)")


# ``Corpus.arrival``: (0, the row holding the text from this source), (1, the first row holding
# the text), (2, the next document id).
_ARRIVAL = ("SELECT 0, id FROM documents WHERE content_hash = ? AND source = ? UNION ALL "
            "SELECT 1, * FROM (SELECT id FROM documents WHERE content_hash = ? ORDER BY id "
            "LIMIT 1) UNION ALL SELECT 2, coalesce(max(id), 0) + 1 FROM documents")


class Arrival(NamedTuple):
    """Where a text stands before it is stored (the caller holds the write transaction)."""

    same_source: int | None  # the row already holding this text from this source
    first_copy: int | None  # the first row holding this text, from any source
    next_id: int  # the id the next inserted document gets


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
        self._began_at = ""  # when the open transaction began
        self._statements: dict[tuple, str] = {}  # SQL texts by shape (``_statement``)
        # Whether the open transaction defers the full-text indexing of its new documents.
        self._deferring = False
        # The near-duplicate linker of this connection (``dedup.Linker.of``), made on first use.
        self.linker = None
        if not read_only:
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across application crashes in WAL mode (only an OS crash can
            # lose the last commits), which is what ``kill -9`` safety needs.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            # SQLite's default page cache is 2 MB; storing a document writes at random places
            # of several indexes (content hash, band and story keys), so a corpus of a few GB
            # reads pages back all the time. 256 MB holds the hot index pages of ~1M documents;
            # pages are only allocated when used, so small corpora do not pay for it.
            self.set_cache_size(256)
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
            # (content_hash, source) unique: re-runs add nothing per source, and its prefix
            # serves the look-ups by hash alone, so one index instead of two random-order
            # ones on the store path (corpora made before keep their two, which work alike).
            for columns, unique in ((["content_hash", "source"], True), (["url"], False),
                                    (["site"], False), (["published"], False),
                                    (["duplicate_of"], False), (["story_id"], False),
                                    (["added_at"], False)):
                db["documents"].create_index(columns, unique=unique, if_not_exists=True)
            db["documents"].enable_fts(["title", "text"], create_triggers=True,
                                       tokenize="unicode61 remove_diacritics 2")
        self._add_missing_columns("documents", _DOCUMENT_COLUMNS)
        self._fts_triggers()
        self._fts_settings()
        if "fetches" not in db.table_names():
            db["fetches"].create(_FETCH_COLUMNS, pk="url",
                                 foreign_keys=[("document_id", "documents", "id")])
            db["fetches"].create_index(["outcome"], if_not_exists=True)
        self._add_missing_columns("fetches", _FETCH_COLUMNS)
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
        # Harvesting: robots.txt answers remembered up to 24 h (RFC 9309), and the raw page of
        # every harvested document, so ``harvester reclean`` can clean again without the network.
        self.conn.executescript("""
            CREATE TABLE IF NOT EXISTS robots (
                origin TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT,
                fetched_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS raw_pages (
                document_id INTEGER PRIMARY KEY REFERENCES documents(id), source TEXT,
                url TEXT, headers TEXT, fetched_at TEXT, compression TEXT NOT NULL,
                body BLOB NOT NULL);
        """)
        # Near-duplicates and stories (dedup.py): LSH band keys and story name keys, one row
        # per key and document; the primary key is the look-up index (WITHOUT ROWID: one
        # B-tree per table instead of a table plus an index).
        self.conn.executescript("""
            CREATE TABLE IF NOT EXISTS minhash_bands (
                band INTEGER NOT NULL, hash INTEGER NOT NULL, doc_id INTEGER NOT NULL,
                PRIMARY KEY (band, hash, doc_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS story_keys (
                key INTEGER NOT NULL, doc_id INTEGER NOT NULL,
                PRIMARY KEY (key, doc_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """)
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # The full-text index is kept by these triggers (sqlite-utils' own, made by ``enable_fts``,
    # are replaced on open, in corpora made before too). Why each differs from sqlite-utils':
    #
    # - Updates re-index a document only when its title or text changes: linking sets
    #   ``duplicate_of`` and ``story_id``, and re-indexing the whole text for that cost 0.04 ms
    #   of main-process CPU per document (50,000 benchmark documents) and every row of
    #   ``dedup --rebuild``.
    # - harvester's own transactions index their new documents when they end, all in one
    #   statement (``_index_deferred``). FTS5 writes what it holds to disk as a new segment at
    #   the start of every statement that writes it through a trigger (SQLite opens a
    #   statement savepoint there), so one INSERT statement per document made one tiny segment
    #   per document, merged again and again as the corpus grew; one statement per
    #   transaction makes one segment per transaction. While such a transaction is open, the
    #   table ``fts_deferred`` holds the first id it inserted, and the triggers leave the rows
    #   from that id on to the final statement. The table is empty at every commit, so rows
    #   anyone else writes are indexed at once, as before.
    _FTS_TRIGGERS = {
        "documents_ai": """
            CREATE TRIGGER "documents_ai" AFTER INSERT ON "documents"
            WHEN NOT EXISTS (SELECT 1 FROM "fts_deferred") BEGIN
              INSERT INTO "documents_fts" (rowid, "title", "text")
                VALUES (new.rowid, new."title", new."text");
            END""",
        "documents_ad": """
            CREATE TRIGGER "documents_ad" AFTER DELETE ON "documents"
            WHEN NOT EXISTS (SELECT 1 FROM "fts_deferred" WHERE old.rowid >= "first_id") BEGIN
              INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text")
                VALUES ('delete', old.rowid, old."title", old."text");
            END""",
        "documents_au": """
            CREATE TRIGGER "documents_au" AFTER UPDATE OF "title", "text" ON "documents"
            WHEN NOT EXISTS (SELECT 1 FROM "fts_deferred" WHERE old.rowid >= "first_id") BEGIN
              INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text")
                VALUES ('delete', old.rowid, old."title", old."text");
              INSERT INTO "documents_fts" (rowid, "title", "text")
                VALUES (new.rowid, new."title", new."text");
            END""",
    }
    # Left by earlier versions, which marked deferred rows in a column of ``documents``.
    _FORMER_TRIGGERS = ("documents_fts_flush",)
    _FORMER_COLUMNS = ("fts_pending",)

    def _fts_triggers(self) -> None:
        """Put the full-text triggers above in place of any others of the same name, and take
        out what earlier versions used instead."""
        self.conn.execute('CREATE TABLE IF NOT EXISTS "fts_deferred" '
                          '("first_id" INTEGER NOT NULL)')
        have = dict(self.conn.execute("SELECT name, sql FROM sqlite_master "
                                      "WHERE type = 'trigger' AND tbl_name = 'documents'"))
        stale = {name: sql for name, sql in self._FTS_TRIGGERS.items()
                 if " ".join(have.get(name, "").split()) != " ".join(sql.split())}
        former = [name for name in self._FORMER_TRIGGERS if name in have]
        columns = [c for c in self._FORMER_COLUMNS if c in self.db["documents"].columns_dict]
        if not (stale or former or columns):
            return
        with self.transaction():
            for name in [*stale, *former]:
                self.conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            for name, sql in stale.items():
                self.conn.execute(sql)
            for column in columns:  # no trigger uses it any more
                self.conn.execute(f'ALTER TABLE "documents" DROP COLUMN "{column}"')

    # FTS5 options, stored in the index itself (``documents_fts_config``):
    # - ``automerge`` 8 instead of 4: segments are merged 8 at a time, less rewriting while
    #   storing (main-process CPU per document of the dedup benchmark, 50,000 documents:
    #   0.396 ms with 4, 0.368 with 8, 0.366 with 16), a few more segments for a search to read.
    # - ``hashsize`` 16 MB instead of 1 MB: the terms of a transaction's documents are held in
    #   memory up to this size before FTS5 writes them out as a segment, so one transaction of
    #   many documents writes a few large segments instead of dozens of small ones to merge.
    #   40,000 benchmark texts indexed 10,000 per statement: 113 us per document with 1 MB,
    #   75-77 with 16 MB, 73-76 with 64 MB.
    _FTS_SETTINGS = {"automerge": 8, "hashsize": 16 * 1024 * 1024}

    def _fts_settings(self) -> None:
        """Give the full-text index the options above (corpora made before get them too)."""
        have = dict(self.conn.execute("SELECT k, v FROM documents_fts_config"))
        stale = {k: v for k, v in self._FTS_SETTINGS.items() if have.get(k) != v}
        for key, value in stale.items():
            self.conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES (?, ?)",
                              (key, value))

    def _defer_indexing(self) -> None:
        """Leave the rows this transaction inserts from now on to ``_index_deferred``."""
        if not self._deferring:
            self.conn.execute("INSERT INTO fts_deferred (first_id) "
                              "SELECT coalesce(max(id), 0) + 1 FROM documents")
            self._deferring = True

    def _index_deferred(self) -> None:
        """Index the rows this transaction inserted, as they now stand (one statement)."""
        if self._deferring:
            self.conn.execute("INSERT INTO documents_fts (rowid, title, text) "
                              "SELECT id, title, text FROM documents "
                              "WHERE id >= (SELECT first_id FROM fts_deferred)")
            self.conn.execute("DELETE FROM fts_deferred")
            self._deferring = False

    def _add_missing_columns(self, table: str, columns: dict) -> None:
        """Corpora made before a column existed get it on open (NULL in old rows)."""
        have = set(self.db[table].columns_dict)
        for name, kind in columns.items():
            if name not in have:
                self.db[table].add_column(name, kind)

    def _statement(self, key: tuple, build) -> str:
        """The SQL text of a statement built from its shape, made once per shape: rebuilding
        it for every document (and sqlite3 hashing a new string to find its prepared
        statement) cost about 1 us per statement (the look-up of 10 band and 5 story keys:
        5.5 against 4.6 us)."""
        sql = self._statements.get(key)
        if sql is None:
            sql = self._statements[key] = build()
        return sql

    # --- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost transaction."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
            # Rows added in one transaction share its time (1.3 us a row to format otherwise).
            self._began_at = utc_now()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._rollback()
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self._index_deferred()
            except BaseException:
                self._rollback()
                raise
            self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self._deferring = False  # the rollback empties ``fts_deferred`` too
        self.conn.execute("ROLLBACK")

    # --- documents ----------------------------------------------------------------------

    def arrival(self, source: str, content_hash: str) -> Arrival:
        """What storing a text from ``source`` needs to know first (see ``Arrival``).

        One statement for the three look-ups: 15 us per document of the dedup benchmark,
        against 21 us in three statements (200,000 documents).
        """
        found = dict(self.conn.execute(_ARRIVAL, (content_hash, source, content_hash)).fetchall())
        return Arrival(found.get(0), found.get(1), found[2])

    def insert_document(self, doc: Document, *, content_hash: str,
                        duplicate_of: int | None = None, story_id: int | None = None,
                        word_count: int | None = None) -> int:
        """Store a document row; ``word_count`` is ``doc.word_count`` when already counted."""
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
            "word_count": doc.word_count if word_count is None else word_count,
            "content_hash": content_hash,
            "duplicate_of": duplicate_of,
            "story_id": story_id,
            "added_at": self._began_at if self._depth else utc_now(),
            "fetched_at": doc.fetched_at,
            "removed": json.dumps([{"line": ln.text, "reason": ln.reason} for ln in removed],
                                  ensure_ascii=False) if (removed := doc.removed) else "[]",
        }
        if self._depth:  # indexed for full-text search when the transaction ends
            self._defer_indexing()
        sql = self._statement(("insert", *row), lambda: "INSERT INTO documents ({}) VALUES ({})"
                              .format(", ".join(row), ", ".join("?" for _ in row)))
        return self.conn.execute(sql, tuple(row.values())).lastrowid

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

    # --- near-duplicates and stories (logic in dedup.py) --------------------------------

    def _meta(self, key: str) -> dict | None:
        row = self.conn.execute("SELECT value FROM dedup_meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def _set_meta(self, key: str, value: dict) -> None:
        self.conn.execute("INSERT OR REPLACE INTO dedup_meta (key, value) VALUES (?, ?)",
                          (key, json.dumps(value, sort_keys=True)))

    def dedup_settings(self) -> dict:
        """The settings this corpus's links were made with (empty: the defaults)."""
        return self._meta("settings") or {}

    def check_dedup_index(self, parameters: dict) -> None:
        """Record the index parameters on first use; refuse to mix keys made another way."""
        stored = self._meta("index")
        if stored is None:
            self._set_meta("index", parameters)
        elif stored != parameters:
            from harvester.errors import HarvesterError

            raise HarvesterError(
                f"{self.path}: the near-duplicate index was built with {stored}, this version "
                f"makes {parameters}; run `harvester dedup --rebuild`", reason="dedup_index")

    def reset_dedup(self, settings: dict, parameters: dict) -> None:
        self.conn.execute("UPDATE documents SET duplicate_of = NULL, story_id = NULL "
                          "WHERE duplicate_of IS NOT NULL OR story_id IS NOT NULL")
        self.conn.execute("DELETE FROM minhash_bands")
        self.conn.execute("DELETE FROM story_keys")
        self._set_meta("settings", settings)
        self._set_meta("index", parameters)

    def first_copy(self, content_hash: str) -> int | None:
        """The first document stored with this text (``Arrival.first_copy`` on its own)."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1",
            (content_hash,)).fetchone()
        return row[0] if row else None

    def link_rows(self, ids: list[int]) -> list[dict]:
        """What linking needs of stored documents, by id."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        cursor = self.conn.execute(
            "SELECT id, published, word_count, content_hash, duplicate_of, story_id, text "
            f"FROM documents WHERE id IN ({marks})", tuple(ids))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def shared_keys(self, band_keys: list[int], story_keys: list[int], exclude: int,
                    per_key: int) -> tuple[list[int], list[int]]:
        """The stored documents holding each band key and each story key of a new document:
        at most ``per_key`` per key (the oldest for a band key, the newest for a story key),
        one id per shared key, so a document sharing three keys comes three times.

        One statement for all keys of both tables (a UNION ALL of the per-key look-ups, each
        keeping its own LIMIT): the Python round trips cost more than the look-ups (10,000
        documents on a 90,000-document corpus: 28 us against 52 us for the band and the story
        statements, each grouping and joining in SQL). Ranking is left to the caller. The text
        depends only on the numbers of keys, so sqlite3's statement cache reuses it.
        """
        if not band_keys and not story_keys:
            return [], []
        sql = self._statement(
            ("lookup", len(band_keys), len(story_keys)),
            lambda: " UNION ALL ".join([_BAND_LOOKUP] * len(band_keys)
                                       + [_STORY_LOOKUP] * len(story_keys)))
        params = [value for band, key in enumerate(band_keys)
                  for value in (band, key, exclude, per_key)]
        params += [value for key in story_keys for value in (key, exclude, per_key)]
        bands: list[int] = []
        stories: list[int] = []
        for is_story, doc_id in self.conn.execute(sql, params):
            (stories if is_story else bands).append(doc_id)
        return bands, stories

    def add_keys(self, doc_id: int, band_keys: list[int], story_keys: list[int]) -> None:
        """Index a document's band and story keys (one multi-row INSERT per table)."""
        if band_keys:
            self.conn.execute(
                self._statement(("bands", len(band_keys)), lambda: (
                    "INSERT OR IGNORE INTO minhash_bands (band, hash, doc_id) VALUES "
                    + ", ".join(["(?, ?, ?)"] * len(band_keys)))),
                [value for band, key in enumerate(band_keys) for value in (band, key, doc_id)])
        if story_keys:
            self.conn.execute(
                self._statement(("story", len(story_keys)), lambda: (
                    "INSERT OR IGNORE INTO story_keys (key, doc_id) VALUES "
                    + ", ".join(["(?, ?)"] * len(story_keys)))),
                [value for key in story_keys for value in (key, doc_id)])

    def move_group(self, column: str, old_root: int, new_root: int) -> None:
        """Point a whole group (``duplicate_of`` or ``story_id``) and its root at a new root."""
        if column not in ("duplicate_of", "story_id"):
            raise ValueError(f"not a link column: {column}")
        self.conn.execute(f"UPDATE documents SET {column} = ? WHERE {column} = ?",
                          (new_root, old_root))
        self.conn.execute(f"UPDATE documents SET {column} = ? WHERE id = ?",
                          (new_root, old_root))

    def documents_for_linking(self, batch: int = 500) -> Iterator[dict]:
        """(id, text, published) of every document, oldest first, read in batches."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, text, published FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch)).fetchall()
            if not rows:
                return
            for doc_id, text, published in rows:
                yield {"id": doc_id, "text": text, "published": published}
                last = doc_id

    def dedup_counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "stories": one("SELECT count(*) FROM (SELECT story_id FROM documents "
                           "WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) > 1)"),
            "in_stories": one("SELECT count(*) FROM documents WHERE story_id IN (SELECT "
                              "story_id FROM documents GROUP BY story_id HAVING count(*) > 1)"),
        }

    def set_cache_size(self, megabytes: int) -> None:
        """A larger page cache for bulk imports (the band index is written at random)."""
        self.conn.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")

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

    def retry_due(self, source_name: str, max_attempts: int) -> list[str]:
        """Pages of a source that failed on fewer than ``max_attempts`` runs (oldest first)."""
        return [row[0] for row in self.conn.execute(
            "SELECT url FROM fetches WHERE source_name = ? AND listing IS NULL "
            "AND outcome NOT IN ('ok', 'disallowed') AND coalesce(attempts, 0) < ? "
            "ORDER BY last_attempt, url", (source_name, max_attempts))]

    def listed_sitemaps(self, source_name: str, index_url: str) -> list[str]:
        """The sitemaps ``index_url`` listed when it was last read for ``source_name``."""
        return [row[0] for row in self.conn.execute(
            "SELECT url FROM fetches WHERE source_name = ? AND listing = 'sitemap' "
            "AND listed_in = ? AND url != ? ORDER BY url", (source_name, index_url, index_url))]

    def robots(self, origin: str) -> dict | None:
        row = self.conn.execute("SELECT status, body, fetched_at FROM robots WHERE origin = ?",
                                (origin,)).fetchone()
        return {"status": row[0], "body": row[1], "fetched_at": row[2]} if row else None

    def save_robots(self, origin: str, status: int, body: str) -> None:
        self.conn.execute(
            "INSERT INTO robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(origin) DO UPDATE SET status = excluded.status, body = excluded.body, "
            "fetched_at = excluded.fetched_at", (origin, status, body, utc_now()))

    # --- raw pages (for reclean) --------------------------------------------------------

    def save_raw(self, doc_id: int, page: Page) -> None:
        """Keep the page a document was cleaned from (zstd-compressed: news HTML shrinks ~6x)."""
        import zstandard

        body = zstandard.ZstdCompressor(level=3).compress(page.data)
        self.conn.execute(
            "INSERT OR REPLACE INTO raw_pages (document_id, source, url, headers, fetched_at, "
            "compression, body) VALUES (?, ?, ?, ?, ?, 'zstd', ?)",
            (doc_id, page.source, page.url, json.dumps(page.headers), page.fetched_at, body))

    def raw_pages(self) -> Iterator[tuple[int, Page]]:
        """(document id, page) of every kept raw page, oldest document first."""
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

    def replace_document(self, doc_id: int, doc: Document, *, content_hash: str) -> None:
        """New cleaning of a stored document, in place (its id and links from fetches stay)."""
        self.conn.execute(
            "UPDATE documents SET url = ?, site = ?, title = ?, author = ?, published = ?, "
            "description = ?, tags = ?, language = ?, text = ?, word_count = ?, "
            "content_hash = ?, removed = ? WHERE id = ?",
            (doc.url, doc.site, doc.title, doc.author, doc.date, doc.description,
             json.dumps(doc.tags, ensure_ascii=False), doc.language, doc.text, doc.word_count,
             content_hash,
             json.dumps([{"line": ln.text, "reason": ln.reason} for ln in doc.removed],
                        ensure_ascii=False), doc_id))

    def mark_interrupted_runs(self) -> int:
        """Runs still marked running were killed (the caller holds the run lock)."""
        return self.conn.execute("UPDATE runs SET status = 'interrupted' "
                                 "WHERE status = 'running'").rowcount

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

    # --- export and import (batch output, datasets) -------------------------------------

    def _where(self, where: str | None) -> str:
        """A user's SQL condition on ``documents``, checked by SQLite before any row is read."""
        if not where:
            return "1"
        try:
            self.conn.execute(f"SELECT 1 FROM documents WHERE ({where}) LIMIT 0")
        except sqlite3.Error as exc:
            from harvester.errors import HarvesterError

            raise HarvesterError(f"--where {where!r}: {exc}", reason="bad_where") from exc
        return f"({where})"

    def count_where(self, where: str | None) -> int:
        return self.conn.execute(
            f"SELECT count(*) FROM documents WHERE {self._where(where)}").fetchone()[0]

    def export_rows(self, where: str | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every document row matching ``where``, by id, read ``batch`` rows at a time (no
        cursor held open, memory bounded by one batch)."""
        condition = self._where(where)
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

    def export_raw_pages(self, where: str | None = None, batch: int = 100
                         ) -> Iterator[tuple[dict, Page]]:
        """(the document's id, url, fetched_at and added_at; its raw page) of every document
        matching ``where`` that kept its page, by id, in batches."""
        import zstandard

        condition = self._where(where)
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
                page = Page(data=decompressor.decompress(body), source=source, url=url or doc_url,
                            headers=json.loads(headers or "{}"),
                            fetched_at=fetched_at or doc_fetched)
                yield {"id": doc_id, "added_at": added_at}, page
            last = rows[-1][0]

    def import_row(self, row: dict) -> tuple[int, bool]:
        """Store a document row of a batch output as it is, without links (``set_links``
        follows); (its id, whether it is new). A text already stored from the same source
        gives the stored row's id."""
        found = self.conn.execute("SELECT id FROM documents WHERE content_hash = ? AND "
                                  "source = ?", (row["content_hash"], row["source"])).fetchone()
        if found:
            return found[0], False
        columns = [c for c in _DOCUMENT_COLUMNS if c not in ("id", "duplicate_of", "story_id")]
        values = {**row, "added_at": row.get("added_at") or self._began_at or utc_now()}
        if self._depth:
            self._defer_indexing()
        cursor = self.conn.execute(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES "
            f"({', '.join('?' for _ in columns)})", tuple(values.get(c) for c in columns))
        return cursor.lastrowid, True
