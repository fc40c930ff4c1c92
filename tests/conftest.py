"""Fixtures shared across the test modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


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
