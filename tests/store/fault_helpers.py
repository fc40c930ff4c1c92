"""Running the real command on a real corpus file in a child process, as a user would."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# root writes files whatever their mode: without these capabilities a child process of root
# meets permissions as any user does.
_AS_A_USER = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search",
              "--"]


def as_a_user() -> list[str]:
    """The prefix that makes a child process obey file permissions (nothing when not root)."""
    if os.getuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return _AS_A_USER


def harvester(*args: str, cwd: Path, obey_permissions: bool = False, file_limit: int = 0,
              timeout: float = 120) -> subprocess.CompletedProcess:
    """``harvester ARGS`` in a child process; ``file_limit``: ``ulimit -f`` in bytes."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    prefix = as_a_user() if obey_permissions else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*prefix, sys.executable, "-m", "harvester", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit if file_limit else None)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The command's message: one line, no traceback."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("harvester: ")
    return lines[0]


def write_pages(folder: Path, count: int, *, words: int = 300) -> Path:
    """``count`` plain-text pages, each with its own text."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = " ".join(f"word{n}x{i}" for i in range(words))
        (folder / f"page{n:03}.txt").write_text(f"Story number {n}\n\n{body}.\n",
                                                encoding="utf-8")
    return folder


def corpus_is_whole(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO documents_fts (documents_fts, rank) "
                     "VALUES ('integrity-check', 1)")
        return ok
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
