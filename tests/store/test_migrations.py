"""Corpora made before get the migrations they lack, each whole or not at all."""

import gzip
import sqlite3
from pathlib import Path

import pytest
from store_helpers import fts_ok, make_doc

from harvester.store import Corpus, schema

V1 = Path(__file__).resolve().parents[1] / "data" / "store" / "corpus-v1.db.gz"


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "corpus-v1.db"
    path.write_bytes(gzip.decompress(V1.read_bytes()))
    return path


def snapshot(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("fetches", "runs", "robots", "raw_pages", "site_docs",
                              "minhash_bands", "story_keys", "dedup_meta")}
    finally:
        conn.close()


def test_a_corpus_made_by_the_code_before_migrations_comes_up_to_date(v1):
    before = snapshot(v1)
    old = sqlite3.connect(v1)
    texts = old.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()
    with Corpus(v1) as corpus:
        assert corpus.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert corpus.conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall() \
            == texts
        assert corpus.conn.execute("SELECT count(*) FROM documents "
                                   "WHERE comments IS NOT NULL").fetchone()[0] == 0
        assert corpus.conn.execute("SELECT count(*) FROM documents "
                                   "WHERE canonical_url IS NOT NULL").fetchone()[0] == 0
        word = texts[0][1].split()[3]
        assert texts[0][0] in [row["id"] for row in corpus.search(word)]
        doc_id = corpus.insert_document(make_doc("A new text.", source="/new",
                                                 comments="Readers argue about ferries."),
                                        content_hash="new")
        assert [row["id"] for row in corpus.search("ferries")] == [doc_id]
        assert fts_ok(corpus)
    assert snapshot(v1) == before  # nothing else touched


def test_a_migration_that_breaks_leaves_the_version_before_whole(v1, monkeypatch):
    def breaks_half_way(conn):
        conn.execute('ALTER TABLE "documents" ADD COLUMN "comments" TEXT')
        raise KeyboardInterrupt  # as a kill would, after the first statement

    monkeypatch.setattr(schema, "MIGRATIONS", [(2, schema.to_2_known_shape),
                                               (3, breaks_half_way)])
    with pytest.raises(KeyboardInterrupt):
        Corpus(v1)
    conn = sqlite3.connect(v1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "comments" not in [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    conn.close()
    monkeypatch.undo()
    with Corpus(v1) as corpus:  # the next run applies it
        assert corpus.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        assert fts_ok(corpus)


def test_comments_are_stored_null_when_empty_and_searched_with_the_text(corpus):
    quiet = corpus.insert_document(make_doc("Harbour news.", source="/a"), content_hash="a")
    talked = corpus.insert_document(make_doc("Harbour news too.", source="/b",
                                             comments="Lovely lighthouse photos."),
                                    content_hash="b")
    assert corpus.document(quiet)["comments"] is None
    assert corpus.document(talked)["comments"] == "Lovely lighthouse photos."
    assert [row["id"] for row in corpus.search("lighthouse")] == [talked]
    with corpus.transaction():
        corpus.replace_document(quiet, make_doc("Harbour news.", source="/a",
                                                comments="Tram strike ahead."),
                                content_hash="a")
    assert [row["id"] for row in corpus.search("tram")] == [quiet]
    assert corpus.search("lighthouse") and fts_ok(corpus)


def test_opening_an_up_to_date_corpus_applies_nothing(tmp_path, monkeypatch):
    Corpus(tmp_path / "c.db").close()

    def must_not_run(conn):
        raise AssertionError("migrated again")

    monkeypatch.setattr(schema, "MIGRATIONS", [(2, must_not_run), (3, must_not_run)])
    Corpus(tmp_path / "c.db").close()
