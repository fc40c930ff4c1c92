"""The Datasette plugin and shipped metadata, through Datasette's in-process client."""

from __future__ import annotations

import asyncio
import json

import pytest
from browse_samples import COPY_URL, FAILED_FETCHES, FIRST_URL, build_sample_corpus
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from harvester.browse import load_metadata, make_datasette, register_plugin, split_config
from harvester.browse.plugin import EXCERPT_CHARS, excerpt
from harvester.store import Corpus


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_corpus(tmp_path_factory.mktemp("browse") / "corpus.db")


@pytest.fixture(scope="module")
def stored(sample):
    """Every document row as stored, by id."""
    with Corpus(sample.path, read_only=True) as corpus:
        return {doc_id: corpus.document(doc_id) for doc_id in (sample.first, sample.second,
                                                                sample.copy)}


class Site:
    """A Datasette instance and the one event loop all its requests run on."""

    def __init__(self, datasette, loop: asyncio.AbstractEventLoop):
        self.datasette = datasette
        self.loop = loop
        loop.run_until_complete(datasette.invoke_startup())

    def request(self, path: str):
        return self.loop.run_until_complete(self.datasette.client.get(path))


@pytest.fixture(scope="module")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def ds(sample, loop):
    return Site(make_datasette(sample.path), loop)


def get(ds: Site, path: str):
    """One request through Datasette's in-process client; fails on anything but 200."""
    response = ds.request(path)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:500]}"
    return response


def facets(ds: Site, path: str) -> dict:
    """Facet results of a table page by facet name (``_extra`` asks Datasette 1.0 for them)."""
    results = get(ds, f"{path}?_extra=facet_results").json()["facet_results"]
    return results.get("results", results)  # 1.0 nests them one level deeper


def rows(ds, path: str) -> list[dict]:
    sep = "&" if "?" in path else "?"
    return get(ds, f"{path}{sep}_shape=array").json()


def html(ds, path: str) -> HTMLParser:
    return HTMLParser(get(ds, path).text)


def texts(tree: HTMLParser, selector: str) -> list[str]:
    return [node.text(strip=True) for node in tree.css(selector)]


# --- plugin and search --------------------------------------------------------------------


def test_plugin_is_active(ds):
    plugins = {p["name"]: p for p in get(ds, "/-/plugins.json").json()}
    assert {"render_cell", "extra_template_vars", "prepare_jinja2_environment"} <= set(
        plugins["harvester"]["hooks"])


def test_make_datasette_registers_the_plugin_without_its_entry_point(sample, loop):
    from datasette.plugins import pm

    from harvester.browse import plugin

    name = pm.get_name(plugin)
    pm.unregister(plugin)
    try:
        assert not pm.is_registered(plugin)
        fresh = Site(make_datasette(sample.path), loop)
        assert pm.is_registered(plugin)
        assert "hv-document" in get(fresh, f"/corpus/documents/{sample.first}").text
    finally:
        if not pm.is_registered(plugin):
            pm.register(plugin, name=name)
    register_plugin()  # a second call is harmless
    assert pm.is_registered(plugin)


def test_search_for_a_word_of_the_samples_returns_them(ds, sample):
    found = rows(ds, "/corpus/documents.json?_search=Venezuela")
    assert {row["id"] for row in found} == {sample.first, sample.second, sample.copy}
    # The rights group "Foro Penal" is named only in the first sample (and its copy).
    found = rows(ds, "/corpus/documents.json?_search=Foro")
    assert {row["id"] for row in found} == {sample.first, sample.copy}
    # The search form of the HTML page gives the same rows, titles linking to the documents.
    tree = html(ds, "/corpus/documents?_search=Foro")
    links = {a.attributes["href"] for a in tree.css("td.col-title a")}
    assert links == {f"/corpus/documents/{sample.first}", f"/corpus/documents/{sample.copy}"}


def test_search_matches_titles_too(ds, sample):
    found = rows(ds, "/corpus/documents.json?_search=Caracas+frees")
    assert sample.first in {row["id"] for row in found}


# --- list pages ---------------------------------------------------------------------------


