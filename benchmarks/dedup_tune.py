"""Measure the near-duplicate and story thresholds on the dev set.

    python benchmarks/dedup_tune.py /work/shared/devset [--limit N]

1. Copies: every page cleaned from its HTML and from its text rendering (inscriptis, as a
   page saved as text): containment and Jaccard of their 5-word shingle sets.
2. Different articles: the highest containment between any two different pages (pairs sharing
   at least one shingle, found through an inverted index).
3. Stories: how many pairs of different dev-set pages ``same_story`` accepts (the dev set has
   almost one page per site, so these are different stories, save a few real ones it holds),
   the same with identical site boilerplate appended to both pages (the "same site" case),
   and the two bundled samples, which must be one story.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harvester.clean import clean_page  # noqa: E402
from harvester.dedup import (  # noqa: E402
    MIN_SIZE_RATIO,
    DedupSettings,
    StorySignals,
    containment,
    is_near_duplicate,
    shingles,
)
from harvester.errors import HarvesterError  # noqa: E402
from harvester.model import Page  # noqa: E402

SITE_BOILERPLATE = ("Follow Example Daily News on Twitter and Facebook.\n"
                    "Reporting by John Smith and Anna Müller; Editing by Mark Brown.\n"
                    "Copyright 2024 Example Media Group Ltd. All rights reserved.")


def clean(data: bytes, source: str, kind: str) -> str | None:
    try:
        doc = clean_page(Page(data=data, source=source, kind=kind))
    except HarvesterError:
        return None
    return doc.text if len(doc.text.split()) >= 50 else None


def quantiles(values: list[float], points=(0.01, 0.04, 0.1, 0.5)) -> str:
    values = sorted(values)
    return ", ".join(f"p{int(p * 100)}={values[int(p * (len(values) - 1))]:.2f}" for p in points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    import inscriptis

    annotations = json.loads((args.devset / "annotations.json").read_text())
    items = list(annotations.items())[: args.limit or None]
    html_texts, pairs = [], []
    for url, entry in items:
        raw = gzip.decompress((args.devset / "pages" / entry["file"]).read_bytes())
        html = clean(raw, url, "html")
        if html is None:
            continue
        html_texts.append(html)
        rendered = inscriptis.get_text(raw.decode("utf-8", "replace"))
        text = clean(rendered.encode("utf-8"), url, "text")
        if text is not None:
            pairs.append((shingles(html), shingles(text)))
    copies_c = [containment(a, b) for a, b in pairs]
    copies_j = [len(a & b) / len(a | b) for a, b in pairs]
    print(f"copies (HTML vs text clean of one page): {len(pairs)} pairs")
    print(f"  containment: {quantiles(copies_c)}; >= 0.8: {sum(c >= 0.8 for c in copies_c)}")
    print(f"  jaccard:     {quantiles(copies_j)}; < 0.8: {sum(j < 0.8 for j in copies_j)}")
    sizes = [min(len(a), len(b)) / max(len(a), len(b)) for a, b in pairs if a and b]
    print(f"  size ratio smaller/larger: {quantiles(sizes)}")
    for ratio in (0.0, 0.3, MIN_SIZE_RATIO):
        linked = sum(c >= 0.8 and r >= ratio for c, r in zip(copies_c, sizes))
        print(f"  containment >= 0.8 and size ratio >= {ratio}: {linked}/{len(pairs)}")
    print(f"  linked by is_near_duplicate (defaults): "
          f"{sum(is_near_duplicate(a, b, 0.8) for a, b in pairs)}/{len(pairs)}")

    sets = [shingles(t) for t in html_texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) < 50:  # a shingle in 50+ pages is a phrase, not a copied passage
            for pair in itertools.combinations(ids, 2):
                shared[pair] += 1
    different = sorted((n / min(len(sets[i]), len(sets[j])), i, j) for (i, j), n in shared.items())
    print(f"different pages: {len(html_texts)} pages; highest containments: "
          f"{[round(c, 2) for c, _, _ in different[-8:]]}")
    print(f"  pairs >= 0.8: {sum(c >= 0.8 for c, _, _ in different)} "
          f"(the dev set holds a few pages twice)")

    settings, signals = DedupSettings(), StorySignals.with_stoplists()
    names = [signals.extract(t)[0] for t in html_texts]
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, ns in enumerate(names):
        for n in ns:
            by_name[n].append(i)
    candidates = {p for ids in by_name.values() for p in itertools.combinations(ids, 2)}
    total = len(html_texts) * (len(html_texts) - 1) // 2
    plain = [(i, j) for i, j in sorted(candidates)
             if signals.same_story({"text": html_texts[i]}, {"text": html_texts[j]}, settings)]
    site = [(i, j) for i, j in sorted(candidates) if signals.same_story(
        {"text": html_texts[i] + "\n" + SITE_BOILERPLATE},
        {"text": html_texts[j] + "\n" + SITE_BOILERPLATE}, settings)]
    print(f"stories: {total} pairs of different pages, {len(candidates)} share a name")
    print(f"  same_story accepts {len(plain)} pairs; with shared site boilerplate {len(site)}")
    for i, j in plain:
        print(f"    {html_texts[i][:60]!r} ~ {html_texts[j][:60]!r}")
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    a, b = (clean(s, f"seed{k}", "text") for k, s in enumerate(seeds))
    print(f"  the two samples one story: {signals.same_story({'text': a}, {'text': b}, settings)}"
          f"; containment {containment(shingles(a), shingles(b)):.2f}")


if __name__ == "__main__":
    main()
