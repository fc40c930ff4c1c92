"""Where the HTML cleaner's CPU goes: milliseconds per page for each step, one process.

    .venv/bin/python benchmarks/clean_steps.py SET [--pages N] [--text-only]

SET is the dev set's folder or the Readability set's (``pages/<case>/source.html.gz``).

Wraps the functions ``clean.html.cleaner.html_result`` calls (each step of its docstring) so that
each call adds its CPU time (``time.process_time``) to its step, cleans N pages (after one
warm-up page, as ``harvester clean`` warms up before its workers fork) and prints the
milliseconds per page. A step's time includes what it calls; nothing is counted twice, as no
wrapped step calls another. What no step covers (decoding, the language of the text, glue) is
the rest of ``clean_page``. ``--text-only`` cleans as ``harvester clean`` does when it prints
text: without the metadata fields (``clean_page(metadata=False)``).

Below trafilatura's step, its own stages are timed the same way (the functions its
``trafilatura_sequence`` calls, each counted only outside another: the recall retry holds its
own preparation and extraction), so that what the extractor spends is seen stage by stage.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from harvester.clean import clean_page, preload
from harvester.clean.html import cleaner, header, structure, verdicts
from harvester.clean.html import containers as prune
from harvester.model import Page

# trafilatura's stages, as ``trafilatura.core`` calls them (its module globals), in order.
TRAFILATURA_STAGES = {
    "copies of the tree": ["copy"],
    "forum check": ["_forum_thread_page"],
    "raw-tree prunes (comments, lists, infinite scroll)": ["prune_unwanted_nodes"],
    "tree cleaning and tag conversion": ["_prepare_tree"],
    "main extractor (BODY_XPATH, pruning, wild text)": ["extract_content"],
    "readability and jusText comparison (full mode)": ["compare_extraction"],
    "baseline rescue": ["baseline"],
    "page text for the recall check (html2txt)": ["html2txt"],
    "recall retry and jusText rescue": ["_recall_retry", "justext_rescue"],
    "output tree to text": ["xmltotxt"],
}

# Each step and the (module, function name) pairs whose time it counts, in the order
# html_result runs them (the cleaner's own names, which it calls them by).
STEPS = {
    "parse and truncation check": [(cleaner, "parse_with_length")],
    "text blocks": [(cleaner, "page_blocks")],
    "containers found": [(prune, "find_containers")],
    "metadata (trafilatura's fields, htmldate's date, the site's name)":
        [(cleaner, "page_fields")],
    "containers, link lists, media taken out": [
        (prune, "remove_containers"), (prune, "remove_link_lists"), (prune, "remove_never_text")],
    "trafilatura's main text": [(cleaner, "main_text")],
    "lead paragraphs": [(cleaner, "lead_lines")],
    "structure, header and every block's verdict": [
        (prune, "line_reasons"), (structure, "line_reasons"), (header, "header_reasons"),
        (header.PageHead, "of"), (verdicts, "with_page_blocks"), (structure.Placement, "of")],
    "line rules": [(cleaner, "classify")],
}


def timed(function, step: str, spent: Counter):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[step] += time.process_time() - start
    return wrapper


def wrap(owner, name: str, step: str, spent: Counter) -> None:
    """Put ``timed`` around ``owner.name`` (a function or a classmethod)."""
    function = owner.__dict__[name]
    if isinstance(function, classmethod):
        setattr(owner, name, classmethod(timed(function.__func__, step, spent)))
    else:
        setattr(owner, name, timed(function, step, spent))


def wrap_trafilatura(spent: Counter) -> None:
    """Time ``TRAFILATURA_STAGES`` (outermost call only: a stage inside another is its time)."""
    import trafilatura.core as core

    depth = [0]

    def staged(function, stage: str):
        def wrapper(*args, **kwargs):
            depth[0] += 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[stage] += time.process_time() - start
        return wrapper

    for stage, names in TRAFILATURA_STAGES.items():
        for name in names:
            setattr(core, name, staged(getattr(core, name), stage))


def set_pages(folder: Path) -> list[Page]:
    """The set's pages in name order: the dev set's layout, or the Readability set's."""
    if (folder / "annotations.json").exists():
        annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
        paths = [folder / "pages" / name
                 for name in sorted(ann["file"] for ann in annotations.values())]
    else:
        paths = sorted((folder / "pages").glob("*/source.html.gz"))
    return [Page(data=gzip.decompress(path.read_bytes()), source=str(path), kind="html")
            for path in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--text-only", action="store_true",
                        help="no metadata fields, as `harvester clean` printing text")
    args = parser.parse_args(argv)
    pages = set_pages(args.devset)[:args.pages]
    metadata = not args.text_only
    preload(metadata=metadata)
    spent: Counter = Counter()
    for step, functions in STEPS.items():
        for owner, name in functions:
            wrap(owner, name, step, spent)
    stages: Counter = Counter()
    wrap_trafilatura(stages)
    start = time.process_time()
    for page in pages:
        try:
            clean_page(page, metadata=metadata)
        except Exception:  # a page that fails still counts: its time was spent
            pass
    total = time.process_time() - start
    print(f"{len(pages)} pages, one process, CPU ms per page"
          + (", text only" if args.text_only else ""))
    for step in STEPS:
        print(f"{1000 * spent[step] / len(pages):7.2f}  {step}")
        if step == "trafilatura's main text":
            for stage in TRAFILATURA_STAGES:
                print(f"{1000 * stages[stage] / len(pages):15.2f}  {stage}")
            rest = spent[step] - sum(stages.values())
            print(f"{1000 * rest / len(pages):15.2f}  the rest of bare_extraction")
    rest = total - sum(spent.values())
    print(f"{1000 * rest / len(pages):7.2f}  the rest (decoding, language, glue)")
    print(f"{1000 * total / len(pages):7.2f}  all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
