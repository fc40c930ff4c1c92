"""HTML pages: the main text and metadata, found by trafilatura and checked by other signals.

Steps, each a function below:

1. ``parse``: one lxml parse shared by every step, checked against the page's own text so a
   tree lxml cut short (nesting past its depth limit, a text node past its size limit) is
   never cleaned as if it were the whole page: re-parsed without limits, or else the page's
   text is rendered without a tree and cleaned as a text page.
2. ``blocks.page_blocks``: one walk of the tree for the page's text blocks, each with its tag
   and its share of link text; ``prune.find_containers``: the navigation, footer, share,
   related, newsletter... containers, each with its reason.
3. ``fields.page_fields`` (unless only the text is asked for): trafilatura's title, author,
   date, description and tags, on the whole page (a byline container holds the author), with
   the site's own name taken off the title and the author list.
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
from lxml import etree
from harvester.adapters.trafilatura import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

from harvester.clean import prune, structure
from harvester.clean.blocks import Block, page_blocks
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
# How much of the page's end is searched for its last visible run: enough for any page's
# trailing scripts and markup, and a bound that keeps pathological pages cheap.
TAIL_WINDOW = 200_000
# The end searched first. On 300 dev-set pages the last 16,000 characters held the same run as
# the full window on 273 pages, at a fifth of the time (0.10 against 0.48 ms a page). Where
# they differ, the short window began inside a script or a comment: a run found in the tree
# still shows that the tree reaches the page's end, and one not found is looked for again in
# the full window before the tree is refused.
SHORT_TAIL_WINDOW = 16_000


def visible_tail(html: str, window: int = TAIL_WINDOW) -> str:
    """The end of the page's last visible run of text (between two tags) in its last ``window``
    characters, found without a parser.

    One run, not the joined end of several: lxml's text puts script text between runs that
    this leaves out.
    """
    tail = html[-window:]
    runs = _TAG.split(_INVISIBLE.sub("<x>", _COMMENT.sub("<x>", tail)))
    for run in reversed(runs):
        text = prune.dense(htmllib.unescape(run))
        if len(text) >= MIN_TAIL_CHARS:
            return text[-TAIL_CHARS:]
    return ""


def html_parser(**options) -> lxml.html.HTMLParser:
    """trafilatura's HTML parser (``trafilatura.utils.HTML_PARSER``), with one element class.

    lxml.html's parser asks a Python method which class each element it hands out belongs to
    (form fields get their own): 1.2 million calls on 300 dev-set pages, as trafilatura and the
    steps here walk the tree. Chosen in C, one class for every element gave the same documents
    on all 990 dev-set pages and took 0.8 ms less per page (20.9 against 20.1 ms).
    """
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True, **options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


# The characters trafilatura's repair deletes (its INVALID_XML_CHARS). Its regular expression
# scans the whole page even when the page holds none of them (0.26 ms a dev-set page); one
# substring test per character tells that in a tenth of the time.
_INVALID_XML_CHARS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] \
    + ["\ufffe", "\uffff"]


def repair(html: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html``: its steps, the deletion only where needed."""
    if any(char in html for char in _INVALID_XML_CHARS):
        html = INVALID_XML_CHARS.sub("", html)
    # libxml2 cannot read some doctypes (lxml bug 1955915), nor a self-closing <html/>
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def load_tree(html: str):
    """``trafilatura.load_html`` for a decoded page, with ``html_parser``: the same repairs,
    the same second try with bytes, the same refusal of a document that is not HTML."""
    parser = html_parser()
    beginning = html[:50].lower()
    html = repair(html, beginning)
    tree, tried_bytes = None, False
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # a str with an encoding declaration: lxml wants bytes
        tree, tried_bytes = _from_bytes(html, parser), True
    except Exception:  # lxml raises bare ParserError / XMLSyntaxError on odd documents
        pass
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _from_bytes(html, parser)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_bytes(html: str, parser):
    try:
        return lxml.html.fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:
        return None


def parse(html: str):
    """The page's lxml tree, or None when lxml cannot hold the whole page."""
    return parse_with_length(html)[0]


def parse_with_length(html: str) -> tuple[object, int]:
    """``parse``'s tree and the length of its whitespace-collapsed text (``prune.collapse``), which
    the container step needs: the check's words give it (read and split once, 0.4 ms a page)."""
    tree = load_tree(html)
    if tree is not None:
        words = tree.text_content().split()
        if not is_truncated(words, html):
            return tree, _collapsed_length(words)
    # lxml's default limits (256 levels of nesting, 10 MB text nodes) cut the page: once more
    # with libxml2's "huge" option, which lifts the text limit and most of the depth limit.
    parser = html_parser(huge_tree=True)
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises bare ParserError / ValueError on empty or odd documents
        return None, 0
    if tree is None:
        return None, 0
    words = tree.text_content().split()
    if is_truncated(words, html):
        return None, 0
    return tree, _collapsed_length(words)


def _collapsed_length(words: list[str]) -> int:
    return sum(map(len, words)) + max(0, len(words) - 1)


def is_truncated(tree_words: list[str], html: str) -> bool:
    """Whether the end of the page's visible text is missing from the tree's text (its words)."""
    dense = "".join(tree_words)
    tail = visible_tail(html, SHORT_TAIL_WINDOW)
    if tail and tail in dense:
        return False
    if len(html) > SHORT_TAIL_WINDOW:
        tail = visible_tail(html)
    return bool(tail) and tail not in dense


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


# --- the whole cleaner --------------------------------------------------------------------------

def clean_html(html: str, *, url: str | None = None, boilerplate=None,
               metadata: bool = True) -> Document:
    """Clean one HTML page. Raises ``CleaningError`` if no extraction is possible.

    ``metadata=False``: the text and its lines only, with no title, author, date, description,
    tags or language, as printing the text needs; it takes about a third less CPU time.
    """
    if len(html) > MAX_PAGE_CHARS:
        raise CleaningError(f"page of {len(html):,} characters is over the {MAX_PAGE_CHARS:,} "
                            "the cleaner takes", reason="page_too_large")
    tree, page_chars = parse_with_length(html)
    if tree is None:
        return clean_unparsable(html, boilerplate)
    blocks = page_blocks(tree)
    containers, outside = prune.find_containers(tree, page_chars)
    paragraphs = lead_candidates(blocks)
    try:
        fields = page_fields(tree, url, paragraphs) if metadata else None
        prune.remove_containers(containers)
        prune.remove_link_lists(tree, blocks)
        prune.remove_never_text(tree)
        extracted = main_text(tree, url)
    except RecursionError as exc:
        raise CleaningError("page nested too deeply for the extractor", reason="too_deep") from exc
    lines = [" ".join(line.split()) for line in extracted.splitlines() if line.strip()]
    lines = lead_lines(lines, paragraphs)
    reasons = prune.line_reasons(lines, containers, outside)
    place = structure.Placement.of(lines, blocks)
    reasons = structure.line_reasons(lines, place, reasons)
    lines, reasons = structure.with_container_lines(lines, reasons, place, containers)
    doc = classify(lines, reasons, boilerplate)
    if fields is not None:
        copy_metadata(fields, doc)
    return doc


def page_fields(tree, url: str | None, paragraphs: list[str]):
    """``fields.page_fields``, imported when first needed: with it come htmldate's date parser
    and the language model, which printing text never needs (about 0.1 s of every start)."""
    from harvester.clean.fields import page_fields as read_fields

    return read_fields(tree, url, paragraphs)


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
