"""The corpus file's one SQLite connection: opening it safely, pragmas, transactions.

Writes on the hot path use plain SQL inside explicit transactions (``Connection.transaction``),
because sqlite-utils' write helpers commit on their own and a document must be committed
together with its fetch state; sqlite-utils serves full-text search and tests' reads.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from harvester.errors import CorpusCorruptError
from harvester.model import utc_now
from harvester.store import schema
from harvester.store.faults import corrupt, storage_error, translated, unwritable

# How long a write waits for another connection's write to end before giving up.
BUSY_TIMEOUT = 30


class Connection:
    """An open corpus file. ``read_only`` opens skip the checks and the migrations."""

    def __init__(self, path: str | Path, *, read_only: bool = False, check: bool = True):
        self.path = Path(path)
        self.read_only = read_only
        self._depth = 0
        self.began_at = ""  # when the open transaction began
        self._statements: dict[tuple, str] = {}  # SQL texts by shape (``statement``)
        # Whether the open transaction defers the full-text indexing of its new documents.
        self._deferring = False
        if not read_only:
            self._prepare_files()
        # Autocommit mode: transactions are opened explicitly in ``transaction``.
        # A URI for read-only: its path quoted, so a ``?``, ``#`` or ``%`` in a name stays a name.
        uri = f"file:{quote(str(self.path))}?mode=ro" if read_only else str(self.path)
        try:
            self.conn = sqlite3.connect(uri, uri=read_only, isolation_level=None,
                                        timeout=BUSY_TIMEOUT, check_same_thread=False)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc
        self.db = sqlite_utils.Database(self.conn)
        if read_only:
            return
        try:
            self._open_for_writing(check)
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.Error) and translated(exc):
                raise storage_error(exc, self.path) from exc
            raise

    def close(self) -> None:
        self.conn.close()

    # --- opening ------------------------------------------------------------------------

    def _prepare_files(self) -> None:
        """Make the folder; give back write access to ``-wal``/``-shm`` files left read-only.

        SQLite creates those two with the permissions of the corpus file: a run on a corpus
        made read-only leaves them read-only, and once the user makes the corpus writable
        again they would still refuse every write. They are this user's, and follow the file.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unwritable(self.path, f"cannot create the folder: {exc.strerror}") from None
        try:
            mode = stat.S_IMODE(self.path.stat().st_mode)
        except OSError:
            return  # a new corpus: nothing beside it to repair
        if not os.access(self.path, os.W_OK):
            return
        for suffix in ("-wal", "-shm"):
            sidecar = Path(f"{self.path}{suffix}")
            try:
                info = sidecar.stat()
                if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != mode:
                    sidecar.chmod(mode)
            except OSError:
                continue  # absent, or not ours: SQLite reports what it cannot open

    def _open_for_writing(self, check: bool) -> None:
        conn = self.conn
        header = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if header != "wal":
            raise unwritable(self.path, f"cannot switch to WAL mode, still {header!r}")
        # NORMAL is durable across application crashes in WAL mode (only an OS crash can
        # lose the last commits), which is what ``kill -9`` safety needs.
        conn.execute("PRAGMA synchronous=NORMAL")
        # SQLite's default page cache is 2 MB; storing a document writes at random places of
        # several indexes (content hash, band and story keys), so a corpus of a few GB reads
        # pages back all the time. 256 MB holds the hot index pages of ~1M documents; pages
        # are only allocated when used, so small corpora do not pay for it.
        self.set_cache_size(256)
        if check:
            self.quick_check()
        problem = schema.unusable(conn)
        if problem:
            raise CorpusCorruptError(f"{self.path}: {problem}", reason="not_a_corpus")
        if check:
            self._probe_write()
        schema.migrate(conn, self.transaction)

    def _probe_write(self) -> None:
        """Fail now, not at the first write, when SQLite could only open the file read-only
        (it falls back to that silently): a write rolled back before it reaches the disk."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(f"PRAGMA user_version = {schema.user_version(self.conn)}")
        finally:
            self.conn.execute("ROLLBACK")

    def quick_check(self) -> None:
        """Refuse a damaged file before anything is written into it.

        ``quick_check`` reads every page once and checks each B-tree's structure (not that
        indexes match their tables, which ``integrity_check`` does at several times the cost).
        """
        try:
            rows = [row[0] for row in self.conn.execute("PRAGMA quick_check(3)")]
        except sqlite3.DatabaseError as exc:
            code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
            if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
                raise storage_error(exc, self.path) from exc
            raise
        if rows != ["ok"]:
            raise corrupt(self.path, "; ".join(rows)[:200])

    def set_cache_size(self, megabytes: int) -> None:
        self.conn.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")

    # --- statements ---------------------------------------------------------------------

    def statement(self, key: tuple, build: Callable[[], str]) -> str:
        """The SQL text of a statement built from its shape, made once per shape: rebuilding
        it for every document (and sqlite3 hashing a new string to find its prepared
        statement) is a measurable share of a look-up (docs/storage.md)."""
        sql = self._statements.get(key)
        if sql is None:
            sql = self._statements[key] = build()
        return sql

    # --- transactions -------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def now(self) -> str:
        """The time rows get: the open transaction's start, formatted once per transaction."""
        return self.began_at if self._depth else utc_now()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost transaction. SQLite errors that
        end it leave it as harvester's own (``faults.storage_error``)."""
        if self._depth == 0:
            self._execute_translated("BEGIN IMMEDIATE")
            self.began_at = utc_now()
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._rollback()
                if isinstance(exc, sqlite3.Error) and translated(exc):
                    raise storage_error(exc, self.path) from exc
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self._index_deferred()
                self.conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error) and translated(exc):
                    raise storage_error(exc, self.path) from exc
                raise

    def _execute_translated(self, sql: str) -> None:
        try:
            self.conn.execute(sql)
        except sqlite3.Error as exc:
            if not translated(exc):
                raise
            raise storage_error(exc, self.path) from exc

    def _rollback(self) -> None:
        self._deferring = False  # the rollback empties ``fts_deferred`` too
        if self.conn.in_transaction:  # SQLite may have rolled back itself (SQLITE_FULL)
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:  # the error that got us here is the one to report
                pass

    # --- full-text indexing deferred to the end of a transaction (see schema.FTS_TRIGGERS)

    def defer_indexing(self) -> None:
        """Leave the rows this transaction inserts from now on to ``_index_deferred``."""
        if not self._deferring:
            self.conn.execute("INSERT INTO fts_deferred (first_id) "
                              "SELECT coalesce(max(id), 0) + 1 FROM documents")
            self._deferring = True

    def _index_deferred(self) -> None:
        """Index the rows this transaction inserted, as they now stand (one statement)."""
        if self._deferring:
            columns = ", ".join(schema.FTS_COLUMNS)
            self.conn.execute(f"INSERT INTO documents_fts (rowid, {columns}) "
                              f"SELECT id, {columns} FROM documents "
                              "WHERE id >= (SELECT first_id FROM fts_deferred)")
            self.conn.execute("DELETE FROM fts_deferred")
            self._deferring = False

