"""Title, author, date, description and tags of an HTML page: trafilatura's metadata, cheaper.

The fields are trafilatura's own (``trafilatura.metadata.extract_metadata``, with the date from
htmldate as trafilatura asks for it), step for step, so they agree with a page's reference
fields exactly as often as trafilatura's do. Two things are left out or done another way, for
speed only, never changing a field:

- the page's licence and site name, which the cleaner never stores (about 0.6 ms a page);
- the author search. trafilatura copies the whole tree, deletes comment sections, dates and
  figures from the copy, then runs three XPath expressions whose ``re:test`` calls back into
  Python for every element (about 5.5 ms a page on the dev set). ``find_author`` runs the same
  tests in one walk of the tree and copies only an author element that holds a deleted part.
  On the 990 dev-set pages it gives trafilatura's author on every page (checked by
  ``tests/test_clean_metadata.py`` on saved pages).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from trafilatura.metadata import (
    examine_meta,
    extract_catstags,
    extract_meta_json,
    extract_title,
    extract_url,
    find_date,
    normalize_authors,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import trim
from trafilatura.xml import delete_element

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


# --- the whole record ----------------------------------------------------------------------------

def page_metadata(tree, url: str | None) -> Document:
    """trafilatura's metadata of a parsed page (``extract_metadata`` without licence and site name).

    Reads ``tree`` without changing it.
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
    # after today; its extensive search found 0.040 more of the dev set's dates (0.865 against
    # 0.826), so it stays although its dateparser fallback is slow to start
    date_config = set_date_params(True)
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.categories:
        metadata.categories = extract_catstags("category", tree)
    if not metadata.tags:
        metadata.tags = extract_catstags("tag", tree)
    metadata.clean_and_trim()
    return metadata
