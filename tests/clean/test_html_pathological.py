"""Pathological HTML: a full result or a CleaningError with its reason, never a truncated
text."""

from __future__ import annotations

import time

import pytest

from harvester.clean.html.cleaner import clean_html
from harvester.clean.html.parse import parse, render_without_tree
from harvester.errors import CleaningError

ARTICLE = ["The river authority confirmed on Monday that the old weir below the mill will be "
           "removed next spring, after three years of surveys showed that salmon could not "
           "pass it in dry summers."]

END = "This closing paragraph comes after the pathological part and must not be lost."


def full_or_error(html: str):
    start = time.perf_counter()
    try:
        doc = clean_html(html)
    except CleaningError as exc:
        assert exc.reason
        return None, time.perf_counter() - start
    assert END in doc.text, "document silently truncated"
    return doc, time.perf_counter() - start


def test_deeply_nested_page():
    html = ("<html><body><p>" + ARTICLE[0] + "</p>" + "<div>" * 100_000 + "deep"
            + "</div>" * 100_000 + "<p>" + END + "</p></body></html>")
    full_or_error(html)


@pytest.mark.slow
def test_megabyte_of_formatting_tags():
    html = ("<html><body><p>" + ARTICLE[0] + "</p><p>" + "<b><i>x</i></b> " * 70_000 + "</p><p>"
            + END + "</p></body></html>")
    assert len(html) > 1_000_000
    full_or_error(html)


def test_fifty_megabyte_text_node():
    html = ("<html><body><p>" + ARTICLE[0] + "</p><p>" + "word " * 10_000_000 + "</p><p>"
            + END + "</p></body></html>")
    with pytest.raises(CleaningError) as info:
        clean_html(html)
    assert info.value.reason == "page_too_large"


@pytest.mark.slow
def test_text_node_past_lxml_limit_is_read_whole():
    # 12 MB: past lxml's 10 MB text-node limit, under the cleaner's page limit
    html = ("<html><body><p>" + ARTICLE[0] + "</p><p>" + "word " * 2_400_000 + "</p><p>"
            + END + "</p></body></html>")
    tree = parse(html)
    assert tree is not None and END in tree.text_content()


def test_truncated_tree_is_detected():
    html = "<html><body><p>start</p>" + "<div>" * 5000 + "x" + "</div>" * 5000 + "<p>" \
           + "tail text " * 500 + "</p></body></html>"
    tree = parse(html)
    assert tree is None or "tail text" in tree.text_content()


def test_render_without_tree_keeps_blocks_apart():
    text = render_without_tree("<div><p>One &amp; two</p><script>var x;</script><p>Three</p></div>")
    assert text.splitlines() == ["One & two", "Three"]
