"""The README's promises that a test can hold: its Python example runs, its size stays small."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_the_python_example_runs_as_written(capsys, monkeypatch):
    (code,) = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.S)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Trump calls off Venezuela strikes" in printed and "'also-read'" in printed


def test_the_readme_is_short_and_its_quick_start_is_two_commands():
    text = README.read_text("utf-8")
    assert len(text.encode("utf-8")) < 16 * 1024
    (quick,) = re.findall(r"## Quick start\n\n```sh\n(.*?)```", text, re.S)
    assert quick.split("\n")[:2] == ["make run", "make test"]


def test_every_linked_document_exists_or_is_being_written():
    text = README.read_text("utf-8")
    links = set(re.findall(r"\]\((docs/[^)#]+)\)", text))
    missing = {link for link in links if not (ROOT / link).exists()}
    # docs/batch.md comes with the batch commands, written in parallel.
    assert missing <= {"docs/batch.md"}, missing
    assert os.path.exists(ROOT / "docs" / "screenshot-document.png")
