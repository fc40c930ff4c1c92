"""Faults on a real 2-process Dask cluster: a page that hangs, a worker that dies, a shard that
kills every worker it runs on, and a run cut short; the batch goes on and reruns resume."""

from __future__ import annotations

import time

import pyarrow.parquet as pq
from batch_faults import ARTICLE, die_on_mark, hang_on_mark, write_pages
from batch_inputs import warc_bytes, write_site

from harvester.batch import run_batch
from harvester.batch.shards import Shard
from harvester.config import CleanSettings


def rows_of(out) -> list[dict]:
    return [row for part in sorted((out / "documents").glob("part-*.parquet"))
            for row in pq.read_table(part).to_pylist()]


def failures_of(out) -> list[dict]:
    return pq.read_table(out / "failures.parquet").to_pylist()


def html(number: int, mark: str = "") -> bytes:
    return (f"<html lang='en'><body><article><h1>Report {number}</h1><p>{ARTICLE} This is "
            f"report number {number}.</p><p>{mark}</p></article></body></html>").encode()


def test_a_page_that_hangs_is_cut_and_its_shard_goes_on(client, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(
        warc_bytes([html(0), html(1, "HANG"), html(2)]))
    started = time.monotonic()
    report = run_batch([str(tmp_path / "in")], str(tmp_path / "out"), client,
                       clean=CleanSettings(timeout=2.0), cleaner=hang_on_mark)
    assert time.monotonic() - started < 50  # the page sleeps 60 s: it was cut, not waited for
    [failure] = failures_of(tmp_path / "out")
    assert failure["reason"] == "clean_timeout" and failure["url"] == "https://news.example/1"
    assert sorted(r["url"] for r in rows_of(tmp_path / "out")) == [
        "https://news.example/0", "https://news.example/2"]
    assert report.manifest["clean"]["timeout"] == 2.0 and report.counts["failed"] == 1
    # The shard went whole to a cleaning process, which was ended on the page; then page by page.
    assert report.counts["shards_by_page"] == 1


def test_a_page_that_kills_its_cleaning_process_is_recorded_and_the_rest_kept(client, tmp_path):
    pages = write_pages(tmp_path / "in", {f"p{n}.txt": "" for n in range(3)}
                        | {"poison.txt": "DIE-ALWAYS"})
    report = run_batch([str(pages)], str(tmp_path / "out"), client,
                       clean=CleanSettings(workers=1), cleaner=die_on_mark)
    [failure] = failures_of(tmp_path / "out")
    assert failure["source"].endswith("poison.txt") and failure["reason"] == "clean_crashed"
    assert sorted(r["source"].rpartition("/")[2] for r in rows_of(tmp_path / "out")) == [
        "p0.txt", "p1.txt", "p2.txt"]
    assert report.counts["shards_by_page"] == 1  # each file is a shard: only the poisoned one


def test_a_worker_that_dies_is_replaced_and_its_shard_retried(client, tmp_path):
    marker = tmp_path / "died"
    pages = write_pages(tmp_path / "in", {f"p{n}.txt": "" for n in range(4)}
                        | {"dies.txt": f"DIE-ONCE {marker}"})
    # Cleaned in the task's thread: the page's death is the Dask worker's.
    report = run_batch([str(pages)], str(tmp_path / "out"), client,
                       clean=CleanSettings(workers=0), cleaner=die_on_mark)
    assert marker.exists()  # a worker did die
    assert report.counts["failed"] == 0
    assert sorted(r["source"].rpartition("/")[2] for r in rows_of(tmp_path / "out")) == [
        "dies.txt", "p0.txt", "p1.txt", "p2.txt", "p3.txt"]


def test_a_shard_that_kills_every_worker_is_a_recorded_failure(client, tmp_path):
    pages = write_pages(tmp_path / "in", {"fine.txt": "", "poison.txt": "DIE-ALWAYS"})
    report = run_batch([str(pages)], str(tmp_path / "out"), client,
                       clean=CleanSettings(workers=0), cleaner=die_on_mark)
    [failure] = failures_of(tmp_path / "out")
    assert failure["source"].endswith("poison.txt") and failure["reason"] == "shard_failed"
    assert "KilledWorker" in failure["detail"]
    assert [r["source"].rpartition("/")[2] for r in rows_of(tmp_path / "out")] == ["fine.txt"]
    assert report.counts["documents"] == 1


def test_a_run_cut_short_resumes_and_shows_no_half_written_file(client, tmp_path):
    write_site(tmp_path / "site")
    out = tmp_path / "out"
    run_batch([str(tmp_path / "site")], str(out), client)
    before = {r["url"]: (r["id"], r["text"]) for r in rows_of(out)}
    # As a run killed while the second shard (the site's later pages) was written: its files
    # gone, a temporary left, and no parts, failures or manifest yet.
    second = Shard(str(tmp_path / "site" / "harbour-b.warc.gz"), 1).key
    for path in out.glob(f"shards/{second}*"):
        path.unlink()
    (out / "shards" / f".{second}.parquet.0123.tmp").write_bytes(b"PAR1 half")
    for path in [*out.glob("documents/*"), out / "failures.parquet", out / "manifest.json"]:
        path.unlink()
    again = run_batch([str(tmp_path / "site")], str(out), client)
    assert again.counts["shards_skipped"] == 1 and again.counts["shards"] == 2
    assert {r["url"]: (r["id"], r["text"]) for r in rows_of(out)} == before
    assert again.counts["recleaned"] >= 1  # the fresh shard got its site's table again
    # Readers only see whole files: temporaries are dot-files outside the parts' pattern.
    assert all(p.name.startswith("part-") for p in (out / "documents").iterdir())
