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


class ConfigError(HarvesterError):
    """The configuration file is wrong; the message names the file and the key."""

    reason = "config"


class LockedError(HarvesterError):
    """Another run holds the corpus lock."""

    reason = "locked"


class BatchError(HarvesterError):
    """A batch run cannot start or go on: unreadable inputs, an output folder in use, no
    cluster at the address given."""

    reason = "batch"
