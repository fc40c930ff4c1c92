"""What a web source lists: RSS/Atom feeds, sitemaps (indexes, gzipped, plain text) and URL lists.

Each listing yields ``Listed`` entries (a normalised URL and, where the listing says, when the
page last changed). Listings are fetched through the same ``Fetcher`` as pages, so robots.txt,
politeness and every limit hold for them too; feedparser only ever sees bytes.

Listing files are asked for conditionally, with the validators remembered from their last read
(a ``ListingStore``, the corpus): a feed polled every hour is mostly unchanged, and a 304 costs
no download. A listing that answers 304 adds no entries; a sitemap index that answers 304 is
walked on through the sitemaps it listed last time, each asked for conditionally in turn.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import feedparser
from lxml import etree

from harvester.config import Source
from harvester.errors import PageError
from harvester.sources.fetch import Fetched, Fetcher, FetchFailed
from harvester.sources.files import GZIP_MAGIC, gunzip_bounded
from harvester.sources.urls import normalise_url

# The sitemaps protocol allows 50 MB (uncompressed) per sitemap file; a listing may be that big
# even when pages are capped lower.
SITEMAP_MAX_BYTES = 50_000_000
# Sitemap indexes may not nest by the protocol; tolerate one extra level seen in the wild, and
# no more, so a site cannot send us round in circles.
MAX_SITEMAP_DEPTH = 3


@dataclass
class Listed:
    url: str  # normalised
    changed: str | None = None  # ISO 8601 UTC: when the listing says the page last changed


@dataclass
class ListingFile:
    """A listing file (feed, sitemap, remote URL list) asked for in this run, and its answer."""

    url: str
    kind: str  # "feed", "sitemap" or "urls"
    listed_in: str | None = None  # the sitemap index that listed this sitemap
    status: int | None = None  # 304: not modified since the validators we sent
    etag: str | None = None
    last_modified: str | None = None

    @property
    def modified(self) -> bool:
        return self.status != 304

    def answered(self, fetched: Fetched) -> "ListingFile":
        self.status = fetched.status
        self.etag, self.last_modified = fetched.etag, fetched.last_modified
        return self


@dataclass
class FailedListing:
    """A listing file that could not be read (or that robots.txt disallows)."""

    file: ListingFile
    error: FetchFailed


class ListingStore(Protocol):
    """What is remembered of listing files between runs; the corpus implements it."""

    def fetch_state(self, url: str) -> dict | None: ...

    def listed_sitemaps(self, source_name: str, index_url: str) -> list[str]: ...


@dataclass
class Unlisted:
    """A sitemap its index no longer lists: not walked again when the index answers 304."""

    url: str
    index_url: str
    last_attempt: str | None  # kept as it was: dropping it from the index is no attempt


@dataclass
class Listing:
    """The pages a source lists, and the listing files read or not."""

    entries: list[Listed] = field(default_factory=list)
    failures: list[FailedListing] = field(default_factory=list)
    read: list[ListingFile] = field(default_factory=list)  # fetched: parsed, or 304
    # Sitemaps an index listed when last read and no longer lists (read afresh this run).
    unlisted: list[Unlisted] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Whether a listing file answered 304, so some of its pages are not listed this run."""
        return any(not file.modified for file in self.read)

    def add(self, url: str | None, changed: str | None, base: str | None = None) -> None:
        normal = normalise_url(url or "", base)
        if normal:
            self.entries.append(Listed(normal, changed))

    def unique(self) -> list[Listed]:
        """One entry per URL, in first-seen order, with the latest change date listed."""
        by_url: dict[str, Listed] = {}
        for entry in self.entries:
            seen = by_url.setdefault(entry.url, Listed(entry.url, entry.changed))
            if entry.changed and (seen.changed is None or entry.changed > seen.changed):
                seen.changed = entry.changed
        return list(by_url.values())


def utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_w3c_date(text: str | None) -> str | None:
    """A sitemap ``lastmod`` (W3C datetime: date, or date-time with zone) as ISO UTC."""
    if not text:
        return None
    try:
        return utc_iso(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def feed_entries(data: bytes, url: str, listing: Listing) -> None:
    """Entries of an RSS or Atom feed; relative links resolve against the feed's URL."""
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FetchFailed(f"{url}: not a readable RSS or Atom feed "
                          f"({parsed.get('bozo_exception', 'no entries')})", reason="bad_feed")
    for entry in parsed.entries:
        # dict.get: feedparser's own get warns when it maps a missing key to another one.
        stamp = dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
        changed = (utc_iso(datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc))
                   if stamp else None)
        listing.add(entry.get("link"), changed, url)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sitemap_entries(data: bytes, url: str) -> tuple[list[Listed], list[Listed]]:
    """(pages, child sitemaps) of a sitemap: XML urlset or index, gzipped or not, or plain text."""
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip_bounded(data, SITEMAP_MAX_BYTES)
        except PageError as exc:
            raise FetchFailed(f"{url}: {exc}", reason=exc.reason) from exc
    pages, children = Listing(), Listing()
    if not data.lstrip().startswith(b"<"):
        # The protocol also allows a text file, one URL per line.
        for line in data.decode("utf-8", "replace").splitlines():
            pages.add(line, None, url)
        return pages.entries, []
    # No entities, no network: a sitemap is data from a stranger.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FetchFailed(f"{url}: not a readable sitemap ({exc})", reason="bad_sitemap") from exc
    if root is None:
        raise FetchFailed(f"{url}: not a readable sitemap", reason="bad_sitemap")
    target = children if _local(root.tag) == "sitemapindex" else pages
    for item in root:
        if _local(item.tag) not in ("url", "sitemap"):
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in item}
        target.add(fields.get("loc"), parse_w3c_date(fields.get("lastmod")), url)
    return pages.entries, children.entries


