"""Page-level check of the text cleaner's line model, by site within the tune half.

    .venv/bin/python benchmarks/text_model_check.py DEVSET READABILITY [--workers 1]
        [--folds 2] [--errors N [--examples K]]

Splits the tune-half sites (the split of ``benchmarks/quality.py``) into ``--folds`` folds by
a hash of the site, trains the line model (``train_text_model.py``, same parameters) on the
other folds, runs the whole text cleaner with it on each fold's pages and scores the cleaned
pages like ``quality.py``: paragraph F1 on the dev set, token F1 on Readability, kept and
removed shares on the noise set; the rules alone (``model=False``) are scored alongside. The
held-out half is never read. Deterministic: fixed seeds, fixed folds. ``--errors N`` also
prints the N most common reasons for dropped article lines and for kept noise lines, and
``--examples K`` K lines of each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules

import text_lines  # noqa: E402
import train_text_model as train  # noqa: E402
from quality_sets import build_noise_set, expected_text, load_devset, load_readability, select  # noqa: E402


def raw_pages(devset: Path, readability: Path) -> list[tuple]:
    """(set, site, visible text, reference) of every tune page, in ``train.collect``'s order."""
    dev = select(load_devset(devset), "tune")
    read = select(load_readability(readability), "tune")
    noise = build_noise_set(read)
    return ([("devset", c.site, text_lines.visible(c.html), c.annotation) for c in dev]
            + [("readability", c.site, text_lines.visible(c.html), expected_text(c))
               for c in read]
            + [("noise", p.site, p.text, (p.article, p.noise)) for p in noise])


def trained(pages: list, test: list):
    from harvester.clean.text import model as line_model

    fit_on = train.unseen(pages, test)
    tables = train.out_of_fold_scores(fit_on)
    x, y, weights, _ = train.matrix(fit_on, tables)
    exported = train.export(train.fit(x, y, weights), x, train.word_scores(fit_on))
    return line_model.Trees.from_json(json.loads(json.dumps(exported)))


def clean(text: str, trees):
    from harvester.clean.text import model as line_model
    from harvester.clean.text import read_text

    result = read_text(text, model=False)
    if trees is not None:
        line_model.apply(result.lines, result.span, trees, result.contents)
    return result


def score(outputs: list[tuple]) -> str:
    from harvester.quality import NoiseScore, SegmentScore, TokenScore

    seg, tok, noise = SegmentScore(), TokenScore(), NoiseScore()
    for kind, text, ref in outputs:
        if kind == "devset":
            seg.add(text, ref)
        elif kind == "readability":
            tok.add(text, ref)
        else:
            noise.add(text, *ref)
    return (f"dev P {seg.precision:.3f} R {seg.recall:.3f} F1 {seg.f1:.3f} | "
            f"readability F1 {tok.f1:.3f} | noise kept {noise.kept_share:.3f} "
            f"removed {noise.removed_share:.3f}")


def errors(labelled, result, dropped: Counter, kept_noise: Counter,
           examples: dict | None = None) -> None:
    """Count the reason of each article line removed and each noise line kept; with
    ``examples``, keep the lines themselves by that key too."""
    for label, line in zip(labelled.labels, result.lines):
        if label == 1 and not line.kept:
            counts, kind, key = dropped, "dropped", f"{line.reason}|{line.rule}"
        elif label == 0 and line.kept:
            counts, kind, key = kept_noise, "kept noise", str(line.rule)
        else:
            continue
        counts[key] += 1
        if examples is not None:
            examples.setdefault(f"{kind} {key}", []).append(line.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("readability", type=Path)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    parser.add_argument("--examples", type=int, default=0, metavar="K",
                        help="with --errors: K lines of each kind of error (tune half only)")
    args = parser.parse_args(argv)
    pages = train.collect(args.devset, args.readability, args.workers)
    raw = raw_pages(args.devset, args.readability)
    rules, model = [], []
    dropped, kept_noise = Counter(), Counter()
    examples: dict[str, list[str]] = {}
    keys = train.folds_of(pages, args.folds)  # by site, as the training's cross-validation
    for f in range(args.folds):
        test = [i for i, k in enumerate(keys) if k == f]
        trees = trained([p for p, k in zip(pages, keys) if k != f], [pages[i] for i in test])
        for i in test:
            kind, _site, text, ref = raw[i]
            rules.append((kind, clean(text, None).text, ref))
            result = clean(text, trees)
            model.append((kind, result.text, ref))
            errors(pages[i], result, dropped, kept_noise, examples)
    print(f"{len(pages)} tune pages, {args.folds} folds by site")
    print(f"rules only  {score(rules)}")
    print(f"with model  {score(model)}")
    if args.errors:
        print("dropped article lines:", dropped.most_common(args.errors))
        print("kept noise lines:", kept_noise.most_common(args.errors))
    for key, lines in sorted(examples.items(), key=lambda kv: -len(kv[1]))[:args.errors]:
        for text in lines[:args.examples]:
            print(f"  {key:<36} {text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
