"""Pages per second of ``harvester clean`` against the trafilatura command line, whole process.

    .venv/bin/python benchmarks/clean_speed.py ../shared/devset [--pages N] [--repeat R]

Writes the dev set's pages (all 990, or the first N; decompressed, ``NNNN.html``) to a temporary
folder, then times each command from start to exit, start-up and imports included, as a user
running it would:

- ``harvester clean FOLDER > /dev/null``: the clean text, as trafilatura's command line gives it
  by default (neither computes the metadata fields for it);
- ``harvester clean FOLDER --json > /dev/null``: the text with title, author, date, tags and
  language, as ``--into`` and ``harvest`` compute them;
- ``trafilatura --input-dir FOLDER --output-dir OUT --parallel 2``.

Each command runs R times; the best time counts (the least disturbed by other load). The CPU
seconds the command and its worker processes used are printed too (the best run's): on a
machine busy with other jobs they vary far less than wall time, and show where a gap comes
from. The load average before and after is printed for the record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def write_pages(devset: Path, folder: Path, count: int | None) -> int:
    annotations = json.loads((devset / "annotations.json").read_text(encoding="utf-8"))
    files = sorted(ann["file"] for ann in annotations.values())[:count]
    for name in files:
        data = gzip.decompress((devset / "pages" / name).read_bytes())
        (folder / name.removesuffix(".gz")).write_bytes(data)
    return len(files)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_time(command: list[str], repeat: int, before=None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the fastest of ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        cpu = children_cpu()
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        runs.append((time.perf_counter() - start, children_cpu() - cpu))
        if result.returncode not in (0, 1):  # 1: some inputs failed, the rest were processed
            sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return min(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--pages", type=int, default=None,
                        help="the first N pages (default: all of them)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pages, out = Path(tmp) / "pages", Path(tmp) / "out"
        pages.mkdir()
        count = write_pages(args.devset, pages, args.pages)
        print(f"{count} pages in {pages}; load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores")

        def fresh_output():
            shutil.rmtree(out, ignore_errors=True)

        runs = {
            "harvester clean": best_time(
                [str(BIN / "harvester"), "clean", str(pages)], args.repeat),
            "harvester clean --json": best_time(
                [str(BIN / "harvester"), "clean", str(pages), "--json"], args.repeat),
            "trafilatura --parallel 2": best_time(
                [str(BIN / "trafilatura"), "--input-dir", str(pages), "--output-dir", str(out),
                 "--parallel", "2"], args.repeat, before=fresh_output),
        }
    for name, (seconds, cpu) in runs.items():
        print(f"{name:<28} {seconds:7.2f} s  {count / seconds:6.1f} pages/s   "
              f"CPU {cpu:6.2f} s ({1000 * cpu / count:5.1f} ms/page)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
