"""The corpus' own pages (search, reading list, stories) through a real Datasette, in process."""

from __future__ import annotations

import asyncio
import urllib.parse

import pytest
from browse_samples import build_sample_corpus
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from harvester.browse import make_datasette
from harvester.store import Corpus


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_corpus(tmp_path_factory.mktemp("pages") / "corpus.db")


@pytest.fixture(scope="module")
def get(sample):
    loop = asyncio.new_event_loop()
    datasette = make_datasette(sample.path)
    loop.run_until_complete(datasette.invoke_startup())

    def request(path: str, status: int = 200) -> HTMLParser:
        response = loop.run_until_complete(datasette.client.get(path))
        assert response.status_code == status, (
            f"{path}: {response.status_code} {response.text[:300]}")
        return HTMLParser(response.text)

    yield request
    loop.close()


def search(get, words: str, **extra) -> HTMLParser:
    return get("/-/search?" + urllib.parse.urlencode({"q": words, **extra}),
               extra.pop("status", 200))


@pytest.mark.parametrize("words", ["Trump's oil", "e-mail", "U.S.", "clean-up", "10%",
                                   "oil, Venezuela"])
def test_plain_words_answer_a_page_not_an_error(get, words):
    search(get, words)
    table = f"/corpus/documents?_search={urllib.parse.quote(words)}"
    get(table)  # the table's own search box takes plain words too


def test_results_are_ranked_marked_and_folded(get, sample):
    tree = search(get, "oil Venezuela")
    ids = [int(li.attributes["data-document-id"]) for li in tree.css(".hv-results > li")]
    assert sorted(ids) == sorted([sample.first, sample.second])  # the copy is folded
    first = tree.css_first(f".hv-results li[data-document-id='{sample.first}']")
    assert first.css_first("a.hv-copies").text() == "1 copy"
    assert {m.text().lower() for m in tree.css("mark")} <= {"oil", "venezuela"}
    assert tree.css("mark")
    ranked = search(get, "Caracas frees political prisoners")
    assert ranked.css_first(".hv-results > li").attributes["data-document-id"] == str(sample.first)


def test_raw_mode_keeps_the_operators_and_explains_a_bad_query(get, sample):
    tree = search(get, "Caracas OR nothingsuch", mode="raw")
    assert tree.css(".hv-results > li")
    bad = get("/-/search?q=oil+OR&mode=raw", 400)
    assert "not a valid full-text query" in bad.css_first(".hv-error").text()


def test_markup_in_a_query_or_a_snippet_is_escaped(get):
    tree = search(get, "<script>alert(1)</script> oil")
    assert not tree.css(".hv-results script, .hv-count script")


def test_reading_list(get, sample):
    tree = get("/-/reading-list")
    items = {int(li.attributes["data-document-id"]): li for li in tree.css(".hv-reading-list > li")}
    assert set(items) == {sample.first, sample.second}
    first = items[sample.first]
    assert "valley-times.example, 2026-01-09" in first.css_first(".hv-byline").text()
    assert first.css_first("a.hv-story-link").attributes["href"] == f"/-/story/{sample.first}"
    assert first.css_first(".hv-excerpt").text().endswith("…")
    assert tree.css_first("a[href='/corpus/documents']") is not None  # the full table


def test_story_page_lists_articles_with_their_copies(get, sample):
    tree = get(f"/-/story/{sample.first}")
    assert tree.css_first("h1").text().startswith("Trump calls off Venezuela strikes")
    listed = [int(li.attributes["data-document-id"]) for li in tree.css(".hv-story-documents > li")]
    assert listed == [sample.first, sample.second]  # dated first, then undated
    copy = tree.css_first(".hv-copies-list a")
    assert copy.attributes["href"] == f"/corpus/documents/{sample.copy}"
    assert copy.text() == "mirror.example"
    story = get("/-/stories").css_first(".hv-stories a")
    assert story.attributes["href"] == f"/-/story/{sample.first}"


def test_copies_of_one_article_are_no_story(tmp_path, sample):
    path = tmp_path / "corpus.db"
    path.write_bytes(sample.path.read_bytes())
    with Corpus(path) as corpus:
        corpus.set_links(sample.second, duplicate_of=None, story_id=sample.second)
    loop = asyncio.new_event_loop()
    try:
        client = make_datasette(path).client
        response = loop.run_until_complete(client.get(f"/-/story/{sample.first}"))
        assert response.status_code == 404 and "not a story" in response.text
        page = loop.run_until_complete(client.get(f"/corpus/documents/{sample.first}")).text
        assert "hv-story" not in page
    finally:
        loop.close()


def test_home_page_leads_to_search_and_hides_internal_tables(get):
    tree = get("/")
    assert tree.css_first("form.hv-searchbox").attributes["action"] == "/-/search"
    links = [a.attributes["href"] for a in tree.css("a")]
    assert "/-/reading-list" in links and "/corpus/site_lines" not in links
    assert links.index("/-/search" if "/-/search" in links else "/-/reading-list") < \
        links.index("/corpus/documents")


def test_a_copy_names_its_original_by_title_site_and_date(get, sample):
    tree = get(f"/corpus/documents/{sample.copy}")
    note = tree.css_first(".hv-duplicate-of").text()
    assert "Trump calls off Venezuela strikes" in note
    assert "(valley-times.example, 2026-01-09)" in " ".join(note.split())


def test_empty_tags_show_an_empty_cell(get, sample):
    cells = [td.text(strip=True) for td in get("/corpus/documents").css("td.col-tags")]
    assert "[]" not in cells


def test_hashes_do_not_take_the_width_of_the_table(get):
    cells = get("/corpus/documents").css("td.col-content_hash span")
    assert cells and all(len(c.text()) == 11 and len(c.attributes["title"]) == 64 for c in cells)
