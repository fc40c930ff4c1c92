"""Write the noise set built from a Readability-style folder as files, for the quality floors.

    .venv/bin/python benchmarks/noise_sample.py tests/data/readability_sample \
        tests/data/noise_sample

For each case with an article of two paragraphs or more: ``<case>.txt`` (the saved text page:
article paragraphs wrapped in site noise, as ``benchmarks/quality.py`` builds it) and
``<case>.json`` (``site``, ``half``, the ``article`` lines that must stay, the ``noise`` lines
that must go). Deterministic: the same folder gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules

from quality_sets import build_noise_set, load_readability  # noqa: E402


def write_noise_sample(source: Path, target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    pages = build_noise_set(load_readability(source))
    for page in pages:
        (target / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
        answer = {"site": page.site, "half": page.half, "article": page.article,
                  "noise": page.noise}
        (target / f"{page.name}.json").write_text(
            json.dumps(answer, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readability", type=Path, help="a folder with pages/<case>/")
    parser.add_argument("target", type=Path, help="where the .txt and .json files go")
    args = parser.parse_args(argv)
    if not (args.readability / "pages").is_dir():
        parser.error(f"{args.readability} has no pages/ folder")
    count = write_noise_sample(args.readability, args.target)
    print(f"{count} noise pages written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
