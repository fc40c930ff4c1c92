"""Title, author, date, description and tags of an HTML page: trafilatura's metadata, cheaper.

The fields are trafilatura's own (``trafilatura.metadata.extract_metadata``, with the date from
htmldate as trafilatura asks for it), step for step, so they agree with a page's reference
fields exactly as often as trafilatura's do. These things are left out or done another way, for
speed only, never changing a field:

- the page's licence and site name, which the cleaner never stores;
- the author search. trafilatura copies the whole tree, deletes comment sections, dates and
  figures from the copy, then runs three XPath expressions whose ``re:test`` calls back into
  Python for every element. ``find_author`` runs the same tests in one walk of the tree and
  copies only an author element that holds a deleted part: trafilatura's author on every
  dev-set page (checked on saved pages by ``tests/clean/test_metadata.py``).
- the category and tag search. trafilatura walks the whole tree with up to ten XPath
  expressions; ``find_catstags`` finds the links whose address names a category or tag in one
  pass and tests only their ancestors: trafilatura's lists on every dev-set page.

What each costs: docs/performance.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from copy import deepcopy

from harvester.adapters.htmldate import dates_in
from harvester.adapters.trafilatura import (
    Document,
    block_text,
    delete_element,
    examine_meta,
    extract_meta_json,
    extract_title,
    extract_url,
    find_date,
    line_processing,
    normalize_authors,
    set_date_params,
    trim,
)

# --- the author: trafilatura's AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS as Python tests ---------
# (trafilatura 2.3, xpaths.py; EXSLT ``re:test`` is ``re.search``). Keep them in step when
# trafilatura changes its expressions: the metadata test compares both on saved pages.

_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|"
                            r"journalist-name")
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")

_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|"
                            r"embedly-instagram|article-(?:share|support)|print|category|meta-date|"
                            r"meta-reviewer")
# trafilatura's bound on an author string (extract_metainfo's len_limit for authors)
_AUTHOR_MAX_CHARS = 120


def _is_specific(element, tag: str) -> bool:
    if tag == "author":
        return True
    if tag not in _SPECIFIC_TAGS:
        return False
    get = element.get
    cls = get("class")
    return (get("rel") == "author" or get("id") == "author" or cls == "author"
            or get("itemprop") == "author name"
            or get("data-testid") in ("AuthorCard", "AuthorURL")
            or bool(cls and _SPECIFIC_CLASS.search(cls))
            or any(child.tag == "rel" and child.text_content() == "me" for child in element))


def _is_generic(element, tag: str) -> bool:
    if tag not in _GENERIC_TAGS:
        return False
    get = element.get
    cls, ident = get("class"), get("id")
    return (cls in ("byline", "username", "byl", "BBL") or "author" in (get("itemprop") or "")
            or bool(ident and _GENERIC_ID.search(ident))
            or bool(cls and _GENERIC_CLASS.search(cls)))


def _is_any(element) -> bool:
    get = element.get
    cls, ident = get("class"), get("id")
    return ("Byline" in (get("data-component") or "") or "author" in (get("itemprop") or "")
            or bool(ident and _ANY_ID.search(ident)) or bool(cls and _ANY_CLASS.search(cls)))


def _is_discarded(element, tag: str) -> bool:
    if tag in ("time", "figure"):
        return True
    if tag not in _DISCARD_TAGS:
        return False
    get = element.get
    cls, ident = get("class"), get("id")
    return (ident == "comments" or cls in ("comments", "title", "date")
            or bool(ident and _DISCARD_ID.search(ident))
            or bool(cls and _DISCARD_CLASS.search(cls))
            or "Figure" in (get("data-component") or ""))


def _author_text(element, discarded: set) -> str:
    """The element's text as trafilatura reads it after deleting the discarded parts."""
    inner = [e for e in element.iterdescendants() if e in discarded]
    if not inner:
        return trim(" ".join(element.itertext()))
    copy = deepcopy(element)
    twins = dict(zip(element.iter(), copy.iter()))
    for part in inner:
        if twins[part].getparent() is not None:  # not already gone with an outer part
            delete_element(twins[part])
    return trim(" ".join(copy.itertext()))


