"""What a web source lists: RSS/Atom feeds, sitemaps (indexes, gzipped, plain text) and URL lists.

Each listing yields ``Listed`` entries (a normalised URL and, where the listing says, when the
page last changed). Listings are fetched through the same ``Fetcher`` as pages, so robots.txt,
politeness and every limit hold for them too; feedparser only ever sees bytes.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import feedparser
from lxml import etree

from harvester.config import Source
from harvester.errors import PageError
from harvester.sources.fetch import Fetcher, FetchFailed
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
class Listing:
    """The pages a source lists, and the listing files that could not be read."""

    entries: list[Listed] = field(default_factory=list)
    failures: list[FetchFailed] = field(default_factory=list)
    read: list[str] = field(default_factory=list)  # listing URLs fetched and parsed

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


def url_list_entries(text: str, base: str | None, listing: Listing) -> None:
    """One URL per line; blank lines and ``#`` comments skipped."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listing.add(line, None, base)


async def list_source(fetcher: Fetcher, source: Source) -> Listing:
    """Everything a web source lists. Failures of listing files are collected, not raised."""
    listing = Listing()
    try:
        if source.kind == "feed":
            fetched = await fetcher.fetch(source.target, html_only=False,
                                          max_bytes=_listing_cap(fetcher))
            feed_entries(fetched.body, fetched.final_url, listing)
            listing.read.append(source.target)
        elif source.kind == "sitemap":
            await _walk_sitemaps(fetcher, source.target, listing)
        elif source.kind == "urls":
            text, base = await _read_url_list(fetcher, source.target)
            url_list_entries(text, base, listing)
            if base:
                listing.read.append(source.target)
        else:
            raise ValueError(f"not a web source: {source.kind}")
    except FetchFailed as exc:
        exc.url = exc.url or source.target
        listing.failures.append(exc)
    return listing


def _listing_cap(fetcher: Fetcher) -> int:
    return max(fetcher.settings.max_bytes, SITEMAP_MAX_BYTES)


async def _walk_sitemaps(fetcher: Fetcher, root_url: str, listing: Listing) -> None:
    todo, seen = [(root_url, 0)], set()
    while todo:
        url, depth = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            fetched = await fetcher.fetch(url, html_only=False, max_bytes=_listing_cap(fetcher))
            pages, children = sitemap_entries(fetched.body, fetched.final_url)
        except FetchFailed as exc:
            if url == root_url:
                raise
            exc.url = exc.url or url
            listing.failures.append(exc)
            continue
        listing.entries.extend(pages)
        listing.read.append(url)
        if depth + 1 < MAX_SITEMAP_DEPTH:
            todo.extend((child.url, depth + 1) for child in children)


async def _read_url_list(fetcher: Fetcher, target: str) -> tuple[str, str | None]:
    if "://" in target:
        fetched = await fetcher.fetch(target, html_only=False, max_bytes=_listing_cap(fetcher))
        return fetched.body.decode("utf-8", "replace"), fetched.final_url
    try:
        return Path(target).read_text(encoding="utf-8", errors="replace"), None
    except OSError as exc:
        raise FetchFailed(f"{target}: cannot read the URL list: {exc.strerror or exc}",
                          reason="unreadable") from exc
