"""Score harvester next to trafilatura and readability-lxml on the same pages, in one run.

    .venv/bin/python benchmarks/quality.py DEVSET READABILITY [--half tune|heldout|both]
        [--workers 2] [--limit N] [--json FILE]

DEVSET is the annotated dev set's folder (``annotations.json``, ``pages/``), READABILITY the
whole-article set's (``pages/<case>/``). Every page is put in the ``tune`` or ``heldout`` half
by the hash of its site (``harvester.quality.site_key``), so no site is in both; both halves
are printed (``--half both``, the default) and the held-out one is the reported figure.

Scored (see docs/quality.md):
- dev set, HTML and text mode: segment precision / recall / F1 summed over pages, and the
  title / author / date agreement on HTML;
- Readability set, HTML and text mode: bag-of-words token F1 per page, averaged;
- noise set (built here from the Readability set's articles and ``benchmarks/noise/``): share
  of article lines kept verbatim, share of noise lines removed.
Text mode renders each page to its visible text with inscriptis and gives harvester only that
text; trafilatura and readability-lxml read the HTML of the same pages, as reference points.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules

from quality_sets import build_noise_set, expected_text, load_devset, load_readability, select  # noqa: E402

from harvester.quality import HALVES, NoiseScore, SegmentScore, TokenScore, metadata_agreement  # noqa: E402

TOOLS = ("harvester", "trafilatura", "readability-lxml")
SETS = ("devset", "readability", "noise")


def decoded(raw: bytes) -> str:
    from harvester.clean.decode import decode

    return decode(raw)


def visible_text(html: str) -> str:
    import inscriptis

    return inscriptis.get_text(html)


def run_harvester(url: str | None, data: bytes, kind: str) -> dict:
    from harvester.clean import clean_page
    from harvester.model import Page

    page = Page(data=data, source=url or "page", url=url, kind=kind)
    doc = clean_page(page)
    return {"text": doc.text, "title": doc.title, "author": doc.author, "date": doc.date}


def run_trafilatura(url: str | None, html: str) -> dict:
    """Standard settings, plain text, comments left out, tables kept, metadata on."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                      include_tables=True, with_metadata=True)
    if doc is None:
        return {"text": ""}
    return {"text": doc.text or "", "title": doc.title, "author": doc.author, "date": doc.date}


def run_readability(html: str) -> dict:
    from readability import Document

    document = Document(html)
    return {"text": visible_text(document.summary()), "title": document.short_title()}


def as_paragraphs(text: str) -> str:
    """A text page as the HTML extractors can read it: each line a paragraph."""
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body><article>\n{body}</article></body></html>"


def run_job(job: tuple) -> dict:
    """One extraction; a failure scores as empty output and is counted."""
    tool, mode, url, data = job
    try:
        if tool == "harvester":
            if mode == "text":
                data = visible_text(decoded(data)).encode("utf-8")
            elif mode == "noise":
                return run_harvester(url, data, "text")
            return run_harvester(url, data, "text" if mode == "text" else "html")
        html = as_paragraphs(data.decode("utf-8")) if mode == "noise" else decoded(data)
        if tool == "trafilatura":
            return run_trafilatura(url, html)
        return run_readability(html)
    except Exception as exc:  # noqa: BLE001 - a failing page is scored, not fatal
        return {"text": "", "error": f"{type(exc).__name__}: {exc}"}


def jobs_for(devset, readability, noise) -> list[tuple]:
    """Every extraction of the run, in a fixed order (the results come back in it)."""
    jobs = []
    for cases, label in ((devset, "devset"), (readability, "readability")):
        for case in cases:
            for tool in TOOLS:
                jobs.append((label, case.name, tool, "html", case.url, case.html))
            jobs.append((label, case.name, "harvester", "text", case.url, case.html))
    for page in noise:
        for tool in TOOLS:
            jobs.append(("noise", page.name, tool, "noise", None, page.text.encode("utf-8")))
    return jobs


def _run(job):
    return run_job(job[2:])


def score_devset(cases, results, half) -> list[dict]:
    rows = []
    for tool, mode in [(tool, "html") for tool in TOOLS] + [("harvester", "text")]:
        picked = [(case, results[(case.name, tool, mode)]) for case in cases]
        score = SegmentScore()
        for case, result in picked:
            score.add(result["text"], case.annotation)
        row = {"set": "devset", "half": half, "tool": tool, "mode": mode, "pages": len(cases),
               "precision": score.precision, "recall": score.recall, "f1": score.f1,
               "errors": sum(1 for _c, r in picked if r.get("error"))}
        if mode == "html" or tool == "harvester":
            fields = ("title",) if tool == "readability-lxml" else ("title", "author", "date")
            row.update(metadata_agreement([r for _c, r in picked],
                                          [c.annotation for c, _r in picked], fields))
        rows.append(row)
    return rows


def score_readability(cases, results, half) -> list[dict]:
    rows = []
    references = {case.name: expected_text(case) for case in cases}
    for tool, mode in [(tool, "html") for tool in TOOLS] + [("harvester", "text")]:
        score = TokenScore()
        errors = 0
        for case in cases:
            result = results[(case.name, tool, mode)]
            score.add(result["text"], references[case.name])
            errors += bool(result.get("error"))
        rows.append({"set": "readability", "half": half, "tool": tool, "mode": mode,
                     "pages": len(cases), "precision": score.precision,
                     "recall": score.recall, "f1": score.f1, "errors": errors})
    return rows


