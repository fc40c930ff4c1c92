"""Lines of the main text judged by where they sit in the page: captions, link text, trailers.

Each line of the extractor's main text is mapped back to the page block it came from
(``blocks.page_blocks``), which tells what the text alone cannot: the tag around it, how much
of it is link text, and whether it lies inside the element that holds the bulk of the article.

Each rule was tuned on the dev set's even pages and checked on the odd ones; each one off
lowers F1 on both halves (figures, and the signals that did not help: docs/cleaning-html.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from harvester.clean import rules
from harvester.clean.html.blocks import Block

# A line whose block is mostly link text is a teaser, a "read more" or a related-article
# title, unless it is a list item (link lists inside articles are sources and references the
# annotators kept). 0.5: more link text than plain text; 50 characters: shorter linked lines
# are inline references of the article as often as teasers (dev set's even half).
LINKED_SHARE = 0.5
LINKED_MIN_CHARS = 50
# The element holding this share of the main text's characters, as deep as possible, is the
# article body; it must hold more than one line (a single huge paragraph is not a body).
# 0.8: the best F1 on the dev set of 0.7, 0.8 and 0.9.
MAIN_SHARE = 0.8
# Past the last line inside the article body, a line outside it and shorter than this is a
# trailer (newsletter box, "more on this topic", author box teaser). Longer ones are more often
# article text continued in a sibling container (dev set: more article kept than with no bound).
TRAILER_MAX_CHARS = 150
# The whole-page noise rules (``rules.PAGE_RULES``) that hold on an extractor's main text too:
# on trafilatura's output for the dev set these reasons matched boilerplate and no annotated
# article line. "navigation" is left out: it matched short headings of the article more often.
PAGE_RULE_REASONS = frozenset({"promo", "disclaimer", "cookie-notice", "related", "reading-time"})
# Match key for lines the extractor shortened or split differently from the block.
PREFIX_CHARS = 30


def block_of_lines(lines: Sequence[str], blocks: Sequence[Block]) -> list[Block | None]:
    """For each line, the page block it was taken from, or None when no block matches.

    Exact text first; else the block that starts with the line (the extractor cut a block at
    an inline break). List items come out of trafilatura as ``- item``.
    """
    exact: dict[str, Block] = {}
    prefix: dict[str, Block] = {}
    # chrome last: a headline repeated in the breadcrumbs belongs to the article's block
    for block in sorted(blocks, key=lambda b: bool(b.chrome)):
        exact.setdefault(block.text, block)
        prefix.setdefault(block.text[:PREFIX_CHARS], block)
    found = []
    for line in lines:
        text = line[2:] if line.startswith("- ") else line
        block = exact.get(text)
        if block is None and len(text) >= PREFIX_CHARS:
            candidate = prefix.get(text[:PREFIX_CHARS])
            if candidate is not None and candidate.text.startswith(text):
                block = candidate
        found.append(block)
    return found


def main_element(lines: Sequence[str], found: Sequence[Block | None]):
    """The deepest element holding ``MAIN_SHARE`` of the matched lines' characters."""
    weight: dict = {}
    count: dict = {}
    depth: dict = {}
    total = 0
    for line, block in zip(lines, found):
        if block is None or block.element is None:
            continue
        total += len(line)
        chain = [block.element, *block.element.iterancestors()]
        for level, element in enumerate(reversed(chain)):
            weight[element] = weight.get(element, 0) + len(line)
            count[element] = count.get(element, 0) + 1
            depth[element] = level
    # a container of several lines: one huge paragraph is not the article's body
    heavy = [e for e, w in weight.items() if w >= MAIN_SHARE * total and count[e] > 1]
    return max(heavy, key=depth.__getitem__) if heavy else None


@dataclass
class Placement:
    """Where the main text's lines sit in the page, worked out once for the steps below: the
    page's blocks, each line's block (``block_of_lines``) and the article body
    (``main_element``)."""

    blocks: Sequence[Block]
    found: list[Block | None]
    main: object

    @classmethod
    def of(cls, lines: Sequence[str], blocks: Sequence[Block]) -> Placement:
        found = block_of_lines(lines, blocks)
        return cls(blocks, found, main_element(lines, found))


def is_within(element, ancestor) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def line_reasons(lines: Sequence[str], place: Placement,
                 reasons: Sequence[str | None]) -> list[str | None]:
    """``reasons`` with the lines still kept judged by their block (None: keep)."""
    found, main = place.found, place.main
    inside = [None if b is None or b.element is None or main is None
              else is_within(b.element, main)
              for b in found]
    last_inside = max((i for i, flag in enumerate(inside) if flag), default=len(lines))
    out = list(reasons)
    for i, (line, block) in enumerate(zip(lines, found)):
        if out[i] is not None or block is None:
            continue
        if block.tag == "figcaption":  # mostly boilerplate on the dev set
            out[i] = "caption"
        elif (block.link_density >= LINKED_SHARE and len(line) >= LINKED_MIN_CHARS
              and block.tag != "li"):
            out[i] = "related"
        elif inside[i] is False and i > last_inside and len(line) < TRAILER_MAX_CHARS:
            out[i] = "after-article"
    for i, line in enumerate(lines):
        if out[i] is not None:
            continue
        reason = rules.noise_reason(line, page=True)
        if reason in PAGE_RULE_REASONS:
            out[i] = reason
        elif rules.is_caption(line):  # credits at the end ("... © AFP / NAME"): 8 to 0
            out[i] = "caption"
    return out
