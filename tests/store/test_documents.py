
import pytest
from store_helpers import make_doc

from harvester.errors import CorpusConflictError, CorpusUnwritableError
from harvester.store import Corpus


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
    with pytest.raises(CorpusConflictError):
        corpus.insert_document(make_doc(), content_hash="h1")


def test_reopening_keeps_everything(tmp_path):
    with Corpus(tmp_path / "c.db") as first:
        first.insert_document(make_doc(), content_hash="h1")
    with Corpus(tmp_path / "c.db") as again:
        assert again.count() == 1
        assert again.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_corpus_refuses_writes(tmp_path):
    Corpus(tmp_path / "c.db").close()
    with Corpus(tmp_path / "c.db", read_only=True) as ro:
        with pytest.raises(CorpusUnwritableError, match="cannot write"):
            ro.insert_document(make_doc(), content_hash="h1")



def test_read_only_open_of_a_name_that_looks_like_a_uri(tmp_path):
    path = tmp_path / "news?mode=rwc#1%.db"
    with Corpus(path) as corpus:
        corpus.insert_document(make_doc(), content_hash="h1")
    with Corpus(path, read_only=True) as ro:
        assert ro.count() == 1
