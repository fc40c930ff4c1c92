"""The article's header in the main text: headline, standfirst and byline go to their fields.

trafilatura's text often opens with the headline (an ``<h1>`` inside the article element), a
standfirst and a byline ("By Jane Doe, 3 March 2026"). Those are the document's title,
description and author, not its text. Only the lines before the first paragraph of the body
are looked at, and only by what the page marks them with (tag, class words, a date), so the
text is the same whether or not the metadata is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvester.clean import meta, rules
from harvester.clean.html.blocks import Block
from harvester.clean.html.containers import attribute_words

# A byline named by its class alone (no date, no "By") is a short line: longer ones in such
# containers were teasers and the lead on the dev set.
CLASS_BYLINE_MAX_CHARS = 80
# The header is this many lines at most; a longer run of short lines is a list of the body.
MAX_HEADER_LINES = 5
# Longer lines are body text, never a byline or dateline.
BYLINE_MAX_CHARS = 120
# A standfirst is one or two sentences.
STANDFIRST_MAX_CHARS = 400
# Class and id words templates give a standfirst and a byline.
STANDFIRST_WORDS = frozenset({"standfirst", "dek", "deck", "subtitle", "subheadline",
                              "subhead", "strapline", "kicker"})
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


@dataclass
class PageHead:
    """What the page's ``<head>`` says of its header, as ``header_reason`` compares it."""

    titles: tuple[str, ...] = ()
    descriptions: frozenset[str] = frozenset()

    @classmethod
    def of(cls, tree) -> PageHead:
        title = tree.find(".//title")
        titles = [_key(title.text_content())] if title is not None else []
        descriptions = set()
        for element in tree.iter("meta"):
            kind = (element.get("name") or element.get("property") or "").lower()
            if kind in _TITLES:
                titles.append(_key(element.get("content") or ""))
            elif kind in _DESCRIPTIONS:
                descriptions.add(_key(element.get("content") or ""))
        return cls(tuple(t for t in titles if t), frozenset(descriptions - {""}))

    def has_title(self, key: str) -> bool:
        return len(key) >= MIN_HEADLINE_CHARS and any(key in title for title in self.titles)


_TITLES = ("og:title", "twitter:title")
_DESCRIPTIONS = ("description", "og:description", "twitter:description")
# A shorter line found in the title ("News", "Home") is a section's name, not the headline.
MIN_HEADLINE_CHARS = 10


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def header_reason(line: str, block: Block | None, head: PageHead) -> str | None:
    """``headline``, ``standfirst``, ``byline`` or None (a line of the body)."""
    key = _key(line)
    # the headline as the title field has it: an <h1> that differs from every title the page
    # declares is the article's own heading (Readability's test pages keep it)
    if head.has_title(key):
        return "headline"
    words = _words_around(block) if block is not None else set()
    if len(line) <= BYLINE_MAX_CHARS:
        if _BY.match(line) or (words & BYLINE_WORDS and len(line) <= CLASS_BYLINE_MAX_CHARS):
            return "byline"
        found = meta.find_date(line)
        if found is not None and found[1][1] - found[1][0] >= 0.6 * len(line.strip()):
            return "byline"
    # a standfirst leaves the text only where the description field holds it: annotators of
    # both dev sets count a standfirst as article text
    if len(line) <= STANDFIRST_MAX_CHARS and words & STANDFIRST_WORDS and key in head.descriptions:
        return "standfirst"
    return None


def header_reasons(lines: list[str], reasons: list[str | None], found: list[Block | None],
                   head: PageHead) -> tuple[list[str | None], dict[str, str]]:
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
        if rules.noise_reason(line, page=False):  # a hashtag or ad label above the headline
            continue  # is removed by the line rules, and does not end the header
        reason = header_reason(line, block, head)
        if reason is None:
            break
        if reason == "headline" and any(r == "headline" for r in out[:i]):
            break  # a second headline is a heading of the body
        out[i] = reason
        fields.setdefault(reason, line)
        seen += 1
    return out, fields
