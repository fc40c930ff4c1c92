"""harvester import: a batch output into a SQLite corpus, links as they are; the batch CLI."""

from __future__ import annotations

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from harvester.batch.load import import_output
from harvester.batch.parquet import DOCUMENT_SCHEMA, write_atomic
from harvester.cli import app
from harvester.errors import BatchError
from harvester.store import Corpus


def test_batch_command_prints_the_dashboard_and_a_summary(cli_out):
    _out, result = cli_out
    assert result.exit_code == 1, result.output  # the broken file is a failed input
    assert "Dask dashboard: http://" in result.output
    assert "documents," in result.output and "2 failed" in result.output


def test_batch_command_refuses_workers_with_a_scheduler(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                                      "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "not both" in result.output


def test_import_keeps_documents_and_links(cli_out, tmp_path):
    import pyarrow.parquet as pq

    out, _ = cli_out
    rows = [r for p in sorted((out / "documents").glob("*.parquet"))
            for r in pq.read_table(p).to_pylist()]
    result = CliRunner().invoke(app, ["import", str(out), "--into", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    with Corpus(tmp_path / "c.db") as corpus:
        stored = list(corpus.export_rows())
    assert len(stored) == len(rows)
    source_of = {r["id"]: r["source"] for r in rows}
    want = {r["source"]: (source_of.get(r["duplicate_of"]), source_of[r["story_id"]])
            for r in rows}
    stored_source = {r["id"]: r["source"] for r in stored}
    got = {r["source"]: (stored_source.get(r["duplicate_of"]), stored_source[r["story_id"]])
           for r in stored}
    assert got == want and any(dup for dup, _ in got.values())
    # Importing again adds nothing.
    result = CliRunner().invoke(app, ["import", str(out), "--into", str(tmp_path / "c.db")])
    assert f"0 documents imported, {len(rows)} already" in result.output


def test_import_refuses_a_folder_that_is_no_batch_output(tmp_path):
    with Corpus(tmp_path / "c.db") as corpus, pytest.raises(BatchError, match="manifest"):
        import_output(tmp_path, corpus)
    result = CliRunner().invoke(app, ["import", str(tmp_path), "--into", str(tmp_path / "c.db")])
    assert result.exit_code == 2 and "not a batch output" in result.output


def test_a_part_is_never_half_written(tmp_path, monkeypatch):
    import fsspec
    import pyarrow.parquet as pq

    fs = fsspec.filesystem("file")
    table = pa.Table.from_pylist([], DOCUMENT_SCHEMA)

    def broken(_table, handle, **_kw):
        handle.write(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(OSError):
        write_atomic(fs, str(tmp_path / "part-x.parquet"), table)
    assert not list(tmp_path.iterdir())  # neither the part nor its temporary file


def test_an_unexpected_error_on_one_page_is_a_recorded_failure():
    from harvester.batch.clean import clean_guarded
    from harvester.model import Failure, Page

    failure = clean_guarded(Page(data=None, source="x.html", kind="html"))  # type: ignore
    assert isinstance(failure, Failure) and failure.reason == "clean_error"
