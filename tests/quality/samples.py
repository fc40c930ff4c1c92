"""The samples the quality floors score, kept in the repository with their licences.

Each loader returns what ``harvester.quality``'s scorers take; the cleaning itself goes through
``clean_page``, as a user's page would.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"
DEVSET = DATA / "devset_sample"
READABILITY = DATA / "readability_sample"
NOISE = DATA / "noise_sample"


def devset_pages() -> list[tuple[str, dict, bytes]]:
    """(url, annotation, raw HTML) for each page of the dev-set sample, in file order."""
    annotations = json.loads((DEVSET / "annotations.json").read_text(encoding="utf-8"))
    items = sorted(annotations.items(), key=lambda kv: kv[1]["file"])
    return [(url, ann, gzip.decompress((DEVSET / "pages" / ann["file"]).read_bytes()))
            for url, ann in items]


def readability_cases() -> list[tuple[str, bytes, str]]:
    """(case name, source HTML, expected article's visible text) for the Readability sample."""
    import inscriptis

    cases = []
    for folder in sorted(p for p in (READABILITY / "pages").iterdir() if p.is_dir()):
        expected = gzip.decompress((folder / "expected.html.gz").read_bytes()).decode("utf-8")
        cases.append((folder.name, gzip.decompress((folder / "source.html.gz").read_bytes()),
                      inscriptis.get_text(expected)))
    return cases


def noise_pages() -> list[tuple[str, str, dict]]:
    """(name, saved text page, its answer: ``article`` and ``noise`` lines) of the noise sample."""
    return [(path.stem, path.read_text(encoding="utf-8"),
             json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
            for path in sorted(NOISE.glob("*.txt"))]


def clean(data: bytes, kind: str, url: str | None = None):
    from harvester.clean import clean_page
    from harvester.model import Page

    return clean_page(Page(data=data, source=url or "sample", url=url, kind=kind))


def visible_text(raw: bytes) -> str:
    """The page as a person saving it as text gets it (the benchmarks' text mode)."""
    import inscriptis

    from harvester.clean.decode import decode

    return inscriptis.get_text(decode(raw))
