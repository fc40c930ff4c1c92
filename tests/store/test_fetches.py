import pytest
from fault_helpers import write_pages

import harvester.harvest as harvest_module
from harvester.config import load_config
from harvester.errors import CorpusFullError
from harvester.model import Page
from harvester.pipeline import CleanSettings, Counts
from harvester.recorder import Recorder
from harvester.store import Corpus


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
    with pytest.raises(ValueError):
        corpus.finish_run(run_id, exit_code=0, counts={}, status="running")


def local_config(tmp_path):
    write_pages(tmp_path / "pages", 2)
    (tmp_path / "config.toml").write_text(
        '[corpus]\npath = "corpus.db"\n[clean]\nworkers = 0\n'
        '[[sources]]\nname = "local"\npath = "pages"\n', encoding="utf-8")
    return load_config(tmp_path / "config.toml")


@pytest.mark.parametrize("error, status, exit_code", [
    (RuntimeError("a bug"), "failed", 1),  # Python's exit status for an uncaught error
    (CorpusFullError("full"), "failed", 74),
    (KeyboardInterrupt(), "interrupted", 130),
])
def test_a_run_that_breaks_is_recorded_as_it_ended(tmp_path, monkeypatch, error, status,
                                                   exit_code):
    config = local_config(tmp_path)

    def breaks(*args):
        raise error

    monkeypatch.setattr(harvest_module, "harvest_path_source", breaks)
    with pytest.raises(type(error)):
        harvest_module.harvest(config)
    with Corpus(config.corpus.path) as corpus:
        [run] = corpus.db["runs"].rows
    assert (run["status"], run["exit_code"]) == (status, exit_code)
    assert run["ended_at"]


def test_pages_whose_commit_failed_are_not_counted_as_stored(tmp_path):
    folder = write_pages(tmp_path / "p", 40, words=600)
    with Corpus(tmp_path / "c.db") as corpus:
        used = corpus.conn.execute("PRAGMA page_count").fetchone()[0]
        # A disk that fills after a few pages: SQLite refuses to grow the file past this.
        corpus.conn.execute(f"PRAGMA max_page_count = {used + 12}")
        counts = Counts()
        recorder = Recorder(corpus, CleanSettings(workers=0), counts).start()
        try:
            for path in sorted(folder.iterdir()):
                recorder.put(Page(data=path.read_bytes(), source=str(path), kind="text"))
        except RuntimeError:  # the recorder stopped on the full disk
            pass
        with pytest.raises(CorpusFullError):
            recorder.close()
        stored = corpus.count()
    assert 0 < stored < 40
    assert counts["stored"] == stored
