"""The text blocks of an HTML page, each with how much of it is link text: one walk of the tree.

A block is what a reader sees as one paragraph: the text between two block-level tags (``<p>``,
``<div>``, ``<li>``, ``<h2>``...), the cut jusText makes, and also at each ``<br>`` (trafilatura
ends a line there, and the lines must match the blocks). Each block carries the share of
its characters inside ``<a>`` (menus, teaser lists and tag clouds are mostly link text; prose
rarely is) and the block tag it sits in.

One ``lxml.etree.iterwalk`` over the tree the other steps share: no second parse, no copy, no
SAX events, unlike jusText's own paragraph maker (costs: docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

# The tags that end a paragraph: jusText's PARAGRAPH_TAGS plus the HTML5 sectioning elements
# it predates (lxml keeps them as ordinary elements).
BLOCK_TAGS = frozenset({
    "body", "blockquote", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt",
    "fieldset", "form", "legend", "optgroup", "option", "p", "pre", "table", "td", "textarea",
    "tfoot", "th", "thead", "tr", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "article", "section", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
    "address", "details", "summary", "hr", "br",
})
# Never visible text.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe",
                       "object", "select", "button"})
# Site chrome by definition. Their blocks are marked ``chrome``: trafilatura's own basic
# cleaning drops them before it hands a page to jusText, so the lead recovery and the prose
# tests pass them over; they are still blocks of the page, and get a verdict.
CHROME_TAGS = frozenset({"aside", "footer", "nav"})


@dataclass
class Block:
    """One text block of the page: the record every HTML step reads and annotates."""

    text: str  # whitespace collapsed
    link_chars: int  # characters of ``text`` inside <a>
    tag: str  # the block tag the text sits in (h2, p, li, div...)
    element: object = None  # that block element of the tree
    chrome: str = ""  # the outermost <nav>, <footer> or <aside> holding it, if any
    position: int = 0  # its index among the page's blocks
    taken: bool = False  # a line of the main text comes from it
    reason: str | None = None  # why it is not in the text (set by ``verdicts``)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.tags: list[str] = ["body"]
        self.elements: list = [None]
        self.chrome = ""

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        if text.isspace():  # the space between two links still parts their words
            if self.parts:
                self.parts.append(" ")
            return
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def flush(self) -> None:
        if self.parts:
            text = " ".join("".join(self.parts).split())
            if text:
                self.blocks.append(Block(text, min(self.link_chars, len(text)), self.tags[-1],
                                         self.elements[-1], self.chrome, len(self.blocks)))
        self.parts = []
        self.link_chars = 0


def page_blocks(tree) -> list[Block]:
    """The visible text blocks of ``tree`` in document order (see the module docstring)."""
    out = _Collector()
    skipping = 0  # depth inside an element whose text is never shown
    links = 0  # depth inside <a>
    chrome = None  # the outermost chrome element we are in
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping:
                skipping += bool(tag)
            elif tag in SKIP_TAGS:
                skipping = 1
            elif tag in BLOCK_TAGS or tag in CHROME_TAGS:
                out.flush()
                if chrome is None and tag in CHROME_TAGS:
                    chrome, out.chrome = element, tag
                out.tags.append(tag)
                out.elements.append(element)
                out.add(element.text, links > 0)
            elif tag:
                links += tag == "a"
                out.add(element.text, links > 0)
            continue
        # "end" (comments and processing instructions: only their tail is text)
        if skipping:
            skipping -= bool(tag)
            if skipping:
                continue
        elif tag in BLOCK_TAGS or tag in CHROME_TAGS:
            out.flush()
            if len(out.tags) > 1:
                out.tags.pop()
                out.elements.pop()
            if element is chrome:
                chrome, out.chrome = None, ""
        elif tag == "a" and links:
            links -= 1
        out.add(element.tail, links > 0)
    out.flush()
    return out.blocks
