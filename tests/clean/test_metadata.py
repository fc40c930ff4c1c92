"""harvester.clean.metadata: trafilatura's metadata fields, found more cheaply, never different."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from trafilatura.metadata import extract_author, extract_catstags, extract_metadata

from harvester.clean.metadata.read import find_author, find_catstags, page_metadata

SAMPLE = Path(__file__).parent.parent / "data" / "devset_sample"


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


@pytest.mark.slow
def test_the_cleaners_parse_gives_trafilaturas_tree_on_saved_pages():
    """The fields are read from ``html.load_tree``'s tree, trafilatura's parse with a cheaper
    element class: the same tree, so the same fields."""
    from harvester.clean.html.parse import load_tree

    for url, html in sample_pages():
        assert lxml.html.tostring(load_tree(html)) == lxml.html.tostring(tree_of(html)), url


# --- categories and tags -------------------------------------------------------------------------

def trafilaturas_catstags(tree) -> tuple[list[str], list[str]]:
    return extract_catstags("category", tree), extract_catstags("tag", tree)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def category(name: str) -> str:
    return f'<a href="/category/{name}/">{name}</a>'


def tag(name: str) -> str:
    return f'<a href="/tag/{name}/">{name}</a>'


@pytest.mark.parametrize("html, want", [
    # CATEGORIES_XPATHS 1: div class starting with one of the re:test words, or id "postpath..."
    (page(f'<div class="post-meta x">{category("A")}</div>'
          f'<div class="entry-utility">{category("B")}</div>'), (["A", "B"], [])),
    (page(f'<div class="xmeta">{category("A")}</div>'), ([], [])),  # "^": at the start only
    (page(f'<div id="postpath-1"><span>{category("A")}</span></div>'), (["A"], [])),
    # 2: p class starting "postmeta" or "entry-categories", class "postinfo", id "filedunder"
    (page(f'<p class="postmeta-x">{category("A")}</p><p class="postinfo x">{category("B")}</p>'
          f'<p class="entry-categories">{category("C")}</p><p id="filedunder">{category("D")}</p>'),
     (["A", "C", "D"], [])),
    # 3: footer class starting "entry-meta" or "entry-footer"
    (page(f'<footer class="entry-footer">{category("A")}</footer>'
          f'<footer class="entry-metadata">{category("B")}</footer>'), (["A", "B"], [])),
    # 4: li or span, one of three classes or "cat-links" inside the class; not a div
    (page(f'<ul><li class="post-category">{category("A")}</li></ul>'
          f'<span class="my cat-links">{category("B")}</span>'
          f'<div class="cat-links">{category("C")}</div>'), (["A", "B"], [])),
    # 5: header class exactly "entry-header"
    (page(f'<header class="entry-header">{category("A")}</header>'
          f'<header class="entry-header x">{category("B")}</header>'), (["A"], [])),
    # 6: div class "row" or "tags" (both kinds, each href its own)
    (page(f'<div class="row">{category("A")}</div>'
          f'<div class="tags">{category("B")}{tag("T")}</div>'),
     (["A", "B"], ["T"])),
    # the first expression that finds a link wins, wherever its links are in the page
    (page(f'<div class="row">{category("Row")}</div><div class="meta">{category("Meta")}</div>'),
     (["Meta"], [])),
    # links whose href names no category do not count: the next expression is tried
    (page('<div class="meta"><a href="/about/">About</a></div>'
          f'<div class="row">{category("Row")}</div>'),
     (["Row"], [])),
    # hrefs and link texts: no href, an empty one, "/categorys/" (no match), blank text, a <br>
    # and a block inside the link (block_text spaces them), a repeated name
    (page('<div class="meta"><a href="/categories/x">Plural</a><a>No href</a><a href="">Empty</a>'
          '<a href="/categorys/z/">No match</a><a href="/category/y"> </a>'
          '<a href="/category/z/">News<br>Today</a><a href="/category/q/"><div>A</div>b</a>'
          '<a href="/category/w/">Plural</a></div>'), (["Plural", "News Today", "A b"], [])),
    # no category link: the head's section metas; not without content, not outside the head
    (page('<p>Text</p><meta property="article:section" content="Body">',
          '<meta property="article:section" content="Politics"><meta name="dc.subject" '
          'content="Economy"><meta name="subject"><meta property="og:section" content="No">'),
     (["Politics", "Economy"], [])),
    # a category link makes the metas unused
    (page(f'<div class="meta">{category("Link")}</div>',
          '<meta property="article:section" content="Politics">'), (["Link"], [])),
    # TAGS_XPATHS 1: div class exactly "tags"
    (page(f'<div class="tags">{tag("A")}</div><div class="tags x">{tag("B")}</div>'), ([], ["A"])),
    # 2: p class starting "entry-tags"
    (page(f'<p class="entry-tags-list">{tag("A")}</p>'), ([], ["A"])),
    # 3: div class "row", "jp-relatedposts", "entry-utility" or starting "tag", "postmeta", "meta"
    (page(f'<div class="jp-relatedposts">{tag("A")}</div><div class="tagcloud">{tag("B")}</div>'
          f'<div class="meta-x"><a href="/tags/c/">C</a></div><div class="xtag">{tag("Z")}</div>'),
     ([], ["A", "B", "C"])),
    # 4: any element, class exactly "entry-meta" or "topics" / "tags-links" inside the class
    (page(f'<ul class="related-topics"><li>{tag("A")}</li></ul><nav class="entry-meta">{tag("B")}'
          '</nav><span class="tags-links"><a href="/tagies/c/">C</a></span>'),
     ([], ["A", "B", "C"])),
    (page(f'<section class="topics">{tag("Topic")}</section><div class="tags">{tag("Tag")}</div>'),
     ([], ["Tag"])),
    # one href can name both kinds; "/tagged/" names none
    (page('<div class="meta"><a href="/category/tag/both/">Both</a>'
          '<a href="/tagged/x/">No</a></div>'),
     (["Both"], ["Both"])),
    (page("<p>Nothing here.</p>"), ([], [])),
])
def test_find_catstags_is_trafilaturas(html, want):
    tree = tree_of(html)
    before = lxml.html.tostring(tree)
    assert find_catstags(tree) == want
    assert lxml.html.tostring(tree) == before
    assert trafilaturas_catstags(tree) == want


def test_find_catstags_from_an_element_inside_the_page():
    """trafilatura's "//" expressions search the whole document, its meta fallback only below
    the element it is given."""
    tree = tree_of(page(f'<div class="meta">{category("A")}</div><div id="x"><p>Text</p></div>',
                        '<meta property="article:section" content="Politics">'))
    inner = tree.get_element_by_id("x")
    assert find_catstags(inner) == (["A"], []) == trafilaturas_catstags(inner)
    no_links = tree_of(page('<div id="x"><p>Text</p></div>',
                            '<meta property="article:section" content="Politics">'))
    inner = no_links.get_element_by_id("x")
    assert find_catstags(inner) == ([], []) == trafilaturas_catstags(inner)
    assert find_catstags(no_links) == (["Politics"], []) == trafilaturas_catstags(no_links)


def test_find_catstags_equals_trafilatura_on_saved_pages():
    """On the 50 dev-set pages kept in tests/data, the same lists in the same order."""
    categories = tags = 0
    for url, html in sample_pages():
        tree = tree_of(html)
        ours = find_catstags(tree)
        assert ours == trafilaturas_catstags(tree), url
        categories += bool(ours[0])
        tags += bool(ours[1])
    assert categories >= 10 and tags >= 5  # the comparison covers pages that have both


# --- dates in the page's languages -------------------------------------------------------------

def dated_page(date_text: str) -> str:
    return ("<html><head><title>Title</title></head><body><article><h1>Title here</h1>"
            f'<p class="date">{date_text}</p><p>Body text of the article goes here.</p>'
            "</article></body></html>")


def test_a_date_in_the_page_language_is_read_by_the_restricted_parser():
    # htmldate's own patterns do not know Russian months: this date needs dateparser
    tree = lxml.html.fromstring(dated_page("15 августа 2016, 12:30"))
    assert page_metadata(tree, None, lambda: ["ru"]).date == "2016-08-15"


# (each test its own date string: htmldate caches what it read from a string, process-wide)
def test_the_parser_reads_only_the_languages_it_is_given():
    tree = lxml.html.fromstring(dated_page("16 августа 2016, 12:30"))
    # German and English cannot read a Russian month (htmldate falls back to the bare year):
    # proof the restriction is in force
    assert page_metadata(tree, None, lambda: ["de"]).date != "2016-08-16"


def test_a_date_one_page_could_not_read_is_read_on_the_next_page_in_its_language():
    # htmldate caches each string's answer process-wide: the German page's failure must not
    # be the Russian page's answer
    html = dated_page("19 августа 2016, 12:30")
    assert page_metadata(lxml.html.fromstring(html), None, lambda: ["de"]).date != "2016-08-19"
    assert page_metadata(lxml.html.fromstring(html), None, lambda: ["ru"]).date == "2016-08-19"


def test_languages_are_asked_for_only_when_dateparser_is_needed():
    asked = []

    def languages():
        asked.append(True)
        return ["en"]

    html = dated_page("2016-08-15")  # an ISO date: htmldate's own patterns read it
    assert page_metadata(lxml.html.fromstring(html), None, languages).date == "2016-08-15"
    assert asked == []


def test_htmldate_gets_its_own_parser_back_after_the_page():
    from htmldate import extractors

    original = extractors.get_external_parser
    tree = lxml.html.fromstring(dated_page("17 августа 2016, 12:30"))
    page_metadata(tree, None, lambda: ["ru"])
    assert extractors.get_external_parser is original
    with pytest.raises(ZeroDivisionError):
        tree = lxml.html.fromstring(dated_page("18 августа 2016, 12:30"))
        page_metadata(tree, None, lambda: 1 / 0)  # the languages callable itself fails
    assert extractors.get_external_parser is original


@pytest.mark.parametrize("head, want", [
    ('<link rel="canonical" href="/story/1"><meta property="og:url" content="https://x.example/o">',
     "https://news.example/story/1"),
    ('<meta property="og:url" content="https://origin.example/a">', "https://origin.example/a"),
    ('<link rel="canonical" href="javascript:void(0)">', None),
    ("", None)])
def test_canonical_url_from_link_then_og_url(head, want):
    from harvester.clean.html import clean_html
    from harvester.clean.metadata.canonical import canonical_url

    html = f"<html><head>{head}</head><body><p>{'Words of a page. ' * 30}</p></body></html>"
    assert canonical_url(lxml.html.fromstring(html), "https://news.example/page") == want
    assert clean_html(html, url="https://news.example/page").canonical_url == want
