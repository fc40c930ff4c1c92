"""benchmarks/text_model_check.py's pure helpers."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _check():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("text_model_check",
                                                  BENCH / "text_model_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_folds_it_splits_by_are_stable_and_use_every_fold():
    check = _check()
    pages = [SimpleNamespace(site=f"site{i}.example") for i in range(40)]
    folds = check.train.folds_of(pages, 2)
    assert folds == check.train.folds_of(pages, 2)
    assert set(folds) == {0, 1}


def test_errors_counts_dropped_article_and_kept_noise_lines():
    check = _check()
    labelled = SimpleNamespace(labels=[1, 1, 0, 0, None])
    lines = [SimpleNamespace(kept=True, reason=None, rule=None),
             SimpleNamespace(kept=False, reason="navigation", rule="short"),
             SimpleNamespace(kept=True, reason=None, rule="model"),
             SimpleNamespace(kept=False, reason="ads", rule="ads"),
             SimpleNamespace(kept=False, reason="x", rule="x")]
    dropped, kept = Counter(), Counter()
    check.errors(labelled, SimpleNamespace(lines=lines), dropped, kept)
    assert dropped == Counter({"navigation|short": 1})
    assert kept == Counter({"model": 1})
