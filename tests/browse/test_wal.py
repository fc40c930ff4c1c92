"""Browsing the corpus in Datasette while a harvest writes to it (WAL, read-only readers)."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
import time

import pytest
from browse_samples import build_sample_corpus

from harvester.browse import make_datasette
from harvester.config import CleanSettings
from harvester.model import Page
from harvester.run.counts import Counts
from harvester.run.ingest import ingest
from harvester.run.workers import clean_pages
from harvester.store import Corpus

WORDS = ("river council harbour budget school station market bridge festival library weather "
         "election railway hospital museum").split()
PAGES = 40
PAGES_PER_ROUND = 10
# Every page a reader opens during a harvest: lists, search, a document, the canned queries.
PATHS = [
    "/corpus/documents.json?_size=0&_extra=count",
    "/corpus/documents?_search=report",
    "/corpus/documents/1",
    "/corpus/newest_documents",
    "/corpus/documents_per_day?site=gen.example",
    "/corpus/failed_fetches",
    "/corpus/recent_runs",
    "/corpus/fetches",
]


def generated_page(n: int) -> Page:
    """A text page of four paragraphs, different for every ``n``."""
    rng = random.Random(n)
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(45)).capitalize()
                  + f" Report number {n}, part {k}." for k in range(4)]
    text = f"Town news {n}: the {rng.choice(WORDS)} story\n" + "\n".join(paragraphs) + "\n"
    return Page(data=text.encode(), source=f"gen-{n}", url=f"https://gen.example/{n}",
                kind="text")


class Progress:
    """Browsing rounds finished so far, so the writer can make sure it is overlapped."""

    def __init__(self):
        self.started = threading.Event()
        self.rounds = 0

    def wait_for_round(self, rounds: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.rounds < rounds and time.monotonic() < deadline:
            time.sleep(0.005)


def harvest(path, progress: Progress, errors: list) -> None:
    """What a harvest does to the corpus: a run, one transaction per page with its fetch row."""
    try:
        progress.started.wait(10)
        with Corpus(path) as corpus:
            run = corpus.start_run("harvester harvest (test)")
            counts = Counts()
            for n in range(PAGES):
                if n and n % PAGES_PER_ROUND == 0:
                    # However fast or slow the machine, a browsing round ends mid-harvest.
                    progress.wait_for_round(n // PAGES_PER_ROUND)
                page = generated_page(n)
                with corpus.transaction():
                    ingest(corpus, clean_pages([page], CleanSettings(workers=0)), counts)
                    corpus.record_fetch(page.url, source_name="gen", outcome="ok", status=200)
                corpus.record_fetch(f"https://gen.example/missing/{n}", source_name="gen",
                                    outcome="http_404", status=404, attempts=1)
                time.sleep(0.01)  # a fetch takes a while; lets the reader in between commits
            corpus.finish_run(run, exit_code=0, counts=counts.as_dict())
    except BaseException as exc:  # reported by the test, not lost in the thread
        errors.append(exc)


async def browse(ds, writer: threading.Thread, progress: Progress):
    """Open every page in rounds until the harvest ends.

    Returns the document counts seen meanwhile, the failed requests, and the count at the end.
    """
    await ds.invoke_startup()
    seen, failures = [], []
    progress.started.set()
    while writer.is_alive():
        for path in PATHS:
            response = await ds.client.get(path)
            if response.status_code != 200:
                failures.append((path, response.status_code, response.text[:300]))
            elif path.startswith("/corpus/documents.json"):
                seen.append(row_count(response.json()))
        progress.rounds += 1
    final = row_count((await ds.client.get(PATHS[0])).json())
    return seen, failures, final


def row_count(page: dict) -> int:
    # Datasette 0.65 names it filtered_table_rows_count; 1.0 gives "count" for _extra=count.
    return page.get("filtered_table_rows_count", page.get("count"))


def test_browsing_while_a_harvest_writes(tmp_path):
    sample = build_sample_corpus(tmp_path / "corpus.db")
    ds = make_datasette(sample.path)
    progress, errors = Progress(), []
    writer = threading.Thread(target=harvest, args=(sample.path, progress, errors))
    writer.start()
    try:
        seen, failures, final = asyncio.run(browse(ds, writer, progress))
    finally:
        progress.started.set()
        writer.join(30)
    assert not errors, errors
    assert not failures, failures
    # The reader really overlapped the writer and saw its commits land one by one.
    assert len(seen) >= PAGES // PAGES_PER_ROUND
    assert seen == sorted(seen) and len(set(seen)) >= 2
    assert 3 <= seen[0] and seen[-1] <= 3 + PAGES
    assert final == 3 + PAGES


def test_datasette_reads_the_corpus_read_only(tmp_path):
    sample = build_sample_corpus(tmp_path / "corpus.db")
    conn = make_datasette(sample.path).get_database("corpus").connect()
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM documents")
    finally:
        conn.close()
    with Corpus(sample.path, read_only=True) as corpus:
        assert corpus.count() == 3
