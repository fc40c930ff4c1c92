"""harvester export: JSONL (dolma shape), Parquet (batch shape), WARC of the raw pages; and the
raw pages clean --into now keeps."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from harvester.batch.parquet import DOCUMENT_SCHEMA
from harvester.cli import app
from harvester.export import export
from harvester.model import Document
from harvester.store import Corpus

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    shutil.copy(DATA / "dedup" / "article_1.txt", folder / "a1.txt")
    shutil.copy(DATA / "dedup" / "article_1.txt", folder / "a1-again.txt")
    shutil.copy(DATA / "dedup" / "article_2.txt", folder / "a2.txt")
    shutil.copy(sorted((DATA / "devset_sample" / "pages").glob("*.html.gz"))[0], folder)
    db = folder / "corpus.db"
    result = CliRunner().invoke(app, ["clean", str(folder), "--into", str(db), "--workers", "0"])
    assert result.exit_code == 0, result.output
    return db


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_jsonl_is_the_dolma_shape_with_links(corpus_file, tmp_path):
    result = run("export", "--db", str(corpus_file), "--format", "jsonl",
                 "--out", str(tmp_path / "d.jsonl"))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert len(records) == 4
    for record in records:
        assert set(record) == {"id", "text", "source", "added", "created", "metadata"}
        assert isinstance(record["id"], str) and record["text"] and record["added"]
        assert {"url", "title", "duplicate_of", "story_id", "removed", "tags",
                "content_hash"} <= set(record["metadata"])
        assert isinstance(record["metadata"]["tags"], list)
    copies = [r for r in records if r["metadata"]["duplicate_of"]]
    assert len(copies) == 1 and copies[0]["metadata"]["duplicate_of"] in {r["id"] for r in records}


def test_jsonl_reads_as_a_table(corpus_file, tmp_path):
    """What datasets' json loader does: pyarrow's JSON reader, one row per line."""
    import pyarrow.json

    export_file = tmp_path / "d.jsonl"
    with Corpus(corpus_file, read_only=True) as corpus:
        assert export(corpus, "jsonl", export_file) == 4
    table = pyarrow.json.read_json(export_file)
    assert table.num_rows == 4 and "metadata" in table.column_names


def test_parquet_is_the_batch_shape(corpus_file, tmp_path):
    result = run("export", "--db", str(corpus_file), "--format", "parquet",
                 "--out", str(tmp_path / "d.parquet"), "--where", "word_count > 100")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "d.parquet")
    assert table.schema.equals(DOCUMENT_SCHEMA)
    assert table.num_rows == 3 and min(table.column("word_count").to_pylist()) > 100


def test_warc_holds_every_raw_page(corpus_file, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    result = run("export", "--db", str(corpus_file), "--format", "warc",
                 "--out", str(tmp_path / "d.warc.gz"))
    assert result.exit_code == 0, result.output
    with (tmp_path / "d.warc.gz").open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Date"), r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    assert len(records) == 4
    assert all(uri.startswith("file://") and date.endswith("Z") and body
               for _kind, uri, date, body in records)
    assert (DATA / "dedup" / "article_2.txt").read_bytes() in [r[3] for r in records]


def test_a_bad_where_is_a_clear_error(corpus_file, tmp_path):
    result = run("export", "--db", str(corpus_file), "--format", "jsonl",
                 "--out", str(tmp_path / "d.jsonl"), "--where", "no_such_column = 1")
    assert result.exit_code == 2 and "no such column" in result.output
    assert not (tmp_path / "d.jsonl").exists()


def test_reclean_covers_documents_of_clean_into(corpus_file, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(corpus_file, db)
    result = run("reclean", "--db", str(db), "--verbose")
    assert result.exit_code == 0, result.output
    assert "4 pages cleaned again" in result.output


def test_no_raw_keeps_no_pages(tmp_path):
    shutil.copy(DATA / "dedup" / "article_1.txt", tmp_path / "a1.txt")
    db = tmp_path / "c.db"
    run("clean", str(tmp_path / "a1.txt"), "--into", str(db), "--workers", "0", "--no-raw")
    with Corpus(db) as corpus:
        assert corpus.count("documents") == 1 and corpus.count("raw_pages") == 0


def _peak_exporting(db: Path, out: Path) -> int:
    with Corpus(db, read_only=True) as corpus:
        tracemalloc.start()
        export(corpus, "parquet", out)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_export_memory_does_not_grow_with_the_corpus(tmp_path):
    """Ten times the documents, about the same peak: rows are read a batch at a time."""
    text = "word " * 200
    sizes = {}
    for n in (2_000, 20_000):
        db = tmp_path / f"{n}.db"
        with Corpus(db) as corpus, corpus.transaction():
            for i in range(n):
                corpus.insert_document(Document(text=f"{i} {text}", source=f"s/{i}"),
                                       content_hash=f"{i:064d}")
        sizes[n] = _peak_exporting(db, tmp_path / f"{n}.parquet")
    assert sizes[20_000] < 1.5 * sizes[2_000]
