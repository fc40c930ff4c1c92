"""htmldate, told the page's languages: the one place that touches htmldate's module state.

htmldate takes no date parser as a parameter, so ``dates_in`` swaps its module-level
``extractors.get_external_parser`` for a block and clears its ``try_date_expr`` cache after.
Both are htmldate internals: its version is pinned in pyproject.toml (``HTMLDATE_VERSIONS``
says which this was checked on) and ``tests/adapters/test_htmldate.py`` checks the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

from dateparser import DateDataParser
from dateparser.languages.loader import default_loader
from htmldate import extractors as htmldate_extractors

# The htmldate releases whose internals this adapter was written against.
HTMLDATE_VERSIONS = ">=1.9,<1.12"

# The date settings htmldate gives dateparser (htmldate 1.11, extractors.get_external_parser).
_DATEPARSER_SETTINGS = {
    "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True,
}


@contextmanager
def dates_in(languages: Callable[[], Sequence[str]] | None):
    """Within the block, htmldate's dateparser fallback reads dates in the page's languages only.

    htmldate hands the date strings its own patterns cannot read to dateparser with no language,
    so dateparser tries each of its ~200 locales, building their regular expressions on first
    use: seconds of CPU in every new worker process (docs/performance.md). Told the page's
    languages, it builds only theirs. On the dev set, with the page's ``lang`` attribute, the
    detected language of its paragraphs and English, every date came out as before; without the
    detected language a page with no ``lang`` lost its date. English stays last: dates in
    English are common on pages in other languages.

    ``languages`` is called only when htmldate needs dateparser (on few pages), as telling a
    page's language has a cost of its own. With None, htmldate is left alone.

    htmldate takes no parser as a parameter: its module-level ``get_external_parser`` is swapped
    for the block and put back after, even on error. One page is cleaned at a time per process
    (workers are processes), so no other thread sees the swap.
    """
    if languages is None:
        yield
        return

    made: list[DateDataParser] = []  # built on htmldate's first call, then reused

    def restricted_parser() -> DateDataParser:
        if not made:
            known = default_loader.get_locale_map()  # dateparser's codes (cached by it)
            codes = [code for code in dict.fromkeys((*languages(), "en")) if code in known]
            made.append(DateDataParser(languages=codes, settings=_DATEPARSER_SETTINGS))
        return made[0]

    original = htmldate_extractors.get_external_parser
    htmldate_extractors.get_external_parser = restricted_parser
    try:
        yield
    finally:
        htmldate_extractors.get_external_parser = original
        if made:
            # htmldate caches what it read from each date string process-wide
            # (``try_date_expr``), whatever parser read it: a string this page's languages
            # could not read must not stay unread for the next page, in other languages.
            htmldate_extractors.try_date_expr.cache_clear()