def find_author(tree) -> str | None:
    """trafilatura's ``extract_author`` (see the module docstring), in one walk of the tree."""
    discarded: set = set()
    candidates: tuple[list, list, list] = ([], [], [])
    # an explicit stack (pages nest deeper than Python's recursion limit); an element inside a
    # discarded one is gone from trafilatura's copy, so the walk does not enter it
    stack = [tree]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if _is_discarded(element, tag):
            discarded.add(element)
            continue
        if _is_specific(element, tag):
            candidates[0].append(element)
        if _is_generic(element, tag):
            candidates[1].append(element)
        if _is_any(element):
            candidates[2].append(element)
        stack.extend(reversed(element))
    for found in candidates:
        for element in found:
            text = _author_text(element, discarded)
            if text and 2 < len(text) < _AUTHOR_MAX_CHARS:
                return normalize_authors(None, text)
    return None


# --- categories and tags: trafilatura's CATEGORIES_XPATHS and TAGS_XPATHS as Python tests ------
# (trafilatura 2.3, xpaths.py, and metadata.extract_catstags). Every expression there reads
# "//CONTAINER//a[@href]": the links inside an element that passes a test. For each kind,
# trafilatura keeps the links of the first expression that has any whose href names the kind
# ("/category/", "/tags/"...), each link's ``block_text``, cleaned and deduplicated. Instead
# of its ten XPath walks of the whole tree, here only the links whose href names a kind are
# found, in one pass over the page's links, and their ancestors tested.
# The tests take an attribute that is missing as "", as XPath does. Keep them in step when
# trafilatura changes its expressions: the metadata test compares both on saved pages.

# extract_catstags's href patterns: "/" + kind.rstrip("y") + "(?:y|ies|s)?/"
_CATEGORY_HREF = re.compile(r"/categor(?:y|ies|s)?/")
_TAG_HREF = re.compile(r"/tag(?:y|ies|s)?/")
# the EXSLT re:test patterns of the two expressions that have one (re:test is re.search)
_CATEGORY_DIV_CLASS = re.compile(r"^(?:post-?info|post-?meta|meta|entry-meta|entry-info|"
                                 r"entry-utility)")
_TAG_DIV_CLASS = re.compile(r"^(?:tag|postmeta|meta)")

# CATEGORIES_XPATHS, in trafilatura's order: (tag, class, id) -> is the container
_CATEGORY_CONTAINERS = (
    lambda tag, cls, ident: tag == "div" and (bool(_CATEGORY_DIV_CLASS.search(cls))
                                              or ident.startswith("postpath")),
    lambda tag, cls, ident: tag == "p" and (cls.startswith(("postmeta", "entry-categories"))
                                            or cls == "postinfo" or ident == "filedunder"),
    lambda tag, cls, ident: tag == "footer" and cls.startswith(("entry-meta", "entry-footer")),
    lambda tag, cls, ident: tag in ("li", "span") and (
        cls in ("post-category", "postcategory", "entry-category") or "cat-links" in cls),
    lambda tag, cls, ident: tag == "header" and cls == "entry-header",
    lambda tag, cls, ident: tag == "div" and cls in ("row", "tags"),
)
# TAGS_XPATHS, in trafilatura's order
_TAG_CONTAINERS = (
    lambda tag, cls, ident: tag == "div" and cls == "tags",
    lambda tag, cls, ident: tag == "p" and cls.startswith("entry-tags"),
    lambda tag, cls, ident: tag == "div" and (
        cls in ("row", "jp-relatedposts", "entry-utility") or bool(_TAG_DIV_CLASS.search(cls))),
    lambda tag, cls, ident: (cls == "entry-meta" or "topics" in cls or "tags-links" in cls),
)


def _container_bits(element, containers) -> int:
    """The expressions whose container ``element`` is, as bits (bit i: expression i)."""
    get = element.get
    cls, ident = get("class") or "", get("id") or ""
    if not cls and not ident:  # every test needs a class or an id: most elements pass none
        return 0
    bits = 0
    for position, is_container in enumerate(containers):
        if is_container(element.tag, cls, ident):
            bits |= 1 << position
    return bits


