"""Near-duplicates and story clusters, through store_document into a real corpus file.

tests/data/dedup/article_*.txt: the start of two dev-set articles (trafilatura's evaluation
corpus, Apache-2.0, LICENSE beside them) on one topic, the 2020 Democratic primary.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harvester.clean import clean_page
from harvester.cli import app
from harvester.dedup import (
    DedupSettings,
    StorySignals,
    containment,
    rank_candidates,
    rebuild,
    root_key,
    shingles,
    sketch,
)
from harvester.model import Document, Page
from harvester.run.ingest import store_document
from harvester.store import Corpus

DATA = Path(__file__).parent.parent / "data" / "dedup"
SITE_BOILERPLATE = ["Subscribe to the Daily Ledger newsletter for the morning briefing.",
                    "Follow Daily Ledger News on Twitter, Facebook and Instagram.",
                    "Copyright 2024 Ledger Media Group. All rights reserved."]


def seed_paragraphs(expected, stem: str) -> list[str]:
    return expected[stem]["paragraphs"]


def store(corpus: Corpus, *docs: Document) -> list[int]:
    ids = []
    for doc in docs:
        with corpus.transaction():
            ids.append(store_document(corpus, doc).doc_id)
    return ids


def rows(corpus: Corpus) -> dict[str, dict]:
    return {row["source"]: row for row in corpus.db.query(
        "SELECT id, source, duplicate_of, story_id FROM documents")}


def same_group(by_source: dict[str, dict], a: str, b: str) -> bool:
    root = lambda row: row["duplicate_of"] or row["id"]  # noqa: E731
    return root(by_source[a]) == root(by_source[b])


def text_doc(paragraphs: list[str], source: str, date: str | None = None) -> Document:
    return Document(text="\n\n".join(paragraphs), source=source, date=date)


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "corpus.db") as corpus:
        yield corpus


def article_page(paragraphs: list[str], title: str) -> bytes:
    """The article as a news site serves it: navigation, related links, footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<p class="byline">By Amin Masoodi, 9 January 2026</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm closes schools across the north</a></li>
