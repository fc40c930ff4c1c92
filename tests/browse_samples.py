"""A small corpus for the browsing tests, built with the package's own API from the two samples.

It holds what every page of the Datasette plugin shows: the two sample articles with URLs, an
exact copy of the first one from a mirror, a story joining the two articles, fetch outcomes
(one ok, three failed) and a finished run. ``serving`` runs ``harvester serve`` on it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from harvester.config import CleanSettings
from harvester.model import Failure
from harvester.run.counts import Counts
from harvester.run.ingest import ingest
from harvester.run.workers import clean_pages
from harvester.sources import files
from harvester.store import Corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIRST_STEM, SECOND_STEM = "000_e2f2c121935323df", "004_39d35f0e286d3120"
FIRST_URL = "https://valley-times.example/world/trump-calls-off-venezuela-strikes"
SECOND_URL = "https://world-desk.example/2026/jan/09/trump-cancels-second-wave"
COPY_URL = "https://mirror.example/trump-calls-off-venezuela-strikes"
FAILED_FETCHES = {  # url -> outcome
    "https://world-desk.example/gone": "http_404",
    "https://slow.example/a": "timeout",
    "https://slow.example/b": "timeout",
}


@dataclass
class SampleCorpus:
    path: Path
    first: int  # the first sample (headline, byline, removed lines)
    second: int  # the second sample (hashtags as tags), same story as the first
    copy: int  # an exact copy of the first from another site, in the same story
    run: int


def sample_pages():
    pages = {Path(p.source).stem: p for p in files.load([SEEDS / f"{FIRST_STEM}.txt",
                                                         SEEDS / f"{SECOND_STEM}.txt"])}
    first = replace(pages[FIRST_STEM], url=FIRST_URL)
    second = replace(pages[SECOND_STEM], url=SECOND_URL)
    copy = replace(first, source=COPY_URL, url=COPY_URL)
    return first, second, copy


def build_sample_corpus(path: Path) -> SampleCorpus:
    first, second, copy = sample_pages()
    ids: dict[str, int] = {}
    counts = Counts()
    with Corpus(path) as corpus:
        run = corpus.start_run("harvester clean seeds")
        results = clean_pages([first, second, copy], CleanSettings(workers=0))
        ingest(corpus, results, counts, on_failure=_raise,
               on_stored=lambda doc, stored: ids.__setitem__(doc.source, stored.doc_id))
        sample = SampleCorpus(path, ids[first.source], ids[second.source], ids[copy.source], run)
        # The links the near-duplicate step makes (the copy repeats the first; all three
        # report one event), pinned here so these tests do not hang on its thresholds.
        corpus.set_links(sample.first, duplicate_of=None, story_id=sample.first)
        corpus.set_links(sample.second, duplicate_of=None, story_id=sample.first)
        corpus.set_links(sample.copy, duplicate_of=sample.first, story_id=sample.first)
        corpus.record_fetch(FIRST_URL, source_name="news", outcome="ok", status=200,
                            document_id=sample.first)
        for url, outcome in FAILED_FETCHES.items():
            corpus.record_fetch(url, source_name="news", outcome=outcome, attempts=1,
                                detail=f"test fetch ending in {outcome}")
        corpus.finish_run(run, exit_code=0, counts=counts.as_dict())
    return sample


def _raise(failure: Failure) -> None:
    raise AssertionError(f"a sample failed to clean: {failure}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db_path: Path, timeout: float = 20.0, flag: str = "--db") -> Iterator[str]:
    """``harvester serve`` on a free loopback port as a subprocess; yields its base URL.
    ``flag="--config"`` serves the corpus of the config file at ``db_path``."""
    port = free_port()
    command = [sys.executable, "-m", "harvester", "serve", flag, str(db_path),
               "--port", str(port), "--host", "127.0.0.1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, base, timeout)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(process: subprocess.Popen, base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"harvester serve exited with {process.returncode}: "
                                 f"{process.stdout.read().decode(errors='replace')}")
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"harvester serve did not answer on {base} within {timeout:g} s")
