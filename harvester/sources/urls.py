"""URLs: one spelling per page, the host a request counts against, and which addresses we refuse.

Normalising before anything is looked up or stored means ``HTTP://Example.org:80/a/../b#top``
and ``http://example.org/b`` are one page, fetched once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpcore
import httpx
from courlan import normalize_url

from harvester.errors import FetchError
from harvester.vocabulary import FetchOutcome

WEB_SCHEMES = ("http", "https")


def normalise_url(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of an http(s) URL, or None if it is not one.

    httpx resolves ``.``/``..`` segments and relative references; courlan lowercases the host,
    drops default ports and tracking parameters (``utm_*`` and the like) and sorts the query.
    The fragment never reaches the server, so it is dropped.
    """
    url = url.strip()
    if not url:
        return None
    try:
        parsed = httpx.URL(base).join(url) if base else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if parsed.scheme not in WEB_SCHEMES or not parsed.host:
        return None
    try:
        return normalize_url(str(parsed.copy_with(fragment=None)))
    except ValueError:
        return None


def origin(url: str) -> str:
    """``scheme://host:port``: what robots.txt rules apply to (RFC 9309 section 2.3)."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.scheme}://{parsed.host}:{port}"


def host_key(url: str) -> str:
    """The server a request lands on, for per-host delay and concurrency: host and port."""
    parsed = httpx.URL(url)
    return f"{parsed.host}:{parsed.port}" if parsed.port else parsed.host


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class AddressGuard:
    """Refuses URLs whose host resolves to a non-public address (unless allowed).

    A page from the internet that redirects to ``http://169.254.169.254/`` or ``localhost``
    must not make the harvester read the machine's own network; every hop is checked. Verdicts
    are kept per run on this object. The check resolves the name itself, and the connection
    resolves it again: a DNS server answering differently a moment later ("DNS rebinding")
    would slip through. So connections are opened by ``PublicOnlyBackend``, which checks the
    address each one reached before anything is sent on it; and where that cannot be used
    (behind a proxy's ``no_proxy`` exemptions), the address each connection reached is checked
    (``check_peer``) before anything of its answer is read.
    """

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._verdicts: dict[str, str | None] = {}

    async def check(self, url: str) -> None:
        if self.allow_private:
            return
        host = httpx.URL(url).host
        if host not in self._verdicts:
            self._verdicts[host] = await self._refusal(host)
        refusal = self._verdicts[host]
        if refusal:
            raise FetchError(f"{url}: {refusal}", reason=FetchOutcome.PRIVATE_ADDRESS)

    def check_peer(self, address: str | None) -> None:
        """Refuses an answer from a non-public ``address``: the peer a connection reached."""
        if self.allow_private or not address:
            return
        if not is_public(address):
            raise FetchError(f"connected to the non-public address {address} "
                             f"(set allow_private_addresses = true to allow)",
                             reason=FetchOutcome.PRIVATE_ADDRESS)

    async def _refusal(self, host: str) -> str | None:
        try:
            addresses = [host] if _is_ip(host) else await _resolve(host)
        except OSError as exc:
            # Not remembered: a resolver hiccup is retried like any network error.
            raise FetchError(f"cannot resolve {host}: {exc}", reason=FetchOutcome.NETWORK,
                             retryable=True) from exc
        private = [a for a in addresses if not is_public(a)]
        if private:
            return (f"{host} resolves to the non-public address {private[0]} "
                    f"(set allow_private_addresses = true to allow)")
        return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


async def _resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer, handing over TCP connections to public addresses only.

    Each new connection's peer address is checked as ``AddressGuard`` checks a name's, before
    anything is sent on it: whatever a second DNS answer said, a request never reaches a
    non-public address. Connecting stays httpcore's own (the resolver's address order, and
    trying both address families).
    """

    def __init__(self, inner: httpcore.AsyncNetworkBackend):
        self.inner = inner

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options=None):
        stream = await self.inner.connect_tcp(host, port, timeout, local_address,
                                              socket_options)
        peer = stream.get_extra_info("server_addr")
        # httpcore's own backends always say; one that does not leaves the name's check.
        address = str(peer[0]) if peer else None
        if address and not is_public(address):
            await stream.aclose()
            raise FetchError(f"{host} connected to the non-public address {address}; nothing "
                             f"was sent (set allow_private_addresses = true to allow)",
                             reason=FetchOutcome.PRIVATE_ADDRESS)
        return stream

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options=None):
        return await self.inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def public_only_transport(limits: httpx.Limits) -> httpx.AsyncBaseTransport:
    """A transport whose connections ``PublicOnlyBackend`` opens (see ``transport``)."""
    from harvester.sources.transport import BackendTransport

    return BackendTransport(PublicOnlyBackend(httpcore.AnyIOBackend()), limits)
