import sqlite3

import pytest

from harvester.corpus import Corpus
from harvester.model import Document, Line


def make_doc(text="First paragraph.\n\nSecond paragraph.", source="/tmp/a.txt", **kw):
    lines = [Line(t) for t in text.split("\n\n")] + [Line("Advertisement", "ad-label")]
    return Document(text=text, source=source, lines=lines, **kw)


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db") as c:
        yield c


def test_schema_has_the_documented_columns(corpus):
    columns = set(corpus.db["documents"].columns_dict)
    assert {"id", "url", "source", "site", "title", "author", "published", "description", "tags",
            "language", "text", "word_count", "content_hash", "duplicate_of", "story_id",
            "added_at", "removed"} <= columns
    assert {"url", "outcome", "detail", "attempts", "last_attempt", "etag",
            "last_modified"} <= set(corpus.db["fetches"].columns_dict)
    assert {"started_at", "ended_at", "exit_code"} <= set(corpus.db["runs"].columns_dict)


def test_wal_mode(corpus):
    assert corpus.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_insert_keeps_metadata_and_removed_lines(corpus):
    doc = make_doc(title="A title", tags=["x", "y"], date="2026-01-09", language="en")
    doc_id = corpus.insert_document(doc, content_hash="h1")
    row = corpus.document(doc_id)
    assert row["title"] == "A title" and row["published"] == "2026-01-09"
    assert row["tags"] == '["x", "y"]' and row["word_count"] == 4
    assert '"reason": "ad-label"' in row["removed"]


def test_fts_follows_inserts_updates_and_deletes(corpus):
    doc_id = corpus.insert_document(make_doc("Venezuela frees prisoners."), content_hash="h1")
    assert [r["id"] for r in corpus.search("prisoners")] == [doc_id]
    corpus.conn.execute("UPDATE documents SET text = 'Oil talks resume.' WHERE id = ?", (doc_id,))
    assert corpus.search("prisoners") == []
    assert [r["id"] for r in corpus.search("oil")] == [doc_id]
    corpus.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    assert corpus.search("oil") == []


def test_same_source_and_text_is_unique(corpus):
    corpus.insert_document(make_doc(), content_hash="h1")
    with pytest.raises(sqlite3.IntegrityError):
        corpus.insert_document(make_doc(), content_hash="h1")


def test_transaction_rolls_back_everything_on_error(corpus):
    with pytest.raises(RuntimeError):
        with corpus.transaction():
            corpus.insert_document(make_doc(), content_hash="h1")
            corpus.record_fetch("https://example.org/a", outcome="ok")
            raise RuntimeError("killed half-way")
    assert corpus.count() == 0 and corpus.count("fetches") == 0


def test_nested_transactions_commit_once(corpus):
    with corpus.transaction():
        with corpus.transaction():
            corpus.insert_document(make_doc(), content_hash="h1")
        assert corpus.conn.in_transaction
    assert not corpus.conn.in_transaction and corpus.count() == 1


def test_record_fetch_upserts(corpus):
    corpus.record_fetch("https://example.org/a", outcome="timeout", attempts=1)
    corpus.record_fetch("https://example.org/a", outcome="ok", attempts=0, etag='"v1"')
    state = corpus.fetch_state("https://example.org/a")
    assert state["outcome"] == "ok" and state["etag"] == '"v1"' and state["attempts"] == 0
    with pytest.raises(ValueError):
        corpus.record_fetch("https://example.org/a", nonsense=1)


def test_runs_are_recorded(corpus):
    run_id = corpus.start_run("harvest")
    corpus.finish_run(run_id, exit_code=1, counts={"pages": 3, "stored": 2, "failed": 1})
    row = corpus.db["runs"].get(run_id)
    assert row["status"] == "failed" and row["stored"] == 2 and row["ended_at"]


def test_reopening_keeps_everything(tmp_path):
    with Corpus(tmp_path / "c.db") as first:
        first.insert_document(make_doc(), content_hash="h1")
    with Corpus(tmp_path / "c.db") as again:
        assert again.count() == 1
        assert again.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_corpus_refuses_writes(tmp_path):
    Corpus(tmp_path / "c.db").close()
    with Corpus(tmp_path / "c.db", read_only=True) as ro:
        with pytest.raises(sqlite3.OperationalError):
            ro.insert_document(make_doc(), content_hash="h1")
