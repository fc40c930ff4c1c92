"""Near-duplicate benchmark: synthetic documents with planted copies, into a real corpus file.

    python benchmarks/dedup_bench.py [--n 1000000] [--datasketch-n 200000] [--db PATH]

Documents are made by the script (seeded, so every run sees the same ones): Zipf-distributed
words from a made-up vocabulary, 80-400 words in 3-8 paragraphs, a few two-word capitalised
names each, a date. A share of them (``--dup-rate``) are planted near-duplicates of an earlier
original, made the ways real copies differ: lines added at one end (a teaser, a credit), a
paragraph missing, or a few words changed.

Every document goes through ``run.ingest.store_document`` into a ``Corpus`` file -- documents
table with its full-text index, band and story keys, links -- exactly as a harvest stores it,
committing every ``--batch`` documents (a bulk import; a harvest commits per page and is bound
by cleaning). Generation, sketching and story keys (``dedup.sketch``) run in worker processes,
at a lower priority than the main process (``--worker-nice``), which does the SQLite work.

Printed: ingest throughput, peak memory (main process and the largest worker), CPU time per
document of the main process and of the workers (on a shared machine documents/s depends on
the other jobs), precision and recall of the planted pairs, and the same figures for
datasketch's in-memory ``MinHashLSH`` (threshold 0.5, 128 permutations; a candidate counts as
a duplicate, its usual use) on the first ``--datasketch-n`` documents of the same stream, run
afterwards in a fresh process of its own.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harvester.dedup import Sketch, StorySignals, shingles, sketch  # noqa: E402
from harvester.model import Document  # noqa: E402
from harvester.run.ingest import store_document  # noqa: E402
from harvester.store import Corpus  # noqa: E402

CHUNK = 2000
_worker: dict = {}


# --- synthetic documents -------------------------------------------------------------------


class Generator:
    """Document ``i`` of the stream, the same in every process and run (seeded by ``i``)."""

    def __init__(self, seed: int, dup_rate: float):
        rng = random.Random(seed)
        letters = "abcdefghijklmnopqrstuvwxyzäöüé"
        self.vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10)))
                      for _ in range(50_000)]
        # Zipf: a few words everywhere (like "the"), most rare, as in text.
        self.cum = numpy.cumsum([1 / (rank + 1) for rank in range(len(self.vocab))])
        self.vocab_array = numpy.array(self.vocab, dtype=object)
        self.names = [" ".join(w.capitalize() for w in rng.sample(self.vocab, 2))
                      for _ in range(100_000)]
        self.seed = seed
        self.dup_rate = dup_rate

    def _original(self, i: int) -> tuple[list[str], str]:
        rng = random.Random(self.seed * 1_000_003 + i)
        names = rng.sample(self.names, rng.randint(2, 5))
        lengths = [rng.randint(25, 50) for _ in range(rng.randint(3, 8))]
        words = self._zipf_words(rng, sum(lengths))  # one draw for all paragraphs
        paragraphs = []
        for length in lengths:
            paragraph, words = words[:length], words[length:]
            paragraph[rng.randrange(length)] = rng.choice(names)
            sentence = " ".join(paragraph)  # not str.capitalize: it lower-cases the names
            paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return paragraphs, day

    def _zipf_words(self, rng: random.Random, k: int) -> list[str]:
        """``k`` words drawn from the Zipf distribution (what ``rng.choices`` with cumulative
        weights does, vectorised): generating words was a large share of the workers' time, and
        the workers share the 2 cores with the main process (docs/dedup.md)."""
        uniform = (numpy.frombuffer(rng.randbytes(8 * k), dtype=numpy.uint64) >> 11) * 2.0**-53
        picks = self.cum.searchsorted(uniform * self.cum[-1], side="right")
        return self.vocab_array[picks].tolist()

    def plan(self, i: int) -> int:
        """The original that document ``i`` copies, or ``i`` itself."""
        rng = random.Random(self.seed * 7_919 + i)
        if i > 10 and rng.random() < self.dup_rate:
            original = rng.randrange(max(0, i - 100_000), i)  # copies come within a while
            return self.plan(original)  # copies of copies are copies of the original
        return i

    def document(self, i: int) -> tuple[Document, int]:
        original = self.plan(i)
        paragraphs, day = self._original(original)
        if original != i:
            paragraphs = self._vary(paragraphs, random.Random(self.seed * 31 + i))
        doc = Document(text="\n\n".join(paragraphs), source=f"synthetic/{i}", date=day)
        return doc, original

    def _vary(self, paragraphs: list[str], rng: random.Random) -> list[str]:
        paragraphs = list(paragraphs)
        kind = rng.choice(("extra", "missing", "edits"))
        if kind == "extra":  # a teaser, a credit, a related-story line at one end
            extra = " ".join(rng.choices(self.vocab, k=rng.randint(8, 30))).capitalize() + "."
            paragraphs = [extra, *paragraphs] if rng.random() < 0.5 else [*paragraphs, extra]
        elif kind == "missing" and len(paragraphs) > 4:  # a paragraph the cleaner missed
            del paragraphs[rng.choice((0, len(paragraphs) - 1))]
        else:  # a few words corrected
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(paragraphs))
                words = paragraphs[k].split()
                words[rng.randrange(len(words))] = rng.choice(self.vocab)
                paragraphs[k] = " ".join(words)
        return paragraphs


# --- workers -------------------------------------------------------------------------------


def _init(seed: int, dup_rate: float, nice: int) -> None:
    os.nice(nice)  # see --worker-nice
    _worker["gen"] = Generator(seed, dup_rate)
    _worker["signals"] = StorySignals.with_stoplists()


def ours_chunk(start: int, count: int) -> list:
    """Documents ``start`` ... with their sketches, as plain tuples: the main process rebuilds
    the ``Document`` and ``Sketch`` (tuples unpickle several times faster than the
    dataclasses; the fields are the same)."""
    gen, signals = _worker["gen"], _worker["signals"]
    out = []
    for i in range(start, start + count):
        doc, original = gen.document(i)
        doc_sketch = sketch(doc.text, signals)  # shingles are made only if there are candidates
        out.append((doc.text, doc.source, doc.date, original, doc_sketch.content_hash,
                    doc_sketch.band_keys, doc_sketch.word_count, doc_sketch.story_keys,
                    doc_sketch.contained_keys))
    return out


def unpack(item: tuple) -> tuple[Document, int, Sketch]:
    text, source, day, original, content_hash, band_keys, word_count, story_keys, contained = item
    return (Document(text=text, source=source, date=day), original,
            Sketch(content_hash, band_keys, word_count, None, story_keys, contained))


def datasketch_chunk(start: int, count: int) -> list:
    from datasketch import MinHash

    gen = _worker["gen"]
    out = []
    for i in range(start, start + count):
        doc, original = gen.document(i)
        minhash = MinHash(num_perm=128, seed=1)
        minhash.update_batch([" ".join(s).encode() for s in shingles(doc.text)])
        out.append((original, minhash))
    return out


def chunks(n: int):
    return [(start, min(CHUNK, n - start)) for start in range(0, n, CHUNK)]


# --- scoring -------------------------------------------------------------------------------


def score(groups: list[int], originals: list[int]) -> tuple[float, float, int]:
    """Precision and recall of planted pairs given each document's predicted group label.

    A document linked to a group (label not itself) is right when the group's label document
    is a copy of the same original. A planted pair (copy, original) is found when both carry
    the same label.
    """
    linked = [i for i, g in enumerate(groups) if g != i]
    right = sum(originals[i] == originals[groups[i]] for i in linked)
    planted = [i for i, o in enumerate(originals) if o != i]
    found = sum(groups[i] == groups[originals[i]] for i in planted)
    return right / max(1, len(linked)), found / max(1, len(planted)), len(planted)


def peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds(pool) -> tuple[float, float]:
    """CPU time used so far by this process and by the pool's workers (Linux /proc): on a
    shared machine, documents/s depends on the other jobs; CPU per document does much less."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = 0.0
    for process in pool._pool:  # the pool's worker processes (no public accessor)
        try:
            with open(f"/proc/{process.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            workers += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return me.ru_utime + me.ru_stime, float("nan")
    return me.ru_utime + me.ru_stime, workers


# --- the two systems -----------------------------------------------------------------------


def run_ours(args, pool) -> dict:
    path = args.db or Path(tempfile.mkdtemp()) / "dedup_bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    originals: list[int] = []
    doc_ids: list[int] = []
    start = time.perf_counter()
    with Corpus(path) as corpus:
        corpus.set_cache_size(args.cache_mb)
        stream = (item for batch in bounded_map(pool, ours_chunk, chunks(args.n))
                  for item in batch)
        while len(originals) < args.n:
            with corpus.transaction():  # one commit per --batch documents
                for item in itertools.islice(stream, args.batch):
                    doc, original, doc_sketch = unpack(item)
                    stored = store_document(corpus, doc, doc_sketch)
                    originals.append(original)
                    doc_ids.append(stored.doc_id)
            if len(originals) % 100_000 < args.batch:
                rate = len(originals) / (time.perf_counter() - start)
                print(f"  {len(originals):>9,} documents, {rate:,.0f}/s", flush=True)
        elapsed = time.perf_counter() - start
        index = {doc_id: n for n, doc_id in enumerate(doc_ids)}
        groups = list(range(len(doc_ids)))
        for doc_id, root in corpus.conn.execute(
                "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"):
            groups[index[doc_id]] = index[root]
        size_mb = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal")
                      if Path(f"{path}{s}").exists()) / 1e6
    precision, recall, planted = score(groups, originals)
    return {"docs/s": args.n / elapsed, "seconds": elapsed, "precision": precision,
            "recall": recall, "planted": planted, "db_mb": size_mb}


