"""harvester batch on a real 2-process Dask LocalCluster, against clean --into on one machine."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from harvester.batch import run_batch
from harvester.batch.parquet import DOCUMENT_COLUMNS
from harvester.config import CleanSettings
from harvester.run.counts import Counts
from harvester.run.ingest import clean_into
from harvester.sources import files
from harvester.store import Corpus

COMPARED = [c for c in DOCUMENT_COLUMNS if c not in ("id", "duplicate_of", "story_id")]


def batch_rows(out) -> list[dict]:
    return [row for part in sorted((out / "documents").glob("part-*.parquet"))
            for row in pq.read_table(part).to_pylist()]


def by_source(rows: list[dict]) -> dict[str, dict]:
    """Each document by source, its links named by the sources they point at."""
    source_of = {row["id"]: row["source"] for row in rows}
    out = {}
    for row in rows:
        out[row["source"]] = {**{c: row[c] for c in COMPARED},
                              "duplicate_of": source_of.get(row["duplicate_of"]),
                              "story_id": source_of[row["story_id"]]}
    return out


def clean_into_rows(inputs, folder, workers: int) -> list[dict]:
    with Corpus(folder / "corpus.db") as corpus:
        clean_into(corpus, files.load([str(inputs)]), Counts(), CleanSettings(workers=workers))
        return list(corpus.export_rows())


@pytest.fixture(scope="module")
def one_machine(batch_inputs, tmp_path_factory):
    """``clean --into`` as its command runs it: two cleaning processes."""
    return clean_into_rows(batch_inputs, tmp_path_factory.mktemp("one"), workers=2)


def test_clean_into_gives_the_same_texts_whatever_its_worker_count(one_machine, batch_inputs,
                                                                   tmp_path):
    """A page scheduled before its site's earlier pages taught their lines is cleaned again
    with the table as it stands when its turn to be stored comes."""
    assert by_source(clean_into_rows(batch_inputs, tmp_path, workers=0)) == by_source(one_machine)


@pytest.fixture(scope="module")
def batch_out(cli_out):
    """The command line's output and the manifest it wrote."""
    out, result = cli_out
    assert result.exit_code == 1, result.output  # the broken file and the missing input
    return out, json.loads((out / "manifest.json").read_text())


def test_documents_groups_and_originals_are_those_of_clean_into(one_machine, batch_out):
    out, _report = batch_out
    expected = by_source(one_machine)
    got = by_source(batch_rows(out))
    assert got.keys() == expected.keys()
    for source in expected:
        assert got[source] == expected[source], source
    # The inputs do hold links: an HTML page and its text, an exact copy from another file, a
    # syndicated copy, a copy inside a longer page.
    assert sum(1 for row in got.values() if row["duplicate_of"]) >= 4
    syndicated = next(row for source, row in got.items() if source.endswith("a2-syndicated.txt"))
    assert syndicated["duplicate_of"] and not syndicated["duplicate_of"].endswith("syndicated.txt")
    # Site learning changed texts across the site's two shards: from its third original page
    # on (the copy of its first page taught nothing), in both runs alike.
    stripped = sorted(row["url"] for row in got.values()
                      if row["site"] == "harbourtimes.example"
                      and "site-boilerplate" in row["removed"])
    assert stripped == [f"https://harbourtimes.example/news/{n}" for n in (3, 4, 5)]
    # The longer copy naming the publisher's page as canonical points at it.
    portal = next(row for row in got.values() if row["url"] == "https://news.example/4")
    assert portal["canonical_url"] == "https://news.example/3"
    assert portal["duplicate_of"] and got[portal["duplicate_of"]]["url"] == "https://news.example/3"


def test_ids_are_deterministic_and_a_rerun_skips_written_shards(client, batch_inputs, batch_out):
    out, manifest = batch_out
    before = {row["source"]: row["id"] for row in batch_rows(out)}
    again = run_batch([str(batch_inputs), str(out.parent / "nowhere")], str(out), client)
    assert again.counts["shards_skipped"] == again.counts["shards"] == manifest["counts"]["shards"]
    assert {row["source"]: row["id"] for row in batch_rows(out)} == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_failures_and_manifest(batch_out):
    out, manifest = batch_out
    failures = pq.read_table(out / "failures.parquet").to_pylist()
    assert {f["reason"] for f in failures} == {"bad_gzip", "missing"}
    assert manifest["counts"]["failed"] == 2 == len(failures)
    assert manifest["counts"]["documents"] == len(batch_rows(out))
    assert manifest["dedup"]["threshold"] == 0.8 and manifest["index"]["num_bands"] == 10
    # No page hung or crashed: every shard was cleaned whole in a cleaning process.
    assert manifest["counts"]["shards_by_page"] == 0 and manifest["clean"]["limits"]


def test_reads_fsspec_urls(client, batch_inputs, tmp_path):
    url = (batch_inputs / "crawl.warc.gz").as_uri()
    report = run_batch([url], str(tmp_path / "out"), client)
    rows = batch_rows(tmp_path / "out")
    assert report.counts["shards"] == 1 and len(rows) == 5
    assert all(row["url"].startswith("https://news.example/") for row in rows)
    # The WARC repeats one page only: the portal's copy of the publisher's.
    by_url = {row["url"]: row for row in rows}
    assert {row["url"] for row in rows if row["duplicate_of"]} == {"https://news.example/4"}
    assert by_url["https://news.example/4"]["duplicate_of"] == by_url["https://news.example/3"]["id"]
