"""The thresholds of linking (``[dedup]`` in config.toml) and the index parameters."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from harvester.dedup.sketches import (
    CONTAINED_MODULUS,
    INDEX_VERSION,
    MAX_CONTAINED_KEYS,
    MIN_SHARED_BANDS,
    MINHASH_SEED,
    NUM_BANDS,
    SHINGLE_WORDS,
)


@dataclass(frozen=True)
class DedupSettings:
    """Thresholds of near-duplicate and story linking (``[dedup]`` in config.toml).

    Defaults and the data they were chosen on: see README ("Near-duplicates and stories").
    """

    # Containment (shared shingles over the smaller document's) from which two documents are
    # copies. Measured with benchmarks/dedup_tune.py on the dev set (each page cleaned from its
    # HTML and from its text rendering, 970 pairs): median 0.98, 876 pairs >= 0.8; between
    # different pages the highest containments were 0.64 and 0.68 (then 0.39), apart from two
    # pages the set holds twice. 0.8 sits in that gap, as in the figures.
    threshold: float = 0.8
    # Containment from which two texts sharing whole lines only are copies (sketches'
    # MIN_WHOLE_LINES): the dev set's rewrites of one report share 0.65-0.70 in partial lines,
    # a shared boilerplate paragraph reached 0.31 of the smaller page; copies kept apart by
    # cleaning differences share 0.34-0.8. Half of the smaller text leaves margin on both sides.
    block_threshold: float = 0.5
    # Texts shorter than this (in words) are only linked when exactly equal: in a few
    # sentences one changed word or number is a different message.
    min_words: int = 25
    # Stories, measured with benchmarks/dedup_tune.py: over the dev set's 476,776 pairs of
    # different pages these accept 4 (each a real pair of reports of one event: a shooting
    # statement, a presidential trip, an arrest, a political crisis), the same 4 with one
    # site's boilerplate added to both pages, and the two samples (7 shared names, 0.62 of
    # capitalised words). Same story: at least this many shared multi-word names, ...
    story_min_names: int = 3
    # ... and this overlap (over the smaller set) of capitalised words, ...
    story_min_overlap: float = 0.5
    # ... and, when both dates are known, published at most this many days apart.
    story_max_days: int = 3

    def as_dict(self) -> dict:
        return asdict(self)


def index_parameters() -> dict:
    """What the stored band and story keys depend on."""
    import rensa

    return {"index_version": INDEX_VERSION, "shingle_words": SHINGLE_WORDS,
            "num_bands": NUM_BANDS, "min_shared_bands": MIN_SHARED_BANDS, "seed": MINHASH_SEED,
            "minhash": f"rensa.CMinHash/{rensa.CMinHash.ALGORITHM_VERSION}",
            "contained_modulus": CONTAINED_MODULUS, "max_contained_keys": MAX_CONTAINED_KEYS}

