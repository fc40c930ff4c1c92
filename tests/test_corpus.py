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


def fts_ok(corpus) -> bool:
    """FTS5's own check that the index holds exactly the documents' title and text."""
    try:
        corpus.conn.execute("INSERT INTO documents_fts (documents_fts, rank) "
                            "VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True


def test_documents_stored_in_a_transaction_are_searchable_once_it_commits(corpus):
    with corpus.transaction():
        ids = [corpus.insert_document(make_doc(f"Harbour wall number {n} funded.",
                                               source=f"/tmp/{n}.txt"), content_hash=f"h{n}")
               for n in range(5)]
        assert corpus.search("harbour") == []  # waiting for the end of the transaction
    assert sorted(r["id"] for r in corpus.search("harbour")) == ids
    assert corpus.conn.execute("SELECT count(*) FROM fts_deferred").fetchone()[0] == 0
    assert fts_ok(corpus)


def test_rows_changed_or_deleted_before_the_commit_are_indexed_as_they_end(corpus):
    old = corpus.insert_document(make_doc("Old text about trams.", source="/old"),
                                 content_hash="h0")
    with corpus.transaction():
        changed = corpus.insert_document(make_doc("Draft about buses.", source="/a"),
                                         content_hash="h1")
        gone = corpus.insert_document(make_doc("Withdrawn note about buses.", source="/b"),
                                      content_hash="h2")
        corpus.conn.execute("UPDATE documents SET text = 'Final text about ferries.' "
                            "WHERE id = ?", (changed,))
        corpus.conn.execute("DELETE FROM documents WHERE id = ?", (gone,))
        # A row stored before the transaction is re-indexed at once, as always.
        corpus.conn.execute("UPDATE documents SET text = 'New text about cable cars.' "
                            "WHERE id = ?", (old,))
        assert [r["id"] for r in corpus.search("cable")] == [old]
        assert corpus.search("trams") == []
    assert corpus.search("buses") == []
    assert [r["id"] for r in corpus.search("ferries")] == [changed]
    assert fts_ok(corpus)


def test_one_transaction_writes_one_index_segment(corpus):
    # The point of deferring: FTS5 writes a new segment at each statement that reaches it
    # through a trigger. With merging off, the rows of its data table count the segments.
    corpus.conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 0)")

    def rows() -> int:
        return corpus.conn.execute("SELECT count(*) FROM documents_fts_data").fetchone()[0]

    def store(n: int) -> None:
        corpus.insert_document(make_doc(f"Story {n} about the harbour.", source=f"/{n}"),
                               content_hash=f"h{n}")

    start = rows()
    with corpus.transaction():
        for n in range(200):
            store(n)
    one_transaction = rows() - start
    start = rows()
    for n in range(200, 212):  # fewer than FTS5's crisis-merge count (16)
        with corpus.transaction():
            store(n)
    twelve_transactions = rows() - start
    assert one_transaction <= 2 and twelve_transactions >= 12
    assert fts_ok(corpus)


def test_a_rolled_back_transaction_leaves_the_index_as_it_was(corpus):
    corpus.insert_document(make_doc("Kept text about ferries."), content_hash="h0")
    with pytest.raises(RuntimeError), corpus.transaction():
        corpus.insert_document(make_doc("Lost text about ferries.", source="/b"),
                               content_hash="h1")
        raise RuntimeError("the page's record failed")
    assert [r["text"] for r in corpus.search("ferries")] == ["Kept text about ferries."]
    with corpus.transaction():  # nothing left over from the rolled-back one
        corpus.insert_document(make_doc("New text about ferries.", source="/c"),
                               content_hash="h2")
    assert len(corpus.search("ferries")) == 2
    assert fts_ok(corpus)


def test_rows_written_by_other_tools_are_indexed_at_once(corpus):
    corpus.conn.execute("INSERT INTO documents (source, text, content_hash) "
                        "VALUES ('/x', 'Written by hand about lighthouses.', 'hx')")
    assert len(corpus.search("lighthouses")) == 1
    assert fts_ok(corpus)


def test_corpus_made_with_the_former_triggers_is_brought_up_to_date(tmp_path):
    path = tmp_path / "old.db"
    import sqlite_utils

    old = sqlite_utils.Database(path)  # the schema as sqlite-utils made it before
    old["documents"].insert({"id": 1, "source": "/a", "title": "Old", "text": "Old tram line.",
                             "content_hash": "h1"}, pk="id")
    old["documents"].enable_fts(["title", "text"], create_triggers=True)
    old.conn.close()
    with Corpus(path) as corpus:
        assert "fts_pending" not in corpus.db["documents"].columns_dict
        options = dict(corpus.conn.execute("SELECT k, v FROM documents_fts_config"))
        assert options["hashsize"] == Corpus._FTS_SETTINGS["hashsize"]  # was FTS5's 1 MB
        assert options["automerge"] == Corpus._FTS_SETTINGS["automerge"]
        assert len(corpus.search("tram")) == 1
        with corpus.transaction():
            corpus.insert_document(make_doc("New tram line.", source="/b"), content_hash="h2")
        assert len(corpus.search("tram")) == 2
        corpus.conn.execute("UPDATE documents SET text = 'Bus line.' WHERE id = 1")
        assert len(corpus.search("tram")) == 1
        assert fts_ok(corpus)


def test_corpus_that_marked_deferred_rows_in_a_column_loses_the_column(tmp_path):
    # The previous version marked deferred rows in ``documents.fts_pending`` and indexed them
    # through an update trigger; Datasette showed the always-empty column.
    path = tmp_path / "marked.db"
    with Corpus(path) as corpus:
        corpus.insert_document(make_doc("Harbour text from before.", source="/a"),
                               content_hash="h1")
        corpus.conn.executescript("""
            ALTER TABLE documents ADD COLUMN fts_pending INTEGER;
            CREATE TRIGGER "documents_fts_flush" AFTER UPDATE OF "fts_pending" ON "documents"
            WHEN old."fts_pending" IS NOT NULL AND new."fts_pending" IS NULL BEGIN
              INSERT INTO "documents_fts" (rowid, "title", "text")
                VALUES (new.rowid, new."title", new."text");
            END;""")
    with Corpus(path) as corpus:
        assert "fts_pending" not in corpus.db["documents"].columns_dict
        triggers = {name for (name,) in corpus.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "documents_fts_flush" not in triggers
        with corpus.transaction():
            corpus.insert_document(make_doc("Harbour text from now.", source="/b"),
                                   content_hash="h2")
        assert len(corpus.search("harbour")) == 2
        assert fts_ok(corpus)


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
