"""Fault 2: a harvest killed while a worker cleans a slow page leaves no worker holding the
run lock: the next run gets the lock, and the orphaned worker is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import article, write_config

from harvester.errors import LockedError
from harvester.run.lock import RunLock

# The cleaner of the harvest below: it says which worker took the slow page, then takes far
# longer than the test waits for the lock, as a pathological page would.
SLOW_CLEANER = '''
import os, time
from pathlib import Path

def slow_clean(page, boilerplate=None, **options):
    if b"slow-page" in page.data:
        Path(os.environ["MARK"]).write_text(str(os.getpid()))
        time.sleep(600)
    from harvester.run.workers import clean_one as real
    return real(page, boilerplate, **options)
'''

HARVEST = '''
import sys
sys.path.insert(0, sys.argv[2])
import slow_cleaner
import harvester.run.workers as workers
workers.clean_one = slow_cleaner.slow_clean
from harvester.config import load_config
from harvester.run.harvest import harvest
harvest(load_config(sys.argv[1]))
'''


def wait_for(check, seconds: float, step: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (dead, not yet reaped by its parent) holds nothing
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def lock_free(db: Path) -> bool:
    try:
        with RunLock(db):
            return True
    except LockedError:
        return False


@pytest.mark.slow
def test_kill_9_during_a_slow_page_frees_the_lock_for_the_next_run(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(article("A slow-page story"), encoding="utf-8")
    (pages / "b.html").write_text(article("Another story"), encoding="utf-8")
    (tmp_path / "slow_cleaner.py").write_text(SLOW_CLEANER, encoding="utf-8")
    config = write_config(tmp_path, [{"name": "folder", "path": "pages"}], workers=1)
    mark = tmp_path / "worker.pid"
    run = subprocess.Popen([sys.executable, "-c", HARVEST, str(config), str(tmp_path)],
                           env={**os.environ, "MARK": str(mark)})
    try:
        assert wait_for(mark.exists, 120), "the slow page never reached a worker"
        worker = int(mark.read_text())
        assert not lock_free(tmp_path / "corpus" / "corpus.db")  # the run holds it
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    # The worker would sleep for ten minutes: only its death frees what it inherited.
    assert wait_for(lambda: not alive(worker), 30), "the orphaned worker lives on"
    assert wait_for(lambda: lock_free(tmp_path / "corpus" / "corpus.db"), 30)