def test_list_page_shows_excerpts_not_whole_articles(ds, sample, stored):
    tree = html(ds, "/corpus/documents")
    cells = {node.parent.css_first("td.col-id").text(strip=True): node.text(strip=True)
             for node in tree.css("td.col-text")}
    assert set(cells) == {str(i) for i in stored}
    for doc_id, cell in cells.items():
        text = stored[int(doc_id)]["text"]
        assert len(text) > 3 * EXCERPT_CHARS  # the samples are long articles
        assert len(cell) <= EXCERPT_CHARS + 1 and cell.endswith("…")
        assert " ".join(text.split()).startswith(cell[:-1])
    # The removed lines read as a summary by reason, not as JSON.
    summary = tree.css_first("td.col-removed").text(strip=True)
    assert summary.startswith(tuple(f"{n} lines removed" for n in range(1, 100)))
    assert "{" not in summary


def test_list_page_facets_sorting_and_tags(ds, sample, stored):
    found = facets(ds, "/corpus/documents.json")
    assert set(found) == {"site", "language", "tags", "published"}
    sites = {r["value"]: r["count"] for r in found["site"]["results"]}
    assert sites == {"valley-times.example": 1, "world-desk.example": 1, "mirror.example": 1}
    # Newest first: the default order is by time stored, descending.
    listed = rows(ds, "/corpus/documents.json")
    assert [r["added_at"] for r in listed] == sorted((r["added_at"] for r in listed),
                                                     reverse=True)
    assert "sorted by added_at descending" in get(ds, "/corpus/documents").text
    # Tags are links to the documents carrying them.
    tags = json.loads(stored[sample.second]["tags"])
    assert tags, "the second sample has hashtags"
    tree = html(ds, f"/corpus/documents?id={sample.second}")
    assert texts(tree, "td.col-tags a.hv-tag") == tags
    tagged = rows(ds, f"/corpus/documents.json?tags__arraycontains={tags[0]}")
    assert [r["id"] for r in tagged] == [sample.second]


def test_foreign_keys_show_labels(ds, sample, stored):
    fetch = rows(ds, f"/corpus/fetches.json?_labels=on&url={FIRST_URL}")[0]
    assert fetch["document_id"] == {"value": sample.first, "label": stored[sample.first]["title"]}
    copy = rows(ds, f"/corpus/documents.json?_labels=on&id={sample.copy}")[0]
    assert copy["duplicate_of"]["label"] == stored[sample.first]["title"]


def test_fetches_and_runs_pages(ds, sample):
    found = facets(ds, "/corpus/fetches.json")
    outcomes = {r["value"]: r["count"] for r in found["outcome"]["results"]}
    assert outcomes == {"ok": 1, "http_404": 1, "timeout": 2}
    runs = get(ds, "/corpus/runs.json?_shape=array").json()
    assert [r["id"] for r in runs] == [sample.run] and runs[0]["status"] == "ok"
    assert runs[0]["stored"] == 2 and runs[0]["duplicates"] == 1


# --- a document's page --------------------------------------------------------------------


def test_document_page_reads_as_an_article(ds, sample, stored):
    doc = stored[sample.first]
    tree = html(ds, f"/corpus/documents/{sample.first}")
    article = tree.css_first("article.hv-document")
    assert article.css_first("h1").text(strip=True) == doc["title"]
    assert article.css_first(".hv-standfirst").text(strip=True) == doc["description"]
    assert texts(article, ".hv-text p") == doc["text"].split("\n\n")
    meta = dict(zip(texts(article, ".hv-meta dt"), texts(article, ".hv-meta dd")))
    assert meta["Author"] == doc["author"] and meta["Published"] == doc["published"]
    assert meta["Site"] == "valley-times.example" and meta["Language"] == doc["language"]
    assert meta["Words"] == str(doc["word_count"])
    original = article.css_first(".hv-original a")
    assert original.attributes["href"] == FIRST_URL


def test_document_page_lists_removed_lines_collapsed(ds, sample, stored):
    removed = json.loads(stored[sample.first]["removed"])
    assert {item["reason"] for item in removed} >= {"ad-label", "share-bar", "caption"}
    details = html(ds, f"/corpus/documents/{sample.first}").css_first("details.hv-removed")
    assert "open" not in details.attributes
    assert details.css_first("summary").text(strip=True).startswith(f"{len(removed)} lines")
    shown = [(row.css_first(".hv-line").text(), row.css_first(".hv-reason").text())
             for row in details.css("tr")]
    assert shown == [(item["line"], item["reason"]) for item in removed]