def score_noise(pages, results, half) -> list[dict]:
    """harvester reads the text page; trafilatura and readability-lxml the same lines given
    as HTML paragraphs (they read HTML only)."""
    rows = []
    for tool in TOOLS:
        score = NoiseScore()
        errors = 0
        for page in pages:
            result = results[(page.name, tool, "noise")]
            score.add(result["text"], page.article, page.noise)
            errors += bool(result.get("error"))
        rows.append({"set": "noise", "half": half, "tool": tool,
                     "mode": "text" if tool == "harvester" else "html", "pages": len(pages),
                     "article_lines": score.article, "noise_lines": score.noise,
                     "kept": score.kept_share, "removed": score.removed_share,
                     "errors": errors})
    return rows


def print_table(rows: list[dict]) -> None:
    print(f"{'set':<12}{'half':<9}{'tool':<18}{'mode':<6}{'pages':>6}  figures")
    for row in rows:
        head = (f"{row['set']:<12}{row['half']:<9}{row['tool']:<18}{row['mode']:<6}"
                f"{row['pages']:>6}  ")
        if row["set"] == "noise":
            body = (f"article lines kept {row['kept']:.3f} ({row['article_lines']})  "
                    f"noise lines removed {row['removed']:.3f} ({row['noise_lines']})")
        else:
            body = f"P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"
            meta = [f"{k} {row[k]:.3f}" for k in ("title", "author", "date") if k in row]
            if meta:
                body += "  |  " + "  ".join(meta)
        if row["errors"]:
            body += f"  errors {row['errors']}"
        print(head + body)


def markdown_tables(rows: list[dict]) -> str:
    """One table per set, a column per half, tools and modes as rows."""
    halves = list(dict.fromkeys(row["half"] for row in rows))
    out = []
    titles = {"devset": "Dev set: segment F1 (P / R)",
              "readability": "Readability set: token F1 (P / R), mean over pages",
              "noise": "Noise set: article lines kept / noise lines removed"}
    for name, title in titles.items():
        if not any(r["set"] == name for r in rows):
            continue
        out += [f"**{title}**", "", "| tool | mode | " + " | ".join(halves) + " |",
                "|---|---|" + "---|" * len(halves)]
        keys = list(dict.fromkeys((r["tool"], r["mode"]) for r in rows if r["set"] == name))
        for tool, mode in keys:
            cells = []
            for half in halves:
                row = next(r for r in rows if (r["set"], r["half"], r["tool"], r["mode"])
                           == (name, half, tool, mode))
                cells.append(_cell(row))
            out.append(f"| {tool} | {mode} | " + " | ".join(cells) + " |")
        out.append("")
    if not any(r["set"] == "devset" for r in rows):
        return "\n".join(out) + "\n"
    out += ["**Metadata agreement on HTML (dev set): title / author / date**", "",
            "| tool | " + " | ".join(halves) + " |", "|---|" + "---|" * len(halves)]
    for tool in TOOLS:
        cells = []
        for half in halves:
            row = next(r for r in rows if (r["set"], r["half"], r["tool"], r["mode"])
                       == ("devset", half, tool, "html"))
            cells.append(" / ".join(f"{row[k]:.3f}" if k in row else "–"
                                    for k in ("title", "author", "date")))
        out.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _cell(row: dict) -> str:
    if row["set"] == "noise":
        return f"{row['kept']:.3f} / {row['removed']:.3f} ({row['pages']} pages)"
    return (f"**{row['f1']:.3f}** ({row['precision']:.3f} / {row['recall']:.3f}, "
            f"{row['pages']} pages)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path, help="the dev set's folder (annotations.json, pages/)")
    parser.add_argument("readability", type=Path, help="the Readability set's folder (pages/)")
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--sets", default=",".join(SETS),
                        help="which sets to score, comma-separated (default: all three)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="also write the tables as Markdown (for docs/quality.md)")
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.sets.split(",") if name.strip()]
    if not wanted or set(wanted) - set(SETS):
        parser.error(f"--sets takes some of {', '.join(SETS)}")
    for folder in (args.devset, args.readability):
        if not (folder / "pages").is_dir():
            parser.error(f"{folder} has no pages/ folder: give the data set's folder")
    start = time.perf_counter()
    devset = select(load_devset(args.devset, args.limit), args.half)
    readability = select(load_readability(args.readability, args.limit), args.half)
    noise = build_noise_set(readability)
    for label, cases in (("devset", devset), ("readability", readability), ("noise", noise)):
        sites = {half: len({c.site for c in cases if c.half == half}) for half in HALVES}
        pages = {half: sum(c.half == half for c in cases) for half in HALVES}
        print(f"{label}: " + ", ".join(f"{h} {pages[h]} pages / {sites[h]} sites" for h in HALVES))
    jobs = jobs_for(devset if "devset" in wanted else [],
                    readability if "readability" in wanted else [],
                    noise if "noise" in wanted else [])
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        outputs = list(pool.map(_run, jobs, chunksize=4))
    results = {job[:4]: output for job, output in zip(jobs, outputs)}
    rows = []
    halves = HALVES if args.half == "both" else (args.half,)
    for half in halves:
        if "devset" in wanted:
            rows += score_devset(select(devset, half), _of(results, "devset"), half)
        if "readability" in wanted:
            rows += score_readability(select(readability, half), _of(results, "readability"),
                                      half)
        if "noise" in wanted:
            rows += score_noise(select(noise, half), _of(results, "noise"), half)
    print_table(rows)
    print(f"{len(jobs)} extractions in {time.perf_counter() - start:.0f} s")
    if args.markdown:
        args.markdown.write_text(markdown_tables(rows), encoding="utf-8")
    if args.json:
        rounded = [{k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}
                   for row in rows]
        args.json.write_text(json.dumps({"rows": rounded}, indent=2) + "\n", encoding="utf-8")
    return 0


def _of(results: dict, label: str) -> dict:
    return {key[1:]: value for key, value in results.items() if key[0] == label}


if __name__ == "__main__":
    sys.exit(main())
