"""Score harvester's cleaner on the annotated dev set, next to trafilatura in the same run.

    .venv/bin/python benchmarks/devset.py ../shared/devset [--mode html|text|both] [--limit N]
        [--pages all|even|odd]

``benchmarks/quality.py`` is the full comparison (both dev sets and the noise set, split by
site, with readability-lxml too); this script is the quick dev-set-only check.

``--pages even`` / ``odd``: every other page (by position in file order), to tune thresholds on
one half and check them on the other.

Scoring follows the dev set's README (the trafilatura project's own evaluation): after
collapsing whitespace, a ``with`` segment found in the output is a true positive (missing: a
false negative); a ``without`` segment found is a false positive (missing: a true negative).
Counts are summed over all pages, then precision, recall and F1 are computed.

Text mode renders each page to its visible text with inscriptis first, as a person saving a
page would get it, and gives harvester only that text. trafilatura, which needs HTML, is
scored on the HTML of the same pages as the reference point.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from harvester.quality import SegmentScore
from harvester.quality import metadata_agreement as quality_metadata

# The scorer lives in the package so the quality floors in tests/ use the very same code.
Score = SegmentScore


def load_devset(folder: Path, limit: int | None = None,
                half: str = "all") -> list[tuple[str, dict, bytes]]:
    """(url, annotation, raw HTML bytes) for each page, in file order.

    ``half``: ``even`` or ``odd`` keeps the pages at even or odd positions (0-based).
    """
    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    items = sorted(annotations.items(), key=lambda kv: kv[1]["file"])
    if half in ("even", "odd"):
        items = items[half == "odd"::2]
    if limit:
        items = items[:limit]
    return [(url, ann, gzip.decompress((folder / "pages" / ann["file"]).read_bytes()))
            for url, ann in items]


def html_text(raw: bytes) -> str:
    from harvester.clean.decode import decode

    return decode(raw)


def render_text(raw: bytes) -> str:
    import inscriptis

    return inscriptis.get_text(html_text(raw))


def run_trafilatura(job: tuple[str, bytes]) -> dict:
    """trafilatura alone, one call per page: standard settings, plain text, comments left out,
    tables kept, metadata on (as harvester extracts it too)."""
    import trafilatura

    url, raw = job
    doc = trafilatura.bare_extraction(html_text(raw), url=url, include_comments=False,
                                      include_tables=True, with_metadata=True)
    if doc is None:
        return {"text": ""}
    return {"text": doc.text or "", "title": doc.title, "author": doc.author, "date": doc.date}


def run_harvester(job: tuple[str, bytes, str]) -> dict:
    from harvester.clean import clean_page
    from harvester.model import Page

    url, raw, mode = job
    if mode == "text":
        page = Page(data=render_text(raw).encode("utf-8"), source=url, url=url, kind="text")
    else:
        page = Page(data=raw, source=url, url=url, kind="html")
    try:
        doc = clean_page(page)
    except Exception as exc:  # a failure scores as empty output, and is counted
        return {"text": "", "error": f"{type(exc).__name__}: {exc}"}
    return {"text": doc.text, "title": doc.title, "author": doc.author, "date": doc.date}


def metadata_agreement(results: list[dict], pages) -> dict[str, float]:
    """Share of pages with a reference field where the extracted field agrees with it."""
    return quality_metadata(results, [ann for _url, ann, _raw in pages])


def evaluate(name: str, fn, jobs, pages, workers: int) -> dict:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(fn, jobs, chunksize=8))
    elapsed = time.perf_counter() - start
    score = Score()
    for result, (_url, ann, _raw) in zip(results, pages):
        score.add(result["text"], ann)
    meta = metadata_agreement(results, pages)
    errors = sum(1 for r in results if r.get("error"))
    figures = {"name": name, "precision": round(score.precision, 4),
               "recall": round(score.recall, 4),
               "f1": round(score.f1, 4), **{k: round(v, 4) for k, v in meta.items()},
               "pages_per_second": round(len(jobs) / elapsed, 1), "errors": errors}
    print(f"{name:<34} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  "
          f"title {meta['title']:.3f}  author {meta['author']:.3f}  date {meta['date']:.3f}  "
          f"{len(jobs) / elapsed:6.1f} pages/s  errors {errors}")
    return {"score": score, "meta": meta, "results": results, "figures": figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path, help="the dev set's folder (annotations.json, pages/)")
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--pages", choices=("all", "even", "odd"), default="all",
                        help="every page, or every other one "
                             "(tune on one half, check on the other)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures as JSON (for the README table)")
    args = parser.parse_args(argv)
    pages = load_devset(args.devset, args.limit, args.pages)
    print(f"{len(pages)} pages ({args.pages}) from {args.devset}")
    runs = [evaluate("trafilatura (HTML, standard)", run_trafilatura,
                     [(url, raw) for url, _a, raw in pages], pages, args.workers)]
    for mode in ("html", "text") if args.mode == "both" else (args.mode,):
        runs.append(evaluate(f"harvester ({mode} mode)", run_harvester,
                             [(url, raw, mode) for url, _a, raw in pages], pages, args.workers))
    if args.json:
        args.json.write_text(json.dumps({"pages": len(pages), "runs": [r["figures"] for r in runs]},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
