"""harvester.clean.metadata: trafilatura's metadata fields, found more cheaply, never different."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from trafilatura.metadata import extract_author, extract_metadata

from harvester.clean.metadata import find_author, page_metadata

SAMPLE = Path(__file__).parent / "data" / "devset_sample"


def sample_pages() -> list[tuple[str, str]]:
    annotations = json.loads((SAMPLE / "annotations.json").read_text(encoding="utf-8"))
    pages = []
    for url, annotation in sorted(annotations.items(), key=lambda kv: kv[1]["file"]):
        raw = gzip.decompress((SAMPLE / "pages" / annotation["file"]).read_bytes())
        pages.append((url, raw.decode("utf-8", "replace")))
    return pages


def tree_of(html: str):
    return trafilatura.load_html(html)


@pytest.mark.parametrize("html, want", [
    # a date inside the byline is deleted from trafilatura's copy, its tail text stays
    ('<html><body><div class="author">By <time>3 May</time> Jane <b>Doe</b></div>'
     "<p>Text</p></body></html>", "Jane Doe"),
    # a name inside a comment section is not the article's author
    ('<html><body><div class="comments"><span class="author">Spam Bot</span></div>'
     '<p class="byline">Mary Major</p></body></html>', "Mary Major"),
    # the most specific expression wins over an earlier generic match
    ('<html><body><span class="writer">Generic Person</span>'
     '<a rel="author" href="/a">Specific Person</a></body></html>', "Specific Person"),
    # too short to be a name: the next candidate
    ('<html><body><span class="author-name">JD</span><div id="author-box">Ann Other</div>'
     "</body></html>", "Ann Other"),
    ("<html><body><p>No byline here.</p></body></html>", None),
])
def test_find_author_is_trafilaturas(html, want):
    assert find_author(tree_of(html)) == want
    assert extract_author(tree_of(html)) == want


def test_find_author_leaves_the_tree_as_it_was():
    html = ('<html><body><div class="author">By <time>3 May</time> Jane Doe</div>'
            "<figure>Photo</figure><p>Text</p></body></html>")
    tree = tree_of(html)
    before = lxml.html.tostring(tree)
    find_author(tree)
    page_metadata(tree, None)
    assert lxml.html.tostring(tree) == before


@pytest.mark.slow
def test_fields_equal_trafilaturas_on_saved_pages():
    """On real pages (50 dev-set pages kept in tests/data), every field the cleaner stores is
    trafilatura's own, so metadata agreement with the dev set cannot fall below trafilatura's."""
    pages = sample_pages()
    assert len(pages) == 50
    authors = 0
    for url, html in pages:
        ours = page_metadata(tree_of(html), url)
        theirs = extract_metadata(tree_of(html), url)
        for field in ("title", "author", "date", "description", "categories", "tags"):
            assert getattr(ours, field) == getattr(theirs, field), (url, field)
        assert find_author(tree_of(html)) == extract_author(tree_of(html)), url
        authors += bool(ours.author)
    assert authors >= 10  # the comparison covers pages that have an author
