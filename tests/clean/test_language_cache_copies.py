"""The language model's cache keeps one copy, whatever the number of installs."""

from __future__ import annotations

import os
import shutil

import pytest
from py3langid import langid

from harvester.clean.language import load_model


@pytest.fixture
def unloaded(monkeypatch):
    monkeypatch.setattr(langid, "IDENTIFIER", None)


def copies(cache):
    return sorted(p.name for p in cache.iterdir() if p.name.startswith("py3langid-"))


def test_a_reinstall_reuses_the_copy(unloaded, tmp_path, monkeypatch):
    load_model(tmp_path)
    (first,) = copies(tmp_path)
    # A new install writes the packed model file anew: the same bytes at another time.
    installed = tmp_path / "site-packages"
    installed.mkdir()
    fresh = installed / langid.MODEL_FILE
    fresh.parent.mkdir(parents=True)
    shutil.copyfile(langid.MODEL_DIR / langid.MODEL_FILE, fresh)
    os.utime(fresh, ns=(10**18, 10**18))
    monkeypatch.setattr(langid, "MODEL_DIR", installed)
    monkeypatch.setattr(langid, "IDENTIFIER", None)
    load_model(tmp_path)
    assert copies(tmp_path) == [first]


def test_older_copies_go_when_a_new_one_is_written(unloaded, tmp_path):
    for stale in ("py3langid-0.3.0-4586720", "py3langid-0.4.0-4586720-1796213752836142964"):
        (tmp_path / stale).mkdir()
        (tmp_path / stale / "ptc.npy").write_bytes(b"old")
    load_model(tmp_path)
    assert len(copies(tmp_path)) == 1 and not copies(tmp_path)[0].startswith("py3langid-0.3")
    assert "1796213752836142964" not in copies(tmp_path)[0]
