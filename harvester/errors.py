"""Every exception harvester raises on purpose, drawn in one place.

Each carries a short machine ``reason`` (stored in the corpus, counted in summaries) and a
message a person understands.
"""

from __future__ import annotations


class HarvesterError(Exception):
    """Base of all harvester errors."""

    reason = "error"

    def __init__(self, message: str, *, reason: str | None = None):
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class PageError(HarvesterError):
    """An input that is not a page we can clean: empty, binary, undecodable, unreadable."""

    reason = "not_a_page"


class CleaningError(HarvesterError):
    """The cleaner failed on a page, or ran past its time or memory limit."""

    reason = "cleaning_failed"


class FetchError(HarvesterError):
    """A URL could not be fetched; ``reason`` is the outcome stored in ``fetches``."""

    reason = "network"

    def __init__(self, message: str, *, reason: str | None = None, retryable: bool = False,
                 retry_after: float | None = None):
        super().__init__(message, reason=reason)
        self.retryable = retryable
        self.retry_after = retry_after


class FetchFailed(FetchError):
    """A URL that ended without a usable response; carries what is known of the response."""

    def __init__(self, message: str, *, reason: str, retryable: bool = False,
                 retry_after: float | None = None, status: int | None = None,
                 content_type: str | None = None, final_url: str | None = None,
                 url: str | None = None):
        super().__init__(message, reason=reason, retryable=retryable, retry_after=retry_after)
        self.url = url  # the URL asked for (set when the last try gave up)
        self.status = status
        self.content_type = content_type
        self.final_url = final_url
        self.attempts = 1


class TooLarge(FetchError):
    """A body larger than the cap (declared, or found while it streams)."""

    reason = "too_large"


class ConfigError(HarvesterError):
    """The configuration file is wrong; the message names the file and the key."""

    reason = "config"


class LockedError(HarvesterError):
    """Another run holds the corpus lock."""

    reason = "locked"


class StoreMismatch(HarvesterError):
    """A document was stored under another id than the one its links were worked out for
    (a bug, never expected inside one transaction: nothing wrong is kept)."""

    reason = "store_mismatch"


# Exit codes (sysexits.h) of the faults below; the CLI exits with ``exc.exit_code``.
EX_DATAERR = 65  # the corpus file is damaged, not a corpus, or made by a newer version
EX_SOFTWARE = 70  # SQLite failed in a way none of the others covers
EX_CANTCREAT = 73  # the corpus file or folder cannot be created or written
EX_IOERR = 74  # the disk is full, the file size limit was reached, or an I/O error
EX_TEMPFAIL = 75  # another process held the corpus too long (as ``LockedError``)


class StorageError(HarvesterError):
    """The corpus file could not be read or written; the message names the file and what to
    do. Raised by ``harvester.store`` in place of SQLite's own errors."""

    reason = "storage"
    exit_code = EX_SOFTWARE


class CorpusUnwritableError(StorageError):
    """The corpus file, its folder or its ``-wal``/``-shm`` files cannot be created or written."""

    reason = "corpus_unwritable"
    exit_code = EX_CANTCREAT


class CorpusFullError(StorageError):
    """The disk is full, the file size limit was reached, or the disk failed."""

    reason = "disk_full"
    exit_code = EX_IOERR


class CorpusCorruptError(StorageError):
    """The corpus file is damaged, or is no harvester corpus at all."""

    reason = "corpus_corrupt"
    exit_code = EX_DATAERR


class DedupIndexOutdated(StorageError):
    """The corpus' near-duplicate index was built with other parameters (an older version or
    other settings): links made now would not match those stored until it is rebuilt."""

    reason = "dedup_index"
    exit_code = EX_DATAERR


class CorpusBusyError(StorageError):
    """Another process kept the corpus locked longer than the wait allows."""

    reason = "corpus_busy"
    exit_code = EX_TEMPFAIL


class CorpusConflictError(StorageError):
    """A write broke a rule of the schema (e.g. the same text twice from one source)."""

    reason = "conflict"
    exit_code = EX_DATAERR


class SearchError(HarvesterError):
    """A full-text query the index cannot read (only in raw mode: plain words always work)."""

    reason = "bad_query"


class CorpusReadError(CorpusCorruptError):
    """A file that cannot be read as a corpus for browsing (missing tables, not SQLite)."""

    reason = "bad_corpus"


class BatchError(HarvesterError):
    """A batch run cannot start or go on: unreadable inputs, an output folder in use, no
    cluster at the address given."""

    reason = "batch"
