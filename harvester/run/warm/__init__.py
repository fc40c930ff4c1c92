"""What the cleaning workers' fork server loads before it forks a worker.

Importing ``full`` or ``text`` warms the cleaner up (``harvester.clean.preload``) in the process
that imports it: only the fork server does, once, so every worker starts with it loaded instead
of each paying for it (costs: docs/performance.md).
"""

from __future__ import annotations

import gc


def warm_up(metadata: bool) -> None:
    from harvester.clean import preload
    from harvester.run import parentdeath

    # The fork server outlives nothing of the run that started it (its workers hold a pipe
    # that would otherwise keep it, and them, alive after a kill -9 of the run).
    parentdeath.exit_with_parent(kernel=False)

    preload(metadata=metadata)
    # A forked worker shares the server's memory until it writes to it, and Python's cycle
    # collector writes to every object it visits: frozen, the loaded cleaner is never visited,
    # so the workers copy fewer pages of it.
    gc.freeze()
