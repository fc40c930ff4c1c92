"""trafilatura's internals that the cleaner's metadata and HTML repair follow step for step.

``harvester.clean.metadata.read`` re-does trafilatura's ``extract_metadata`` (faster, with the same
fields) out of these functions, and ``harvester.clean.html.parse`` repeats its HTML loading with
these constants. None of them is trafilatura's documented API, so trafilatura is pinned to the
minor release they were written against (``TRAFILATURA_VERSIONS``, as in pyproject.toml) and
``tests/adapters/test_trafilatura.py`` checks that they are there and still behave so.

``harvester.clean.html.extraction`` also runs trafilatura's extraction inside two blocks that
swap some of its module globals for equivalents that do less work (``one_page_text``,
``guarded_prunes``); the same test checks that the equivalents still give the same results.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import trafilatura.core as trafilatura_core
import trafilatura.external as trafilatura_external
import trafilatura.main_extractor as trafilatura_main
from lxml.etree import XPath
from trafilatura.baseline import block_text
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_title,
    extract_url,
    find_date,
    normalize_authors,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    INVALID_XML_CHARS,
    is_dubious_html,
    line_processing,
    trim,
)
from trafilatura.xml import delete_element

# The trafilatura releases these internals were copied from.
TRAFILATURA_VERSIONS = ">=2.3,<2.4"

@contextmanager
def one_page_text():
    """Within the block, trafilatura's extraction measures the page's whole text once.

    ``trafilatura_sequence`` compares a short extraction with the page's text (``html2txt``
    of the tree it pruned: a copy and a walk of the whole tree) before it retries in recall
    mode. Every extraction in the block must be of the same tree with the same settings but
    ``fast`` (fast mode, then full mode on a short text): the trees they prune are then the
    same, and so is that text. ``core.html2txt`` is swapped for the block and put back after,
    even on error; one page is cleaned at a time per process, so no other thread sees it.
    """
    original = trafilatura_core.html2txt
    measured: dict[bool, str] = {}

    def measured_once(content, clean: bool = True) -> str:
        if clean not in measured:
            measured[clean] = original(content, clean)
        return measured[clean]

    trafilatura_core.html2txt = measured_once
    try:
        yield
    finally:
        trafilatura_core.html2txt = original


# An EXSLT ``re:test`` call in one of trafilatura's expressions: its attribute and pattern.
_RE_TEST = re.compile(r"re:test\((@[\w|@-]+),\s*'((?:[^'\\]|\\.)*)'\)")
_REGEXP_NS = {"re": "http://exslt.org/regular-expressions"}


def guarded(expression: XPath) -> XPath:
    """``expression`` with each ``re:test(@a, P)`` evaluated only where the attribute is there.

    lxml calls Python's ``re`` for every ``re:test``, also on an element without the
    attribute, where it tests "" (which none of these patterns matches: checked here), so
    ``(@a and re:test(@a, P))`` selects the same elements and spares most of the calls.
    """
    def guard(match: re.Match) -> str:
        if re.search(match.group(2), ""):
            raise ValueError(f"pattern matches an empty attribute: {match.group(2)}")
        return f"({match.group(1)} and {match.group(0)})"

    return XPath(_RE_TEST.sub(guard, expression.path), namespaces=_REGEXP_NS)


# trafilatura's pruning expressions that test a regular expression on most elements of a tree,
# by the module that reads them. (BODY_XPATH's tests run on few elements: no gain there.)
_PRUNES = {
    trafilatura_core: ("RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH",
                       "REMOVE_COMMENTS_XPATH"),
    trafilatura_main: ("OVERALL_DISCARD_XPATH", "COMMENTS_DISCARD_XPATH", "COMMENTS_XPATH",
                       "PRECISION_DISCARD_XPATH"),
    trafilatura_external: ("OVERALL_DISCARD_XPATH",),
}
GUARDED_PRUNES = {(module, name): [guarded(e) for e in getattr(module, name)]
                  for module, names in _PRUNES.items() for name in names}


@contextmanager
def guarded_prunes():
    """Within the block, trafilatura prunes with ``GUARDED_PRUNES`` (see ``guarded``): its module
    globals are swapped for the block and put back after, even on error."""
    originals = {key: getattr(*key) for key in GUARDED_PRUNES}
    for (module, name), expressions in GUARDED_PRUNES.items():
        setattr(module, name, expressions)
    try:
        yield
    finally:
        for (module, name), expressions in originals.items():
            setattr(module, name, expressions)


__all__ = [
    "DOCTYPE_TAG", "FAULTY_HTML", "INVALID_XML_CHARS", "Document", "block_text",
    "delete_element", "examine_meta", "extract_meta_json", "extract_title", "extract_url",
    "find_date", "is_dubious_html", "line_processing", "normalize_authors", "set_date_params",
    "trim",
]
