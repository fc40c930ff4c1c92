"""Fetcher against a real local server: politeness and robots measured at the server, hostile
responses, redirects, retries, private addresses, TLS."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import threading
import time
from http.server import ThreadingHTTPServer

import httpx
import pytest
from httpserver import (Server, _Handler, article, bomb, cut_short, drip, once_then, redirect,
                        send, status, with_etag)

from harvester.config import HarvestSettings
from harvester.sources.fetch import (Fetched, Fetcher, FetchFailed, is_html, make_client,
                                     parse_retry_after)
from harvester.sources.urls import PublicOnlyBackend
from harvester.store import Corpus


def settings(**overrides) -> HarvestSettings:
    values = {"allow_private_addresses": True, "per_host_delay": 0.0, "timeout": 5.0,
              "retries": 2, "respect_robots": False, **overrides}
    return HarvestSettings(**values)


def fetch_all(urls: list[str], *, store=None, backoff: float = 0.05, client=None,
              **overrides) -> list[Fetched | FetchFailed]:
    async def run():
        config = settings(**overrides)
        async with (client or make_client(config)) as http:
            fetcher = Fetcher(http, config, robots_store=store, backoff=backoff)

            async def one(url):
                try:
                    return await fetcher.fetch(url)
                except FetchFailed as exc:
                    return exc
            return await asyncio.gather(*(one(u) for u in urls))
    return asyncio.run(run())


def fetch(url: str, **kwargs) -> Fetched | FetchFailed:
    return fetch_all([url], **kwargs)[0]


def starts(site, prefix: str) -> list[float]:
    return sorted(hit.at for hit in site.log if hit.path.startswith(prefix))


# The client spaces request starts; the server (a thread of this test process, sharing its GIL)
# stamps them after a connection set-up and a thread switch, which on a loaded CI machine lag
# by up to tens of milliseconds (a 0.05 s allowance failed once there), so one gap measured at
# the server may fall that much short of the delay. A late stamp shortens one gap but lengthens
# the one before, so the whole span must still hold every delay.
JITTER = 0.1


def assert_spaced(times: list[float], delay: float) -> None:
    assert all(b - a >= delay - JITTER for a, b in zip(times, times[1:])), times
    assert times[-1] - times[0] >= delay * (len(times) - 1) - JITTER / 2, times


def test_page_fetched_with_headers_and_user_agent(http_site):
    http_site.page("/a", article("A"), ETag='"x"')
    result = fetch(f"{http_site.base}/a")
    assert result.status == 200 and b"<h1>A</h1>" in result.body
    assert result.etag == '"x"' and result.content_type.startswith("text/html")
    assert http_site.hits("/a")[0].headers["User-Agent"].startswith("harvester/")


def test_per_host_delay_measured_at_the_server(http_site):
    for n in range(4):
        http_site.page(f"/p{n}", article(f"P{n}"))
    fetch_all([f"{http_site.base}/p{n}" for n in range(4)], per_host_delay=0.3,
              per_host_concurrency=2)
    times = starts(http_site, "/p")
    assert len(times) == 4
    assert_spaced(times, 0.3)


def test_crawl_delay_wins_when_larger(http_site):
    http_site.page("/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n")
    for n in range(3):
        http_site.page(f"/p{n}", article(f"P{n}"))
    fetch_all([f"{http_site.base}/p{n}" for n in range(3)], per_host_delay=0.1,
              respect_robots=True)
    times = starts(http_site, "/p")
    assert_spaced(times, 0.4)


def test_retry_after_holds_the_host(http_site):
    http_site.add("/busy", once_then(status(503, **{"Retry-After": "1"}),
                                     lambda h: send(h, 200, b"<p>ok</p>",
                                                    {"Content-Type": "text/html"})))
    result = fetch(f"{http_site.base}/busy")
    assert result.status == 200 and result.attempts == 2
    first, second = starts(http_site, "/busy")
    assert second - first >= 1.0


def test_long_retry_after_is_left_to_a_later_run(http_site):
    http_site.add("/later", status(429, **{"Retry-After": "3600"}))
    result = fetch(f"{http_site.base}/later", retries=3)
    assert result.reason == "http_429" and result.attempts == 1


def test_backoff_grows_exponentially(http_site):
    http_site.add("/down", status(502))
    result = fetch(f"{http_site.base}/down", retries=3, backoff=0.2)
    assert result.reason == "http_502" and result.attempts == 3
    a, b, c = starts(http_site, "/down")
    assert b - a >= 0.2 and c - b >= 0.4


def test_global_concurrency_limits_requests_in_flight(http_site):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(h):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.2)
        with lock:
            in_flight[0] -= 1
        send(h, 200, b"<p>x</p>", {"Content-Type": "text/html"})
    for n in range(6):
        http_site.add(f"/s{n}", slow)
    fetch_all([f"{http_site.base}/s{n}" for n in range(6)], concurrency=2, per_host_concurrency=6)
    assert peak[0] == 2


def test_robots_disallowed_never_requested(http_site):
    http_site.page("/robots.txt", "User-agent: harvester\nDisallow: /secret\n\n"
                                  "User-agent: *\nDisallow: /\n")
    http_site.page("/open", article("Open"))
    http_site.page("/secret/x", article("Secret"))
    open_, secret = fetch_all([f"{http_site.base}/open", f"{http_site.base}/secret/x"],
                              respect_robots=True)
    assert open_.status == 200  # our group allows it although * disallows everything
    assert secret.reason == "disallowed"
    assert "/secret/x" not in http_site.paths()
    assert http_site.paths().count("/robots.txt") == 1


@pytest.mark.parametrize("answer, allowed", [(404, True), (410, True), (500, False), (503, False)])
def test_robots_status_rules(http_site, answer, allowed):
    http_site.add("/robots.txt", status(answer))
    http_site.page("/page", article("Page"))
    result = fetch(f"{http_site.base}/page", respect_robots=True)
    if allowed:
        assert result.status == 200
    else:
        assert result.reason == "robots_unavailable"
        assert http_site.paths() == ["/robots.txt"]


def test_robots_unreachable_blocks_the_host():
    with Server() as site:
        base = site.base
    # the server is gone: connection refused for robots.txt
    result = fetch(f"{base}/page", respect_robots=True, retries=1)
    assert result.reason == "robots_unavailable"


@pytest.mark.parametrize("redirects, disallowed", [(5, True), (6, False)])
def test_robots_redirects_followed_up_to_five(http_site, redirects, disallowed):
    http_site.add("/robots.txt", redirect("/r1"))
    for n in range(1, redirects):
        http_site.add(f"/r{n}", redirect(f"/r{n + 1}"))
    http_site.page(f"/r{redirects}", "User-agent: *\nDisallow: /no\n")
    http_site.page("/no", article("No"))
    result = fetch(f"{http_site.base}/no", respect_robots=True)
    if disallowed:  # five redirects followed, rules applied
        assert result.reason == "disallowed" and "/no" not in http_site.paths()
    else:  # past five, robots.txt counts as unavailable (4xx): everything allowed
        assert result.status == 200


def test_robots_remembered_in_the_corpus(http_site, tmp_path):
    http_site.page("/robots.txt", "User-agent: *\nDisallow: /no\n")
    http_site.page("/yes", article("Yes"))
    with Corpus(tmp_path / "c.db") as corpus:
        fetch(f"{http_site.base}/yes", respect_robots=True, store=corpus)
        refused = fetch(f"{http_site.base}/no", respect_robots=True, store=corpus)
        assert refused.reason == "disallowed"
        # an answer older than 24 h is asked again
        corpus.conn.execute("UPDATE robots SET fetched_at = '2000-01-01T00:00:00+00:00'")
        fetch(f"{http_site.base}/yes", respect_robots=True, store=corpus)
    assert http_site.paths().count("/robots.txt") == 2


def test_drip_is_cut_at_the_deadline(http_site):
    http_site.add("/drip", drip(every=0.1))
    began = time.monotonic()
    result = fetch(f"{http_site.base}/drip", timeout=1.0, retries=1)
    assert result.reason == "timeout"
    assert time.monotonic() - began < 3.0


@pytest.mark.parametrize("reset, reason", [(True, "network"), (False, "truncated")])
def test_cut_bodies_are_failures_and_retried(http_site, reset, reason):
    http_site.add("/cut", cut_short(reset))
    result = fetch(f"{http_site.base}/cut", retries=2)
    assert result.reason == reason and result.attempts == 2
    assert http_site.paths().count("/cut") == 2


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_compression_bombs_stop_near_the_cap(http_site, encoding):
    http_site.add("/bomb", bomb(encoding))
    result = fetch(f"{http_site.base}/bomb", max_bytes=1_000_000)
    assert result.reason == "too_large" and result.attempts == 1
    stopped_at = int(str(result).rsplit("stopped at ", 1)[1].rstrip(")").replace(",", ""))
    assert 1_000_000 < stopped_at <= 1_100_000


@pytest.mark.parametrize("header", ["gzip, gzip", "gzip, br", "compress", "x-bzip2"])
def test_stacked_or_unknown_encodings_refused(http_site, header):
    http_site.add("/enc", lambda h: send(h, 200, b"data", {"Content-Type": "text/html",
                                                           "Content-Encoding": header}))
    assert fetch(f"{http_site.base}/enc").reason == "bad_encoding"


def test_declared_length_over_the_cap_is_refused(http_site):
    http_site.page("/big", "x" * 5000)
    assert fetch(f"{http_site.base}/big", max_bytes=1000).reason == "too_large"


def test_non_html_recorded_as_such(http_site):
    http_site.add("/doc.pdf", lambda h: send(h, 200, b"%PDF", {"Content-Type": "application/pdf"}))
    result = fetch(f"{http_site.base}/doc.pdf")
    assert result.reason == "not_html" and result.content_type == "application/pdf"


def test_redirects_followed_and_loops_stopped(http_site):
    http_site.add("/old", redirect("/mid", 301))
    http_site.add("/mid", redirect("/new", 308))
    http_site.page("/new", article("New"))
    http_site.add("/loop-a", redirect("/loop-b"))
    http_site.add("/loop-b", redirect("/loop-a"))
    for n in range(8):
        http_site.add(f"/hop{n}", redirect(f"/hop{n + 1}"))
    moved, loop, chain = fetch_all([f"{http_site.base}/old", f"{http_site.base}/loop-a",
                                    f"{http_site.base}/hop0"], max_redirects=5)
    assert moved.status == 200 and moved.final_url == f"{http_site.base}/new"
    assert moved.redirects == 2 and moved.url == f"{http_site.base}/old"
    assert loop.reason == "too_many_redirects" and chain.reason == "too_many_redirects"
    assert http_site.paths().count("/loop-a") == 1
    assert "/hop6" not in http_site.paths()


def test_http_errors_not_retried_unless_transient(http_site):
    http_site.add("/gone", status(410))
    http_site.add("/flaky", once_then(status(500), lambda h: send(
        h, 200, b"<p>x</p>", {"Content-Type": "text/html"})))
    gone, flaky = fetch_all([f"{http_site.base}/gone", f"{http_site.base}/flaky"], retries=3)
    assert gone.reason == "http_410" and gone.attempts == 1
    assert flaky.status == 200 and flaky.attempts == 2


def test_conditional_request_gets_304(http_site):
    http_site.add("/e", with_etag(article("E"), '"v1"'))

    async def run():
        config = settings()
        async with make_client(config) as client:
            return await Fetcher(client, config).fetch(f"{http_site.base}/e", etag='"v1"')
    result = asyncio.run(run())
    assert result.status == 304 and result.body == b""


def test_private_addresses_refused_before_any_request(http_site):
    http_site.page("/a", article("A"))
    result = fetch(f"{http_site.base}/a", allow_private_addresses=False)
    assert result.reason == "private_address"
    assert http_site.log == []


def test_redirect_into_private_network_refused():
    # A public-looking first hop is simulated with a transport that answers for example.org.
    def answer(request):
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})
    client = httpx.AsyncClient(transport=httpx.MockTransport(answer), follow_redirects=False)
    config = settings(allow_private_addresses=False)

    async def run():
        fetcher = Fetcher(client, config)
        fetcher.addresses._verdicts["example.org"] = None  # as if it resolved publicly
        try:
            await fetcher.fetch("http://example.org/")
        except FetchFailed as exc:
            return exc
    assert asyncio.run(run()).reason == "private_address"


def fetch_rebound(http_site, client_of=make_client):
    """Fetch ``/a`` of the test site by the name ``localhost``, as if that name had resolved to
    a public address a moment before: the fetched page, or the ``FetchFailed`` raised."""
    config = settings(allow_private_addresses=False)

    async def run():
        async with client_of(config) as client:
            fetcher = Fetcher(client, config)
            fetcher.addresses._verdicts["localhost"] = None  # as if it resolved publicly
            try:
                return await fetcher.fetch(http_site.base.replace("127.0.0.1", "localhost") + "/a")
            except FetchFailed as exc:
                return exc
    return asyncio.run(run())


def direct_client(_config):
    """A client that ignores the proxy settings (trust_env off), standing in for the proxy's
    own connection."""
    return httpx.AsyncClient(trust_env=False)


def no_proxies(monkeypatch) -> None:
    """Direct connections, whatever the machine's proxy settings."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_rebound_name_refused_before_anything_is_sent(http_site, monkeypatch):
    """DNS rebinding: the name passes the check (resolved publicly a moment before), then
    the connection lands on a loopback address. It is refused as it opens: the site never
    sees the request."""
    no_proxies(monkeypatch)
    http_site.page("/a", article("Internal"))
    result = fetch_rebound(http_site)
    assert isinstance(result, FetchFailed) and result.reason == "private_address"
    assert "localhost connected to the non-public address 127.0.0.1; nothing was sent" in str(result)
    assert http_site.log == []
    # allowed by the config (as every other test here does), the same fetch goes through
    url = http_site.base.replace("127.0.0.1", "localhost") + "/a"
    assert fetch(url, allow_private_addresses=True).status == 200