def test_document_page_links_duplicates_both_ways(ds, sample, stored):
    tree = html(ds, f"/corpus/documents/{sample.first}")
    copies = tree.css(".hv-copies li a")
    assert [a.attributes["href"] for a in copies] == [f"/corpus/documents/{sample.copy}"]
    all_copies = tree.css(".hv-copies p a")[0].attributes["href"]
    assert rows(ds, all_copies.replace("/documents?", "/documents.json?"))[0]["id"] == sample.copy

    tree = html(ds, f"/corpus/documents/{sample.copy}")
    repeats = tree.css_first(".hv-duplicate-of a")
    assert repeats.attributes["href"] == f"/corpus/documents/{sample.first}"
    assert repeats.text(strip=True) == stored[sample.first]["title"]
    assert tree.css_first(".hv-original a").attributes["href"] == COPY_URL
    assert tree.css_first(".hv-copies") is None


def test_document_page_links_the_other_documents_of_its_story(ds, sample):
    def story_links(doc_id):
        tree = html(ds, f"/corpus/documents/{doc_id}")
        return tree, [a.attributes["href"] for a in tree.css(".hv-story li a")]

    # Copies of the page's own text are listed as copies, not again under the story.
    tree, links = story_links(sample.first)
    assert links == [f"/corpus/documents/{sample.second}"]
    tree, links = story_links(sample.copy)
    assert links == [f"/corpus/documents/{sample.second}"]
    tree, links = story_links(sample.second)
    assert links == [f"/corpus/documents/{sample.first}", f"/corpus/documents/{sample.copy}"]
    whole = tree.css(".hv-story p a")[-1]
    assert whole.text(strip=True) == "The whole story: 3 documents by source and date"
    assert whole.attributes["href"] == f"/-/story/{sample.first}"
    story = html(ds, whole.attributes["href"])
    assert {int(li.attributes["data-document-id"]) for li in
            story.css(".hv-story-documents > li")} == {sample.first, sample.second}


def test_document_page_of_a_lone_document_has_no_story_section(loop, tmp_path):
    from browse_samples import sample_pages

    from harvester.config import CleanSettings
    from harvester.run.counts import Counts
    from harvester.run.ingest import ingest
    from harvester.run.workers import clean_pages

    path = tmp_path / "lone.db"
    with Corpus(path) as corpus:
        ingest(corpus, clean_pages(sample_pages()[:1], CleanSettings(workers=0)), Counts())
    lone = Site(make_datasette(path), loop)
    tree = html(lone, "/lone/documents/1")
    assert tree.css_first("article.hv-document") is not None
    assert tree.css_first(".hv-story") is None and tree.css_first(".hv-copies") is None
    assert tree.css_first(".hv-duplicate-of") is None


def test_document_page_without_title_and_tags(ds, sample, stored):
    doc = stored[sample.second]
    tree = html(ds, f"/corpus/documents/{sample.second}")
    assert doc["title"] is None
    assert tree.css_first("article h1").text(strip=True) == f"Untitled document {sample.second}"
    assert texts(tree, ".hv-meta dd a.hv-tag") == json.loads(doc["tags"])
    assert len(tree.css(".hv-text p")) == len(doc["text"].split("\n\n"))


def test_other_row_pages_stay_datasettes(ds, sample):
    tree = html(ds, f"/corpus/runs/{sample.run}")
    assert tree.css_first("article.hv-document") is None
    assert tree.css_first("table.rows-and-columns") is not None
    # A documents URL that is no document is Datasette's 404, not an error of the plugin.
    missing = ds.request("/corpus/documents/999")
    assert missing.status_code == 404


# --- metadata -----------------------------------------------------------------------------


def test_every_table_and_column_is_described(tmp_path, loop):
    """Tables in a fresh corpus (FTS shadow tables aside) all have their descriptions.

    Fails when a table or column is added to the schema without one in metadata.json.
    """
    path = tmp_path / "fresh.db"
    Corpus(path).close()
    fresh = Site(make_datasette(path), loop)
    shown = get(fresh, "/fresh.json").json()["tables"]
    tables = {t["name"]: t["columns"] for t in shown if not t["name"].startswith("documents_fts")}
    assert {"documents", "fetches", "runs"} <= set(tables)
    described = load_metadata("fresh")["databases"]["fresh"]["tables"]
    for table, columns in tables.items():
        assert described.get(table, {}).get("description"), f"{table} has no description"
        missing = set(columns) - set(described[table].get("columns", {}))
        assert not missing, f"{table}: no description for {sorted(missing)}"
    page = get(fresh, "/fresh/documents").text
    assert described["documents"]["description"] in page