def url_list_entries(text: str, base: str | None, listing: Listing,
                     file: ListingFile | None = None) -> None:
    """One URL per line; blank lines and ``#`` comments skipped; a line that is no URL is
    recorded as a failure of the list, with its line number."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if normalise_url(line, base) is None:
            if file is not None:
                listing.failures.append(FailedListing(file, FetchFailed(
                    f"{file.url}: line {number}: {line[:200]!r} is not a URL",
                    reason="bad_url_line")))
            continue
        listing.add(line, None, base)


async def list_source(fetcher: Fetcher, source: Source, store: ListingStore | None = None, *,
                      refresh: bool = False) -> Listing:
    """Everything a web source lists. Failures of listing files are collected, not raised.

    With a ``store``, listing files are asked for conditionally (not with ``refresh``).
    """
    reader = _ListingReader(fetcher, source, store, refresh)
    file = ListingFile(source.target, source.kind)
    try:
        if source.kind == "feed":
            fetched = await reader.fetch(file)
            if file.modified:
                feed_entries(fetched.body, fetched.final_url, reader.listing)
            reader.listing.read.append(file)
        elif source.kind == "sitemap":
            await reader.walk_sitemaps(file)
        elif source.kind == "urls":
            await reader.read_url_list(file)
        else:
            raise ValueError(f"not a web source: {source.kind}")
    except FetchFailed as exc:
        exc.url = exc.url or source.target
        reader.listing.failures.append(FailedListing(file, exc))
    return reader.listing


def _listing_cap(fetcher: Fetcher) -> int:
    return max(fetcher.settings.max_bytes, SITEMAP_MAX_BYTES)


class _ListingReader:
    """Reads the listing files of one source into one ``Listing``."""

    def __init__(self, fetcher: Fetcher, source: Source, store: ListingStore | None,
                 refresh: bool):
        self.fetcher = fetcher
        self.source = source
        self.store = store
        self.refresh = refresh
        self.listing = Listing()

    async def fetch(self, file: ListingFile) -> Fetched:
        """The listing file, conditionally if we kept validators from its last read."""
        state = self.store.fetch_state(file.url) if self.store and not self.refresh else None
        known = state if state and state.get("listing") else {}
        fetched = await self.fetcher.fetch(file.url, html_only=False,
                                           max_bytes=_listing_cap(self.fetcher),
                                           etag=known.get("etag"),
                                           last_modified=known.get("last_modified"))
        file.answered(fetched)
        return fetched

    async def walk_sitemaps(self, root: ListingFile) -> None:
        todo, seen = [(root, 0)], set()
        while todo:
            file, depth = todo.pop(0)
            if file.url in seen:
                continue
            seen.add(file.url)
            try:
                fetched = await self.fetch(file)
                if file.modified:
                    pages, children = sitemap_entries(fetched.body, fetched.final_url)
                    self._note_unlisted(file.url, children)
                else:
                    pages, children = [], self._known_children(file.url)
            except FetchFailed as exc:
                if file is root:
                    raise
                exc.url = exc.url or file.url
                self.listing.failures.append(FailedListing(file, exc))
                continue
            self.listing.entries.extend(pages)
            self.listing.read.append(file)
            if depth + 1 < MAX_SITEMAP_DEPTH:
                todo.extend((ListingFile(child.url, "sitemap", listed_in=file.url), depth + 1)
                            for child in children)

    def _note_unlisted(self, index_url: str, children: list[Listed]) -> None:
        """Sitemaps the index listed before and does no more: not to be walked on a 304."""
        listed = {child.url for child in children}
        for known in self._known_children(index_url):
            if known.url not in listed:
                state = self.store.fetch_state(known.url) or {}
                self.listing.unlisted.append(
                    Unlisted(known.url, index_url, state.get("last_attempt")))

    def _known_children(self, index_url: str) -> list[Listed]:
        """The sitemaps an index that answered 304 listed when it was last read."""
        if self.store is None:
            return []
        return [Listed(url) for url in self.store.listed_sitemaps(self.source.name, index_url)]

    async def read_url_list(self, file: ListingFile) -> None:
        target = file.url
        if "://" not in target:
            url_list_entries(_read_local_list(target), None, self.listing, file)
            return
        fetched = await self.fetch(file)
        if file.modified:
            url_list_entries(fetched.body.decode("utf-8", "replace"), fetched.final_url,
                             self.listing, file)
        self.listing.read.append(file)


def _read_local_list(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise FetchFailed(f"{path}: cannot read the URL list: {exc.strerror or exc}",
                          reason="unreadable") from exc