def test_answer_from_a_non_public_peer_refused(http_site, monkeypatch):
    """Where connections cannot be checked as they open (a client of the caller's own), the
    address the connection reached is checked before the answer is read."""
    no_proxies(monkeypatch)
    http_site.page("/a", article("Internal"))
    result = fetch_rebound(http_site, direct_client)
    assert isinstance(result, FetchFailed) and result.reason == "private_address"
    assert "connected to the non-public address 127.0.0.1" in str(result)


def test_connections_opened_by_the_public_only_backend(monkeypatch):
    no_proxies(monkeypatch)
    client = make_client(settings(allow_private_addresses=False))
    assert isinstance(client._transport._pool._network_backend, PublicOnlyBackend)
    allowed = make_client(settings(allow_private_addresses=True))
    assert not isinstance(allowed._transport._pool._network_backend, PublicOnlyBackend)


def test_peer_not_checked_through_a_proxy(http_site, monkeypatch):
    """Through a proxy the peer is the proxy (often on loopback): only the name is checked."""
    http_site.page("/a", article("Proxied"))
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:3128")
    assert fetch_rebound(http_site, direct_client).status == 200


def test_peer_checked_for_a_host_the_proxy_settings_exempt(http_site, monkeypatch):
    """A ``no_proxy`` host is reached directly, so the address it reached is checked."""
    http_site.page("/a", article("Direct"))
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:3128")
    monkeypatch.setenv("no_proxy", "localhost")
    result = fetch_rebound(http_site, direct_client)
    assert isinstance(result, FetchFailed) and result.reason == "private_address"


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate nobody trusts."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    with Server() as site:
        pass
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"site": site}))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    site.page("/a", article("A"))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site, f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.skipif(subprocess.run(["which", "openssl"], capture_output=True).returncode != 0,
                    reason="needs the openssl command")
def test_certificate_errors_are_failures_never_retried(tls_server):
    site, base = tls_server
    result = fetch(f"{base}/a", retries=3)
    assert result.reason == "tls" and result.attempts == 1
    assert site.log == []  # never retried without verification either


def test_helpers():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("soon") is None
    assert is_html("text/html; charset=utf-8") and is_html(None)
    assert is_html("application/xhtml+xml") and not is_html("application/pdf")