def test_metadata_is_served_under_the_files_name(ds):
    metadata = load_metadata()
    index = html(ds, "/")
    assert index.css_first("h1").text(strip=True) == metadata["title"]
    assert metadata["description"] in index.body.text()
    fetches = metadata["databases"]["corpus"]["tables"]["fetches"]["description"]
    assert fetches in html(ds, "/corpus/fetches").body.text()


def test_split_config_for_datasette_1():
    metadata, config = split_config(load_metadata("corpus"))
    documents_meta = metadata["databases"]["corpus"]["tables"]["documents"]
    documents_config = config["databases"]["corpus"]["tables"]["documents"]
    assert "description" in documents_meta and "columns" in documents_meta
    assert {"facets", "sort_desc", "fts_table", "label_column"} <= set(documents_config)
    assert not {"facets", "sort_desc"} & set(documents_meta)
    assert "queries" not in metadata["databases"]["corpus"]
    assert "newest_documents" in config["databases"]["corpus"]["queries"]


def test_excerpt_cuts_at_a_word():
    assert excerpt("short text") == "short text"
    assert excerpt("one two three four", limit=9) == "one two…"
    assert excerpt("a\n\nb  c") == "a b c"


# --- canned queries -----------------------------------------------------------------------


def test_newest_documents(ds, sample, stored):
    newest = rows(ds, "/corpus/newest_documents.json")
    originals = [stored[sample.first], stored[sample.second]]
    by_date = sorted(originals, key=lambda d: (d["published"] or d["added_at"], d["id"]),
                     reverse=True)
    assert [r["id"] for r in newest] == [d["id"] for d in by_date]
    tree = html(ds, "/corpus/newest_documents")
    for cell in texts(tree, "td.col-excerpt"):
        assert len(cell) <= EXCERPT_CHARS + 1


def test_documents_of_a_site_per_day(ds, stored, sample):
    found = rows(ds, "/corpus/documents_per_day.json?site=valley-times.example")
    assert found == [{"site": "valley-times.example", "day": "2026-01-09", "documents": 1,
                      "duplicates": 0, "words": stored[sample.first]["word_count"]}]
    every_site = rows(ds, "/corpus/documents_per_day.json?site=")
    assert sum(r["documents"] for r in every_site) == 3
    assert {r["site"] for r in every_site} == {"valley-times.example", "world-desk.example",
                                               "mirror.example"}


def test_failed_fetches_by_reason(ds):
    found = rows(ds, "/corpus/failed_fetches.json")
    assert [(r["reason"], r["urls"]) for r in found] == [("timeout", 2), ("http_404", 1)]
    assert found[1]["example_url"] == next(u for u, o in FAILED_FETCHES.items()
                                           if o == "http_404")


def test_recent_runs(ds, sample):
    found = rows(ds, "/corpus/recent_runs.json")
    assert [(r["id"], r["status"], r["pages"]) for r in found] == [(sample.run, "ok", 3)]


@pytest.mark.parametrize("asked", ["first", "copy"])
def test_duplicates_of_a_document(ds, sample, asked):
    found = rows(ds, f"/corpus/duplicates_of_document.json?id={getattr(sample, asked)}")
    assert [(r["id"], r["role"]) for r in found] == [(sample.first, "original"),
                                                     (sample.copy, "copy")]


def test_one_stories_query_links_each_story_to_its_page(ds, sample, stored):
    found = rows(ds, "/corpus/stories.json")
    assert found == [{"story_id": sample.first, "headline": stored[sample.first]["title"],
                      "sources": 3, "articles": 2, "documents": 3,
                      "first_published": "2026-01-09", "last_published": "2026-01-09"}]
    queries = load_metadata()["databases"]["corpus"]["queries"]
    assert "biggest_stories" not in queries and "stories_most_sources" not in queries
    link = html(ds, "/corpus/stories").css_first("td.col-story_id a")
    assert link.attributes["href"] == f"/-/story/{sample.first}"


def test_every_canned_query_has_a_page(ds):
    queries = load_metadata()["databases"]["corpus"]["queries"]
    assert queries["newest_documents"]["title"] in get(ds, "/corpus").text
    for name, query in queries.items():
        page = html(ds, f"/corpus/{name}").body.text()
        assert query["title"] in page and query["description"] in page


def test_links_to_untitled_documents_show_their_first_words(ds, sample, stored):
    tree = html(ds, f"/corpus/documents/{sample.first}")
    label = tree.css_first(".hv-story li a").text(strip=True)
    assert label.endswith("…") and len(label) <= 91
    assert " ".join(stored[sample.second]["text"].split()).startswith(label[:-1])
