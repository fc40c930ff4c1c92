"""Shingles, MinHash band keys and the confirmation of near-duplicate candidates.

- Exact: the content hash of normalised text.
- Near-duplicates: MinHash (rensa's C-MinHash, 64-bit values) over 5-word shingles of the
  normalised text; a document's LSH band keys are the values it shares with its copies.
  Candidates are confirmed by the exact containment of their shingle sets (overlap over the
  smaller set).

The same functions serve the incremental ``Linker`` and the batch's distributed stages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harvester.dedup.stories import StorySignals

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Invisible format characters (soft hyphen, zero-width space and joiners, word joiner, BOM):
# a page saved as text keeps the soft hyphens its HTML extraction drops, and they would split
# the words a reader sees whole ("Bekämp\xadfung").
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")

# Index parameters: the stored band keys are only comparable with keys made the same way, so
# these are recorded in the corpus and a mismatch asks for ``harvester dedup --rebuild``.
SHINGLE_WORDS = 5  # the unit the thresholds were chosen with (docs/dedup.md)
# 10 bands of one MinHash value each (r = 1), and a candidate must share at least 2 of them:
# probability 1 - (1-J)^10 - 10 J (1-J)^9 for Jaccard J -- 0.92 at J = 0.36 (the lowest
# Jaccard a pair passing the containment and size-ratio tests can have: containment 0.8,
# sizes 1:2), 0.99 at J = 0.5, 0.998 at 0.6. One shared key is not enough: common 5-word
# phrases ("at the end of the") are the minimum of many documents, and every document sharing
# one became a candidate to verify. Each band is one row of an indexed table per document, so
# bands are kept few (benchmark figures: docs/dedup.md).
NUM_BANDS = 10
MIN_SHARED_BANDS = 2
MINHASH_SEED = 1729
# 2: invisible characters dropped before finding words; contained-copy keys.
INDEX_VERSION = 2
_MASK63 = (1 << 63) - 1  # SQLite integers are signed 64-bit

# Candidate look-ups read at most this many documents per band key and verify at most
# MAX_CANDIDATES of them (most shared keys first): a key shared by thousands of documents
# (site boilerplate the cleaner missed) then costs the same as any other, whatever the corpus
# size. A true copy shares most keys with the new document and sorts first.
PER_KEY_LIMIT = 50
MAX_CANDIDATES = 20

# A copy whose text is inside a longer one (the same article with comments, teasers or a
# credit around it) is the same article, whatever the sizes, once the smaller text holds at
# least MIN_CONTAINED_SHINGLES shingles; a smaller text (a teaser, a one-paragraph notice)
# could sit inside many different articles and link them through itself, so it must be at
# least MIN_SIZE_RATIO of the larger. Chosen on the dev set's HTML/text pairs: more copies
# linked than by the size ratio alone, no new link between different pages (docs/dedup.md).
MIN_SIZE_RATIO = 0.5
MIN_CONTAINED_SHINGLES = 50

# Copies whose cleanings kept different parts of one page (a list on one side, an author's
# note on the other) share less than ``threshold``, but what they share are whole lines: each
# line of the smaller text that the larger one shares at all is there (nearly) whole. Edited
# rewrites of one wire report change words in every paragraph, so their shared lines are
# partial. A line is whole when WHOLE_LINE of its shingles are in the other text (one changed
# word in a 50-word line leaves 0.9); a pair is a copy when the whole lines hold MIN_WHOLE_LINES
# of the smaller text's shingles in shared lines (above the dev set's rewrites, below nearly
# all its copies), the containment is at least ``block_threshold`` and the shared part is at
# least MIN_SHARED_BLOCK shingles. Figures: docs/dedup.md.
WHOLE_LINE = 0.9
MIN_WHOLE_LINES = 0.9
MIN_SHARED_BLOCK = 30

# Contained-copy keys (Broder's MOD-m sample): the shingles whose hash is 0 modulo
# CONTAINED_MODULUS. The sample of a text inside another is inside the other's sample, so a
# contained copy shares keys with the longer page whatever their sizes; MinHash bands find
# only pairs of high Jaccard (a short copy inside a long page has a low one). A
# candidate shares at least MIN_SHARED_CONTAINED of them (one is a common phrase as often as a
# copy); a document keeps at most MAX_CONTAINED_KEYS, its smallest, so the index stays small:
# a document of up to 32 x 16 = 512 shingles keeps its whole sample.
CONTAINED_MODULUS = 32
MIN_SHARED_CONTAINED = 2
MAX_CONTAINED_KEYS = 16

def normalise(text: str) -> str:
    """Text reduced to what makes two copies the same article: words, case-folded.

    NFKC folds typographic variants (ligatures, full-width forms); dropping punctuation and
    whitespace differences makes a page saved as text and its HTML extraction hash alike when
    only quote styles or line breaks differ.
    """
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    """The words of ``normalise(text)``, found directly (no substitution, then split)."""
    return _WORD.findall(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold())


def content_hash(text: str) -> str:
    return _hash_normalised(normalise(text))


def _hash_normalised(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# --- near-duplicate sketches ---------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """The set of ``size``-word sequences of the normalised text (a shorter text: itself).

    Each is the tuple of its words: comparing sets needs only their identity, and tuples cost
    less than half as much to make as joined strings (22 against 50 us for a 250-word text);
    a confirmation makes two sets.
    """
    return frozenset(_shingle_tuples(_words(text), size))


def _shingle_tuples(words: list[str], size: int = SHINGLE_WORDS) -> Iterable[tuple[str, ...]]:
    """The ``size``-word sequences in text order, repeats included (a shorter text: itself)."""
    if len(words) <= size:
        return [tuple(words)] if words else []
    return zip(*(words[i:] for i in range(size)))


def _shingle_strings(words: list[str], size: int = SHINGLE_WORDS) -> Iterable[str]:
    """The shingles as strings for the MinHash (which does not mind repeats)."""
    return map(" ".join, _shingle_tuples(words, size))


def containment(a: frozenset, b: frozenset) -> float:
    """Shared shingles over the smaller set's: 1.0 when one text is inside the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _band_keys(shingle_list: list[str]) -> list[int]:
    """One LSH key per band: the band's MinHash value (one value per band, r = 1)."""
    if not shingle_list:
        return []
    import rensa

    sketch = rensa.CMinHash(NUM_BANDS, MINHASH_SEED)
    sketch.update(shingle_list)
    return [value & _MASK63 for value in sketch.digest_u64()]


