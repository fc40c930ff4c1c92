"""Train the text cleaner's line model on the tune half of the benchmark sets.

    .venv/bin/python -m pip install -e '.[train]'       # scikit-learn
    .venv/bin/python benchmarks/train_text_model.py DEVSET READABILITY [--out FILE]
        [--cache FILE] [--cv]

Reads the tune half only (the split of ``benchmarks/quality.py``, by site) of the dev set, the
Readability set and the noise set built from it, labels their lines (``text_lines.py``) and
fits scikit-learn's ``GradientBoostingClassifier`` on the labelled ones: shallow trees, a
small learning rate, row subsampling with a fixed seed, so the same data give the same file.
Each set weighs the same in total, whatever its number of labelled lines. ``--cv`` first
prints a cross-validation by site within the tune half (the held-out half is never read).
The trees are written as JSON for ``harvester.clean.text.model``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules

import text_lines  # noqa: E402
from quality_sets import build_noise_set, load_devset, load_readability, select  # noqa: E402

OUT = Path(__file__).parent.parent / "harvester" / "clean" / "text" / "line_model.json"
SEED = 13
PARAMS = {"n_estimators": 200, "max_depth": 3, "learning_rate": 0.08, "subsample": 0.8,
          "min_samples_leaf": 25, "max_features": 0.5, "random_state": SEED}
# How sure the model must be to turn the rules' verdict: to keep a line they removed, and to
# remove one they kept. Chosen by the cross-validation within the tune half and the seeds.
KEEP_ABOVE = 0.8
# 0.4 rather than 0.5 since the noise pages are read without the rules: the page-level check
# (text_model_check.py, 4 folds) scored both alike, 0.4 with more of the short article lines.
REMOVE_BELOW = 0.4
SETS = ("devset", "readability", "noise")
# (keep_above, remove_below) pairs whose final verdicts ``--cv`` prints.
THRESHOLDS_TRIED = ((0.9, 0.1), (0.8, 0.3), (0.8, 0.4), (0.8, 0.5), (0.7, 0.5), (0.6, 0.5),
                    (0.6, 0.4), (0.5, 0.5))
# Word scores: seen on this many sites at least, smoothed by PRIOR (in each set's shares),
# clipped to +-CLIP; learned out of fold over INNER_FOLDS folds of sites for the trees' rows.
MIN_SITES = 5
PRIOR = 0.002
CLIP = 4.0
INNER_FOLDS = 4


def _one(job):
    kind, item = job
    if kind == "devset":
        return text_lines.devset_page(item)
    if kind == "readability":
        return text_lines.readability_page(item)
    return text_lines.noise_page(item)


def collect(devset: Path, readability: Path, workers: int = 2) -> list:
    """Every tune-half page of the three sets as ``text_lines.PageLines``, in a fixed order."""
    dev = select(load_devset(devset), "tune")
    read = select(load_readability(readability), "tune")
    noise = build_noise_set(read)
    jobs = ([("devset", c) for c in dev] + [("readability", c) for c in read]
            + [("noise", p) for p in noise])
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one, jobs, chunksize=4))


def word_scores(pages: list) -> dict[str, float]:
    """Each word's log-odds of standing in a boilerplate line rather than an article line, over
    the labelled lines of ``pages`` (each set weighing the same). Only words seen on at least
    ``MIN_SITES`` sites: a word of one site's menu says nothing about other sites."""
    from harvester.clean.text.features import words

    totals = {name: [0, 0] for name in SETS}
    for page in pages:
        for label in page.labels:
            if label is not None:
                totals[page.set][label] += 1
    counts: dict[str, list[float]] = {}
    sites: dict[str, set] = {}
    for page in pages:
        for text, label in zip(page.texts, page.labels):
            if label is None:
                continue
            weight = 1.0 / max(1, sum(totals[page.set]))
            for word in words(text):
                counts.setdefault(word, [0.0, 0.0])[label] += weight
                sites.setdefault(word, set()).add(page.site)
    noise = sum(c[0] for c in counts.values()) or 1.0
    article = sum(c[1] for c in counts.values()) or 1.0
    scores = {}
    for word, (bad, good) in counts.items():
        if len(sites[word]) >= MIN_SITES:
            odds = math.log((bad + PRIOR) / noise) - math.log((good + PRIOR) / article)
            scores[word] = round(max(-CLIP, min(CLIP, odds)), 3)
    return dict(sorted(scores.items()))


def folds_of(pages: list, folds: int) -> list[int]:
    """A fold per page, by the hash of its site (a site's pages stay together)."""
    return [int(hashlib.sha256(p.site.encode()).hexdigest(), 16) % folds for p in pages]


def full_rows(page, table: dict) -> list[list[float]]:
    """Every line's row of ``page``: its structure features and its words' features under
    ``table``."""
    from harvester.clean.text.features import NAMES, word_features

    prose = [row[NAMES.index("prose")] > 0.5 for row in page.rows]
    return [row + lex for row, lex in zip(page.rows, word_features(page.texts, table, prose))]


