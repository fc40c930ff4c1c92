import sqlite3

import pytest

from harvester.store import Corpus
from store_helpers import fts_ok, make_doc


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
