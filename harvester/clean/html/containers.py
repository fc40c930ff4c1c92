"""Boilerplate containers of an HTML page: navigation, footers, share bars, related teasers.

A site's templates name their chrome: ``<nav>``, ``<footer>``, ``role="navigation"``,
``class="share-buttons"``, ``id="newsletter-signup"``. An extractor's main text sometimes still
holds lines from such a container (a share bar inside the article element, a "related" box
after it); a line of the main text found whole inside one of them is dropped with the
container's reason.

Only whole words of a class or id count (``share-bar`` and ``shareBar`` hold ``share``;
``sharedtemplate`` does not), and a container holding half the page's text or more is never
boilerplate: on the dev set page wrappers like ``<div class="has-sidebar">`` or
``<body class="single-post-sharing">`` would otherwise take the article with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Words of class/id values and the reason a line inside such a container is dropped with.
# Chosen on the dev set: a word is kept where its containers held more of trafilatura's leftover
# boilerplate than article text (the words left out, and why: docs/cleaning-html.md).
CONTAINER_WORDS = {
    "share": "share-bar", "sharing": "share-bar", "social": "share-bar", "shariff": "share-bar",
    "related": "related", "recommended": "related", "popular": "related",
    "newsletter": "newsletter", "subscribe": "newsletter", "paywall": "newsletter",
    "cookie": "cookie-notice", "cookies": "cookie-notice", "consent": "cookie-notice",
    "breadcrumb": "navigation", "breadcrumbs": "navigation",
    "footer": "footer", "copyright": "footer",
    "comments": "comments",
    "advert": "ad-label", "advertisement": "ad-label", "promo": "ad-label",
    "byline": "byline", "author": "byline", "credit": "caption", "credits": "caption",
}
# Elements and ARIA roles that are chrome by definition (HTML5 sectioning for site navigation,
# page footers and side content).
CONTAINER_TAGS = {"nav": "navigation", "footer": "footer", "aside": "sidebar"}
CONTAINER_ROLES = {"navigation": "navigation", "contentinfo": "footer",
                   "complementary": "sidebar", "search": "navigation"}

# A container with this share of the page's text or more is the page, not its chrome (see the
# module docstring); 0.5 kept every class-named wrapper of the dev set's articles.
MAX_CONTAINER_SHARE = 0.5

# A text run this long is prose (see ``holds_prose``): one long sentence; share bars, menus and
# newsletter boxes of the dev set have no run near it.
PROSE_RUN_CHARS = 200

_WORD_SPLIT = re.compile(r"[\s_\-:.]+|(?<=[a-z])(?=[A-Z])")


def dense(text: str) -> str:
    """``text`` without whitespace: comparable across parsers that treat spaces apart."""
    return "".join(text.split())


def collapse(text: str) -> str:
    """``text`` with each run of whitespace one space (``str.split``: as ``\\s+``, faster)."""
    return " ".join(text.split())


@dataclass
class Container:
    text: str  # whitespace-collapsed text of the container
    reason: str
    element: object = None  # the container's element in the tree
    parent: object = None  # the element it was taken out of (``remove_containers``)


def attribute_words(element) -> set[str]:
    """Lower-case words of an element's class and id, split at dashes, underscores and camelCase."""
    value = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {w.lower() for w in _WORD_SPLIT.split(value) if w}


# Any container word anywhere in a class or id, case aside: most elements have none, and this
# one search spares them the split into words, a costly part of the walk (docs/performance.md).
_ANY_CONTAINER_WORD = re.compile("|".join(sorted(CONTAINER_WORDS, key=len, reverse=True)))


