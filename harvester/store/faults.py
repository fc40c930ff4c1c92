"""SQLite's errors turned into harvester's own (``harvester.errors``) at the storage edge.

Each message is one line naming the corpus file and what the user can do about it. Errors that
are bugs of the calling code (``ProgrammingError``, ``InterfaceError``) are left as they are.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from pathlib import Path

from harvester.errors import (
    CorpusBusyError,
    CorpusConflictError,
    CorpusCorruptError,
    CorpusFullError,
    CorpusUnwritableError,
    StorageError,
)

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_CONSTRAINT, SQLITE_AUTH, SQLITE_NOTADB = 19, 23, 26


def recovery_advice(path: Path) -> str:
    return (f"recover what can be read with `harvester export --db {path} --format jsonl "
            f"--out recovered.jsonl` or `sqlite3 {path} .recover | sqlite3 recovered.db`, "
            f"then move the damaged file away")


def corrupt(path: Path, what: str) -> CorpusCorruptError:
    return CorpusCorruptError(f"{path}: the corpus file is damaged ({what}); nothing was "
                              f"written to it; {recovery_advice(path)}")


def not_a_corpus(path: Path, what: str) -> CorpusCorruptError:
    return CorpusCorruptError(f"{path}: not a harvester corpus ({what}); give another corpus "
                              f"path or move this file away", reason="not_a_corpus")


def unwritable(path: Path, what: str) -> CorpusUnwritableError:
    return CorpusUnwritableError(
        f"{path}: cannot write the corpus ({what}); let this user write the file, its folder "
        f"{path.parent} and the {path.name}-wal and {path.name}-shm files beside it, then run "
        f"again (nothing was half-written)")


def storage_error(exc: sqlite3.Error, path: Path) -> StorageError:
    """The harvester error for an SQLite error on the corpus at ``path``."""
    what = str(exc) or type(exc).__name__
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH):
        return unwritable(path, what)
    if code == SQLITE_FULL:
        return CorpusFullError(
            f"{path}: the disk is full or the file size limit (ulimit -f) was reached ({what}); "
            f"free some space and run again: what was not committed was rolled back")
    if code == SQLITE_IOERR:
        return CorpusFullError(
            f"{path}: could not read or write the disk ({what}): it may be full, past the file "
            f"size limit (ulimit -f) or failing; free some space or check the disk, then run "
            f"again: what was not committed was rolled back", reason="io_error")
    if code == SQLITE_NOTADB:
        return not_a_corpus(path, what)
    if code == SQLITE_CORRUPT:
        return corrupt(path, what)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return CorpusBusyError(f"{path}: another process kept the corpus locked ({what}); "
                               f"run again when it is done")
    if code == SQLITE_CONSTRAINT or isinstance(exc, sqlite3.IntegrityError):
        return CorpusConflictError(f"{path}: {what}")
    return StorageError(f"{path}: SQLite failed: {what}")


def translated(exc: BaseException) -> bool:
    """Whether ``storage_error`` takes this error (not a bug of the caller's SQL use)."""
    return (isinstance(exc, sqlite3.DatabaseError)
            and not isinstance(exc, sqlite3.ProgrammingError))


def guarded(method):
    """Wrap a method of an object with a ``path`` so SQLite errors leave it translated."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def generator(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                if not translated(exc):
                    raise
                raise storage_error(exc, self.path) from exc
        return generator

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if not translated(exc):
                raise
            raise storage_error(exc, self.path) from exc
    return call


def guard_public_methods(cls):
    """Class decorator: ``guarded`` on every public method the class defines itself."""
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(value):
            setattr(cls, name, guarded(value))
    return cls
