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

    Defaults and the data they were chosen on: docs/dedup.md ("How the defaults were chosen").
    """

    # Containment (shared shingles over the smaller document's) from which two documents are
    # copies: on the dev set (benchmarks/dedup_tune.py) 0.8 sits between most copies and the
    # highest containments of different pages.
    threshold: float = 0.8
    # Containment from which two texts sharing whole lines only are copies (sketches'
    # MIN_WHOLE_LINES): half the smaller text sits between the most a boilerplate paragraph
    # shared between different dev-set pages and most copies cleaned two ways (docs/dedup.md).
    block_threshold: float = 0.5
    # Texts shorter than this (in words) are only linked when exactly equal: in a few
    # sentences one changed word or number is a different message.
    min_words: int = 25
    # Stories, chosen with benchmarks/dedup_tune.py: on the dev set's pairs of different pages
    # these accept only real pairs of reports of one event, with or without one site's
    # boilerplate added. Same story: at least this many shared multi-word names, ...
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