def _contained_keys(shingle_list: list[str]) -> list[int]:
    """The contained-copy keys: the MOD-m sample of the shingles, its smallest values.

    crc32 picks the sample (fast, in C; its low bits are uniform), a 64-bit hash names each
    chosen shingle (a 32-bit value would collide across a million documents).
    """
    chosen = {s for s in shingle_list if zlib.crc32(s.encode("utf-8")) % CONTAINED_MODULUS == 0}
    keys = {int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
            & _MASK63 for s in chosen}
    return sorted(keys)[:MAX_CONTAINED_KEYS]


@dataclass
class Sketch:
    """What linking needs of a text; pure, so it can be computed in a worker process.

    ``shingles`` and ``story_keys`` may be left out (None): they are then made from the text
    when needed (shingles only when there are candidates to confirm, so ``sketch`` leaves them
    out: about 1 document in 10 of the benchmark has any, and the set costs more to build and
    to send between processes than the band keys).
    """

    content_hash: str
    band_keys: list[int]
    word_count: int
    shingles: frozenset[tuple[str, ...]] | None = None
    story_keys: list[int] | None = None
    contained_keys: list[int] = field(default_factory=list)


def sketch(text: str, signals: StorySignals | None = None) -> Sketch:
    words = _words(text)
    # Band keys from the shingles in text order: the same keys as from the set (repeats do
    # not change a minimum), 51 us instead of 110 us per benchmark document.
    shingle_list = list(_shingle_strings(words))
    return Sketch(_hash_normalised(" ".join(words)), _band_keys(shingle_list),
                  len(text.split()), None, signals.keys(text) if signals else None,
                  _contained_keys(shingle_list))


def rank_candidates(hits: list[int], min_shared: int, limit: int) -> list[int]:
    """Ids met at least ``min_shared`` times in ``hits`` (one entry per shared key), most
    shared keys first, then the lowest id; at most ``limit``."""
    counts: dict[int, int] = {}
    for doc_id in hits:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    ranked = sorted((-shared, doc_id) for doc_id, shared in counts.items() if shared >= min_shared)
    return [doc_id for _, doc_id in ranked[:limit]]


def whole_line_share(text: str, other: frozenset) -> float:
    """Of the shingles of ``text``'s lines that share anything with ``other``, the share in
    lines found whole there (see WHOLE_LINE). Lines under SHINGLE_WORDS words are left out:
    a heading or a menu item has no shingle of its own."""
    whole = partial = 0
    for line in text.splitlines():
        words = _words(line)
        if len(words) < SHINGLE_WORDS:
            continue
        line_shingles = set(_shingle_tuples(words))
        found = len(line_shingles & other)
        if found >= WHOLE_LINE * len(line_shingles):
            whole += len(line_shingles)
        elif found > (1 - WHOLE_LINE) * len(line_shingles):
            partial += len(line_shingles)
    return whole / (whole + partial) if whole else 0.0


def is_near_duplicate(a: frozenset, b: frozenset, threshold: float,
                      texts: tuple[str, str] | None = None,
                      block_threshold: float = 1.0) -> bool:
    """Is one text (nearly all) inside the other (see MIN_CONTAINED_SHINGLES), or, given the
    ``texts`` of ``a`` and ``b``, do they share whole lines (see MIN_WHOLE_LINES)?"""
    small, large = sorted((len(a), len(b)))
    if not small:
        return False
    shared = containment(a, b)
    if shared >= threshold and (small >= MIN_SIZE_RATIO * large
                                or small >= MIN_CONTAINED_SHINGLES):
        return True
    if texts is None or shared < block_threshold or shared * small < MIN_SHARED_BLOCK:
        return False
    text, other = (texts[0], b) if len(a) <= len(b) else (texts[1], a)
    return whole_line_share(text, other) >= MIN_WHOLE_LINES

