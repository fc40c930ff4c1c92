"""Duplicate detection: exact copies, near-duplicates and story clusters.

One set of rules for both ways of linking: the incremental ``Linker`` over a SQLite corpus
(``linker``) and the batch's distributed stages (``harvester.batch.dedup``):

- ``sketches``: normalised text, content hash, shingles, MinHash band keys, contained-copy
  keys, the confirmation of a near-duplicate candidate;
- ``stories``: name keys and the same-story check;
- ``original``: which document of a group is its root;
- ``settings``: the thresholds and the index parameters.
"""

from harvester.dedup.linker import Linker, Links, rebuild
from harvester.dedup.original import root_key
from harvester.dedup.settings import DedupSettings, index_parameters
from harvester.dedup.sketches import (
                                      CONTAINED_MODULUS,
                                      MAX_CANDIDATES,
                                      MAX_CONTAINED_KEYS,
                                      MIN_CONTAINED_SHINGLES,
                                      MIN_SHARED_BANDS,
                                      MIN_SHARED_CONTAINED,
                                      MIN_SIZE_RATIO,
                                      NUM_BANDS,
                                      PER_KEY_LIMIT,
                                      SHINGLE_WORDS,
                                      Sketch,
                                      containment,
                                      content_hash,
                                      is_near_duplicate,
                                      normalise,
                                      rank_candidates,
                                      shingles,
                                      sketch,
                                      whole_line_share,
)
from harvester.dedup.stories import MAX_STORY_KEYS, MIN_SHARED_STORY_KEYS, StorySignals

__all__ = ["Linker", "Links", "rebuild", "root_key", "DedupSettings", "index_parameters",
           "CONTAINED_MODULUS", "MAX_CANDIDATES", "MAX_CONTAINED_KEYS", "MIN_CONTAINED_SHINGLES",
           "MIN_SHARED_BANDS", "MIN_SHARED_CONTAINED", "MIN_SIZE_RATIO", "whole_line_share",
           "NUM_BANDS", "PER_KEY_LIMIT",
           "SHINGLE_WORDS", "Sketch", "containment", "content_hash", "is_near_duplicate",
           "normalise", "rank_candidates", "shingles", "sketch", "MAX_STORY_KEYS",
           "MIN_SHARED_STORY_KEYS", "StorySignals"]
