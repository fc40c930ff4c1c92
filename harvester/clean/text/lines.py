"""One record per line of a text page, and what the steps read off a line's words.

A page saved as text is split into its non-empty lines, stripped, each with its indentation (a
text rendering of HTML indents nested blocks, so lines of one container share an indent). Every
step reads these records and writes its verdict into ``reason``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from harvester.clean import rules
from harvester.model import Reason

# A list bullet as inscriptis and browsers render <li>: "* ", "+ ", "o ", "- ", "• ", "1. ".
BULLET = re.compile(r"^([*+\-•·▪◦o]|\d{1,2}[.)])\s+")
# Sentence punctuation: a line of prose ends a sentence or a quotation (Latin, CJK).
SENTENCE_END = re.compile(r"[.!?…:;\"”“»«'’)\]。！？」』]$")
# A word has a letter; URLs and paths (rendered link targets, image URLs) are not words.
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]{2,}")  # a word: two letters or more
URL_LIKE = re.compile(r"://|^www\.|/\S*/")
# CJK script, whose prose has no spaces: two characters stand in for a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Profile:
    """What the classifier reads off one line's words."""

    words: int
    stop_share: float  # share of words that are function words (rules.STOPWORDS)
    sentence_end: bool
    bullet: bool


def profile(line: str) -> Profile:
    tokens = [t for t in line.split() if LETTER.search(t) and not URL_LIKE.search(t)]
    stops = sum(t.strip(".,;:!?\"'()[]«»„“”’").lower() in rules.STOPWORDS for t in tokens)
    words = len(tokens) + len(CJK.findall(line)) // 2
    return Profile(words, stops / len(tokens) if tokens else 0.0,
                   bool(SENTENCE_END.search(line)), bool(BULLET.match(line)))


def word_count(line: str) -> int:
    return profile(line).words


# Running text on the dev set has 25-45% function words; lists of names, tags and product
# specs under 10%. 0.1 keeps terse prose (headlines-style news sentences) in.
MIN_STOP_SHARE = 0.1


def is_prose(p: Profile, check_stops: bool = True) -> bool:
    """A line that reads as running text: several words ending a sentence, or many words.

    On the dev set's renderings body paragraphs are long and punctuated while menus, teasers
    and labels are short or unpunctuated: 8 words with a sentence end, or 25 without (long
    paragraphs whose punctuation was lost), separate them best among the thresholds tried.
    Where the page's language has function words in ``rules.STOPWORDS``, prose also needs a
    share of them: tag clouds and category lists are long but have none.
    """
    words = p.words - (2 if p.bullet else 0)  # bulleted: menus more often than paragraphs
    long_enough = words >= 25 or (words >= 8 and p.sentence_end)
    return long_enough and (not check_stops or p.stop_share >= MIN_STOP_SHARE)


def is_sentence(p: Profile, check_stops: bool = True) -> bool:
    """A short line that still reads as a sentence (a credit line, a one-line paragraph)."""
    return p.words >= 5 and (p.sentence_end or not check_stops or p.stop_share >= 0.25)


@dataclass(eq=False, slots=True)
class TextLine:
    """One non-empty line of the page: its text, indentation and the verdict of the steps.
    What is read off the words is worked out on first use (text an extractor cut from its
    page needs none of it)."""

    text: str
    indent: int = 0
    reason: Reason | None = None
    rule: Reason | None = None  # the noise rule the line falls under wherever it stands
    score: float | None = None  # the line model's probability that the line is the article's
    overruled: Reason | None = None  # the rule-based verdict the line model kept it against
    removed_by_model: bool = False  # the rules kept it; the line model was sure it is not article
    spaced_row: bool = False  # a row of a table laid out with spaces inside the article span
    _profile: Profile | None = field(default=None, repr=False)
    _prose: bool | None = field(default=None, repr=False)

    @property
    def teaser_head(self) -> bool:
        """A heading announcing teasers below it ("Related Articles", "Lesen Sie auch:"); an
        "Also read: <headline>" line is a teaser by itself."""
        return (self.rule in (Reason.ALSO_READ, Reason.RELATED)
                and (self.text.endswith(":") or self.profile.words <= 4))

    @property
    def kept(self) -> bool:
        return self.reason is None

    @property
    def note(self) -> str:
        """What the line model did to the rules' verdict, for ``explain``."""
        if self.overruled is not None:
            return f"kept by the line model ({self.score:.2f}) against {self.overruled}"
        if self.removed_by_model:
            return f"removed by the line model ({self.score:.2f})"
        return ""

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = profile(self.text)
        return self._profile

    @property
    def prose(self) -> bool:
        """Prose whatever the page's language (function words not asked for)."""
        if self._prose is None:
            self._prose = is_prose(self.profile, False)
        return self._prose

    @property
    def table_row(self) -> bool:
        """A Markdown table's row or separator, between outer pipes ("| a | b |", "|---|")."""
        text = self.text
        return len(text) > 2 and text[0] == "|" and text[-1] == "|"


def split_lines(text: str) -> list[TextLine]:
    """A record for every non-empty line, in order."""
    records = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped:
            records.append(TextLine(stripped, len(raw) - len(raw.lstrip())))
    return records


def uses_stopwords(lines: list[TextLine]) -> bool:
    """Whether the page is in a language of ``rules.STOPWORDS``: its long lines have them."""
    long = [ln.profile for ln in lines if ln.profile.words >= 8]
    return bool(long) and sum(p.stop_share for p in long) / len(long) >= 0.08


def next_kept(lines: list[TextLine], i: int, end: int | None = None) -> int | None:
    """The first line after ``i`` (before ``end``) still kept, or None."""
    stop = len(lines) if end is None else end
    return next((j for j in range(i + 1, stop) if lines[j].reason is None), None)


def previous_kept(lines: list[TextLine], i: int) -> int | None:
    return next((j for j in range(i - 1, -1, -1) if lines[j].reason is None), None)
