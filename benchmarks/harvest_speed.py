"""Harvest speed against a local site: pages per second with politeness off.

    .venv/bin/python benchmarks/harvest_speed.py ../shared/devset [--limit N] [--workers N]

Serves the dev set's pages (``pages/NNNN.html.gz``, sent gzip-encoded as a web server would)
from 127.0.0.1, lists them in a URL list, and times a full ``harvest`` into a fresh corpus with
per_host_delay 0 and high concurrency: fetching, bounded decoding, cleaning in the worker pool,
deduplication and storing with the raw page. It also times the fetching alone (same Fetcher, no
cleaning) to show which side bounds the run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from harvester.config import Config, HarvestSettings, Source
from harvester.errors import FetchFailed
from harvester.run.harvest import harvest
from harvester.sources.fetch import Fetcher, make_client


def serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

        def do_GET(self):  # noqa: N802
            body = pages.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def settings() -> HarvestSettings:
    return HarvestSettings(concurrency=32, per_host_concurrency=32, per_host_delay=0.0,
                           respect_robots=False, allow_private_addresses=True, retries=1)


async def fetch_only(urls: list[str]) -> int:
    config = settings()
    async with make_client(config) as client:
        fetcher = Fetcher(client, config)

        async def one(url):
            try:
                return len((await fetcher.fetch(url)).body)
            except FetchFailed:
                return 0
        return sum(await asyncio.gather(*(one(u) for u in urls)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path, help="the dev set folder (with pages/)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="cleaning processes (default: all cores)")
    args = parser.parse_args()

    files = sorted((args.devset / "pages").glob("*.html.gz"))
    if args.limit:
        files = files[:args.limit]
    if not files:
        sys.exit(f"no pages under {args.devset / 'pages'}")
    pages = {f"/p/{f.name.removesuffix('.html.gz')}": f.read_bytes() for f in files}
    server, base = serve(pages)
    urls = [base + path for path in pages]

    began = time.perf_counter()
    fetched_bytes = asyncio.run(fetch_only(urls))
    fetch_seconds = time.perf_counter() - began

    with tempfile.TemporaryDirectory() as folder:
        url_file = Path(folder) / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n")
        config = Config(harvest=settings(),
                        sources=[Source(name="local", kind="urls", target=str(url_file))])
        config.corpus.path = Path(folder) / "corpus.db"
        config.clean.workers = args.workers
        began = time.perf_counter()
        report = harvest(config)
        seconds = time.perf_counter() - began
    server.shutdown()

    counts = report.counts
    print(f"pages: {len(urls)}  workers: {args.workers}  cores: {os.cpu_count()}")
    print(f"fetch only:  {len(urls) / fetch_seconds:7.1f} pages/s "
          f"({fetched_bytes / fetch_seconds / 1e6:.1f} MB/s decoded)")
    print(f"harvest:     {len(urls) / seconds:7.1f} pages/s  ({seconds:.1f} s; "
          f"{counts['stored']} stored, {counts['duplicate']} duplicates, {counts.failed} failed)")
    print(f"outcomes:    {counts.summary()}")


if __name__ == "__main__":
    main()
