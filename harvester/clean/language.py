"""Offline language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import py3langid

# Below ~40 characters py3langid's guesses on news snippets are close to random.
_MIN_CHARS = 40
# The model's cost grows with the input; 5,000 characters decide the language of any article.
_SAMPLE = 5000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:_SAMPLE]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    lang, _score = py3langid.classify(sample)
    return lang
