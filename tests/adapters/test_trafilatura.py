"""The contract ``harvester.adapters.trafilatura`` relies on: the installed trafilatura is the
release its internals were copied from, and the cleaner's metadata still agrees with
trafilatura's own ``extract_metadata`` on a saved page."""

from __future__ import annotations

from importlib.metadata import version

import lxml.html
from packaging.specifiers import SpecifierSet
from trafilatura.metadata import extract_metadata

from harvester.adapters import trafilatura as adapter
from harvester.adapters.trafilatura import TRAFILATURA_VERSIONS
from harvester.clean.metadata.read import page_metadata

PAGE = """<html lang="en"><head><title>Harbour plan approved | Harbour Times</title>
<meta name="author" content="Jane Doe"><meta name="description" content="The council voted.">
<meta property="article:published_time" content="2026-03-03T14:05:00Z"></head><body>
<article><h1>Harbour plan approved</h1><p>The city council approved the long-debated harbour
plan on Tuesday evening, ending a dispute that had divided the old fishing district.</p>
<p>Tags: <a href="/tags/harbour">harbour</a> <a href="/tags/council">council</a></p>
<p><a href="/category/politics">Politics</a></p></article></body></html>"""


def test_the_installed_trafilatura_is_the_pinned_release():
    assert version("trafilatura") in SpecifierSet(TRAFILATURA_VERSIONS)


def test_every_internal_the_cleaner_uses_is_there():
    assert all(getattr(adapter, name) is not None for name in adapter.__all__)


def test_the_fields_agree_with_trafilaturas_own():
    ours = page_metadata(lxml.html.fromstring(PAGE), None)
    theirs = extract_metadata(lxml.html.fromstring(PAGE))
    for field in ("title", "author", "date", "description", "categories", "tags"):
        assert getattr(ours, field) == getattr(theirs, field), field
