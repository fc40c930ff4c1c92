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
