"""``harvester clean`` on real files, through the CLI, with a real corpus file."""

import codecs
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from harvester.cli import app
from harvester.store import Corpus

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Harbour plan approved</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour plan approved</h1>
<p>The city council approved the long-debated harbour plan on Tuesday evening, ending a
dispute that had divided the old fishing district for almost a decade.</p>
<p>Under the plan, the derelict warehouses along the north quay will become housing, a
school and a public market, while the working piers stay with the fishing cooperative.</p>
<p>Opponents said they would keep watching how the money is spent, but welcomed the
promise that no resident of the district would be moved against their will.</p>
</article><footer>Copyright 2026 Harbour Times. All rights reserved.</footer></body></html>"""


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(app, ["clean", *map(str, args)], input=input)


def test_one_text_page_prints_clean_text(runner, seed_files, expected):
    result = run(runner, seed_files[0], "--workers", "0")
    assert result.exit_code == 0, result.output
    want = expected[seed_files[0].stem]
    assert result.stdout.rstrip("\n") == "\n\n".join(want["paragraphs"])


def test_json_has_every_field(runner, tmp_path):
    page = tmp_path / "harbour.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    result = run(runner, page, "--json", "--workers", "0")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"source", "url", "title", "description", "author", "date", "tags", "language",
            "text", "removed"} <= set(doc)
    assert doc["source"] == str(page)
    assert doc["title"] == "Harbour plan approved"
    assert "derelict warehouses" in doc["text"] and "All rights reserved" not in doc["text"]
    assert doc["language"] == "en"


@pytest.mark.slow
def test_seeds_match_expected_exactly(seeds_dir):
    """The documented command, in a real process, against seeds/expected/."""
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    proc = subprocess.run([sys.executable, "-m", "harvester", "clean", *files, "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(docs) == 2
    for doc, path in zip(docs, files):
        want = json.loads((seeds_dir / "expected" / (path.rsplit("/", 1)[1][:-4] + ".json"))
                          .read_text(encoding="utf-8"))
        assert doc["text"] == "\n\n".join(want["paragraphs"])
        for field in ("title", "description", "author", "date"):
            assert doc[field] == want.get(field), field
        assert doc["tags"] == want.get("tags", [])
        lines = doc["text"].split("\n\n")
        for noise in want["noise"]:
            assert noise not in lines
        assert {r["line"].strip() for r in doc["removed"]} >= set(want["noise"])


def test_into_stores_and_rerun_adds_nothing(runner, seed_files, tmp_path):
    db = tmp_path / "corpus.db"
    first = run(runner, *seed_files, "--into", db)
    assert first.exit_code == 0, first.output
    assert "2 stored" in first.stdout and "0 duplicates" in first.stdout
    again = run(runner, *seed_files, "--into", db)
    assert "2 already in the corpus" in again.stdout
    with Corpus(db) as corpus:
        assert corpus.count() == 2
        assert corpus.count(where="duplicate_of is not null") == 0


def test_exact_duplicate_gets_its_own_linked_row(runner, seed_files, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_files[0].read_bytes())
    db = tmp_path / "corpus.db"
    result = run(runner, seed_files[0], copy, "--into", db)
    assert "1 stored, 1 duplicate," in result.stdout
    with Corpus(db) as corpus:
        rows = list(corpus.db.query("select id, source, duplicate_of from documents order by id"))
    assert rows[1]["source"] == str(copy) and rows[1]["duplicate_of"] == rows[0]["id"]


def test_bad_inputs_are_reported_and_the_rest_goes_on(runner, seed_files, tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    (tmp_path / "image.html").write_bytes(png)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(runner, tmp_path / "image.html", tmp_path / "empty.txt", seed_files[1],
                 "--json", "--workers", "0")
    assert result.exit_code == 1
    assert f"{tmp_path / 'image.html'}: binary" in result.stderr
    assert f"{tmp_path / 'empty.txt'}: the file is empty [empty]" in result.stderr
    assert len(result.stdout.splitlines()) == 1  # the good page still came out


def test_invalid_utf8_and_utf16_with_bom_are_cleaned(runner, tmp_path):
    text = ("Le conseil municipal a approuvé le budget mardi soir après un long débat sur les "
            "écoles, les routes et l'avenir du vieux quartier du port.")
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = run(runner, tmp_path / "latin1.txt", tmp_path / "utf16.txt", "--json",
                 "--workers", "0")
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["text"] for d in docs] == [text, text]
    assert docs[0]["language"] == "fr"


def test_stdin(runner, seed_files):
    result = run(runner, "-", "--json", "--workers", "0", input=seed_files[1].read_bytes())
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"] == "-" and "Reuters and Agence" in doc["text"]


def test_usage_error_exits_2(runner):
    assert runner.invoke(app, ["clean"]).exit_code == 2
    assert runner.invoke(app, ["clean", "x", "--nope"]).exit_code == 2


def test_several_texts_get_headers(runner, seed_files):
    result = run(runner, *seed_files, "--workers", "0")
    assert result.stdout.count("==> ") == 2


def test_printed_text_is_the_text_the_json_holds(runner, tmp_path):
    # printing text skips the metadata fields (a third less CPU time); the text is the same
    page = tmp_path / "harbour.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    printed = run(runner, page, "--workers", "0")
    as_json = run(runner, page, "--json", "--workers", "0")
    assert printed.exit_code == as_json.exit_code == 0
    assert printed.stdout.rstrip("\n") == json.loads(as_json.stdout)["text"]
