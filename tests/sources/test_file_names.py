"""Fault 3: a file whose name is not UTF-8 is cleaned and stored like any other, under a
stable escaped name, and no output crashes on it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from httpserver import article, write_config

from harvester.config import load_config
from harvester.model import Page
from harvester.run.harvest import harvest
from harvester.sources import files

HARVESTER = str(Path(sys.executable).with_name("harvester"))
NAMES = [b"p1.html", b"p3_\xff.html", b"p4.html"]
ESCAPED = "p3_\\xff.html"  # the undecodable byte as a backslash escape


@pytest.fixture
def folder(tmp_path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, name in enumerate(NAMES):
        path = os.path.join(os.fsencode(pages), name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(article(f"Story number {n}"))
    return pages


def stored_sources(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(row[0] for row in conn.execute("SELECT source FROM documents"))


def test_the_source_keeps_the_undecodable_byte_escaped(folder):
    pages = list(files.load([folder]))
    assert all(isinstance(p, Page) for p in pages)
    assert [Path(p.source).name for p in pages] == ["p1.html", ESCAPED, "p4.html"]
    assert [p.source for p in files.load([folder])] == [p.source for p in pages]  # stable
    assert all(p.source.encode("utf-8") for p in pages)


@pytest.mark.slow
def test_clean_into_stores_every_file(folder, tmp_path):
    db = tmp_path / "c.db"
    for _run in range(2):  # the second run finds them all in the corpus
        proc = subprocess.run([HARVESTER, "clean", str(folder), "--into", str(db)],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert "0 stored" in proc.stdout and "3 already in the corpus" in proc.stdout
    assert [Path(s).name for s in stored_sources(db)] == ["p1.html", ESCAPED, "p4.html"]


@pytest.mark.parametrize("as_json", [True, False])
def test_printing_on_a_strict_utf8_stdout(folder, as_json):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    proc = subprocess.run([HARVESTER, "clean", str(folder), *(["--json"] if as_json else [])],
                          capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    if as_json:
        assert [Path(json.loads(line)["source"]).name for line in out.splitlines()] == [
            "p1.html", ESCAPED, "p4.html"]
    else:
        # the headline goes to the title, so the three texts are told apart by their headers
        assert f"{ESCAPED} <==" in out and out.count("==> ") == 3


def test_a_path_source_harvests_every_file(folder, tmp_path):
    config = load_config(write_config(tmp_path, [{"name": "folder", "path": "pages"}],
                                      workers=0))
    report = harvest(config)
    assert report.exit_code == 0 and report.counts["stored"] == 3
    assert [Path(s).name for s in stored_sources(config.corpus.path)] == [
        "p1.html", ESCAPED, "p4.html"]