<li><a href="/b">Local team wins the cup after extra time</a></li></ul></aside></main>
<footer><p>About us | Contact | Privacy policy | Terms of use</p>
<p>Copyright 2026 Example Community News. All rights reserved.</p></footer>
</body></html>""".encode()


def test_same_article_as_html_and_as_saved_text_page_is_linked(corpus, seed_files, expected):
    stem = seed_files[0].stem
    from_html = clean_page(Page(data=article_page(seed_paragraphs(expected, stem),
                                                  expected[stem]["title"]),
                                source="https://example.org/venezuela.html", kind="html"))
    from_text = clean_page(Page(data=seed_files[0].read_bytes(), source=str(seed_files[0]),
                                kind="text"))
    # the HTML page's headline goes to its title, as the text page's does: the same text
    assert from_html.title == from_text.title and from_html.text == from_text.text
    store(corpus, from_html, from_text)
    linked = [row for row in rows(corpus).values() if row["duplicate_of"]]
    assert len(linked) == 1 and corpus.count() == 2


def test_article_with_a_paragraph_added_is_linked(corpus, seed_files, expected):
    paragraphs = seed_paragraphs(expected, seed_files[0].stem)
    updated = paragraphs + ["Update: the White House later confirmed that the meeting with "
                            "oil executives would go ahead on Friday afternoon as planned."]
    first, second = store(corpus, text_doc(paragraphs, "v1"), text_doc(updated, "v2"))
    by_source = rows(corpus)
    assert same_group(by_source, "v1", "v2")
    # The longer, more complete copy is the root; the other points at it, never a chain.
    assert by_source["v1"]["duplicate_of"] == second and by_source["v2"]["duplicate_of"] is None
    assert by_source["v1"]["story_id"] == by_source["v2"]["story_id"]


def test_two_different_articles_of_one_site_are_not_linked(corpus):
    first, second = (text_doc(SITE_BOILERPLATE[:1] + (DATA / f"article_{n}.txt").read_text()
                              .splitlines() + SITE_BOILERPLATE[1:], f"site/{n}")
                     for n in (1, 2))
    for doc in (first, second):
        doc.site = "dailyledger.example"
    store(corpus, first, second)
    by_source = rows(corpus)
    assert by_source["site/1"]["duplicate_of"] is None
    assert by_source["site/2"]["duplicate_of"] is None
    # Same site, same topic (the 2020 primary), shared boilerplate: different stories.
    assert by_source["site/1"]["story_id"] != by_source["site/2"]["story_id"]


def test_the_two_samples_are_one_story_two_documents(corpus, seed_files):
    docs = [clean_page(Page(data=p.read_bytes(), source=str(p), kind="text"))
            for p in seed_files]
    first, second = store(corpus, *docs)
    by_id = {row["id"]: row for row in rows(corpus).values()}
    assert corpus.count() == 2
    assert by_id[first]["duplicate_of"] is None and by_id[second]["duplicate_of"] is None
    assert by_id[first]["story_id"] == by_id[second]["story_id"] is not None


def test_links_survive_restarting_between_runs(tmp_path, seed_files, expected):
    paragraphs = seed_paragraphs(expected, seed_files[0].stem)
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        [first] = store(corpus, text_doc(paragraphs, "run1", date="2026-01-09"))
    with Corpus(path) as corpus:  # a later cron run: a new process, nothing kept in memory
        assert corpus.count("minhash_bands") > 0
        teaser = ["Read our live coverage of the crisis below."] + paragraphs
        [second] = store(corpus, text_doc(teaser, "run2", date="2026-01-10"))
        by_source = rows(corpus)
    assert by_source["run2"]["duplicate_of"] == first  # the earlier publication is the root
    assert by_source["run1"]["duplicate_of"] is None


def variants(expected, stem: str) -> list[Document]:
    paragraphs = seed_paragraphs(expected, stem)
    return [text_doc(paragraphs, "a"),
            text_doc(paragraphs[:-1], "b"),  # last paragraph missed
            text_doc(["Teaser: what happened overnight."] + paragraphs, "c"),
            text_doc(paragraphs, "d")]  # an exact copy


def test_links_are_the_same_whatever_the_order(tmp_path, seed_files, expected):
    results = []
    for n, order in enumerate(([0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1])):
        docs = variants(expected, seed_files[0].stem)
        with Corpus(tmp_path / f"{n}.db") as corpus:
            store(corpus, *(docs[i] for i in order))
            by_source = rows(corpus)
        source_of = {row["id"]: source for source, row in by_source.items()}
        roots = {source: source_of[row["duplicate_of"]] if row["duplicate_of"] else None
                 for source, row in by_source.items()}
        results.append(roots)
    assert results[0] == results[1] == results[2]
    roots = results[0]
    assert sum(root is None for root in roots.values()) == 1  # one group, one root, no chains
    assert all(root is None or roots[root] is None for root in roots.values())


def test_rebuild_applies_a_new_threshold(tmp_path, seed_files, expected):
    paragraphs = seed_paragraphs(expected, seed_files[0].stem)
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        store(corpus, text_doc(paragraphs, "full"), text_doc(paragraphs[:-2], "cut"))
        assert corpus.count(where="duplicate_of is not null") == 1
        counts = rebuild(corpus, DedupSettings(threshold=1.01, block_threshold=1.01))
        assert counts["duplicates"] == 0
        assert corpus.dedup_settings()["threshold"] == 1.01
    config = tmp_path / "config.toml"
    config.write_text(f'[corpus]\npath = "{path}"\n[dedup]\nthreshold = 0.8\n')
    result = CliRunner().invoke(app, ["dedup", "--rebuild", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "1 near-duplicate" in result.output
    with Corpus(path) as corpus:
        assert corpus.count(where="duplicate_of is not null") == 1


def test_short_texts_are_linked_only_when_equal(corpus):
    short = "The council approved the new budget on Tuesday after a long debate."
    store(corpus, Document(text=short, source="x"),
          Document(text=short.replace("Tuesday", "Friday"), source="y"))
    assert corpus.count(where="duplicate_of is not null") == 0


def test_containment_measures_overlap_over_the_smaller_text():
    words = " ".join(f"w{i}" for i in range(100))
    inner, outer = shingles(words), shingles(words + " " + words.upper() + " x y z")
    assert containment(inner, outer) == 1.0
    assert containment(inner, shingles("completely different words here")) == 0.0


def test_sketch_band_keys_are_stable():
    # The keys are stored; they must not depend on the process (no Python hash()).
    assert sketch("one two three four five six").band_keys == \
        sketch("One, two; three four five six!").band_keys


def test_root_key_prefers_earliest_date_then_longest_text():
    rows_ = [{"id": 1, "published": None, "word_count": 900, "content_hash": "a"},
             {"id": 2, "published": "2026-01-10", "word_count": 500, "content_hash": "b"},
             {"id": 3, "published": "2026-01-09T10:00", "word_count": 400, "content_hash": "c"},
             {"id": 4, "published": "2026-01-09", "word_count": 450, "content_hash": "d"}]
    assert [r["id"] for r in sorted(rows_, key=root_key)] == [4, 3, 2, 1]


def test_story_signals_ignore_shared_site_lines():
    signals = StorySignals.with_stoplists()
    names, capitalised = signals.extract(
        "Donald Trump met María Corina Machado in Washington. The talks went well.")
    # "María" is a frequent word in Spanish (a stop word), so the name starts after it.
    assert {"donald trump", "corina machado"} <= names
    assert "washington" in capitalised and "the" not in capitalised
    boiler = "\n".join(["Follow Daily Ledger News, Ledger Radio and Ledger Television Live."] * 1)
    a = {"text": "A quiet day at the harbour.\n" + boiler}
    b = {"text": "Prices rose again in the bakery.\n" + boiler}
    assert not signals.same_story(a, b, DedupSettings())


def test_stored_keys_are_those_of_index_version_1():
    # Band and story keys are stored in corpora; a change in how they are made (even a faster
    # way of making them) must keep them, or bump INDEX_VERSION. Values from version 1.
    text = "The council approved the new budget on Tuesday after a long debate in the town hall."
    assert sketch(text).band_keys == [
        2926922966701606540, 320378280794738028, 1273478264837621306, 1517731719488186983,
        1436464677973031035, 3855714097711862373, 16836908718319377, 71648144010806657,
        97882679707570057, 210899611953790035]
    assert StorySignals.with_stoplists().keys(
        "Donald Trump met María Corina Machado in Washington.") == [632497210875038531,
                                                                    1468700525934008430]


def test_candidates_rank_by_shared_keys_with_a_limit_per_key(corpus):
    ids = store(corpus, *(Document(text=f"document number {i}", source=f"s{i}")
                          for i in range(6)))
    corpus.conn.execute("DELETE FROM minhash_bands")
    corpus.conn.execute("DELETE FROM story_keys")
    # Band 0 key 7 is shared by every document, band 1 key 8 by the last three, band 2 key 9
    # by the last one: sharing all three keys ranks first, then two, then one.
    corpus.add_keys(ids[0], [7], [])
    corpus.add_keys(ids[1], [7], [])
    corpus.add_keys(ids[2], [7], [])
    corpus.add_keys(ids[3], [7, 8], [])
    corpus.add_keys(ids[4], [7, 8], [])
    corpus.add_keys(ids[5], [7, 8, 9], [])
    bands, stories, _ = corpus.shared_keys([7, 8, 9], [], exclude=ids[4], per_key=50)
    assert stories == []
    assert rank_candidates(bands, 1, 20) == [ids[5], ids[3], ids[0], ids[1], ids[2]]
    assert rank_candidates(bands, 2, 20) == [ids[5], ids[3]]
    assert rank_candidates(bands, 1, 2) == [ids[5], ids[3]]
    # At most per_key documents are read per key (the lowest ids), whatever the key's count.
    bands, _, _ = corpus.shared_keys([7, 8, 9], [], exclude=ids[4], per_key=2)
    assert rank_candidates(bands, 1, 20) == [ids[5], ids[0], ids[1], ids[3]]
    # A key's value only matches in its own band.
    bands, _, _ = corpus.shared_keys([8, 7, 9], [], exclude=ids[4], per_key=50)
    assert rank_candidates(bands, 1, 20) == [ids[5]]


def test_story_candidates_read_the_newest_documents_per_key_in_the_same_statement(corpus):
    ids = store(corpus, *(Document(text=f"document number {i}", source=f"s{i}")
                          for i in range(5)))
    corpus.conn.execute("DELETE FROM minhash_bands")
    corpus.conn.execute("DELETE FROM story_keys")
    for doc_id in ids:
        corpus.add_keys(doc_id, [100 + doc_id], [11, 12] if doc_id != ids[2] else [11])
    bands, stories, _ = corpus.shared_keys([100 + ids[1]], [11, 12], exclude=ids[4], per_key=2)
    assert bands == [ids[1]]
    # The two newest per key, the new document itself left out.
    assert sorted(stories) == sorted([ids[3], ids[2], ids[3], ids[1]])
    assert rank_candidates(stories, 2, 20) == [ids[3]]


def test_linking_leaves_the_search_index_alone_and_text_edits_reindex(tmp_path):
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        # A corpus made with sqlite-utils' trigger, which fires on every update.
        corpus.conn.execute("DROP TRIGGER documents_au")
        corpus.conn.execute(
            'CREATE TRIGGER "documents_au" AFTER UPDATE ON "documents" BEGIN '
            'INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text") '
            "VALUES('delete', old.rowid, old.\"title\", old.\"text\"); "
            'INSERT INTO "documents_fts" (rowid, "title", "text") '
            'VALUES (new.rowid, new."title", new."text"); END')
        corpus.conn.execute("PRAGMA user_version = 1")  # as the versions that made it left it
    with Corpus(path) as corpus:  # fixed on open
        trigger = corpus.conn.execute("SELECT sql FROM sqlite_master "
                                      "WHERE name = 'documents_au'").fetchone()[0]
        assert 'UPDATE OF "title", "text", "comments"' in trigger
        [doc_id] = store(corpus, Document(text="The harbour reopened after the storm.",
                                          source="a"))
        with corpus.transaction():
            corpus.move_group("story_id", doc_id, doc_id)
            corpus.replace_document(doc_id, Document(text="The airport reopened after the fog.",
                                                     source="a"), content_hash="h")
        assert [row["id"] for row in corpus.search("airport")] == [doc_id]
        assert corpus.search("harbour") == []
