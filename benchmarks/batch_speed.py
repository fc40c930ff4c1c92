"""Batch speed: the dev set's pages as WARC shards, through ``harvester batch`` on local Dask
clusters of 1 and 2 workers in one run, and through ``clean --into`` on one machine.

    python benchmarks/batch_speed.py DEVSET [--pages N] [--shard-pages 50] [--workers 1 2]

The pages are written once as gzipped WARC files of ``--shard-pages`` response records each
(their URLs and a fixed fetch time), so every run reads the same shards. For each worker count
a fresh cluster is started and its workers load the cleaner (timed apart) and the batch writes a
fresh output;
``clean --into`` cleans the same shards with as many worker processes as the largest cluster.
Printed per run: wall time of each stage, pages per second, pages per worker-second (the
per-core figure docs/batch.md scales to a Common Crawl snapshot), the site rounds, the peak
memory of the workers and of the client, the CPU milliseconds per page of the cleaning
processes, of the Dask workers' own processes and of the client (with the scheduler and the
nannies); the speed-up of the largest cluster over one worker (the whole run and its clean
stage), and the load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harvester.batch import dask_client, pool, run_batch  # noqa: E402
from harvester.config import CleanSettings  # noqa: E402
from harvester.run.counts import Counts  # noqa: E402
from harvester.run.ingest import clean_into  # noqa: E402
from harvester.sources import files  # noqa: E402
from harvester.store import Corpus  # noqa: E402


def write_shards(devset: Path, folder: Path, pages: int, per_shard: int) -> list[Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    annotations = json.loads((devset / "annotations.json").read_text(encoding="utf-8"))
    items = list(annotations.items())[: pages or None]
    shards = []
    for start in range(0, len(items), per_shard):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        for url, entry in items[start:start + per_shard]:
            body = gzip.decompress((devset / "pages" / entry["file"]).read_bytes())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"}))
        path = folder / f"shard-{start // per_shard:05d}.warc.gz"
        path.write_bytes(buffer.getvalue())
        shards.append(path)
    return shards


def time_batch(shards: list[Path], work: Path, workers: int, linking: bool = True) -> dict:
    out = work / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    with dask_client(workers=workers) as client:
        client.wait_for_workers(workers)
        # Each worker starts its cleaning processes once, as a long run amortises it.
        pool.register(client, CleanSettings())
        client.run(_start_pool)
        cpu_ready = _summed(client.run(_cpu_seconds).values())
        client_ready = _own_cpu()
        ready = time.monotonic()
        report = run_batch([str(p) for p in shards], str(out), client)
        done = time.monotonic()
        worker_peak = max(client.run(_peak_mb).values())
        own, cleaning = (a - b for a, b in zip(_summed(client.run(_cpu_seconds).values()),
                                               cpu_ready))
        client_cpu = _own_cpu() - client_ready
        linking = _linking_memory(client, shards, out) if linking else {}
    pages = report.counts["documents"] + report.counts["failed"] + report.counts["unchanged"]
    run = done - ready
    return {"run": f"batch, {workers} worker(s)", "start_s": round(ready - started, 2),
            "seconds": round(run, 2), **report.seconds, "pages": pages,
            "documents": report.counts["documents"], "pages_per_s": round(pages / run, 2),
            "pages_per_worker_s": round(pages / run / workers, 2),
            "site_rounds": report.counts["site_rounds"], "recleaned": report.counts["recleaned"],
            "worker_peak_mb": worker_peak, "client_peak_mb": _peak_mb(),
            "worker_cpu_ms_per_page": round(1000 * (own + cleaning) / pages, 1),
            "cleaning_cpu_ms_per_page": round(1000 * cleaning / pages, 1),
            "worker_own_cpu_ms_per_page": round(1000 * own / pages, 1),
            "client_cpu_ms_per_page": round(1000 * client_cpu / pages, 1), **linking}


def _start_pool(dask_worker) -> None:
    dask_worker.plugins[pool.PLUGIN_NAME].pool()


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its children (the cleaning processes, their fork
    server)."""
    import psutil

    me = psutil.Process()
    return (sum(me.cpu_times()[:2]),
            sum(sum(p.cpu_times()[:2]) for p in me.children(recursive=True)))


