"""Pages per second of ``harvester clean`` against the trafilatura command line, whole process.

    .venv/bin/python benchmarks/clean_speed.py SET [SET ...] [--pages N] [--repeat R]

Each SET is a development set: the dev set (``annotations.json`` and ``pages/*.html.gz``) or
the Readability set (``pages/<case>/source.html.gz``). Its pages (all, or the first N) are
written decompressed to a temporary folder (``NNNN.html``), then each command is timed from
start to exit, start-up and imports included, as a user running it would:

- ``harvester clean FOLDER > /dev/null``: the clean text, as trafilatura's command line gives it
  by default (neither computes the metadata fields for it);
- ``harvester clean FOLDER --json > /dev/null``: the text with title, author, date, tags and
  language, as ``--into`` and ``harvest`` compute them;
- ``trafilatura --input-dir FOLDER --output-dir OUT --parallel 2``; the same with ``--json``,
  which the second harvester command is compared with (trafilatura's JSON holds the text and
  the comments only); and with ``--json --with-metadata``, which adds the metadata fields as
  harvester's ``--json`` has them, the like-for-like comparison.

The commands run in turn, R rounds (interleaved, so a change of load on the shared machine
falls on all of them); each command's best round counts (the least disturbed). The CPU
seconds the command and its worker processes used are printed too (the best round's): they
vary far less than wall time on a busy machine (on Linux the processes a command leaves
behind, as harvester's fork server, are counted too). The load average is printed too.
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
# Which trafilatura command each harvester command is compared with.
COMPARED = (("harvester clean", "trafilatura --parallel 2"),
            ("harvester clean --json", "trafilatura --parallel 2 --json"),
            ("harvester clean --json", "trafilatura --parallel 2 --json --with-metadata"))


def set_pages(devset: Path) -> list[Path]:
    """The set's compressed pages, in a stable order (either layout)."""
    if (devset / "annotations.json").exists():
        annotations = json.loads((devset / "annotations.json").read_text(encoding="utf-8"))
        return [devset / "pages" / name for name in sorted(a["file"] for a in annotations.values())]
    return sorted((devset / "pages").glob("*/source.html.gz"))


def write_pages(devset: Path, folder: Path, count: int | None) -> int:
    files = set_pages(devset)[:count]
    for number, path in enumerate(files):
        (folder / f"{number:04d}.html").write_bytes(gzip.decompress(path.read_bytes()))
    return len(files)


def reap_orphans() -> None:
    """Become the subreaper of the commands' processes, so that one a command leaves behind
    (harvester's fork server and its workers outlive the main process by a moment) is
    reparented here, waited for, and its CPU time counted in ``RUSAGE_CHILDREN``."""
    import ctypes

    pr_set_child_subreaper = 36
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0)


def wait_for_orphans() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str], before=None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    if before:
        before()
    cpu = children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    wait_for_orphans()
    if result.returncode not in (0, 1):  # 1: some inputs failed, the rest were processed
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return wall, children_cpu() - cpu


def commands(pages: Path, out: Path) -> dict[str, list[str]]:
    harvester = [str(BIN / "harvester"), "clean", str(pages)]
    trafilatura = [str(BIN / "trafilatura"), "--input-dir", str(pages), "--output-dir", str(out),
                   "--parallel", "2"]
    return {"harvester clean": harvester, "harvester clean --json": [*harvester, "--json"],
            "trafilatura --parallel 2": trafilatura,
            "trafilatura --parallel 2 --json": [*trafilatura, "--json"],
            "trafilatura --parallel 2 --json --with-metadata":
                [*trafilatura, "--json", "--with-metadata"]}


def measure(devset: Path, count: int | None, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pages, out = Path(tmp) / "pages", Path(tmp) / "out"
        pages.mkdir()
        count = write_pages(devset, pages, count)
        print(f"{devset}: {count} pages; load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores")
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(repeat):
            for name, command in commands(pages, out).items():
                runs.setdefault(name, []).append(
                    timed_run(command, before=lambda: shutil.rmtree(out, ignore_errors=True)))
    best = {name: min(times) for name, times in runs.items()}
    for name, (seconds, cpu) in best.items():
        print(f"  {name:<48} {seconds:7.2f} s {count / seconds:7.1f} pages/s   "
              f"CPU {cpu:6.2f} s ({1000 * cpu / count:5.1f} ms/page)")
    for ours, theirs in COMPARED:
        print(f"  {ours} / {theirs}: {best[theirs][0] / best[ours][0]:.2f} times as fast "
              f"(CPU: {best[theirs][1] / best[ours][1]:.2f})")
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devsets", type=Path, nargs="+", metavar="SET")
    parser.add_argument("--pages", type=int, default=None,
                        help="the first N pages of each set (default: all of them)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if sys.platform == "linux":
        reap_orphans()
    for devset in args.devsets:
        measure(devset, args.pages, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