def matrix(pages: list, scores: list[dict]):
    """Rows (the page's structure features and its words' features under the page's own
    ``scores``), labels, per-row weights (each set weighs the same) and sets, for the
    labelled lines."""
    import numpy as np

    rows, labels, sets = [], [], []
    for page, table in zip(pages, scores):
        for row, label in zip(full_rows(page, table), page.labels):
            if label is not None:
                rows.append(row)
                labels.append(label)
                sets.append(page.set)
    sets_arr = np.array(sets)
    weights = np.zeros(len(sets))
    for name in SETS:
        chosen = sets_arr == name
        if chosen.any():
            weights[chosen] = len(sets) / (len(SETS) * chosen.sum())
    return np.array(rows, dtype=np.float32), np.array(labels), weights, sets_arr


def out_of_fold_scores(pages: list, folds: int = INNER_FOLDS) -> list[dict]:
    """Per page, word scores learned without its site's fold, so the trees learn how far the
    scores hold on words' unseen uses rather than on the lines they were counted on."""
    keys = folds_of(pages, folds)
    tables = [word_scores([p for p, k in zip(pages, keys) if k != fold]) for fold in range(folds)]
    return [tables[k] for k in keys]


def fit(x, y, weights):
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(**PARAMS).fit(x, y, sample_weight=weights)


def cross_validate(pages: list, folds: int = 4) -> None:
    """Line accuracy per set of the model and of the rules, by site-grouped folds of the tune
    half (word scores and trees learned on the other folds only)."""
    import numpy as np

    from harvester.clean.text.features import NAMES
    from harvester.clean.text.model import FIXED

    kept_col = NAMES.index("verdict=kept")
    fixed_cols = [NAMES.index(f"verdict={r.value}") for r in FIXED]
    keys = folds_of(pages, folds)
    parts = []
    for fold in range(folds):
        test = [p for p, k in zip(pages, keys) if k == fold]
        train = unseen([p for p, k in zip(pages, keys) if k != fold], test)
        x, y, w, _ = matrix(train, out_of_fold_scores(train))
        model = fit(x, y, w)
        table = word_scores(train)
        xt, yt, _, st = matrix(test, [table] * len(test))
        parts.append((model.predict_proba(xt)[:, 1], yt, st, xt[:, kept_col] > 0.5,
                      xt[:, fixed_cols].sum(axis=1) > 0.5))
    proba, y, sets, rules, fixed = (np.concatenate([p[i] for p in parts]) for i in range(5))
    for name in SETS:
        chosen = sets == name
        print(f"{name:<12} rules alone  " + _accuracy(rules[chosen], y[chosen]))
        for keep, remove in THRESHOLDS_TRIED:
            # The verdict model.apply gives: the rules', turned where the model is sure (here
            # also on the short lines of a phrase rule, which model.apply leaves removed).
            final = ~fixed & np.where(rules, proba >= remove, proba >= keep)
            print(f"{name:<12} {keep:.1f} / {remove:.1f}   " + _accuracy(final[chosen], y[chosen]))


def unseen(train: list, test: list) -> list:
    """``train`` without the labels of the noise lines ``test``'s noise pages carry: the noise
    set's pages share one vocabulary, and held-out pages get lines never seen in tuning."""
    from dataclasses import replace

    held = {t for p in test if p.set == "noise" for t, lab in zip(p.texts, p.labels) if lab == 0}
    return [replace(p, labels=[None if t in held else lab for t, lab in zip(p.texts, p.labels)])
            if p.set == "noise" else p for p in train]


def _accuracy(kept, y) -> str:
    pos, neg = y == 1, y == 0
    return (f"article kept {kept[pos].mean():.3f} ({pos.sum()})  "
            f"noise removed {(~kept[neg]).mean():.3f} ({neg.sum()})")


def export(model, x, scores: dict) -> dict:
    """The fitted trees as plain lists, with the initial score taken from the public API."""
    from harvester.clean.text.features import NAMES

    rate = model.learning_rate
    trees, first = [], x[:1]
    leaves_sum = 0.0
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append({"feature": [int(f) if f >= 0 else -1 for f in tree.feature],
                      "threshold": [float(t) for t in tree.threshold],
                      "left": [int(c) for c in tree.children_left],
                      "right": [int(c) for c in tree.children_right],
                      "value": [float(v) for v in tree.value[:, 0, 0]]})
        leaves_sum += float(estimator.predict(first)[0])
    init = float(model.decision_function(first)[0]) - rate * leaves_sum
    return {"format": 2, "features": list(NAMES), "init": init, "rate": rate,
            "keep_above": KEEP_ABOVE, "remove_below": REMOVE_BELOW, "params": PARAMS,
            "words": scores, "trees": trees}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("readability", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, help="keep the labelled pages in FILE between runs")
    parser.add_argument("--cv", action="store_true", help="print a by-site cross-validation")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = collect(args.devset, args.readability, args.workers)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    x, y, weights, _sets = matrix(pages, out_of_fold_scores(pages))
    print(f"{len(pages)} pages, {len(y)} labelled lines, {int(y.sum())} article")
    if args.cv:
        cross_validate(pages)
    model = fit(x, y, weights)
    exported = export(model, x, word_scores(pages))
    args.out.write_text(json.dumps(exported, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