def run_datasketch(args, pool) -> dict:
    from datasketch import MinHashLSH

    n = min(args.n, args.datasketch_n)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    originals: list[int] = []
    groups: list[int] = []
    start = time.perf_counter()
    for batch in bounded_map(pool, datasketch_chunk, chunks(n)):
        for original, minhash in batch:
            i = len(originals)
            found = lsh.query(minhash)
            groups.append(groups[min(found)] if found else i)
            lsh.insert(i, minhash)
            originals.append(original)
    elapsed = time.perf_counter() - start
    precision, recall, planted = score(groups, originals)
    return {"docs/s": n / elapsed, "seconds": elapsed, "precision": precision,
            "recall": recall, "planted": planted, "n": n}


def _datasketch_process(args, connection) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers, initializer=_init,
                      initargs=(args.seed, args.dup_rate, args.worker_nice)) as pool:
        result = run_datasketch(args, pool)
    result["peak_mb"] = peak_mb(resource.RUSAGE_SELF)
    connection.send(result)


def run_datasketch_apart(args) -> dict:
    """datasketch in a fresh process of its own, so that its peak memory is its own and not
    the high-water mark of the process that ran the corpus before."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_datasketch_process, args=(args, sender))
    process.start()
    result = receiver.recv()
    process.join()
    return result


def bounded_map(pool, function, arguments, ahead: int = 8):
    """``pool.imap`` that keeps at most ``ahead`` chunks in flight (imap queues them all, and
    results pile up in memory when the consumer is slower than the workers)."""
    pending = collections.deque()
    for args in arguments:
        pending.append(pool.apply_async(function, args))
        if len(pending) >= ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="documents (default 1M)")
    parser.add_argument("--datasketch-n", type=int, default=200_000,
                        help="documents for the in-memory datasketch run (0: skip)")
    parser.add_argument("--dup-rate", type=float, default=0.1, help="share of planted copies")
    # Every commit writes each index page changed since the last one, and the band, hash and
    # story-key indexes change everywhere, so larger batches run faster but hold more in memory
    # (the default's trade-off: docs/dedup.md).
    parser.add_argument("--batch", type=int, default=50_000, help="documents per commit")
    parser.add_argument("--cache-mb", type=int, default=768,
                        help="SQLite page cache (the randomly written indexes of 1M documents "
                             "take ~400 MB)")
    parser.add_argument("--workers", type=int, default=2)
    # The main process is the one stage that cannot run in parallel (one SQLite writer); with
    # three processes on two cores, the scheduler gave each worker as much CPU as the writer,
    # which then waited for a core. Workers at a lower priority run when the writer does not
    # need the core: faster on the benchmark (docs/dedup.md).
    parser.add_argument("--worker-nice", type=int, default=10,
                        help="scheduling niceness of the worker processes (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="corpus file (default: temp)")
    args = parser.parse_args()
    context = multiprocessing.get_context("fork")
    print(f"{args.n:,} synthetic documents, {args.dup_rate:.0%} planted near-duplicates, "
          f"{os.cpu_count()} cores, {args.workers} generating/sketching workers")
    with context.Pool(args.workers, initializer=_init,
                      initargs=(args.seed, args.dup_rate, args.worker_nice)) as pool:
        main_cpu, workers_cpu = cpu_seconds(pool)
        load = os.getloadavg()[0]
        ours = run_ours(args, pool)
        main_peak = peak_mb(resource.RUSAGE_SELF)
        main_cpu, workers_cpu = (after - before for after, before
                                 in zip(cpu_seconds(pool), (main_cpu, workers_cpu)))
        print(f"harvester (SQLite band index): {ours['docs/s']:,.0f} documents/s "
              f"({ours['seconds']:.0f} s), precision {ours['precision']:.4f}, "
              f"recall {ours['recall']:.4f} of {ours['planted']:,} planted pairs, "
              f"peak memory {main_peak:,.0f} MB (main process), corpus {ours['db_mb']:,.0f} MB")
        print(f"  CPU per document: {main_cpu / args.n * 1e3:.3f} ms main process (SQLite, "
              f"linking), {workers_cpu / args.n * 1e3:.3f} ms workers (generating, sketching); "
              f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"largest worker peak: {peak_mb(resource.RUSAGE_CHILDREN):,.0f} MB")
    if args.datasketch_n:
        theirs = run_datasketch_apart(args)
        print(f"datasketch MinHashLSH (in memory) on {theirs['n']:,} documents: "
              f"{theirs['docs/s']:,.0f} documents/s, precision {theirs['precision']:.4f}, "
              f"recall {theirs['recall']:.4f} of {theirs['planted']:,} planted pairs, "
              f"peak memory {theirs['peak_mb']:,.0f} MB (its own process)")


if __name__ == "__main__":
    main()
