"""Storage faults met by the real command on real files: one line, a documented exit code,
nothing half-written, and the next run recovers once the cause is gone."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import subprocess
import sys

import pytest
from fault_helpers import ROOT, corpus_is_whole, harvester, one_line_error, query, write_pages

from harvester.errors import EX_CANTCREAT, EX_DATAERR, EX_IOERR
from harvester.store import Corpus
from harvester.store.schema import VERSION


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def documents(path) -> int:
    return query(path, "SELECT count(*) FROM documents")[0][0]


def make_corpus(tmp_path, pages: int = 3):
    db = tmp_path / "corpus" / "c.db"
    made = harvester("clean", "--into", str(db), "--workers", "0",
                     str(write_pages(tmp_path / "first", pages)), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return db


# --- fault 1: a first run killed while it creates the schema ----------------------------------

def test_a_creation_killed_after_the_documents_table_is_finished_on_open(tmp_path):
    # What the earlier code left when killed between its separate schema statements.
    import sqlite_utils

    db = tmp_path / "c.db"
    half = sqlite_utils.Database(db)
    half["documents"].create({"id": int, "source": str, "text": str, "content_hash": str},
                             pk="id")
    half["documents"].create_index(["content_hash", "source"], unique=True)
    half.conn.close()
    result = harvester("clean", "--into", str(db), "--workers", "0",
                       str(write_pages(tmp_path / "pages", 2)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert documents(db) == 2 and corpus_is_whole(db)
    with Corpus(db) as corpus:
        assert len(corpus.search("story")) == 2


# Kills a first creation of a corpus at the start of its k-th SQL statement, for every k
# until a creation runs to its end, each followed by an open that must work (the next run).
KILL_EVERY_STATEMENT = """
import os, signal, sqlite3, sys
from harvester.store import Corpus
connect = sqlite3.connect

