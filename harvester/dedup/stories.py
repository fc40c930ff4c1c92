"""Stories: names and capitalised words, the evidence that two texts report one event.

Candidates come from an index of name keys (a document's ``keys``); ``same_story`` confirms.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from harvester.dedup.settings import DedupSettings
from harvester.dedup.sketches import _MASK63, normalise

# A story candidate shares at least this many name keys: one shared name (a head of state, a
# club) is common between unrelated articles, and the story rule asks for 3 shared names anyway.
MIN_SHARED_STORY_KEYS = 2


# Story names: at most this many keys per document are indexed (the smallest hashes, a fixed
# random sample), so one very long article cannot flood the index.
MAX_STORY_KEYS = 32
# Capitalised words that are frequent words of these languages are not names ("The", "Die",
# German nouns such as "Stadt"): jusText's stop lists (a trafilatura dependency).
STOPLIST_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian",
                      "Dutch", "Polish")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_EDGE_PUNCT = "\"'“”‘’«»„()[]{}.,;:!?…*"
_RUN_BREAK = tuple(",;:.!?)]”\"»—–…")
_POSSESSIVE = ("'s", "’s")  # removed from the end of a name: "Trump's" -> "trump"


def _stable_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(),
                          "big") & _MASK63


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@dataclass
class StorySignals:
    """Names and capitalised words of a text, the evidence that two texts tell one story."""

    stopwords: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def with_stoplists(cls) -> StorySignals:
        import justext

        words: set[str] = set()
        for language in STOPLIST_LANGUAGES:
            words.update(w.casefold() for w in justext.get_stoplist(language))
        return cls(frozenset(words))

    def _is_capitalised(self, word: str) -> bool:
        return (len(word) > 1 and word[0].isupper() and word[0].isalpha()
                and word.casefold() not in self.stopwords)

    def extract(self, text: str) -> tuple[set[str], set[str]]:
        """(multi-word names, capitalised words not opening a sentence), case-folded."""
        names: set[str] = set()
        capitalised: set[str] = set()
        for line in text.splitlines():
            for sentence in _SENTENCE_END.split(line):
                run: list[str] = []
                for position, chunk in enumerate(sentence.split()):
                    if chunk[0].islower():
                        # A word starting in lower case is never part of a name, and most
                        # words do: settled here without stripping (the same result; this
                        # loop took 150 of the 480 us per document of the 1M benchmark's
                        # workers, 47 us with this shortcut).
                        if run:
                            self._close(run, names)
                        continue
                    word = chunk.strip(_EDGE_PUNCT)
                    if word[-2:] in _POSSESSIVE:
                        word = word[:-2]
                    if chunk[0] in "(“\"«„":
                        self._close(run, names)
                    if word and self._is_capitalised(word):
                        run.append(word.casefold())
                        if position > 0 and len(word) > 2:
                            capitalised.add(word.casefold())
                    else:
                        self._close(run, names)
                    if chunk.endswith(_RUN_BREAK):
                        self._close(run, names)
                self._close(run, names)
        return names, capitalised

    @staticmethod
    def _close(run: list[str], names: set[str]) -> None:
        if len(run) >= 2:
            names.add(" ".join(run))
        run.clear()

    def keys(self, text: str) -> list[int]:
        """Index keys of a text's names: a fixed sample of at most MAX_STORY_KEYS."""
        names, _ = self.extract(text)
        return sorted(_stable_key(name) for name in names)[:MAX_STORY_KEYS]

    def same_story(self, a: dict, b: dict, settings: DedupSettings) -> bool:
        """Do two stored documents (``text``, ``published``) report the same event?

        Lines both texts share verbatim are left out first: on one site these are the site's
        own boilerplate (its name, a newsletter line), which says nothing about the story.
        """
        day_a, day_b = _day(a.get("published")), _day(b.get("published"))
        if day_a and day_b and abs((day_a - day_b).days) > settings.story_max_days:
            return False
        lines_a = {normalise(line): line for line in a["text"].splitlines() if line.strip()}
        lines_b = {normalise(line): line for line in b["text"].splitlines() if line.strip()}
        common = lines_a.keys() & lines_b.keys()
        names_a, caps_a = self.extract("\n".join(v for k, v in lines_a.items() if k not in common))
        names_b, caps_b = self.extract("\n".join(v for k, v in lines_b.items() if k not in common))
        if len(names_a & names_b) < settings.story_min_names:
            return False
        overlap = len(caps_a & caps_b) / max(1, min(len(caps_a), len(caps_b)))
        return overlap >= settings.story_min_overlap

