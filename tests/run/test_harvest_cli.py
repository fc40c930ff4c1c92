"""`harvester harvest` and `harvester reclean` as cron runs them: exit codes, the run lock,
kill -9 in the middle of a run, memory against compression bombs."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import article, bomb, send, write_config
from typer.testing import CliRunner

from harvester.cli import app

HARVESTER = [str(Path(sys.executable).with_name("harvester"))]  # the installed console script


def slow_page(title: str, seconds: float):
    def handle(h):
        time.sleep(seconds)
        send(h, 200, article(title).encode(), {"Content-Type": "text/html"})
    return handle


def url_list(tmp_path, urls) -> str:
    (tmp_path / "urls.txt").write_text("".join(f"{u}\n" for u in urls), encoding="utf-8")
    return "urls.txt"


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*HARVESTER, *args], capture_output=True, text=True, timeout=120)


def query(db: Path, sql: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_bad_config_exits_78_before_any_request(tmp_path, http_site):
    config = write_config(tmp_path, [{"name": "f", "feed": f"{http_site.base}/feed.xml"}],
                          per_host_dealy=1.0)
    result = CliRunner().invoke(app, ["harvest", "--config", str(config)])
    assert result.exit_code == 78
    assert "per_host_dealy" in result.output and str(config) in result.output
    (tmp_path / "kindless.toml").write_text('[[sources]]\nname = "x"\n')
    result = CliRunner().invoke(app, ["harvest", "--config", str(tmp_path / "kindless.toml")])
    assert result.exit_code == 78 and "needs exactly one of" in result.output
    assert http_site.log == []


@pytest.mark.slow
def test_failures_named_on_stderr_and_exit_1(tmp_path, http_site):
    http_site.page("/ok", article("Fine"))
    urls = url_list(tmp_path, [f"{http_site.base}/ok", f"{http_site.base}/missing"])
    config = write_config(tmp_path, [{"name": "list", "urls": urls}], respect_robots=False)
    result = run_cli("harvest", "--config", str(config))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{http_site.base}/missing" in lines[0] and "http_404" in lines[0]
    assert result.stdout == ""  # silent otherwise
    verbose = run_cli("harvest", "--config", str(config), "--verbose")
    assert "1 already in the corpus" in verbose.stdout


@pytest.mark.slow
def test_two_runs_at_once_one_exits_75(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    http_site.add("/slow", slow_page("Slow", 3.0))
    urls = url_list(tmp_path, [f"{http_site.base}/slow"])
    config = write_config(tmp_path, [{"name": "list", "urls": urls}])
    runs = [subprocess.Popen([*HARVESTER, "harvest", "--config", str(config)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(run.wait(timeout=60), run.stderr.read()) for run in runs]
    assert sorted(code for code, _ in results) == [0, 75]
    message = next(err for code, err in results if code == 75)
    assert len(message.strip().splitlines()) == 1 and "another harvest" in message
    assert http_site.paths().count("/slow") == 1


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_finishes_with_every_page_once(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    pages = [f"/news/{n}" for n in range(24)]
    for path in pages:
        http_site.add(path, slow_page(f"Killed run story {path}", 0.1))
    urls = url_list(tmp_path, [f"{http_site.base}{p}" for p in pages])
    config = write_config(tmp_path, [{"name": "list", "urls": urls}], per_host_concurrency=2)
    db = tmp_path / "corpus" / "corpus.db"
    run = subprocess.Popen([*HARVESTER, "harvest", "--config", str(config)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and query(db, "SELECT COUNT(*) FROM sqlite_master "
                                     "WHERE name = 'documents'")[0][0]:
            if query(db, "SELECT COUNT(*) FROM documents")[0][0] >= 3:
                break
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)  # the run and its cleaning workers, mid-way
    run.wait()
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    stored_before = query(db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 3 <= stored_before < len(pages)

    rerun = run_cli("harvest", "--config", str(config))
    assert rerun.returncode == 0, rerun.stderr
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT url) FROM documents") == [
        (len(pages), len(pages))]
    assert query(db, "SELECT COUNT(*) FROM fetches WHERE outcome = 'ok' "
                     "AND document_id IS NOT NULL") == [(len(pages),)]
    assert query(db, "SELECT COUNT(*) FROM raw_pages") == [(len(pages),)]
    # pages stored before the kill were not downloaded again
    for path in pages:
        assert http_site.paths().count(path) <= 2
    assert sum(http_site.paths().count(p) for p in pages) <= len(pages) + (
        len(pages) - stored_before)
    statuses = [s for (s,) in query(db, "SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "ok"]


def peak_rss_kib(config: Path) -> int:
    """Peak resident memory of a whole harvest run (CLI, its workers), in KiB."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *HARVESTER, "harvest", "--config",
                          str(config)], capture_output=True, text=True, timeout=120)
    return int(out.stdout.strip())


@pytest.mark.slow
def test_memory_stays_flat_against_bombs(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    encodings = ["gzip", "deflate", "br", "zstd"]
    for encoding in encodings:
        http_site.add(f"/bomb-{encoding}", bomb(encoding))  # 1 GiB each, decoded
        http_site.page(f"/page-{encoding}", article(f"Plain {encoding}"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    calm = write_config(tmp_path / "a", [{"name": "l", "urls": url_list(
        tmp_path / "a", [f"{http_site.base}/page-{e}" for e in encodings])}])
    bombs = write_config(tmp_path / "b", [{"name": "l", "urls": url_list(
        tmp_path / "b", [f"{http_site.base}/bomb-{e}" for e in encodings])}])
    baseline = peak_rss_kib(calm)
    peak = peak_rss_kib(bombs)
    reasons = query(tmp_path / "b" / "corpus" / "corpus.db", "SELECT DISTINCT outcome FROM fetches"
                    " WHERE url LIKE '%bomb%'")
    assert reasons == [("too_large",)]
    # Four 1 GiB bombs against a 10 MB cap: the run's peak stays within a few caps of a run
    # fetching four small pages (it would be gigabytes if a body were decoded whole).
    print(f"peak RSS: {baseline} KiB calm, {peak} KiB with bombs")
    assert peak - baseline < 60 * 1024, (baseline, peak)


def test_reclean_remakes_documents_offline(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    http_site.page("/a", article("Reclean me"))
    urls = url_list(tmp_path, [f"{http_site.base}/a"])
    config = write_config(tmp_path, [{"name": "l", "urls": urls}])
    assert CliRunner().invoke(app, ["harvest", "--config", str(config)]).exit_code == 0
    db = tmp_path / "corpus" / "corpus.db"
    original = query(db, "SELECT text, content_hash FROM documents")[0]
    with sqlite3.connect(db) as conn:  # as if an older cleaner had kept the footer too
        conn.execute("UPDATE documents SET text = text || '\n\nCopyright', content_hash = 'old'")
    http_site.routes.clear()  # offline: the server answers nothing useful any more
    result = CliRunner().invoke(app, ["reclean", "--config", str(config), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "1 changed" in result.output
    assert query(db, "SELECT text, content_hash FROM documents")[0] == original
    assert http_site.paths().count("/a") == 1
    # the FTS index followed the update
    assert query(db, "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'Copyright'"
                 ) == [(0,)]