def _ancestor_bits(link, containers, known: dict) -> int:
    """The expressions with a container among ``link``'s ancestors, as bits. ``known`` holds the
    answer for the elements already seen, ancestors included: links share most ancestors."""
    path = []
    bits = 0
    element = link.getparent()
    while element is not None:
        if element in known:
            bits = known[element]
            break
        path.append(element)
        element = element.getparent()
    for element in reversed(path):
        bits |= _container_bits(element, containers)
        known[element] = bits
    return bits


def _first_expression_links(links: list, containers) -> list:
    """The links the first expression with any finds, in document order (as XPath gives them)."""
    known: dict = {}
    bits = [_ancestor_bits(link, containers, known) for link in links]
    for position in range(len(containers)):
        found = [link for link, link_bits in zip(links, bits) if link_bits >> position & 1]
        if found:
            return found
    return []


def _is_section_meta(meta) -> bool:
    get = meta.get
    return get("content") is not None and (get("property") == "article:section"
                                           or "subject" in (get("name") or ""))


def _section_metas(metas: list, tree) -> list[str]:
    """extract_catstags's fallback for categories, from the page's section metas:
    ``.//head//meta[@property="article:section" or contains(@name, "subject")][@content]``."""
    found = []
    for meta in metas:
        in_head = False
        for ancestor in meta.iterancestors():
            if ancestor is tree:  # ".//head": a head below ``tree``, and the meta below ``tree``
                if in_head:
                    found.append(meta.get("content"))
                break
            in_head = in_head or ancestor.tag == "head"
    return found


def _cleaned(texts: list[str]) -> list[str]:
    """extract_catstags's last step: each text cleaned, empty ones and repeats left out."""
    return [text for text in dict.fromkeys(line_processing(t) for t in texts if t) if text]


def find_catstags(tree) -> tuple[list[str], list[str]]:
    """trafilatura's ``extract_catstags("category", tree)`` and ``extract_catstags("tag", tree)``,
    the same lists in the same order (see the comment above ``_CATEGORY_CONTAINERS``)."""
    category_links, tag_links, metas = [], [], []
    # one pass for links and metas: lxml's walk of the tree is most of the cost. "//" in an
    # XPath expression starts at the document's root, wherever ``tree`` is.
    for element in tree.getroottree().getroot().iter("a", "meta"):
        if element.tag == "meta":
            if _is_section_meta(element):
                metas.append(element)
            continue
        href = element.get("href")
        if href is None:
            continue
        if _CATEGORY_HREF.search(href):
            category_links.append(element)
        if _TAG_HREF.search(href):
            tag_links.append(element)
    categories = [block_text(link)
                  for link in _first_expression_links(category_links, _CATEGORY_CONTAINERS)]
    if not categories:
        categories = _section_metas(metas, tree)
    tags = [block_text(link) for link in _first_expression_links(tag_links, _TAG_CONTAINERS)]
    return _cleaned(categories), _cleaned(tags)


# --- the whole record ----------------------------------------------------------------------------

def page_metadata(tree, url: str | None,
                  languages: Callable[[], Sequence[str]] | None = None) -> Document:
    """trafilatura's metadata of a parsed page (``extract_metadata`` without licence and site name).

    ``languages``: gives the page's languages, most likely first (see ``dates_in``). Reads ``tree``
    without changing it.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:  # trafilatura's rule: one word is no name
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura guards its JSON-LD reader the same way: it has bugs
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = find_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    # htmldate as trafilatura calls it in fast mode: extensive search, original date, none
    # after today; the extensive search finds more of the dev set's dates, so it stays although
    # its dateparser fallback is slow to start (docs/cleaning-html.md)
    date_config = set_date_params(True)
    date_config["url"] = metadata.url
    with dates_in(languages):
        metadata.date = find_date(tree, **date_config)
    if not metadata.categories or not metadata.tags:
        categories, tags = find_catstags(tree)
        metadata.categories = metadata.categories or categories
        metadata.tags = metadata.tags or tags
    metadata.clean_and_trim()
    return metadata
