

from store_helpers import fts_ok, make_doc

from harvester.store import Corpus
from harvester.store.schema import FTS_SETTINGS


def test_schema_has_the_documented_columns(corpus):
    columns = set(corpus.db["documents"].columns_dict)
    assert {"id", "url", "source", "site", "title", "author", "published", "description", "tags",
            "language", "text", "word_count", "content_hash", "duplicate_of", "story_id",
            "added_at", "removed"} <= columns
    assert {"url", "outcome", "detail", "attempts", "last_attempt", "etag",
            "last_modified"} <= set(corpus.db["fetches"].columns_dict)
    assert {"started_at", "ended_at", "exit_code"} <= set(corpus.db["runs"].columns_dict)


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
        assert options["hashsize"] == FTS_SETTINGS["hashsize"]  # was FTS5's 1 MB
        assert options["automerge"] == FTS_SETTINGS["automerge"]
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
            END;
            PRAGMA user_version = 1;""")  # as that version left it
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
