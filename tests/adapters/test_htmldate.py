"""The contract ``harvester.adapters.htmldate`` relies on: htmldate asks its module-level
``get_external_parser`` for dateparser and caches ``try_date_expr``; the installed htmldate is
one the adapter was written for."""

from __future__ import annotations

from importlib.metadata import version

from htmldate import extractors, find_date
from packaging.specifiers import SpecifierSet

from harvester.adapters.htmldate import HTMLDATE_VERSIONS, dates_in

PAGE = ("<html><body><article><p class='date'>{date}</p><p>The council approved the plan after "
        "a long debate about schools, roads and the harbour.</p></article></body></html>")


def test_the_installed_htmldate_is_a_pinned_one():
    assert version("htmldate") in SpecifierSet(HTMLDATE_VERSIONS)


def test_htmldate_still_has_what_the_adapter_swaps_and_clears():
    assert callable(extractors.get_external_parser)
    assert callable(extractors.try_date_expr.cache_clear)


def test_a_date_only_the_pages_language_reads_is_found_in_that_language():
    html = PAGE.format(date="17 августа 2016")
    with dates_in(lambda: ["ru"]):
        inside = find_date(html, extensive_search=True, original_date=True)
    assert inside == "2016-08-17"


def test_the_parser_and_cache_are_htmldates_own_after_the_block():
    original = extractors.get_external_parser
    with dates_in(lambda: ["ru"]):
        assert extractors.get_external_parser is not original
        find_date(PAGE.format(date="18 августа 2016"), extensive_search=True)
    assert extractors.get_external_parser is original
    assert extractors.try_date_expr.cache_info().currsize == 0
