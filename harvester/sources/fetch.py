"""Fetching one URL the way a well-mannered crawler does, and never trusting the server.

``Fetcher`` takes the httpx client and the harvest settings from its caller and adds, per
request: the address check (no private networks unless allowed: the name before the request,
the address a new connection reached before anything is sent on it, or behind a proxy the
address reached before its answer is read), robots.txt, politeness (per-host and global
limits, delays, Retry-After), redirects followed by hand (each hop is
checked again; loops and long chains stopped), a wall-clock deadline covering the body, the size
cap on the decoded body while it streams, and retries with exponential backoff for what may
pass (connection errors, timeouts, 429, 5xx). Everything that goes wrong ends in a
``FetchFailed`` whose ``reason`` is the short outcome stored in ``fetches``.
"""

from __future__ import annotations

import asyncio
import ssl
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

from harvester.config import HarvestSettings
from harvester.errors import FetchError
from harvester.model import utc_now
from harvester.sources.limits import BoundedBody, TooLarge, parse_encoding
from harvester.sources.politeness import Politeness
from harvester.sources.robots import MAX_ROBOTS_BYTES, RobotsAnswer, RobotsRules, RobotsStore
from harvester.sources.urls import (AddressGuard, host_key, normalise_url,
                                    public_only_transport)

