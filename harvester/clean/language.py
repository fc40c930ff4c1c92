"""Offline language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import py3langid

# Below ~40 characters py3langid's guesses on news snippets are close to random.
_MIN_CHARS = 40
# The model's cost grows with the input. On the first 500 dev-set pages' cleaned text the
# first 2,000 characters gave the language found from 5,000 on all 500 (1,500: 499) at 0.72
# instead of 1.17 ms a page.
_SAMPLE = 2000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:_SAMPLE]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    lang, _score = py3langid.classify(sample)
    return lang
