"""A real HTTP server on 127.0.0.1 for the fetching tests, with a log of every request.

Each ``Site`` maps paths to handlers; handlers can misbehave on purpose: drip bytes, reset
the connection, cut a body short, stream a compression bomb, loop redirects, ask to retry later.
The log keeps (monotonic time, path, headers) of every request as the server saw it, so tests
check politeness and robots at the server, not in the client.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import zstandard

_WORDS = ("council bridge river residents engineers budget school harbour railway museum "
          "election mayor hospital festival library market station forest tunnel airport "
          "factory workers union court judge police minister parliament farmers harvest "
          "storm flood drought energy solar wind prices tenants housing students teachers "
          "doctors nurses artists orchestra theatre stadium coach season league").split()


def article(title: str, paragraphs: int = 5) -> str:
    """An HTML news page the cleaner keeps text from; its words are drawn from the title, so
    different titles give texts that are not near-duplicates of each other."""
    import random

    pick = random.Random(title)

    def sentence() -> str:
        words = [pick.choice(_WORDS) for _ in range(pick.randint(12, 20))]
        return " ".join(words).capitalize() + "."
    body = "\n".join(f"<p>{' '.join(sentence() for _ in range(3))}</p>"
                     for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Example News</footer></body></html>")


@dataclass
class Hit:
    at: float  # time.monotonic() when the request line was read
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    routes: dict = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    base: str = ""

    def add(self, path: str, handler) -> None:
        self.routes[path] = handler

    def page(self, path: str, html: str, **headers) -> None:
        self.add(path, lambda h: send(h, 200, html.encode(),
                                      {"Content-Type": "text/html; charset=utf-8", **headers}))

    def hits(self, path: str | None = None) -> list[Hit]:
        return [hit for hit in self.log if path is None or hit.path == path]

    def paths(self) -> list[str]:
        return [hit.path for hit in self.log]


def send(handler, status: int, body: bytes = b"", headers: dict | None = None) -> None:
    handler.send_response(status)
    headers = dict(headers or {})
    headers.setdefault("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def not_found(handler) -> None:
    send(handler, 404, b"not found", {"Content-Type": "text/plain"})


def redirect(to: str, status: int = 302):
    return lambda h: send(h, status, b"", {"Location": to})


def status(code: int, **headers):
    return lambda h: send(h, code, b"error", {"Content-Type": "text/plain", **headers})


def drip(every: float = 0.1, size: int = 10_000):
    """Announces ``size`` bytes and sends one every ``every`` seconds."""
    def handle(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(size))
        h.end_headers()
        for _ in range(size):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(every)
    return handle


def cut_short(reset: bool):
    """Announces 5,000 bytes, sends 100, then closes (``reset``: with a TCP RST)."""
    def handle(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(b"<html><body>" + b"a" * 88)
        h.wfile.flush()
        if reset:
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()
    return handle


def _compressor(encoding: str):
    if encoding in ("gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        c = zlib.compressobj(9, zlib.DEFLATED, wbits)
        return lambda data: c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)
    if encoding == "br":
        c = brotli.Compressor(quality=1)
        return lambda data: c.process(data) + c.flush()
    if encoding == "zstd":
        c = zstandard.ZstdCompressor(level=1).compressobj()
        return lambda data: c.compress(data) + c.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
    raise ValueError(encoding)


def bomb(encoding: str, decoded_size: int = 1024**3, content_type: str = "text/html"):
    """A body of ``decoded_size`` zero bytes (1 GiB by default), compressed on the fly.

    Produced as the client reads it (no Content-Length, end of body = end of connection), so
    the test costs only what the client takes before it stops.
    """
    def handle(h):
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Encoding", encoding)
        h.end_headers()
        step = b"\0" * (1024 * 1024)
        compress = _compressor(encoding)
        try:
            for _ in range(decoded_size // len(step)):
                h.wfile.write(compress(step))
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True
    return handle


def once_then(first, then):
    """``first`` for the first request, ``then`` for every later one."""
    calls = []

    def handle(h):
        calls.append(1)
        (first if len(calls) == 1 else then)(h)
    return handle


def with_etag(html: str, etag: str):
    def handle(h):
        if h.headers.get("If-None-Match") == etag:
            send(h, 304, b"", {"ETag": etag, "Content-Length": "0"})
        else:
            send(h, 200, html.encode(), {"Content-Type": "text/html", "ETag": etag})
    return handle


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.site.log.append(Hit(time.monotonic(), self.path, dict(self.headers.items())))
        handler = self.site.routes.get(self.path) or self.site.routes.get(self.path.split("?")[0])
        try:
            (handler or not_found)(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):  # keep test output clean
        pass


class Server:
    """A ``Site`` served on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, site: Site | None = None):
        self.site = site or Site()
        handler = type("Handler", (_Handler,), {"site": self.site})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # A short poll interval: shutdown() returns within it, keeping teardown fast.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def write_config(folder, sources: list[dict], *, corpus: str = "corpus/corpus.db",
                 workers: int = 1, **harvest) -> Path:
    """A config.toml in ``folder`` for a harvest of ``sources`` against the local server.

    Defaults suit tests: loopback allowed, no delay, short timeout, few retries.
    """
    import json

    settings = {"allow_private_addresses": True, "per_host_delay": 0.0, "timeout": 5.0,
                "retries": 2, **harvest}
    lines = ["[corpus]", f"path = {json.dumps(corpus)}", "[harvest]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    lines += ["[clean]", f"workers = {workers}"]
    for source in sources:
        lines.append("[[sources]]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in source.items()]
    path = Path(folder) / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rss(items: list[tuple[str, str | None]]) -> str:
    """An RSS 2.0 feed of (link, pubDate or None) items."""
    entries = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>"
        for i, (link, date) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            f"<link>http://example.org/</link><description>d</description>{entries}"
            f"</channel></rss>")


def sitemap(urls: list[tuple[str, str | None]], index: bool = False) -> str:
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(f"<{item}><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "")
                   + f"</{item}>" for loc, mod in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</{tag}>')