HTML_TYPES = {"text/html", "application/xhtml+xml"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# First wait before a retry; doubled at each further try (0.5 s, 1 s, 2 s with retries = 3...).
DEFAULT_BACKOFF = 0.5
# A Retry-After longer than this is not waited for within the run: the URL is recorded as
# failed and tried again by a later run (cron runs are typically an hour apart).
MAX_RETRY_AFTER = 120.0
# robots.txt redirects followed (RFC 9309 section 2.3.1.2: at least five).
ROBOTS_REDIRECTS = 5


@dataclass
class Fetched:
    """A complete response: its status, headers (lower-case names) and decoded body."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str = field(default_factory=utc_now)
    redirects: int = 0
    attempts: int = 1
    location: str | None = None  # set on a redirect response while following

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


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


def make_client(settings: HarvestSettings) -> httpx.AsyncClient:
    """The client a harvest run shares; redirects are followed by ``Fetcher``, not httpx.

    Its connections go to public addresses only, checked as they are opened
    (``PublicOnlyBackend``), unless private ones are allowed or the environment names a
    proxy: a transport of our own would make httpx ignore the proxy settings, so there the
    peer check of ``Fetcher`` stands in for it.
    """
    limits = httpx.Limits(max_connections=settings.concurrency,
                          max_keepalive_connections=settings.concurrency)
    guarded = not settings.allow_private_addresses and not urllib.request.getproxies()
    return httpx.AsyncClient(
        headers={"User-Agent": settings.user_agent,
                 "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                 "Accept-Encoding": "gzip, deflate, br, zstd"},
        follow_redirects=False,
        timeout=httpx.Timeout(settings.timeout),
        limits=limits, transport=public_only_transport(limits) if guarded else None)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def is_html(content_type: str | None) -> bool:
    """HTML, or no declared type at all (the cleaner then looks at the bytes)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return not mime or mime in HTML_TYPES


class Fetcher:
    def __init__(self, client: httpx.AsyncClient, settings: HarvestSettings, *,
                 robots_store: RobotsStore | None = None, backoff: float = DEFAULT_BACKOFF):
        self.client = client
        self.settings = settings
        self.backoff = backoff
        self.politeness = Politeness(settings.concurrency, settings.per_host_concurrency,
                                     settings.per_host_delay)
        self.addresses = AddressGuard(settings.allow_private_addresses)
        # Through a proxy the connection's peer is the proxy, not the site: the address check
        # of the site's name (before the request) is then all we can do.
        self.proxies = urllib.request.getproxies()
        self.robots = (RobotsRules(self._fetch_robots, robots_store, settings.user_agent,
                                   self.politeness.slow_down)
                       if settings.respect_robots else None)

    async def fetch(self, url: str, *, html_only: bool = True, max_bytes: int | None = None,
                    etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The response to ``url`` (status 200-299, or 304 to a conditional request).

        Raises ``FetchFailed`` after the last try.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 1
        while True:
            try:
                result = await self._follow(url, headers, max_bytes or self.settings.max_bytes,
                                            html_only, self.settings.max_redirects)
            except FetchFailed as exc:
                wait = self._retry_wait(exc, attempt)
                if wait is None:
                    exc.attempts, exc.url = attempt, url
                    raise
                await asyncio.sleep(wait)
                attempt += 1
                continue
            result.attempts = attempt
            return result

    def _retry_wait(self, exc: FetchFailed, attempt: int) -> float | None:
        if not exc.retryable or attempt >= self.settings.retries:
            return None
        wait = self.backoff * 2 ** (attempt - 1)
        if exc.retry_after is not None:
            if exc.retry_after > MAX_RETRY_AFTER:
                return None
            wait = max(wait, exc.retry_after)
        return wait

    async def _follow(self, url: str, headers: dict[str, str], max_bytes: int, html_only: bool,
                      max_redirects: int, check_robots: bool = True) -> Fetched:
        hop, seen = url, set()
        for redirects in range(max_redirects + 1):
            if hop in seen:
                raise FetchFailed(f"{url}: redirect loop (back to {hop})",
                                  reason="too_many_redirects", final_url=hop)
            seen.add(hop)
            await self._check(hop, check_robots)
            result = await self._request(hop, headers, max_bytes, html_only)
            if result.location is None:
                result.url, result.redirects = url, redirects
                return result
            hop = result.location
        raise FetchFailed(f"{url}: more than {max_redirects} redirects",
                          reason="too_many_redirects", final_url=hop)

    async def _check(self, url: str, check_robots: bool) -> None:
        try:
            await self.addresses.check(url)
            if check_robots and self.robots is not None:
                await self.robots.check(url)
        except FetchFailed:
            raise
        except FetchError as exc:
            raise FetchFailed(str(exc), reason=exc.reason, retryable=exc.retryable,
                              final_url=url) from exc

    async def _request(self, url: str, headers: dict[str, str], max_bytes: int,
                       html_only: bool) -> Fetched:
        host = host_key(url)
        async with self.politeness.slot(host):
            try:
                # One deadline for the whole exchange, body included: httpx's own timeouts are
                # per read, so a server dripping a byte a second would never trip them.
                async with asyncio.timeout(self.settings.timeout):
                    request = self.client.build_request("GET", url, headers=headers)
                    response = await self.client.send(request, stream=True)
                    try:
                        self._check_peer(url, response)
                        return await self._read(url, response, max_bytes, html_only, host)
                    finally:
                        await response.aclose()
            except TimeoutError:
                raise FetchFailed(f"{url}: no complete answer within {self.settings.timeout:g} s",
                                  reason="timeout", retryable=True, final_url=url) from None
            except FetchFailed:
                raise
            except FetchError as exc:  # limits: too large, bad encoding, truncated
                raise FetchFailed(f"{url}: {exc}", reason=exc.reason, final_url=url,
                                  retryable=exc.reason == "truncated") from exc
            except httpx.HTTPError as exc:
                raise transport_failure(url, exc) from exc

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """The address the connection reached must pass the check the name passed."""
        if self.addresses.allow_private or self._proxied(url):
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        # No stream (a transport of tests, or one that does not say): the name's check stands.
        if peer:
            self.addresses.check_peer(str(peer[0]))

    def _proxied(self, url: str) -> bool:
        """Whether the client's environment sends ``url`` through a proxy (``no_proxy``
        hosts go direct, so their peer is the site's and is checked)."""
        parsed = httpx.URL(url)
        if not (self.proxies.get(parsed.scheme) or self.proxies.get("all")):
            return False
        return not urllib.request.proxy_bypass_environment(parsed.host, self.proxies)

    async def _read(self, url: str, response: httpx.Response, max_bytes: int, html_only: bool,
                    host: str) -> Fetched:
        status = response.status_code
        headers = {name.lower(): value for name, value in response.headers.items()}
        result = Fetched(url=url, final_url=url, status=status, headers=headers)
        if status in REDIRECT_STATUSES and headers.get("location"):
            result.location = normalise_url(headers["location"], base=url)
            if result.location is None:
                raise FetchFailed(f"{url}: redirect to an unusable address {headers['location']!r}",
                                  reason="bad_redirect", status=status, final_url=url)
            return result
        if status == 304:
            return result
        self._check_status(url, status, headers, host)
        content_type = headers.get("content-type")
        if html_only and not is_html(content_type):
            raise FetchFailed(f"{url}: not an HTML page ({content_type})", reason="not_html",
                              status=status, content_type=content_type, final_url=url)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(f"declares {int(declared):,} bytes, more than {max_bytes:,}")
        body = BoundedBody(parse_encoding(headers.get("content-encoding")), max_bytes)
        async for chunk in response.aiter_raw():
            body.feed(chunk)
        result.body = body.finish()
        return result

    def _check_status(self, url: str, status: int, headers: dict[str, str], host: str) -> None:
        if 200 <= status < 300:
            return
        retryable = status == 429 or status >= 500
        retry_after = parse_retry_after(headers.get("retry-after")) if retryable else None
        if retry_after:
            # The whole host is asked to wait, not just this URL.
            self.politeness.hold(host, min(retry_after, MAX_RETRY_AFTER))
        raise FetchFailed(f"{url}: HTTP {status}", reason=f"http_{status}", retryable=retryable,
                          retry_after=retry_after, status=status,
                          content_type=headers.get("content-type"), final_url=url)

    async def _fetch_robots(self, url: str) -> RobotsAnswer:
        try:
            result = await self._follow(url, {}, MAX_ROBOTS_BYTES, False, ROBOTS_REDIRECTS,
                                        check_robots=False)
        except FetchFailed as exc:
            if exc.reason == "too_many_redirects":
                # RFC 9309 2.3.1.2: past five redirects, robots.txt counts as unavailable (4xx).
                return RobotsAnswer(404, detail=str(exc))
            return RobotsAnswer(exc.status or 0, detail=str(exc))
        return RobotsAnswer(result.status, result.body.decode("utf-8", "replace"),
                            f"HTTP {result.status}")


def _is_certificate_error(exc: BaseException) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def transport_failure(url: str, exc: httpx.HTTPError) -> FetchFailed:
    """The outcome of an httpx error: what it says, and whether trying again may help."""
    text = str(exc) or {httpx.ReadError: "connection reset or lost while reading",
                        httpx.WriteError: "connection lost while sending"}.get(
        type(exc), type(exc).__name__)
    if isinstance(exc, httpx.TimeoutException):
        return FetchFailed(f"{url}: timed out ({text})", reason="timeout", retryable=True)
    if _is_certificate_error(exc):
        # Never retried, and never retried without verification.
        return FetchFailed(f"{url}: certificate not valid ({text})", reason="tls")
    if isinstance(exc, httpx.RemoteProtocolError) and "complete message body" in text:
        return FetchFailed(f"{url}: body cut short ({text})", reason="truncated", retryable=True)
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return FetchFailed(f"{url}: {text}", reason="bad_url")
    if isinstance(exc, httpx.TransportError):
        return FetchFailed(f"{url}: {text}", reason="network", retryable=True)
    return FetchFailed(f"{url}: {text}", reason="network")