def dying_at(k):
    def make(*args, **kwargs):
        conn = connect(*args, **kwargs)
        seen = [0]
        def trace(sql):
            seen[0] += 1
            if seen[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
        conn.set_trace_callback(trace)
        return conn
    return make

for k in range(1, 500):
    path = os.path.join(sys.argv[1], f"c{k}.db")
    pid = os.fork()
    if pid == 0:
        sqlite3.connect = dying_at(k)
        Corpus(path).close()
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    with Corpus(path) as corpus:  # the next run
        corpus.record_fetch("https://example.org/", outcome="ok")
        corpus.search("anything")
    print(k, "killed" if os.WIFSIGNALED(status) else "finished", flush=True)
    if not os.WIFSIGNALED(status):
        break
"""


@pytest.mark.slow
def test_first_runs_killed_at_every_statement_of_the_creation_leave_a_usable_corpus(tmp_path):
    result = subprocess.run([sys.executable, "-c", KILL_EVERY_STATEMENT, str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = [line.split() for line in result.stdout.splitlines()]
    assert outcomes[-1][1] == "finished" and len(outcomes) > 10
    assert all(outcome == "killed" for _, outcome in outcomes[:-1])
    for db in tmp_path.glob("c*.db"):
        assert corpus_is_whole(db), db
        assert query(db, "PRAGMA user_version") == [(VERSION,)]


# --- fault 5: read-only files and folders, full disks, files that are no database --------------

@pytest.mark.slow
def test_read_only_corpus_refused_then_the_next_run_works_once_fixed(tmp_path):
    db = make_corpus(tmp_path)
    new = write_pages(tmp_path / "new", 2)
    for path in db.parent.iterdir():
        path.chmod(0o444)
    result = harvester("clean", "--into", str(db), "--workers", "0", str(new), cwd=tmp_path,
                       obey_permissions=True)
    assert result.returncode == EX_CANTCREAT
    message = one_line_error(result)
    assert str(db) in message and "cannot write" in message
    # SQLite left its -shm file read-only like the corpus (no connection here may open the
    # corpus now: as the last to close, it would remove that file and hide the fault).
    assert db.with_name("c.db-shm").stat().st_mode & 0o222 == 0
    db.chmod(0o644)  # the user fixes the corpus file's permissions (only that one)
    again = harvester("clean", "--into", str(db), "--workers", "0", str(new), cwd=tmp_path,
                      obey_permissions=True)
    assert again.returncode == 0, again.stderr
    assert documents(db) == 5 and corpus_is_whole(db)


@pytest.mark.slow
def test_read_only_folder_refused_for_a_new_and_an_existing_corpus(tmp_path):
    pages = write_pages(tmp_path / "pages", 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        for db in (locked / "c.db", locked / "sub" / "c.db"):
            result = harvester("clean", "--into", str(db), str(pages), cwd=tmp_path,
                               obey_permissions=True)
            assert result.returncode == EX_CANTCREAT, result.stderr
            assert str(db) in one_line_error(result)
        locked.chmod(0o755)
        existing = make_corpus(locked)
        existing.parent.chmod(0o555)  # no room for the -wal file beside it
        result = harvester("clean", "--into", str(existing), str(pages), cwd=tmp_path,
                           obey_permissions=True)
        assert result.returncode == EX_CANTCREAT, result.stderr
        assert str(existing) in one_line_error(result)
        config = harvest_config(tmp_path, existing, pages)  # nor for the run lock
        for command in (["harvest", "--config", config], ["dedup", "--db", str(existing)]):
            result = harvester(*command, cwd=tmp_path, obey_permissions=True)
            assert result.returncode == EX_CANTCREAT, result.stderr
            assert str(existing) in one_line_error(result)
    finally:
        for folder in (locked, locked / "corpus"):
            if folder.exists():
                folder.chmod(0o755)


def harvest_config(tmp_path, db, pages) -> str:
    config = tmp_path / "config.toml"
    config.write_text(f'[corpus]\npath = "{db}"\n[clean]\nworkers = 0\n'
                      f'[[sources]]\nname = "local"\npath = "{pages}"\n', encoding="utf-8")
    return str(config)


@pytest.mark.slow
def test_full_disk_stops_the_run_with_74_and_keeps_the_corpus_whole(tmp_path):
    db = make_corpus(tmp_path)
    size = db.stat().st_size
    config = harvest_config(tmp_path, db, write_pages(tmp_path / "many", 80, words=800))
    result = harvester("harvest", "--config", config, cwd=tmp_path, file_limit=size + 96_000)
    assert result.returncode == EX_IOERR, result.stderr
    message = one_line_error(result)
    assert str(db) in message and "file size limit" in message
    assert corpus_is_whole(db)
    stored = documents(db) - 3
    assert 0 < stored < 80
    # The run says how it ended, and counts only what was committed. (The first pages here
    # begin with the texts of ``make_corpus``'s shorter pages, which they contain: they are
    # stored as duplicates of them.)
    [(status, exit_code, counted)] = query(db, "SELECT status, exit_code, stored + duplicates "
                                               "FROM runs")
    assert (status, exit_code, counted) == ("failed", EX_IOERR, stored)
    again = harvester("harvest", "--config", config, cwd=tmp_path)  # space is back
    assert again.returncode == 0, again.stderr
    assert documents(db) == 83 and corpus_is_whole(db)


def test_a_file_that_is_no_database_is_refused_untouched(tmp_path):
    db = tmp_path / "c.db"
    db.write_bytes(random.Random(5).randbytes(20_000))
    before = digest(db)
    result = harvester("clean", "--into", str(db), str(write_pages(tmp_path / "p", 1)),
                       cwd=tmp_path)
    assert result.returncode == EX_DATAERR
    assert "not a harvester corpus" in one_line_error(result)
    assert digest(db) == before


def test_an_sqlite_database_of_other_tables_is_refused_untouched(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.close()
    result = harvester("clean", "--into", str(db), str(write_pages(tmp_path / "p", 1)),
                       cwd=tmp_path)
    assert result.returncode == EX_DATAERR
    assert "not a harvester corpus" in one_line_error(result)
    assert query(db, "SELECT name FROM sqlite_master") == [("invoices",)]


def test_a_corpus_from_a_newer_version_is_refused(tmp_path):
    db = make_corpus(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    conn.close()
    result = harvester("clean", "--into", str(db), str(write_pages(tmp_path / "p", 1)),
                       cwd=tmp_path)
    assert result.returncode == EX_DATAERR
    assert "newer harvester" in one_line_error(result)


# --- fault 6: a corrupted corpus -------------------------------------------------------------

@pytest.mark.slow
def test_a_corrupted_corpus_is_refused_with_the_way_to_recover(tmp_path):
    db = make_corpus(tmp_path, pages=40)
    assert not db.with_name("c.db-wal").exists()  # all in the file itself
    size = db.stat().st_size
    with open(db, "r+b") as file:
        file.seek(size // 2)
        file.write(random.Random(6).randbytes(8192))
    before = digest(db)
    commands = [["clean", "--into", str(db), str(write_pages(tmp_path / "more", 40))],
                ["dedup", "--rebuild", "--db", str(db)], ["reclean", "--db", str(db)]]
    for command in commands:
        result = harvester(*command, cwd=tmp_path)
        assert result.returncode == EX_DATAERR, (command, result.stderr)
        message = one_line_error(result)
        assert "damaged" in message and str(db) in message
        assert "harvester export" in message and ".recover" in message
    assert digest(db) == before  # nothing written into the damaged file


def test_browsing_opens_read_only_without_the_check(tmp_path):
    db = make_corpus(tmp_path)
    with Corpus(db, read_only=True) as corpus:
        assert corpus.count() == 3
