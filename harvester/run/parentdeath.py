"""A worker process that ends when the process that made it ends.

A cleaning worker orphaned by a killed run would go on with its page, without the time limit
its parent enforced. On Linux the kernel kills it when its parent dies (``PR_SET_PDEATHSIG``);
elsewhere, and as a second line, a thread notices that it was orphaned (its parent's pid
changes) and ends it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often the fallback looks at the parent: an orphan cleans at most this much longer.
WATCH_SECONDS = 0.5


def exit_with_parent() -> None:
    """Die when the parent dies: by the kernel's signal if it can, and by a watching thread."""
    parent = os.getppid()
    _ask_kernel()
    if os.getppid() != parent or parent == 1:  # orphaned before the request took effect
        os._exit(1)
    watcher = threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True)
    watcher.start()


def _ask_kernel() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(WATCH_SECONDS)
    os._exit(1)
