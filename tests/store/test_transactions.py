
import pytest
from store_helpers import fts_ok, make_doc


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


def test_wal_mode(corpus):
    assert corpus.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
