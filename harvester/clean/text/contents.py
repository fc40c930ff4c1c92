"""Tables of contents: the list of an article's own subheadings, set between its lead and body.

Guides, listicles and long reports print one (often under "Contents", often without any
heading). It belongs to the article yet is not its text, and as a run of short lines it
splits the lead from the body, so the densest run of prose begins below it. It is told by
its echo: its entries come back further down as subheadings over the body's paragraphs,
which a menu or a teaser list above an article seldom does (of the 10 runs found on the tune
half's 565 pages rendered as text, 9 were tables of contents, one a teaser list).
"""

from __future__ import annotations

import re

from harvester.clean.text.lines import BULLET, WORD, TextLine

CONTENTS_HEAD = re.compile(
    r"^\W*(table\s+of\s+contents|contents|inhalt|inhaltsverzeichnis|sommaire|"
    r"table\s+des\s+mati[èe]res|[íi]ndice|contenido|spis\s+tre[śs]ci|indice|inhoud)\W*$",
    re.IGNORECASE)
# Entries that must come back below as subheadings: two could be a menu's "Home" and
# "Contact" repeated in a footer; and at least half of the list's lines.
MIN_ECHOED = 3
# How far above the body a table of contents is looked for (the dev set's run to 25 entries,
# with their heading and a toggle).
REACH = 60
# Lines a table of contents may leave between itself and the body (the first subheading,
# a reading-time line) or between its heading and its first echoed entry.
SLACK = 3
# An entry names its section in two words or more: one word over a paragraph is as often a
# teaser's section label ("Politics") as a subheading.


def entry_key(text: str) -> str:
    """An entry as its subheading reads: no bullet, no numbering, lower case."""
    key = BULLET.sub("", text.strip())
    key = BULLET.sub("", key)  # "* 1. Title": a bullet, then a number
    return " ".join(key.lower().split()).rstrip(":")


def headed_entries(lines: list[TextLine]) -> set[int]:
    """The lines of a table of contents under a "Contents" heading, up to the next paragraph."""
    entries: set[int] = set()
    for i, line in enumerate(lines):
        if CONTENTS_HEAD.match(line.text):
            j = i + 1
            while j < len(lines) and not lines[j].prose:
                entries.add(j)
                j += 1
    return entries


def echoed_block(lines: list[TextLine], top: int, bottom: int, last: dict[str, int]) -> range:
    """In the short lines ``top:bottom``, the table of contents whose entries come back below
    ``bottom`` as subheadings (``last``: each subheading's last line, ``subheadings``), with its
    heading and the bulleted entries around; else empty."""
    echoed = [i for i in range(top, bottom) if not lines[i].prose and not lines[i].rule
              and last.get(entry_key(lines[i].text), -1) >= bottom]
    if len(echoed) < MIN_ECHOED or 2 * len(echoed) < echoed[-1] - echoed[0] + 1:
        return range(0)
    first, stop = echoed[0], echoed[-1] + 1
    while first > top and echoed[0] - first < SLACK and (
            BULLET.match(lines[first - 1].text) or CONTENTS_HEAD.match(lines[first - 1].text)):
        first -= 1
    # The last entries may name sections the page renders without a paragraph under them.
    while stop < bottom and BULLET.match(lines[stop].text) and not lines[stop].rule:
        stop += 1
    return range(first, stop)


def subheadings(lines: list[TextLine], end: int) -> dict[str, int]:
    """The entry key of each subheading of ``lines[:end]`` (a short line over a paragraph; a
    menu repeated in the footer stands over other short lines), with its last line."""
    last: dict[str, int] = {}
    for i in range(min(end, len(lines) - 1)):
        line = lines[i]
        if not line.prose and not line.rule and lines[i + 1].prose:
            key = entry_key(line.text)
            if len(WORD.findall(key)) >= 2:
                last[key] = i
    return last


def contents_above(lines: list[TextLine], start: int) -> range:
    """The table of contents right above the body, which starts at ``start``, if one stands
    there: the run of short lines above ends in it, and its entries come back below (the
    body's subheadings; the span found may end before the last of them)."""
    top = start
    while top > 0 and start - top < REACH and (lines[top - 1].reason or not lines[top - 1].prose):
        top -= 1
    if start - top < MIN_ECHOED:
        return range(0)
    block = echoed_block(lines, top, start, subheadings(lines, len(lines)))
    if not block or block.start - top > SLACK or start - block.stop > SLACK:
        return range(0)
    return block


def entries_within(lines: list[TextLine], runs: list[tuple[int, int]], end: int) -> set[int]:
    """The lines of each table of contents among ``runs`` (runs of short lines of the body,
    which ends at ``end``), echoed by the body's subheadings below it."""
    long_runs = [(a, b) for a, b in runs if b - a >= MIN_ECHOED]
    if not long_runs:
        return set()
    last = subheadings(lines, end)
    found: set[int] = set()
    for run_start, run_end in long_runs:
        found.update(echoed_block(lines, run_start, run_end, last))
    return found
