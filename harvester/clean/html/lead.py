"""The article's lead: page paragraphs just before and between the extractor's lines.

trafilatura often leaves an article's first paragraphs (its lead, a standfirst) in their own
container; the page's blocks (``blocks.page_blocks``) give them back where they stood.
"""

from __future__ import annotations

import re

from harvester.clean.html.blocks import Block

_WORD = re.compile(r"\w+")
# Shorter paragraphs are not put back: on the dev set, shorter ones around trafilatura's text
# were as often teasers and labels as article text.
LEAD_MIN_CHARS = 100
# How many paragraphs right before trafilatura's first one may be taken (the lead and a
# standfirst); 2 recovered more article than 1 on the dev set, for little boilerplate.
LEAD_BEFORE = 2
# A page paragraph is "already in" the main text when this share of its word trigrams is.
SAME_PARAGRAPH = 0.5
# Between two of the main text's lines, a run of more page paragraphs than this is another
# section (a column of reader comments, a teaser list), not a paragraph the extractor skipped.
# 3: as good on the dev set as no limit, and it keeps runs such as a blog page's reader
# comments out (docs/cleaning-html.md).
MAX_GAP = 3
# A bound on the alignment's work for pages of thousands of lines.
MAX_ALIGN_LINES = 1500


def trigrams(text: str) -> list[tuple[str, ...]]:
    """The word trigrams of ``text`` in order; a text of fewer words is one short tuple."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return [tuple(words)]
    return list(zip(words, words[1:], words[2:]))


# Blocks with more link text than this are menus and teasers, never a lead: the bound
# trafilatura gives jusText (0.25). The page's blocks stand in for jusText's paragraphs: the
# same recall on the dev set at a fraction of the cost (docs/performance.md).
LEAD_MAX_LINK_DENSITY = 0.25


def lead_candidates(blocks: list[Block]) -> list[str]:
    """The page's paragraphs that may be put back by ``lead_lines``, in page order."""
    return [b.text for b in blocks
            if not b.chrome and b.link_density <= LEAD_MAX_LINK_DENSITY]


def lead_lines(lines: list[str], paragraphs: list[str]) -> list[str]:
    """``lines`` with the page's paragraphs before and between them inserted where they stand."""
    if not lines or not paragraphs or len(lines) + len(paragraphs) > MAX_ALIGN_LINES:
        return lines
    where: dict[tuple[str, ...], int] = {}
    of_line: dict[str, list[tuple[str, ...]]] = {}  # most paragraphs are a line word for word
    for index, line in enumerate(lines):
        grams = of_line.setdefault(line, trigrams(line))
        for gram in grams:
            where.setdefault(gram, index)
    # For each page paragraph: the main-text line it matches, or None.
    matched: list[int | None] = []
    for paragraph in paragraphs:
        grams = of_line.get(paragraph) or trigrams(paragraph)
        hits = [where[g] for g in grams if g in where]
        matched.append(min(hits) if grams and len(hits) >= SAME_PARAGRAPH * len(grams) else None)
    known = [i for i, m in enumerate(matched) if m is not None]
    if not known:
        return lines
    first = known[0]
    before = [p for p in paragraphs[max(0, first - LEAD_BEFORE):first] if len(p) >= LEAD_MIN_CHARS]
    after: dict[int, list[str]] = {}
    anchor = matched[first]
    gap: list[str] = []  # the paragraphs since the last matched one
    for i in range(first + 1, len(paragraphs)):
        if matched[i] is None:
            gap.append(paragraphs[i])
            continue
        if len(gap) <= MAX_GAP:
            after.setdefault(anchor, []).extend(p for p in gap if len(p) >= LEAD_MIN_CHARS)
        gap = []
        anchor = max(anchor, matched[i])
    out = list(before)
    for index, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(index, ()))
    return out
