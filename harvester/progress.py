"""A progress bar per source on a terminal (rich), drawn on standard error.

Only the CLI creates one, and only when standard error is a terminal: cron gets no output
unless something failed.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class SourceBars:
    """One bar per source; ``advance`` may be called from another thread (rich locks)."""

    def __init__(self, console: Console | None = None):
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  console=console or Console(stderr=True))
        self._tasks: dict[str, int] = {}
        self._progress.start()

    def start(self, source: str, total: int | None) -> None:
        if source in self._tasks:
            self._progress.update(self._tasks[source], total=total)
        else:
            self._tasks[source] = self._progress.add_task(source, total=total)

    def advance(self, source: str) -> None:
        if source not in self._tasks:
            self.start(source, None)
        self._progress.advance(self._tasks[source])

    def print(self, message: str) -> None:
        """A line above the bars (an error, say), which the next redraw does not overwrite."""
        self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        self._progress.stop()