def container_reason(element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in CONTAINER_TAGS:
        return CONTAINER_TAGS[tag]
    get = element.get
    role = get("role")
    if role in CONTAINER_ROLES:
        return CONTAINER_ROLES[role]
    cls, ident = get("class"), get("id")
    if not (cls or ident) or not _ANY_CONTAINER_WORD.search(f"{cls or ''} {ident or ''}".lower()):
        return None
    for word in sorted(attribute_words(element)):
        if word in CONTAINER_WORDS:
            return CONTAINER_WORDS[word]
    return None


def holds_prose(element) -> bool:
    """Whether any text run inside is as long as a paragraph of prose.

    WordPress and others name article wrappers after the post's author, categories and tags
    (``class="post author-jane category-newsletter tag-social"``), and such wrappers hold
    article text on the dev set. Chrome text is short runs: labels, links, teaser titles.
    """
    return any(len(run) >= PROSE_RUN_CHARS for run in element.itertext())


def find_containers(tree, page_chars: int) -> tuple[list[Container], str]:
    """The outermost boilerplate containers of an lxml tree, and the page's text outside them.

    ``page_chars``: length of the page's collapsed visible text, to tell chrome from wrappers.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    found: list[Container] = []
    outside: list[str] = []
    # lxml's walk, which can skip an element's descendants: a container's text covers them,
    # and script and style text is never outside text (their tails are)
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event == "start":
            if element.tag in ("script", "style"):
                walker.skip_subtree()
                continue
            container = None if element is root else container_of(element, page_chars)
            if container is not None:
                found.append(container)
                walker.skip_subtree()
                continue
            outside.append(element.text or "")
        elif element is not root and element.tail:  # "end", or a comment or instruction
            outside.append(element.tail)
    return found, collapse(" ".join(outside))


def container_of(element, page_chars: int) -> Container | None:
    """``element`` as a boilerplate container, or None if it is none (see ``find_containers``)."""
    reason = container_reason(element)
    if reason is None:
        return None
    text = collapse(element.text_content())
    if text and len(text) < MAX_CONTAINER_SHARE * page_chars and not holds_prose(element):
        return Container(text, reason, element)
    return None


def remove_containers(containers: list[Container]) -> None:
    """Take the containers out of their tree (their tail text stays), before the extractor runs.

    The extractor then neither spends time on them nor lets their lines through (same F1 on the
    dev set, less time: docs/performance.md). The lines of the containers that sat inside the
    article are put back among the removed lines by
    ``verdicts.with_page_blocks``, so ``explain`` still shows them with their reason.
    """
    for container in containers:
        if container.element is not None and container.element.getparent() is not None:
            container.parent = container.element.getparent()
            container.element.drop_tree()


def line_reasons(lines: list[str], containers: list[Container], outside: str) -> list[str | None]:
    """For each line, the reason of a container holding it whole, or None.

    A line also found outside every container is the page's own (a headline repeated in the
    breadcrumbs, a paragraph quoted in a share button's text) and stays.
    """
    reasons: list[str | None] = []
    for line in lines:
        flat = collapse(line)
        reason = None
        if flat and flat not in outside:
            reason = next((c.reason for c in containers if flat in c.text), None)
        reasons.append(reason)
    return reasons


# --- link lists --------------------------------------------------------------------------------
# Menus, teaser grids and tag clouds that no class or id names: block elements with many
# children whose text is nearly all link text and that hold no paragraph of prose, on a page
# that has prose. trafilatura drops them itself (its link-density tests), but only after
# copying and walking them. The bounds: the tightest that lost no article segment of the dev
# set (short link lists inside articles are sources and references; docs/performance.md).
LINK_LIST_TAGS = ("div", "section", "ul", "ol", "table", "header", "dl", "form", "menu")
LINK_LIST_MIN_CHILDREN = 8
LINK_LIST_SHARE = 0.8
# A block this long with at most this much link text is a paragraph of prose (the bound the
# lead recovery gives jusText's link density, in ``html.py``).
PROSE_BLOCK_CHARS = 100
PROSE_MAX_LINK_DENSITY = 0.25
# The prose a page needs before its link lists go: two paragraphs. With less (a reading list,
# a table of contents), trafilatura takes the lists as the page's content (its baseline, when
# its extraction comes up short), and so they stay. 200 characters changed the fewest dev-set
# pages of the bounds tried (docs/cleaning-html.md).
LINK_LIST_MIN_PROSE = 200


def remove_link_lists(tree, blocks) -> int:
    """Take the link lists (see above) out of ``tree``; ``blocks``: the page's text blocks
    (``blocks.page_blocks``), which tell where its prose is. Returns how many were removed.

    A page with less prose than ``LINK_LIST_MIN_PROSE`` keeps its lists: on a reading list or
    a table of contents they are what the page has to say."""
    prose = set()  # the elements holding a paragraph of prose, and their ancestors
    prose_chars = 0
    for block in blocks:
        element = block.element
        if (element is None or block.chrome or len(block.text) < PROSE_BLOCK_CHARS
                or block.link_density > PROSE_MAX_LINK_DENSITY):
            continue
        prose_chars += len(block.text)
        for holder in (element, *element.iterancestors()):
            if holder in prose:  # and so are all above it: each element is walked up once
                break
            prose.add(holder)
    if prose_chars < LINK_LIST_MIN_PROSE:
        return 0
    found: dict = {}  # in document order, for the outer ones to go first
    for element in tree.iter(LINK_LIST_TAGS):
        if (len(element) >= LINK_LIST_MIN_CHILDREN and element not in prose
                and not any(ancestor in found for ancestor in element.iterancestors())
                and _is_link_list(element)):
            found[element] = None
    for element in found:
        element.drop_tree()
    return len(found)


def _is_link_list(element) -> bool:
    text = len(dense(element.text_content()))
    links = sum(len(dense(link.text_content())) for link in element.iter("a"))
    return text > 0 and links >= LINK_LIST_SHARE * text


# --- media, form controls, style sheets ---------------------------------------------------------
# Elements whose content is never the page's text: drawings, media, embedded documents, form
# controls, style sheets and the page's links and metas (read for the metadata before this).
# trafilatura deletes them in its tree cleaning (settings.MANUALLY_CLEANED; metas it never
# reads for the text), but only after copying the page twice: taken out first, the dev set's
# segments are the same (docs/performance.md). Left in, as taking them out changed what
# trafilatura found there: ``noscript``, ``img`` (trafilatura unwraps it), ``head``, JSON-LD.
NEVER_TEXT_TAGS = ("svg", "picture", "source", "video", "audio", "iframe", "object", "embed",
                   "button", "select", "option", "input", "textarea", "style", "link", "meta")


# Of the scripts, the JSON-LD data stay: trafilatura reads them (a forum's posts, an article's
# text when its extraction comes up short). The others (program code) go: no change on the
# dev set.
DATA_SCRIPT_TYPE = "application/ld+json"


def remove_never_text(tree) -> None:
    """Take the elements of ``NEVER_TEXT_TAGS`` and the scripts that are not JSON-LD data out of
    ``tree`` (their tail text stays)."""
    etree.strip_elements(tree, *NEVER_TEXT_TAGS, with_tail=False)
    code = [script for script in tree.iter("script")
            if (script.get("type") or "").strip().lower() != DATA_SCRIPT_TYPE]
    for script in code:
        script.drop_tree()
