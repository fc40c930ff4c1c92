"""``harvester import``: a batch output loaded into a SQLite corpus, its links as they are.

Rows are read a batch at a time from the parts; the corpus gives them integer ids, and the
links (string ids in the parts) are translated in a second pass, so only the id map (one entry
per document) is held in memory. The near-duplicate index gets the documents' keys, so what is
cleaned into the corpus afterwards links to them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from harvester.errors import BatchError

BATCH_ROWS = 1000


def _parts(out: Path) -> list[Path]:
    if not (out / "manifest.json").is_file():
        raise BatchError(f"{out}: not a batch output (no manifest.json); run harvester batch "
                         f"... --out {out} first")
    return sorted((out / "documents").glob("part-*.parquet"))


def documents_in(out: str | Path) -> int:
    """How many documents a batch output holds (from the parts' footers; 0 if none)."""
    parts = sorted((Path(out) / "documents").glob("part-*.parquet"))
    return sum(pq.ParquetFile(part).metadata.num_rows for part in parts)


def _check_index(out: Path, corpus) -> None:
    from harvester.dedup import index_parameters

    made_with = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("index")
    if made_with != index_parameters():
        raise BatchError(f"{out}: linked with {made_with}, this version links with "
                         f"{index_parameters()}; run the batch again")
    corpus.check_dedup_index(index_parameters())


def import_output(out: str | Path, corpus, on_progress: Callable[[int], None] | None = None
                  ) -> Counter:
    """Load every document of a batch output into ``corpus``; counts ``imported`` (new rows)
    and ``unchanged`` (already stored from the same source)."""
    from harvester.dedup import StorySignals, sketch

    out = Path(out)
    parts = _parts(out)
    _check_index(out, corpus)
    signals = StorySignals.with_stoplists()
    ids: dict[str, int] = {}
    counts: Counter = Counter()
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches(BATCH_ROWS):
            with corpus.transaction():
                for row in batch.to_pylist():
                    first = corpus.first_copy(row["content_hash"])
                    ids[row["id"]], new = corpus.import_row(row)
                    counts["imported" if new else "unchanged"] += 1
                    if new and first is None:  # exact copies are not indexed (as when linking)
                        row_sketch = sketch(row["text"])
                        corpus.add_keys(ids[row["id"]], row_sketch.band_keys,
                                        signals.keys(row["text"]), row_sketch.contained_keys)
            if on_progress:
                on_progress(batch.num_rows)
    for part in parts:
        columns = ["id", "duplicate_of", "story_id"]
        for batch in pq.ParquetFile(part).iter_batches(BATCH_ROWS, columns=columns):
            with corpus.transaction():
                for row in batch.to_pylist():
                    corpus.set_links(ids[row["id"]], duplicate_of=ids.get(row["duplicate_of"]),
                                     story_id=ids.get(row["story_id"], ids[row["id"]]))
    return counts
