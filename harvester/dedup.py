"""Duplicate detection: the content hash of normalised text (exact duplicates).

Near-duplicates (MinHash/LSH) and story clusters build on this module.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Text reduced to what makes two copies the same article: words, case-folded.

    NFKC folds typographic variants (ligatures, full-width forms); dropping punctuation and
    whitespace differences makes a page saved as text and its HTML extraction hash alike when
    only quote styles or line breaks differ.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
