"""The corpus questions behind the search page and the search and stats commands."""

from __future__ import annotations

import sqlite3

import pytest
from browse_samples import build_sample_corpus

from harvester.browse import queries
from harvester.errors import CorpusReadError, SearchError
from harvester.store import Corpus

PLAIN = ["Trump's oil", "e-mail", "U.S.", "clean-up", "10%", "oil, Venezuela", 'say "second wave']


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_corpus(tmp_path_factory.mktemp("corpus") / "corpus.db")


@pytest.fixture
def conn(sample):
    connection = queries.connect_read_only(sample.path)
    yield connection
    connection.close()


@pytest.mark.parametrize("text", PLAIN)
def test_plain_words_never_raise(conn, text):
    queries.search(conn, text)


def test_punctuation_inside_a_word_is_only_a_word_boundary():
    assert queries.fts_query("Trump's oil, U.S.") == '"Trump\'s" "oil," "U.S."'
    assert queries.fts_query('"second wave" OR') == '"second wave" "OR"'
    assert queries.fts_query("- & ,") is None


def test_search_ranks_folds_copies_and_marks_the_words(conn, sample):
    hits = queries.search(conn, "oil Venezuela")
    ids = [hit.id for hit in hits]
    assert sample.copy not in ids and set(ids) == {sample.first, sample.second}
    first = next(hit for hit in hits if hit.id == sample.first)
    assert first.copies == 1 and first.story_articles == 2
    assert f"{queries.MARK_START}oil{queries.MARK_END}" in first.snippet.lower() \
        or f"{queries.MARK_START}venezuela{queries.MARK_END}" in first.snippet.lower()


def test_search_orders_by_relevance(conn, sample):
    """The title words of the first sample rank it above the other article."""
    hits = queries.search(conn, "Caracas frees political prisoners")
    assert hits[0].id == sample.first


def test_raw_mode_passes_operators_and_reports_bad_syntax(conn, sample):
    assert {h.id for h in queries.search(conn, "Caracas OR Foro", raw=True)} >= {sample.first}
    with pytest.raises(SearchError, match="not a valid full-text query"):
        queries.search(conn, "oil OR", raw=True)


def test_reading_list_holds_originals_with_copies_and_story(conn, sample):
    rows = {row["id"]: row for row in queries.reading_list(conn)}
    assert set(rows) == {sample.first, sample.second}
    assert rows[sample.first]["copies"] == 1 and rows[sample.first]["story_id"] == sample.first
    assert rows[sample.first]["opening"].startswith("Donald Trump")


def test_a_story_of_one_article_and_its_copy_is_no_story(tmp_path, sample):
    path = tmp_path / "copies.db"
    path.write_bytes(sample.path.read_bytes())
    with Corpus(path) as corpus:
        corpus.set_links(sample.second, duplicate_of=None, story_id=sample.second)
    conn = queries.connect_read_only(path)
    assert queries.stories(conn) == []
    assert queries.story(conn, sample.first) == []
    assert queries.stats(conn)["stories"] == 0
    assert all(row["story_id"] is None for row in queries.reading_list(conn))


def test_story_lists_its_documents_by_date(conn, sample):
    (row,) = queries.stories(conn)
    assert (row["story_id"], row["articles"], row["documents"], row["sources"]) == (
        sample.first, 2, 3, 3)
    docs = queries.story(conn, sample.first)
    assert {d["id"] for d in docs} == {sample.first, sample.second, sample.copy}
    dated = [d["published"] for d in docs if d["published"]]
    assert dated == sorted(dated) and docs[-1]["published"] is None


def test_stats(conn, sample):
    figures = queries.stats(conn)
    assert (figures["documents"], figures["originals"], figures["duplicates"]) == (3, 2, 1)
    assert figures["sites"] == 3 and figures["languages"] == {"en": 2}
    assert (figures["stories"], figures["in_stories"]) == (1, 3)
    assert figures["runs"][0]["id"] == sample.run and figures["runs"][0]["status"] == "ok"


def test_a_file_that_is_no_corpus_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(CorpusReadError, match="not a harvester corpus"):
        queries.connect_read_only(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(CorpusReadError, match="not a readable corpus"):
        queries.connect_read_only(junk)
