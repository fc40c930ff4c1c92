"""One run at a time per corpus: an exclusive ``flock`` on ``<corpus>.lock``.

The kernel drops the lock when the process dies, even by ``kill -9``, so a crashed run never
leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from harvester.errors import CorpusUnwritableError, LockedError


class RunLock:
    def __init__(self, corpus_path: Path):
        self.path = Path(str(corpus_path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            corpus = self.path.with_suffix("")
            raise CorpusUnwritableError(
                f"{corpus}: cannot create the run lock {self.path} ({exc.strerror}); let this "
                f"user write the folder {self.path.parent}, then run again") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            os.close(fd)
            raise LockedError(f"another harvest (pid {holder}) is running on {self.path.with_suffix('')}"
                              ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
