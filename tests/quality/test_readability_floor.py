"""Quality floor on 13 pages of the Readability set kept in the repository (every 10th case of
the 130, ``tests/data/readability_sample``): bag-of-words token F1 per page, averaged, as the
set's README scores it and ``benchmarks/quality.py`` scores the whole set."""

from __future__ import annotations

import pytest
from samples import READABILITY, clean, readability_cases, visible_text

from harvester.quality import TokenScore

# A little below what the cleaner measured on this sample (docs/quality.md, "CI quality floors").
HTML_F1_FLOOR = 0.92
TEXT_F1_FLOOR = 0.90


@pytest.fixture(scope="module")
def cases():
    return readability_cases()


def test_sample_is_complete(cases):
    assert len(cases) == 13
    assert "Apache License" in (READABILITY / "LICENSE").read_text(encoding="utf-8")
    assert all(expected.strip() for _name, _raw, expected in cases)


@pytest.mark.slow
def test_html_token_f1_stays_above_floor(cases):
    score = TokenScore()
    for _name, raw, expected in cases:
        score.add(clean(raw, "html").text, expected)
    assert score.f1 >= HTML_F1_FLOOR, f"token F1 {score.f1:.3f} fell below {HTML_F1_FLOOR}"


@pytest.mark.slow
def test_text_mode_token_f1_stays_above_floor(cases):
    score = TokenScore()
    for _name, raw, expected in cases:
        score.add(clean(visible_text(raw).encode("utf-8"), "text").text, expected)
    assert score.f1 >= TEXT_F1_FLOOR, f"text-mode token F1 {score.f1:.3f} < {TEXT_F1_FLOOR}"
