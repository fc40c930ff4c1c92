"""Exit codes every command that opens a corpus shares (``cli.locked_corpus``)."""

import sqlite3

import pytest
from typer.testing import CliRunner

from harvester.cli import app
from harvester.run.lock import RunLock
from harvester.store import Corpus


@pytest.mark.parametrize("command", ["reclean", "dedup"])
def test_missing_corpus_is_a_usage_error(tmp_path, command):
    result = CliRunner().invoke(app, [command, "--db", str(tmp_path / "none.db"),
                                      "--config", str(tmp_path / "absent.toml")])
    assert result.exit_code == 2
    assert "no corpus here yet" in result.stderr


@pytest.mark.parametrize("command", ["reclean", "dedup"])
def test_locked_corpus_exits_75(tmp_path, command):
    db = tmp_path / "c.db"
    Corpus(db).close()
    with RunLock(db):
        result = CliRunner().invoke(app, [command, "--db", str(db),
                                          "--config", str(tmp_path / "absent.toml")])
    assert result.exit_code == 75
    assert "another harvest" in result.stderr


@pytest.mark.parametrize("command", ["reclean", "dedup", "harvest"])
def test_bad_config_exits_78_naming_the_key(tmp_path, command):
    config = tmp_path / "config.toml"
    config.write_text("[harvest]\ntimeout = 'soon'\n")
    result = CliRunner().invoke(app, [command, "--config", str(config)])
    assert result.exit_code == 78
    assert "harvest.timeout" in result.stderr and str(config) in result.stderr


def test_dedup_prints_counts(tmp_path):
    db = tmp_path / "c.db"
    Corpus(db).close()
    result = CliRunner().invoke(app, ["dedup", "--db", str(db),
                                      "--config", str(tmp_path / "absent.toml")])
    assert result.exit_code == 0
    assert result.stdout.startswith("0 documents")


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("harvester ")


def test_an_index_built_by_another_version_asks_for_a_rebuild_then_works(tmp_path, seed_files):
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(app, ["clean", str(seed_files[0]), "--into", str(db)]).exit_code == 0
    with sqlite3.connect(db) as conn:  # as a corpus indexed by an earlier release looks
        conn.execute("UPDATE dedup_meta SET value = json_set(value, '$.index_version', 1) "
                     "WHERE key = 'index'")
    result = runner.invoke(app, ["clean", str(seed_files[1]), "--into", str(db)])
    assert result.exit_code == 65 and "Traceback" not in result.output
    assert "near-duplicate index was built by another version" in result.stderr
    assert f"harvester dedup --rebuild --db {db}" in result.stderr
    rebuilt = runner.invoke(app, ["dedup", "--rebuild", "--db", str(db),
                                  "--config", str(tmp_path / "absent.toml")])
    assert rebuilt.exit_code == 0 and rebuilt.stdout.startswith("1 document:")
    assert runner.invoke(app, ["clean", str(seed_files[1]), "--into", str(db)]).exit_code == 0
