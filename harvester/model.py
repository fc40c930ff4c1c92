"""The two values every room passes around: a raw ``Page`` and a clean ``Document``.

Plain dataclasses (and the clock they are stamped with); this module imports nothing of the
package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class Reason(StrEnum):
    """Why a line or block was left out of the clean text. The values are stored in corpora:
    never change one, only add."""

    AD_LABEL = "ad-label"
    AFTER_ARTICLE = "after-article"
    ALSO_READ = "also-read"
    ASIDE = "aside"
    BANNER = "banner"
    BREAKING_NEWS = "breaking-news"
    BYLINE = "byline"
    CAPTION = "caption"
    COMMENTS = "comments"
    COOKIE_NOTICE = "cookie-notice"
    DISCLAIMER = "disclaimer"
    FOOTER = "footer"
    FRAGMENT = "fragment"
    HASHTAGS = "hashtags"
    HEADLINE = "headline"
    NAVIGATION = "navigation"
    NEWSLETTER = "newsletter"
    NOT_MAIN_TEXT = "not-main-text"
    PAGE_HEADER = "page-header"
    PROMO = "promo"
    READING_TIME = "reading-time"
    RELATED = "related"
    SHARE_BAR = "share-bar"
    SIDEBAR = "sidebar"
    SITE_BOILERPLATE = "site-boilerplate"
    STANDFIRST = "standfirst"
    TAGS = "tags"


def utc_now() -> str:
    """The time now in UTC, as every stored time is written (ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Page:
    """Raw bytes of one page and where they came from."""

    data: bytes
    source: str  # file path (with ``#offset`` for a WARC record) or the fetched URL
    url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None  # ISO 8601, UTC
    # "html" or "text" when the loader knows (file name, content type); None: sniff.
    kind: str | None = None


@dataclass
class Line:
    """One line of the page's visible text and the cleaner's verdict on it."""

    text: str
    reason: Reason | str | None = None  # None: kept in the clean text; else why it was dropped
    note: str = ""  # how a learned step decided the line, when one turned the rules' verdict

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclass
class Document:
    """Clean text of one page with its metadata and the record of what was removed."""

    text: str
    source: str
    url: str | None = None
    title: str | None = None
    description: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) or date-time
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    site: str | None = None
    # Every line of the page in order, kept or not, so a user can ask why.
    lines: list[Line] = field(default_factory=list)
    fetched_at: str | None = None
    # Readers' comments kept apart from the article text (stored NULL when empty).
    comments: str = ""
    # The page's own word on its address (<link rel=canonical>, og:url): the publisher's page
    # when a copy names another site's, which makes that page its group's original.
    canonical_url: str | None = None

    @property
    def removed(self) -> list[Line]:
        return [line for line in self.lines if not line.kept]

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "description": self.description,
            "author": self.author,
            "date": self.date,
            "tags": list(self.tags),
            "language": self.language,
            "site": self.site,
            "text": self.text,
            "removed": [{"line": ln.text, "reason": ln.reason} for ln in self.removed],
            **({"comments": self.comments} if self.comments else {}),
        }


@dataclass
class Failure:
    """An input that ended without a document, and why (``reason`` is short, ``detail`` human)."""

    source: str
    reason: str
    detail: str
    url: str | None = None
