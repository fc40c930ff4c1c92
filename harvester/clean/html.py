"""HTML pages: the main text and metadata, found by trafilatura and checked by other signals.

Steps, each a function below:

1. ``parse``: one lxml parse shared by every step, checked against the page's own text so a
   tree lxml cut short (nesting past its depth limit, a text node past its size limit) is
   never cleaned as if it were the whole page: re-parsed without limits, or else the page's
   text is rendered without a tree and cleaned as a text page.
2. ``trafilatura.bare_extraction``: main text and metadata (standard settings, tables kept,
   comments left out).
3. ``lead_lines``: paragraphs jusText finds just before and between trafilatura's, which are
   most often an article's lead that trafilatura left in its own container.
4. ``prune.find_containers``: lines found whole inside a navigation, footer, share, related,
   newsletter... container are dropped with that container's reason.
5. ``clean_text(extracted=True)``: the line rules every cleaner shares (share bars, ad labels,
   also-read teasers, captions, site-wide boilerplate).
"""

from __future__ import annotations

import html as htmllib
import re
from copy import deepcopy

import lxml.html
import trafilatura
from trafilatura.baseline import basic_cleaning
from trafilatura.external import try_justext

from harvester.clean import prune
from harvester.clean.text import clean_text
from harvester.errors import CleaningError
from harvester.model import Document, Line

# --- 1. parse ---------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# a tag, with ">" allowed inside quoted attribute values (JSON in data- attributes has them)
_TAG = re.compile(r"<[a-zA-Z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
# How much of the end of the page's visible text must be found in the tree. lxml cuts a page
# at the point it gives up, so what goes missing is always the end; 40 characters (without
# spaces) are a few words: too many to match by chance, few enough to be plain text.
TAIL_CHARS = 40
# A run shorter than this ("|", "©") could be found anywhere; the check looks further back.
MIN_TAIL_CHARS = 8


def dense(text: str) -> str:
    """``text`` without whitespace: comparable across parsers that treat spaces apart."""
    return "".join(text.split())


def visible_tail(html: str) -> str:
    """The end of the page's last visible run of text (between two tags), found without a parser.

    One run, not the joined end of several: lxml's text puts script text between runs that
    this leaves out.
    """
    tail = html[-200_000:]  # the end is all this needs; keeps pathological pages cheap
    runs = _TAG.split(_INVISIBLE.sub("<x>", _COMMENT.sub("<x>", tail)))
    for run in reversed(runs):
        text = dense(htmllib.unescape(run))
        if len(text) >= MIN_TAIL_CHARS:
            return text[-TAIL_CHARS:]
    return ""


def parse(html: str):
    """The page's lxml tree, or None when lxml cannot hold the whole page."""
    tail = visible_tail(html)
    tree = trafilatura.load_html(html)
    if tree is not None and not is_truncated(tree, tail):
        return tree
    # lxml's default limits (256 levels of nesting, 10 MB text nodes) cut the page: once more
    # with libxml2's "huge" option, which lifts the text limit and most of the depth limit.
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                                  encoding="utf-8", collect_ids=False)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises bare ParserError / ValueError on empty or odd documents
        return None
    if tree is None or is_truncated(tree, tail):
        return None
    return tree


def is_truncated(tree, tail: str) -> bool:
    """Whether the end of the page's visible text is missing from the tree."""
    return bool(tail) and tail not in dense(tree.text_content())


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
# Paragraphs shorter than this are not taken from jusText: on the dev set, shorter ones it adds
# around trafilatura's text were as often teasers and labels as article text; from 100
# characters on, 53 article segments came back for 28 boilerplate ones.
LEAD_MIN_CHARS = 100
# How many paragraphs right before trafilatura's first one may be taken (the lead and a
# standfirst); 2 recovered 14 more article segments than 1 on the dev set for 2 boilerplate.
LEAD_BEFORE = 2
# A jusText paragraph is "already in" the main text when this share of its word trigrams is.
SAME_PARAGRAPH = 0.5
# A bound on the alignment's work for pages of thousands of lines.
MAX_ALIGN_LINES = 1500


def trigrams(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return [tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))]


def justext_paragraphs(tree, url: str | None, language: str | None) -> list[str]:
    body = try_justext(basic_cleaning(deepcopy(tree)), url, language)
    return [" ".join(p.text.split()) for p in body if p.text and p.text.strip()]


def lead_lines(lines: list[str], paragraphs: list[str]) -> list[str]:
    """``lines`` with jusText's paragraphs before and between them inserted where they stand."""
    if not lines or not paragraphs or len(lines) + len(paragraphs) > MAX_ALIGN_LINES:
        return lines
    where: dict[tuple[str, ...], int] = {}
    for index, line in enumerate(lines):
        for gram in trigrams(line):
            where.setdefault(gram, index)
    # For each jusText paragraph: the main-text line it matches, or None.
    matched: list[int | None] = []
    for paragraph in paragraphs:
        grams = trigrams(paragraph)
        hits = [where[g] for g in grams if g in where]
        matched.append(min(hits) if grams and len(hits) >= SAME_PARAGRAPH * len(grams) else None)
    known = [i for i, m in enumerate(matched) if m is not None]
    if not known:
        return lines
    first, last = known[0], known[-1]
    before: list[str] = []
    after: dict[int, list[str]] = {}
    anchor = None
    for i, paragraph in enumerate(paragraphs):
        if matched[i] is not None:
            anchor = matched[i] if anchor is None else max(anchor, matched[i])
            continue
        if len(paragraph) < LEAD_MIN_CHARS:
            continue
        if first - LEAD_BEFORE <= i < first:
            before.append(paragraph)
        elif first < i < last and anchor is not None:
            after.setdefault(anchor, []).append(paragraph)
    out = list(before)
    for index, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(index, ()))
    return out


# trafilatura's own command line refuses files over 20 MB (its MAX_FILE_SIZE); past that size
# extraction takes minutes (a 50 MB page of one text node: 138 s here) for no article anyone
# writes. The largest dev-set page has 1.6 MB.
MAX_PAGE_CHARS = 20_000_000


# --- the whole cleaner --------------------------------------------------------------------------

def clean_html(html: str, *, url: str | None = None, boilerplate=None) -> Document:
    """Clean one HTML page. Raises ``CleaningError`` if no extraction is possible."""
    if len(html) > MAX_PAGE_CHARS:
        raise CleaningError(f"page of {len(html):,} characters is over the {MAX_PAGE_CHARS:,} "
                            "the cleaner takes", reason="page_too_large")
    tree = parse(html)
    if tree is None:
        return clean_unparsable(html, boilerplate)
    try:
        result = trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                             include_tables=True, with_metadata=True)
    except RecursionError as exc:
        raise CleaningError("page nested too deeply for the extractor", reason="too_deep") from exc
    extracted = result.text if result is not None and result.text else ""
    lines = [" ".join(line.split()) for line in extracted.splitlines() if line.strip()]
    language = result.language if result is not None else None
    lines = lead_lines(lines, justext_paragraphs(tree, url, language))
    page_chars = len(prune.collapse(tree.text_content()))
    containers, outside = prune.find_containers(tree, page_chars)
    reasons = prune.line_reasons(lines, containers, outside)
    doc = classify(lines, reasons, boilerplate)
    if result is not None:
        copy_metadata(result, doc)
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
