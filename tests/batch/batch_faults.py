"""Cleaners that misbehave on marked pages, for the batch's fault tests (imported by the Dask
workers and their cleaning processes by module name)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from harvester.run.workers import clean_one

ARTICLE = ("The council approved the new budget on Tuesday after a long debate about schools, "
           "roads and the future of the old harbour district, and the mayor promised that the "
           "first works would start before the summer.")


def hang_on_mark(page, boilerplate=None):
    if b"HANG" in page.data:
        time.sleep(60)
    return clean_one(page, boilerplate)


def die_on_mark(page, boilerplate=None):
    """Kills the process it runs in on a page marked ``DIE-ONCE <file>`` (the first time: the
    file records it) or ``DIE-ALWAYS``."""
    text = page.data.decode("utf-8", "replace")
    if "DIE-ALWAYS" in text:
        os._exit(7)
    if "DIE-ONCE" in text:
        marker = Path(text.split("DIE-ONCE ", 1)[1].split()[0])
        if not marker.exists():
            marker.write_text("died once\n")
            os._exit(7)
    return clean_one(page, boilerplate)


def write_pages(folder: Path, marks: dict[str, str]) -> Path:
    """A text page per name, each the article with its number and its mark."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (name, mark) in enumerate(marks.items()):
        (folder / name).write_text(f"{ARTICLE} This is report number {number}.\n\n{mark}\n",
                                   encoding="utf-8")
    return folder
