"""The words a run stores and shows: fetch outcomes and count names, one definition each.

They are a public contract: fetch outcomes are written to the corpus's ``fetches`` table and
shown in Datasette, count names to the ``runs`` table and the summaries. The values never change
(old corpora hold them); a new word is added here. This module imports nothing of the package.
"""

from __future__ import annotations

from enum import StrEnum


class FetchOutcome(StrEnum):
    """The ``outcome`` of a URL's ``fetches`` row: ``ok``, ``disallowed`` or why it failed.

    An HTTP error status is stored as ``http_<status>`` (see ``http_status``); cleaning
    failures of a fetched page are stored with the cleaner's own reason.
    """

    OK = "ok"
    DISALLOWED = "disallowed"  # robots.txt asks us not to: no failure, counted apart
    TIMEOUT = "timeout"
    TLS = "tls"
    TRUNCATED = "truncated"
    NETWORK = "network"
    BAD_URL = "bad_url"
    BAD_REDIRECT = "bad_redirect"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    NOT_HTML = "not_html"
    TOO_LARGE = "too_large"
    BAD_ENCODING = "bad_encoding"
    PRIVATE_ADDRESS = "private_address"
    ROBOTS_UNAVAILABLE = "robots_unavailable"
    BAD_FEED = "bad_feed"
    BAD_SITEMAP = "bad_sitemap"
    UNREADABLE = "unreadable"
    FETCH_ERROR = "fetch_error"  # a bug of ours while fetching; the run goes on

    @staticmethod
    def http_status(status: int) -> str:
        """The outcome of an HTTP error answer: ``http_404``, ``http_503``..."""
        return f"http_{status}"


class Count(StrEnum):
    """Names of a run's counts (``Counts``); a failure is counted as ``failed:<reason>``."""

    PAGES = "pages"  # every input that ended in a recorded state
    STORED = "stored"
    DUPLICATE = "duplicate"  # stored, linked to its original
    UNCHANGED = "unchanged"  # already in the corpus, or not modified since the last fetch
    DISALLOWED = "disallowed"
    GAVE_UP = "gave_up"  # failed on too many runs in a row: left alone until --refresh
    FAILED = "failed"
    # reclean
    CHANGED = "changed"
    MISSING = "missing"
    CONFLICT = "conflict"

    @staticmethod
    def failed(reason: str) -> str:
        return f"{Count.FAILED}:{reason}"
