"""Step 1 of the HTML cleaner: one lxml parse shared by every step.

The tree is checked against the page's own text so that a tree lxml cut short (nesting past its
depth limit, a text node past its size limit) is never cleaned as if it were the whole page:
re-parsed without limits, or else the page's text is rendered without a tree
(``render_without_tree``) and cleaned as a text page.
"""

from __future__ import annotations

import html as htmllib
import re

import lxml.html
from lxml import etree

from harvester.adapters.trafilatura import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    INVALID_XML_CHARS,
    is_dubious_html,
)
from harvester.clean.html.containers import dense

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# A tag, with ">" allowed inside quoted attribute values (JSON in data- attributes has them).
# Possessive quantifiers (they never give back what they matched) give the same matches
# faster, and no backtracking blow-up on a "<" never closed (same tails on the dev set).
_TAG = re.compile(r"<[a-zA-Z/!?](?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>")
# An element whose text is never shown, up to its first end tag; possessive like ``_TAG``,
# faster than ``.*?</\1\s*>`` with the same matches on the dev set.
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
# The end searched first: on most dev-set pages it holds the same run as the full window, at a
# fraction of the time (docs/performance.md). Where they differ, the short window began
# inside a script or a comment: a run found in the tree
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
        text = dense(htmllib.unescape(run))
        if len(text) >= MIN_TAIL_CHARS:
            return text[-TAIL_CHARS:]
    return ""


def html_parser(**options) -> lxml.html.HTMLParser:
    """trafilatura's HTML parser (``trafilatura.utils.HTML_PARSER``), with one element class.

    lxml.html's parser asks a Python method which class each element it hands out belongs to
    (form fields get their own), at every element trafilatura and the steps here walk. Chosen
    in C, one class for every element gives the same documents on the dev set, faster.
    """
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True, **options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


# The characters trafilatura's repair deletes (its INVALID_XML_CHARS). Its regular expression
# scans the whole page even when the page holds none of them; one substring test per
# character tells that much faster (docs/performance.md).
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
    the container step needs: the check's words give it (the text read and split once)."""
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


# trafilatura's own command line refuses files over 20 MB (its MAX_FILE_SIZE); past that size
# extraction takes minutes for no article anyone writes (docs/performance.md); the largest
# dev-set page is far below.
MAX_PAGE_CHARS = 20_000_000