def _summed(pairs) -> tuple[float, float]:
    pairs = list(pairs)
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def _own_cpu() -> float:
    """CPU time of this process: the client and, on a local cluster, the scheduler and the
    workers' nannies."""
    times = os.times()
    return times.user + times.system


def _rss_mb() -> int:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20)


def _load_linking() -> None:
    import dask.bag  # noqa: F401

    import harvester.batch.run  # noqa: F401  (dedup, sites, parquet, pyarrow)
    from harvester.dedup import StorySignals

    StorySignals.with_stoplists()


def _linking_memory(client, shards: list[Path], out: Path) -> dict:
    """Memory of the linking stages alone: on fresh workers, a rerun over the cleaned shards
    (every shard skipped: only dedup, site tables and the parts run)."""
    import tracemalloc

    client.restart()
    client.run(_load_linking)  # what the stages import is no part of what they hold
    base = client.run(_rss_mb)
    tracemalloc.start()
    run_batch([str(p) for p in shards], str(out), client)
    _, client_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peaks = client.run(_peak_mb)
    return {"linking_worker_mb": max(peaks[w] - base[w] for w in peaks),
            "linking_client_traced_mb": round(client_peak / 2**20, 1)}


def _peak_mb() -> int:
    """This process's peak resident memory (on a Dask worker: reading shards and the dedup
    stages; the pages are cleaned in the worker's own cleaning processes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def time_clean_into(shards: list[Path], work: Path, workers: int) -> dict:
    db = work / "clean-into.db"
    for leftover in work.glob("clean-into.db*"):
        leftover.unlink()
    counts = Counts()
    started = time.monotonic()
    with Corpus(db) as corpus:
        clean_into(corpus, files.load([str(p) for p in shards]), counts,
                   CleanSettings(workers=workers))
    run = time.monotonic() - started
    return {"run": f"clean --into, {workers} worker(s)", "seconds": round(run, 2),
            "pages": counts["pages"], "documents": counts["stored"] + counts["duplicate"],
            "pages_per_s": round(counts["pages"] / run, 2),
            "pages_per_worker_s": round(counts["pages"] / run / workers, 2)}


def _printed(result: dict) -> dict:
    print(json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--shard-pages", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-clean-into", action="store_true", help="time only the batch")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the worker counts, "
                        "interleaved; the speed-up is of each count's fastest run")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a "
                        "temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="batch-speed-"))
    (work / "shards").mkdir(parents=True, exist_ok=True)
    shards = write_shards(args.devset, work / "shards", args.pages, args.shard_pages)
    print(f"{len(shards)} WARC shards in {work / 'shards'}")
    print(f"load average before: {os.getloadavg()}")
    # Interleaved rounds: the machine's speed drifts by a tenth between runs (a shared VM),
    # so each count's fastest run is compared, not two runs minutes apart.
    # The linking stages' memory is read in the last round only: stopping tracemalloc while
    # Dask's threads allocate can crash Python 3.11 (gh-128679, fixed in 3.12 and 3.13 only).
    rounds = [[_printed(time_batch(shards, work, n, linking=r == args.repeat - 1))
               for n in args.workers] for r in range(args.repeat)]
    best = [min((r[i] for r in rounds), key=lambda run: run["seconds"])
            for i in range(len(args.workers))]
    if not args.no_clean_into:
        _printed(time_clean_into(shards, work, max(args.workers)))
    one = next((r for r in best if r["run"] == "batch, 1 worker(s)"), None)
    most = best[-1]
    if one is not None and most is not one:
        print(f"speed-up {most['run']} over 1 worker (fastest of {args.repeat}): "
              f"{one['seconds'] / most['seconds']:.2f} "
              f"(clean stage {one['clean'] / most['clean']:.2f})")
        # Each round's own pair, minutes apart at most: the drift between rounds cancels out.
        paired = [r[0]["seconds"] / r[-1]["seconds"] for r in rounds]
        print(f"speed-up within each round: {', '.join(f'{p:.2f}' for p in paired)} "
              f"(median {statistics.median(paired):.2f})")
    print(f"peak memory of this process (the client, which joins the groups): {_peak_mb()} MB")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
