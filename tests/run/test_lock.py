"""The run lock: one run per corpus; released when the holder ends, even by kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from harvester.errors import LockedError
from harvester.run.lock import RunLock


def test_second_holder_refused_with_the_holders_pid(tmp_path):
    db = tmp_path / "c.db"
    with RunLock(db):
        with pytest.raises(LockedError) as info:
            RunLock(db).acquire()
        assert str(os.getpid()) in str(info.value)
    with RunLock(db):  # released on exit
        pass


def test_lock_freed_when_the_holder_is_killed(tmp_path):
    db = tmp_path / "c.db"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from harvester.run.lock import RunLock; "
        f"lock = RunLock({str(db)!r}); lock.acquire(); print('held', flush=True); "
        "time.sleep(60)")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockedError):
        RunLock(db).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = RunLock(db)
    lock.acquire()
    lock.release()
