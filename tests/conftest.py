"""Fixtures shared across the test modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The session's own cache folder (the language model's copy), never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def expected() -> dict[str, dict]:
    """seeds/expected/NAME.json by the sample's stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((SEEDS / "expected").glob("*.json"))}


@pytest.fixture
def http_site():
    """A real HTTP server on 127.0.0.1 (tests/httpserver.py); add routes, read its log."""
    from httpserver import Server

    with Server() as site:
        yield site
