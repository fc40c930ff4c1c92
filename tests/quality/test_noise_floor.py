"""Quality floor on the noise sample: the Readability sample's articles as saved text pages,
wrapped in site noise by ``benchmarks/noise_sample.py`` (``tests/data/noise_sample``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from samples import NOISE, READABILITY, clean, noise_pages

from harvester.quality import NoiseScore

ROOT = Path(__file__).resolve().parents[2]
# A little below what the cleaner measured on this sample (docs/quality.md, "CI quality floors").
KEPT_FLOOR = 0.91
REMOVED_FLOOR = 0.96


@pytest.fixture(scope="module")
def score():
    total = NoiseScore()
    for _name, text, answer in noise_pages():
        total.add(clean(text.encode("utf-8"), "text").text, answer["article"], answer["noise"])
    return total


def test_sample_is_what_the_benchmark_builds(tmp_path):
    """The committed pages are the generator's output on the committed Readability sample, so
    the floor scores the same pages the benchmark would (and the generator is deterministic)."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "noise_sample.py"),
                    str(READABILITY), str(tmp_path)], check=True, capture_output=True)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in NOISE.iterdir() if p.suffix in (".txt", ".json"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (NOISE / name).read_bytes(), name


def test_noise_lines_are_lines_of_the_page():
    for name, text, answer in noise_pages():
        lines = set(text.splitlines())
        assert answer["noise"] and answer["article"], name
        assert set(answer["noise"]) <= lines and set(answer["article"]) <= lines, name


@pytest.mark.slow
def test_article_lines_kept_stay_above_floor(score):
    assert score.kept_share >= KEPT_FLOOR, f"kept {score.kept_share:.3f} < {KEPT_FLOOR}"


@pytest.mark.slow
def test_noise_lines_removed_stay_above_floor(score):
    assert score.removed_share >= REMOVED_FLOOR, \
        f"removed {score.removed_share:.3f} < {REMOVED_FLOOR}"
