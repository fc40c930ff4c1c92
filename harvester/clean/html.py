"""HTML pages: the main text and metadata, found by trafilatura and checked by other signals.

Steps, each a function below:

1. ``parse``: one lxml parse shared by every step, checked against the page's own text so a
   tree lxml cut short (nesting past its depth limit, a text node past its size limit) is
   never cleaned as if it were the whole page: re-parsed without limits, or else the page's
   text is rendered without a tree and cleaned as a text page.
2. ``blocks.page_blocks``: one walk of the tree for the page's text blocks, each with its tag
   and its share of link text; ``prune.find_containers``: the navigation, footer, share,
   related, newsletter... containers, each with its reason.
3. ``metadata.page_metadata``: trafilatura's title, author, date, description and tags, on the
   whole page (a byline container holds the author); ``headline`` and ``authors`` take the
   site's own name off the title and the author list (``sitename.site_names``).
4. ``prune.remove_containers``, ``remove_link_lists`` and ``remove_never_text``, then
   ``main_text``: the containers, the link lists no class names, media, form controls, style
   sheets and program code are taken out of the tree, and trafilatura finds the main text in
   the rest (fast mode; its full mode as well when the fast text is short; tables kept,
   comments left out).
5. ``lead_lines``: page paragraphs just before and between trafilatura's lines, which are most
   often an article's lead that trafilatura left in its own container.
6. ``prune.line_reasons``: a line found whole inside a container (a recovered lead paragraph)
   is dropped with that container's reason.
7. ``structure.line_reasons``: lines judged by their block: captions, linked teasers, short
   trailers after the article body, and the whole-page rules that hold on main text too;
   ``structure.with_container_lines``: the removed containers that sat inside the article
   body go back into the record where they stood, as removed lines with their reason.
8. ``clean_text(extracted=True)``: the line rules every cleaner shares (share bars, ad labels,
   also-read teasers, captions, site-wide boilerplate).
"""

from __future__ import annotations

import html as htmllib
import re

import lxml.html
import trafilatura

from harvester.clean import prune, structure
from harvester.clean.authors import authors
from harvester.clean.blocks import Block, page_blocks
from harvester.clean.headline import headline
from harvester.clean.language import detect_language
from harvester.clean.metadata import page_metadata
from harvester.clean.sitename import site_names
from harvester.clean.text import clean_text
from harvester.errors import CleaningError
from harvester.model import Document, Line

# --- 1. parse ---------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# A tag, with ">" allowed inside quoted attribute values (JSON in data- attributes has them).
# Possessive quantifiers (they never give back what they matched) give the same matches
# faster, and no backtracking blow-up on a "<" never closed: ``visible_tail`` took 0.75
# instead of 1.03 ms per dev-set page with this pattern, the same tails on all 990 pages.
_TAG = re.compile(r"<[a-zA-Z/!?](?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>")
# An element whose text is never shown, up to its first end tag; possessive like ``_TAG``:
# 0.21 instead of 0.42 ms per dev-set page written as ``.*?</\1\s*>``, the same matches on
# all 990 pages.
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b(?:[^<]++|<(?!/\1\s*>))*+</\1\s*>",
                        re.I | re.S)
# How much of the end of the page's visible text must be found in the tree. lxml cuts a page
# at the point it gives up, so what goes missing is always the end; 40 characters (without
# spaces) are a few words: too many to match by chance, few enough to be plain text.
TAIL_CHARS = 40
# A run shorter than this ("|", "©") could be found anywhere; the check looks further back.
MIN_TAIL_CHARS = 8


def visible_tail(html: str) -> str:
    """The end of the page's last visible run of text (between two tags), found without a parser.

    One run, not the joined end of several: lxml's text puts script text between runs that
    this leaves out.
    """
    tail = html[-200_000:]  # the end is all this needs; keeps pathological pages cheap
    runs = _TAG.split(_INVISIBLE.sub("<x>", _COMMENT.sub("<x>", tail)))
    for run in reversed(runs):
        text = prune.dense(htmllib.unescape(run))
        if len(text) >= MIN_TAIL_CHARS:
            return text[-TAIL_CHARS:]
    return ""


def parse(html: str):
    """The page's lxml tree, or None when lxml cannot hold the whole page."""
    return parse_with_text(html)[0]


