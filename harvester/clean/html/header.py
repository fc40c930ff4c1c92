"""The article's header in the main text: headline, standfirst and byline go to their fields.

trafilatura's text often opens with the headline (an ``<h1>`` inside the article element), a
standfirst and a byline ("By Jane Doe, 3 March 2026"). Those are the document's title,
description and author, not its text. Only the lines before the first paragraph of the body
are looked at, and only by what the page marks them with (tag, class words, a date), so the
text is the same whether or not the metadata is read.
"""

from __future__ import annotations

import re

from harvester.clean import meta
from harvester.clean.html.blocks import Block
from harvester.clean.html.containers import attribute_words

# The header is this many lines at most; a longer run of short lines is a list of the body.
MAX_HEADER_LINES = 5
# Longer lines are body text, never a byline or dateline.
BYLINE_MAX_CHARS = 120
# A standfirst is one or two sentences.
STANDFIRST_MAX_CHARS = 400
# Class and id words templates give a standfirst and a byline.
STANDFIRST_WORDS = frozenset({"standfirst", "dek", "deck", "subtitle", "subheadline",
                              "subhead", "strapline", "summary", "excerpt", "kicker", "lede",
                              "teaser", "description"})
BYLINE_WORDS = frozenset({"byline", "author", "authors", "dateline", "date", "time", "meta",
                          "published", "timestamp", "posted", "writer"})
# "By Jane Doe", "Von Jane Doe", "Par Jane Doe", "Por Jane Doe", "Di Jane Doe", "Door ..."
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|af|przez)\s+\w", re.I)
# How far up a block's element its class words are looked for.
CLASS_DEPTH = 3


def _words_around(block: Block) -> set[str]:
    words: set[str] = set()
    element = block.element
    for _ in range(CLASS_DEPTH):
        if element is None:
            break
        if element.get("class") or element.get("id"):
            words |= attribute_words(element)
        element = element.getparent()
    return words


def header_reason(line: str, block: Block | None, title: str) -> str | None:
    """``headline``, ``standfirst``, ``byline`` or None (a line of the body)."""
    key = " ".join(line.split()).lower()
    if block is not None and block.tag == "h1" or (len(key) >= 10 and key in title):
        return "headline"
    words = _words_around(block) if block is not None else set()
    if len(line) <= BYLINE_MAX_CHARS:
        if words & BYLINE_WORDS or _BY.match(line):
            return "byline"
        found = meta.find_date(line)
        if found is not None and found[1][1] - found[1][0] >= 0.6 * len(line.strip()):
            return "byline"
    if len(line) <= STANDFIRST_MAX_CHARS and words & STANDFIRST_WORDS:
        return "standfirst"
    return None


def page_title(tree) -> str:
    """The page's ``<title>``, as ``header_reason`` compares it."""
    title = tree.find(".//title")
    text = title.text_content() if title is not None else ""
    return " ".join(text.split()).lower()


def header_reasons(lines: list[str], reasons: list[str | None], found: list[Block | None],
                   title: str) -> tuple[list[str | None], dict[str, str]]:
    """``reasons`` with the header lines (see the module docstring) marked, and those lines by
    field (``standfirst``, ``byline``) for the metadata to fall back on."""
    out = list(reasons)
    fields: dict[str, str] = {}
    seen = 0
    for i, (line, block) in enumerate(zip(lines, found)):
        if out[i] is not None:
            continue
        if seen >= MAX_HEADER_LINES:
            break
        reason = header_reason(line, block, title)
        if reason is None:
            break
        if reason == "headline" and any(r == "headline" for r in out[:i]):
            break  # a second headline is a heading of the body
        out[i] = reason
        fields.setdefault(reason, line)
        seen += 1
    return out, fields
