"""Processes that end when the process that made them ends.

A cleaning worker orphaned by a killed run would go on with its page, without the time limit
its parent enforced, holding what it inherited. Workers are forked by the fork server, and the
fork server is started by the run: the fork server watches the run and exits with it, and each
worker is killed by the kernel when the fork server exits (``PR_SET_PDEATHSIG`` on Linux; a
watching thread elsewhere, and as a second line).
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often a watcher without pidfd looks at its parent: an orphan lives at most this long.
WATCH_SECONDS = 0.5


def exit_with_parent(*, kernel: bool = True) -> None:
    """Die when the parent dies: by the kernel's signal (``kernel``) and by a watching thread.

    The kernel's signal follows the parent *thread* that forked us: ask for it only where that
    thread lives as long as the parent (the fork server forks from its only thread).
    """
    parent = os.getppid()
    if kernel:
        _ask_kernel()
    if os.getppid() != parent or parent == 1:  # orphaned before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _ask_kernel() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        # the symbols the process already has, libc's among them: ``ctypes.util.find_library``
        # would run ``ldconfig -p`` in every worker that starts
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    try:
        # Readable once the parent has exited; no pid reuse can fool it.
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # not Linux 5.3+: look at our parent's pid instead
        while os.getppid() == parent:
            threading.Event().wait(WATCH_SECONDS)
        os._exit(1)
    select.select([handle], [], [])
    os._exit(1)
