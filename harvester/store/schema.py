"""The corpus schema, as numbered migrations on ``PRAGMA user_version``.

A corpus at version N gets migrations N+1 ... ``VERSION`` on open, each in one transaction
together with the version it sets, so a run killed during any of them leaves the corpus at the
version before, whole, and the next run applies it again. docs/storage.md lists the versions.

Versions 0 and 1 come from before migrations were numbered (1 was written after every open's
repairs, whatever shape the corpus had): migration 2 brings any of them, including a first
creation killed half-way, to one known shape.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

VERSION = 4

# The columns the full-text index holds, in its order (``documents_fts``).
FTS_COLUMNS = ("title", "text", "comments")

DOCUMENT_COLUMNS = {
    "id": "INTEGER PRIMARY KEY", "url": "TEXT", "source": "TEXT", "site": "TEXT",
    "title": "TEXT", "author": "TEXT", "published": "TEXT", "description": "TEXT",
    "tags": "TEXT", "language": "TEXT", "text": "TEXT", "word_count": "INTEGER",
    "content_hash": "TEXT", "duplicate_of": 'INTEGER REFERENCES "documents"("id")',
    "story_id": "INTEGER", "added_at": "TEXT", "fetched_at": "TEXT", "removed": "TEXT",
}
# Added by later migrations (a new corpus gets them from those too).
CANONICAL_URL = "canonical_url"

FETCH_COLUMNS = {
    "url": "TEXT PRIMARY KEY", "source_name": "TEXT", "outcome": "TEXT", "detail": "TEXT",
    "status": "INTEGER", "attempts": "INTEGER", "last_attempt": "TEXT", "etag": "TEXT",
    "last_modified": "TEXT", "content_type": "TEXT", "final_url": "TEXT",
    "document_id": 'INTEGER REFERENCES "documents"("id")',
    # Rows of listing files (feeds, sitemaps, remote URL lists) name their kind here (NULL for
    # a page), so their validators serve conditional requests and their pages can be found.
    "listing": "TEXT",
    # A sitemap listed by a sitemap index: the index's URL (its children when it answers 304).
    "listed_in": "TEXT",
}

RUN_COLUMNS = {
    "id": "INTEGER PRIMARY KEY", "command": "TEXT", "started_at": "TEXT", "ended_at": "TEXT",
    "status": "TEXT", "exit_code": "INTEGER", "pages": "INTEGER", "stored": "INTEGER",
    "duplicates": "INTEGER", "unchanged": "INTEGER", "failed": "INTEGER", "counts": "TEXT",
}

# (content_hash, source) unique: re-runs add nothing per source, and its prefix serves the
# look-ups by hash alone. Named as sqlite-utils named them in corpora made with it.
DOCUMENT_INDEXES = (("content_hash", "source"), ("url",), ("site",), ("published",),
                    ("duplicate_of",), ("story_id",), ("added_at",))

# (No semicolon inside: the text is split on them.)
OTHER_TABLES = """
    -- Per-site line statistics for the site-wide boilerplate learner: in how many original
    -- documents of a site each (hashed, normalised) line occurred.
    CREATE TABLE IF NOT EXISTS site_lines (
        site TEXT NOT NULL, line_key INTEGER NOT NULL, docs INTEGER NOT NULL,
        PRIMARY KEY (site, line_key)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS site_lines_site_docs ON site_lines (site, docs);
    CREATE TABLE IF NOT EXISTS site_docs (site TEXT PRIMARY KEY, docs INTEGER NOT NULL);
    -- robots.txt answers remembered up to 24 h (RFC 9309), and the raw page of every harvested
    -- document, so ``harvester reclean`` can clean again without the network.
    CREATE TABLE IF NOT EXISTS robots (
        origin TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT, fetched_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS raw_pages (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id), source TEXT,
        url TEXT, headers TEXT, fetched_at TEXT, compression TEXT NOT NULL,
        body BLOB NOT NULL);
    -- Near-duplicates and stories (dedup.py): LSH band keys and story name keys, one row per
    -- key and document, the primary key being the look-up index (WITHOUT ROWID: one B-tree per
    -- table instead of a table plus an index).
    CREATE TABLE IF NOT EXISTS minhash_bands (
        band INTEGER NOT NULL, hash INTEGER NOT NULL, doc_id INTEGER NOT NULL,
        PRIMARY KEY (band, hash, doc_id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS story_keys (
        key INTEGER NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY (key, doc_id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- While a harvester transaction is open, the first document id it inserted (see below).
    CREATE TABLE IF NOT EXISTS fts_deferred (first_id INTEGER NOT NULL);
"""

# FTS5 options, stored in the index itself (``documents_fts_config``):
# - ``automerge`` 8 instead of 4: segments are merged 8 at a time, less rewriting while
#   storing, a few more segments for a search to read (dedup benchmark: docs/storage.md).
# - ``hashsize`` 16 MB instead of 1 MB: a transaction's terms are held in memory up to this
#   size before FTS5 writes them out as a segment; more gained little (docs/storage.md).
FTS_SETTINGS = {"automerge": 8, "hashsize": 16 * 1024 * 1024}


def fts_triggers(columns: tuple[str, ...]) -> list[str]:
    """The triggers keeping ``documents_fts`` in step with ``documents``. Why they differ
    from sqlite-utils' own:

    - Updates re-index a document only when an indexed column changes: linking sets
      ``duplicate_of`` and ``story_id``, and re-indexing the whole text for that is costly
      (docs/storage.md).
    - harvester's own transactions index their new documents when they end, all in one
      statement (``Connection._index_deferred``): FTS5 writes a new segment at the start of
      every statement that writes it through a trigger, so one INSERT per document made one
      tiny segment per document. While such a transaction is open, ``fts_deferred`` holds the
      first id it inserted, and the triggers leave the rows from that id on to the final
      statement. The table is empty at every commit, so rows anyone else writes are indexed
      at once.
    """
    names = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    deferred = 'NOT EXISTS (SELECT 1 FROM "fts_deferred" WHERE old.rowid >= "first_id")'
    delete = (f'INSERT INTO "documents_fts" ("documents_fts", rowid, {names}) '
              f"VALUES ('delete', old.rowid, {old});")
    insert = f'INSERT INTO "documents_fts" (rowid, {names}) VALUES (new.rowid, {new});'
    return [
        'CREATE TRIGGER "documents_ai" AFTER INSERT ON "documents" '
        f'WHEN NOT EXISTS (SELECT 1 FROM "fts_deferred") BEGIN {insert} END',
        f'CREATE TRIGGER "documents_ad" AFTER DELETE ON "documents" WHEN {deferred} '
        f"BEGIN {delete} END",
        f'CREATE TRIGGER "documents_au" AFTER UPDATE OF {names} ON "documents" '
        f"WHEN {deferred} BEGIN {delete} {insert} END",
    ]


# --- helpers ------------------------------------------------------------------------------

def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master "
                                             "WHERE type = 'table'")}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _create_table(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    """Create the table, or add the columns it lacks (NULL in old rows)."""
    have = _columns(conn, table)
    if not have:
        body = ",\n   ".join(f'"{name}" {kind}' for name, kind in columns.items())
        conn.execute(f'CREATE TABLE "{table}" (\n   {body}\n)')
        return
    for name, kind in columns.items():
        if name not in have:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" '
                         f'{kind.replace(" PRIMARY KEY", "")}')


def _create_fts(conn: sqlite3.Connection, columns: tuple[str, ...]) -> None:
    """A new full-text index over ``documents`` with these columns, filled from its rows."""
    for sql in ('DROP TRIGGER IF EXISTS "documents_ai"', 'DROP TRIGGER IF EXISTS "documents_ad"',
                'DROP TRIGGER IF EXISTS "documents_au"', 'DROP TABLE IF EXISTS "documents_fts"'):
        conn.execute(sql)
    names = ", ".join(f'"{c}"' for c in columns)
    conn.execute(f'CREATE VIRTUAL TABLE "documents_fts" USING FTS5 (\n    {names},\n'
                 "    tokenize='unicode61 remove_diacritics 2',\n"
                 '    content="documents"\n)')
    for key, value in FTS_SETTINGS.items():
        conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES (?, ?)",
                     (key, value))
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    for sql in fts_triggers(columns):
        conn.execute(sql)


# --- the migrations -------------------------------------------------------------------------

def to_2_known_shape(conn: sqlite3.Connection) -> None:
    """Any corpus from before numbered migrations, or none, in the shape of version 2."""
    tables = _tables(conn)
    _create_table(conn, "documents", DOCUMENT_COLUMNS)
    if "documents_fts" not in tables:  # new, or a first creation killed half-way
        for columns in DOCUMENT_INDEXES:
            name = "idx_documents_" + "_".join(columns)
            unique = "UNIQUE " if columns == ("content_hash", "source") else ""
            conn.execute(f'CREATE {unique}INDEX IF NOT EXISTS "{name}" ON "documents" '
                         f"({', '.join(columns)})")
    _create_table(conn, "fetches", FETCH_COLUMNS)
    conn.execute('CREATE INDEX IF NOT EXISTS "idx_fetches_outcome" ON "fetches" ("outcome")')
    _create_table(conn, "runs", RUN_COLUMNS)
    for statement in OTHER_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    # Left by earlier versions, which marked deferred rows in a column of ``documents``.
    conn.execute('DROP TRIGGER IF EXISTS "documents_fts_flush"')
    if "fts_pending" in _columns(conn, "documents"):
        conn.execute('ALTER TABLE "documents" DROP COLUMN "fts_pending"')
    # sqlite-utils' triggers and options, or none at all, become ours.
    _create_fts(conn, ("title", "text"))


def to_3_comments(conn: sqlite3.Connection) -> None:
    """Readers' comments, kept apart from the text and searchable with it."""
    if "comments" not in _columns(conn, "documents"):
        conn.execute('ALTER TABLE "documents" ADD COLUMN "comments" TEXT')
    _create_fts(conn, FTS_COLUMNS)


def to_4_canonical_url(conn: sqlite3.Connection) -> None:
    """The page's canonical URL, which the choice of a duplicate group's original reads."""
    if CANONICAL_URL not in _columns(conn, "documents"):
        conn.execute(f'ALTER TABLE "documents" ADD COLUMN "{CANONICAL_URL}" TEXT')


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (2, to_2_known_shape),
    (3, to_3_comments),
    (4, to_4_canonical_url),
]


def unusable(conn: sqlite3.Connection) -> str | None:
    """Why this database cannot be used as a corpus by this version (None: it can)."""
    version = user_version(conn)
    if version > VERSION:
        return (f"its schema is version {version}, made by a newer harvester (this one knows "
                f"up to {VERSION}); upgrade harvester to use it")
    tables = _tables(conn)
    if version < 2 and tables and "documents" not in tables:
        return (f"not a harvester corpus (an SQLite database of other tables: "
                f"{', '.join(sorted(tables)[:3])}); give another corpus path or move it away")
    return None


def migrate(conn: sqlite3.Connection, transaction: Callable[[], AbstractContextManager]) -> int:
    """Apply the migrations the corpus lacks, each in its own transaction; the version now."""
    if user_version(conn) >= VERSION:
        return user_version(conn)
    for target, step in MIGRATIONS:
        with transaction():
            # Read again under the write lock: another process may have migrated meanwhile.
            if user_version(conn) < target:
                step(conn)
                conn.execute(f"PRAGMA user_version = {target}")
    return user_version(conn)
