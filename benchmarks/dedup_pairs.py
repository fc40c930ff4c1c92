"""Duplicates users see as duplicates: each dev-set page saved as HTML and as text.

    python benchmarks/dedup_pairs.py DEVSET [--limit N] [--cache texts.json]
    python benchmarks/dedup_pairs.py ../shared/devset-readability     # held out

Every page is cleaned from its HTML and from its text rendering (inscriptis, as a page saved
as text); pairs where both cleanings give at least 50 words are measured (as
benchmarks/dedup_tune.py does). Printed:

1. the rule: pairs ``is_near_duplicate`` links (and the old size-ratio guard alone, for
   comparison);
2. end to end: all cleanings stored into a fresh corpus file with ``store_document`` (MinHash
   candidates, confirmation, groups), in page order, HTML first: pairs that end in one group
   (recall), and groups holding two different pages (wrong links; the dev set holds a few pages
   twice, listed by file so they can be told apart);
3. the originals: in how many linked pairs the HTML copy is the root.

``--cache`` keeps the cleaned texts in a JSON file, so rules can be compared without cleaning
again.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harvester.dedup import MIN_SIZE_RATIO, containment, is_near_duplicate, shingles  # noqa: E402
from harvester.errors import HarvesterError  # noqa: E402
from harvester.model import Document, Page  # noqa: E402
from harvester.run.ingest import store_document  # noqa: E402
from harvester.store import Corpus  # noqa: E402

MIN_WORDS = 50


def dev_pages(devset: Path, limit: int) -> list[tuple[str | None, str, bytes]]:
    """(url, name, raw HTML) of the dev set's pages, or of a folder of ``<case>/source.html.gz``
    (the readability set, the held-out check: nothing was tuned on it)."""
    if (devset / "annotations.json").exists():
        annotations = json.loads((devset / "annotations.json").read_text(encoding="utf-8"))
        items = [(url, entry["file"], devset / "pages" / entry["file"])
                 for url, entry in annotations.items()]
    else:
        items = [(None, case.name, case / "source.html.gz")
                 for case in sorted((devset / "pages").iterdir())]
    return [(url, name, gzip.decompress(path.read_bytes()))
            for url, name, path in items[: limit or None]]


def clean_both(devset: Path, limit: int) -> list[dict]:
    from devset import render_text

    from harvester.clean import clean_page

    out = []
    for url, name, raw in dev_pages(devset, limit):
        record = {"url": url, "file": name}
        rendered = render_text(raw).encode("utf-8")  # decoded as the page declares
        for kind, data in (("html", raw), ("text", rendered)):
            try:
                doc = clean_page(Page(data=data, source=f"{name}:{kind}",
                                      url=url if kind == "html" else None, kind=kind))
                record[kind] = doc.text
            except HarvesterError:
                record[kind] = None
        out.append(record)
    return out


def old_rule(a: frozenset, b: frozenset) -> bool:
    small, large = sorted((len(a), len(b)))
    return bool(small) and small >= MIN_SIZE_RATIO * large and containment(a, b) >= 0.8


def end_to_end(records: list[dict]) -> dict:
    pairs = [r for r in records if all(r.get(k) and len(r[k].split()) >= MIN_WORDS
                                       for k in ("html", "text"))]
    with tempfile.TemporaryDirectory() as folder, Corpus(Path(folder) / "c.db") as corpus:
        page_of: dict[int, str] = {}
        ids: dict[tuple[str, str], int] = {}
        for record in pairs:
            for kind in ("html", "text"):
                doc = Document(text=record[kind], source=f"{record['file']}:{kind}")
                with corpus.transaction():
                    stored = store_document(corpus, doc)
                page_of[stored.doc_id] = record["file"]
                ids[(record["file"], kind)] = stored.doc_id
        root = {row["id"]: row["duplicate_of"] or row["id"] for row in corpus.export_rows()}
    linked = [r for r in pairs if root[ids[(r["file"], "html")]] == root[ids[(r["file"], "text")]]]
    html_root = sum(root[ids[(r["file"], "html")]] == ids[(r["file"], "html")] for r in linked)
    groups: dict[int, set[str]] = defaultdict(set)
    for doc_id, group in root.items():
        groups[group].add(page_of[doc_id])
    wrong = [sorted(pages) for pages in groups.values() if len(pages) > 1]
    missed = sorted(r["file"] for r in pairs if r not in linked)
    return {"pairs": len(pairs), "linked": len(linked), "missed": missed,
            "recall": round(len(linked) / len(pairs), 3),
            "groups_of_different_pages": wrong, "html_copy_is_root": html_root}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        records = clean_both(args.devset, args.limit)
        if args.cache:
            args.cache.write_text(json.dumps(records), encoding="utf-8")
    sets = [(shingles(r["html"]), shingles(r["text"]), (r["html"], r["text"])) for r in records
            if all(r.get(k) and len(r[k].split()) >= MIN_WORDS for k in ("html", "text"))]
    print(f"{len(sets)} pairs: is_near_duplicate links "
          f"{sum(is_near_duplicate(a, b, 0.8, t, 0.5) for a, b, t in sets)}, containment alone "
          f"{sum(is_near_duplicate(a, b, 0.8) for a, b, _ in sets)}, the size-ratio guard "
          f"alone {sum(old_rule(a, b) for a, b, _ in sets)}")
    print(json.dumps(end_to_end(records)))


if __name__ == "__main__":
    main()