def parse_with_text(html: str) -> tuple[object, str]:
    """``parse``'s tree and the tree's text (``text_content``), which the check needs and the
    container step uses again: read once, it costs ~1.4 ms a page on the dev set."""
    tail = visible_tail(html)
    tree = trafilatura.load_html(html)
    if tree is not None:
        text = tree.text_content()
        if not is_truncated(text, tail):
            return tree, text
    # lxml's default limits (256 levels of nesting, 10 MB text nodes) cut the page: once more
    # with libxml2's "huge" option, which lifts the text limit and most of the depth limit.
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                                  encoding="utf-8", collect_ids=False)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises bare ParserError / ValueError on empty or odd documents
        return None, ""
    if tree is None:
        return None, ""
    text = tree.text_content()
    if is_truncated(text, tail):
        return None, ""
    return tree, text


def is_truncated(tree_text: str, tail: str) -> bool:
    """Whether the end of the page's visible text is missing from the tree's text."""
    return bool(tail) and tail not in prune.dense(tree_text)


# Tags that end a line when a page is rendered without a tree.
_BLOCK = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|"
                    r"aside|blockquote|pre|dd|dt|dl|main|figure|figcaption|form|hr)\b[^>]*>", re.I)
def render_without_tree(html: str) -> str:
    """The page's visible text, one block per line, for pages no tree can hold."""
    text = _INVISIBLE.sub(" ", _COMMENT.sub(" ", html))
    text = _BLOCK.sub("\n", text)
    text = htmllib.unescape(_TAG.sub("", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


# --- 3. lead paragraphs ------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
# Shorter paragraphs are not put back: on the dev set (with jusText's paragraphs, which this
# recovery used first), shorter ones around trafilatura's text were as often teasers and labels
# as article text; from 100 characters on, 53 article segments came back for 28 boilerplate.
LEAD_MIN_CHARS = 100
# How many paragraphs right before trafilatura's first one may be taken (the lead and a
# standfirst); 2 recovered 14 more article segments than 1 on the dev set for 2 boilerplate.
LEAD_BEFORE = 2
# A page paragraph is "already in" the main text when this share of its word trigrams is.
SAME_PARAGRAPH = 0.5
# Between two of the main text's lines, a run of more page paragraphs than this is another
# section (a column of reader comments, a teaser list), not a paragraph the extractor skipped.
# Dev set, cleaner F1 with 2 / 3 / 5 / no limit: 0.946 / 0.947 / 0.947 / 0.947 (the same on both
# halves); 3 keeps unannotated runs out, such as the 30 reader comments of one blog page.
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
# trafilatura gives jusText (0.25). jusText itself cost ~35 ms a page (its own SAX pass over a
# cleaned copy of the tree, and a 1 s stop-word load per process); this walk ~2 ms, with the
# same recall on the dev set.
LEAD_MAX_LINK_DENSITY = 0.25


def lead_candidates(blocks: list[Block]) -> list[str]:
    """The page's paragraphs that may be put back by ``lead_lines``, in page order."""
    return [b.text for b in blocks if b.link_density <= LEAD_MAX_LINK_DENSITY]


def lead_lines(lines: list[str], paragraphs: list[str]) -> list[str]:
    """``lines`` with the page's paragraphs before and between them inserted where they stand."""
    if not lines or not paragraphs or len(lines) + len(paragraphs) > MAX_ALIGN_LINES:
        return lines
    where: dict[tuple[str, ...], int] = {}
    for index, line in enumerate(lines):
        for gram in trigrams(line):
            where.setdefault(gram, index)
    # For each page paragraph: the main-text line it matches, or None.
    matched: list[int | None] = []
    for paragraph in paragraphs:
        grams = trigrams(paragraph)
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


# trafilatura's own command line refuses files over 20 MB (its MAX_FILE_SIZE); past that size
# extraction takes minutes (a 50 MB page of one text node: 138 s here) for no article anyone
# writes. The largest dev-set page has 1.6 MB.
MAX_PAGE_CHARS = 20_000_000


# --- 2. main text and metadata ------------------------------------------------------------------

# Below this many characters of main text from trafilatura's fast mode, its full mode runs too
# (readability and jusText as fallbacks, about a third more time). On the dev set the full mode
# changed the text of 73 of 990 pages; nearly all the recall it adds is on pages where the fast
# text is short (cleaner F1 0.941 fast only, 0.946 full only, 0.947 with this switch, which ran
# the full mode on 117 pages; 2000 and 4000 characters did no better).
FULL_EXTRACTION_BELOW = 1000


def main_text(tree, url: str | None) -> str:
    """trafilatura's main text (fast mode, full mode if short)."""
    options = dict(url=url, include_comments=False, include_tables=True, with_metadata=False)
    result = trafilatura.bare_extraction(tree, fast=True, **options)
    text = result.text if result is not None and result.text else ""
    if len(text) < FULL_EXTRACTION_BELOW:
        full = trafilatura.bare_extraction(tree, **options)
        if full is not None and full.text:
            text = full.text
    return text


def page_languages(tree, blocks: list[Block]) -> list[str]:
    """The page's languages, most likely first: its ``lang`` attribute, then the language of
    its paragraphs (many pages have no ``lang``, or the template's)."""
    declared = (tree.get("lang") or "").split("-")[0].strip().lower()
    detected = detect_language(" ".join(lead_candidates(blocks)))  # it reads the start only
    return [code for code in dict.fromkeys((declared, detected)) if code]


# --- the whole cleaner --------------------------------------------------------------------------

def clean_html(html: str, *, url: str | None = None, boilerplate=None) -> Document:
    """Clean one HTML page. Raises ``CleaningError`` if no extraction is possible."""
    if len(html) > MAX_PAGE_CHARS:
        raise CleaningError(f"page of {len(html):,} characters is over the {MAX_PAGE_CHARS:,} "
                            "the cleaner takes", reason="page_too_large")
    tree, tree_text = parse_with_text(html)
    if tree is None:
        return clean_unparsable(html, boilerplate)
    blocks = page_blocks(tree)
    containers, outside = prune.find_containers(tree, len(prune.collapse(tree_text)))
    try:
        metadata = page_metadata(tree, url, lambda: page_languages(tree, blocks))
        site = site_names(tree, url)
        metadata.title = headline(metadata.title, tree, site)
        metadata.author = authors(metadata.author, site)
        prune.remove_containers(containers)
        prune.remove_link_lists(tree, blocks)
        prune.remove_never_text(tree)
        extracted = main_text(tree, url)
    except RecursionError as exc:
        raise CleaningError("page nested too deeply for the extractor", reason="too_deep") from exc
    lines = [" ".join(line.split()) for line in extracted.splitlines() if line.strip()]
    lines = lead_lines(lines, lead_candidates(blocks))
    reasons = prune.line_reasons(lines, containers, outside)
    place = structure.Placement.of(lines, blocks)
    reasons = structure.line_reasons(lines, place, reasons)
    lines, reasons = structure.with_container_lines(lines, reasons, place, containers)
    doc = classify(lines, reasons, boilerplate)
    copy_metadata(metadata, doc)
    return doc


def classify(lines: list[str], reasons: list[str | None], boilerplate) -> Document:
    """Run the shared line rules on the lines not yet dropped; keep every line in ``doc.lines``."""
    kept = [line for line, reason in zip(lines, reasons) if reason is None]
    doc = clean_text("\n".join(kept), boilerplate=boilerplate, extracted=True)
    verdicts = iter(doc.lines)
    merged = []
    for line, reason in zip(lines, reasons):
        merged.append(Line(line, reason) if reason is not None else next(verdicts, Line(line)))
    doc.lines = merged
    return doc


def copy_metadata(result, doc: Document) -> None:
    doc.title = result.title or doc.title
    doc.author = result.author or doc.author
    doc.date = result.date or doc.date
    doc.description = result.description or doc.description
    tags = [t for t in (result.tags or []) + (result.categories or []) if t]
    doc.tags = doc.tags or list(dict.fromkeys(tags))
    doc.language = result.language or doc.language


def clean_unparsable(html: str, boilerplate) -> Document:
    """A page no tree holds whole: its visible text, cleaned as a text page."""
    text = render_without_tree(html)
    if not text.strip():
        raise CleaningError("page has no visible text the HTML parser could read",
                            reason="unparsable_html")
    return clean_text(text, boilerplate=boilerplate)
