"""What the line model reads off each line: its shape, its place, its neighbours, the rules.

One row of numbers per line, in ``NAMES`` order, computed after the rule-based steps so the
row carries their verdict: the noise rule the line falls under, the reason the layout steps
gave, and where it stands against the article span they found. Every signal is
language-agnostic (shape, position, repetition) except the function-word share, which the
rules use too.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from harvester.clean.rules import STOPWORDS
from harvester.clean.text.lines import BULLET, CJK, WORD, TextLine, is_sentence
from harvester.clean.text.span import Span
from harvester.model import Reason

REASONS = tuple(Reason)
_UPPER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
_PIPE_OR_DOT = re.compile(r"[|·•»›/]")
_URL = re.compile(r"https?://|www\.|\.com\b|@\w")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
# Neighbour offsets whose shape is part of a line's row (the line above and below, two deep).
OFFSETS = (-2, -1, 1, 2)
# How many lines either side count as the line's surroundings for the prose density.
WINDOW = 5

SHAPE = ("log_chars", "words", "stop_share", "sentence_end", "bullet", "colon_end",
         "question_end", "upper_share", "title_words", "digit_share", "punct_share",
         "separators", "url_like", "year", "copyright", "prose", "sentence", "first_upper",
         "avg_word_len")
NEIGHBOUR = ("log_chars", "stop_share", "sentence_end", "prose", "ruled", "kept",
             "same_indent")
# The words' boilerplate scores (``word_scores``) of the line and its neighbours.
LEXICAL = ("lex_mean", "lex_min", "lex_max", "lex_known", "lex_prev", "lex_next",
           "lex_specific", "lex_echo")
STRUCTURE = (SHAPE
         + tuple(f"n{o:+d}_{name}" for o in OFFSETS for name in NEIGHBOUR)
         + ("indent", "body_indent", "indent_delta", "position", "in_span", "before_span",
            "after_span", "span_position", "lines_to_span", "page_lines", "span_share",
            "repeats", "repeats_later", "short_run", "prose_around", "page_stop_share",
            "has_span", "echo_page", "echo_near", "echo_known", "cjk_share")
         + tuple(f"rule={r.value}" for r in REASONS)
         + tuple(f"verdict={r.value}" for r in REASONS)
         + ("verdict=kept",))
NAMES = STRUCTURE + LEXICAL
# Words shorter than this say little about a line's topic ("of", "le", "im").
TOPIC_MIN = 3


def shape(line: TextLine) -> list[float]:
    """The line's own shape, whatever stands around it."""
    text, p = line.text, line.profile
    letters = _UPPER.findall(text)
    tokens = text.split()
    chars = len(text)
    return [
        math.log1p(chars), float(p.words), p.stop_share, float(p.sentence_end), float(p.bullet),
        float(text.endswith(":")), float(text.endswith("?")),
        sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
        sum(t[:1].isupper() for t in tokens) / len(tokens) if tokens else 0.0,
        len(_DIGIT.findall(text)) / chars, len(_PUNCT.findall(text)) / chars,
        float(len(_PIPE_OR_DOT.findall(text))), float(bool(_URL.search(text))),
        float(bool(_YEAR.search(text))), float(bool(_COPYRIGHT.search(text))),
        float(line.prose), float(is_sentence(p, False)), float(text[:1].isupper()),
        sum(map(len, tokens)) / len(tokens) if tokens else 0.0,
    ]


def _neighbour(line: TextLine | None, indent: int) -> list[float]:
    if line is None:
        return [-1.0] * len(NEIGHBOUR)
    return [math.log1p(len(line.text)), line.profile.stop_share, float(line.profile.sentence_end),
            float(line.prose), float(line.rule is not None), float(line.reason is None),
            float(line.indent == indent)]


def _bare(text: str) -> str:
    return BULLET.sub("", text).strip().lower()


def _short_runs(lines: list[TextLine]) -> list[int]:
    """Per line, the length of the run of non-prose lines it stands in (0 for prose)."""
    runs = [0] * len(lines)
    i = 0
    while i < len(lines):
        if lines[i].prose:
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].prose:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j
    return runs


def rows(lines: list[TextLine], span: Span | None, scores: dict[str, float]) -> list[list[float]]:
    """A row of ``NAMES`` features per line, the rule-based verdicts already in ``reason``;
    ``scores`` are the words' boilerplate scores."""
    texts = [line.text for line in lines]
    topics = [topic_words(text) for text in texts]  # read by both echo features
    lexical = word_features(texts, scores, [ln.prose for ln in lines], topics)
    return [row + lex for row, lex in zip(structure(lines, span, topics), lexical)]


def words(text: str) -> set[str]:
    """The distinct lower-cased words of a line (letters only, two or more)."""
    return set(WORD.findall(text.lower()))


def word_features(texts: list[str], scores: dict[str, float], prose: list[bool],
                  topics: list[set[str]] | None = None) -> list[list[float]]:
    """Per line, the ``LEXICAL`` features: how boilerplate-like its words are (a word's score
    is its log-odds of standing in boilerplate rather than article lines in training; unknown
    words count 0), the same mean for the lines above and below, and ``specific_echoes``."""
    own = []
    for text in texts:
        distinct = words(text)
        known = [scores[w] for w in distinct if w in scores]
        total = len(distinct)
        own.append([sum(known) / len(known) if known else 0.0, min(known, default=0.0),
                    max(known, default=0.0), len(known) / total if total else 0.0])
    out = []
    for i, values in enumerate(own):
        prev = own[i - 1][0] if i > 0 else 0.0
        nxt = own[i + 1][0] if i + 1 < len(own) else 0.0
        out.append(values + [prev, nxt])
    if topics is None:
        topics = [topic_words(text) for text in texts]
    return [row + echo for row, echo in zip(out, specific_echoes(topics, scores, prose))]


def specific_echoes(topics: list[set[str]], scores: dict[str, float],
                    prose: list[bool]) -> list[list[float]]:
    """Per line (``topics``: each line's ``topic_words``), the share of its topic words that
    are specific (not boilerplate-leaning in ``scores``: unknown, or seen more in article
    lines) and the share of those the page's other prose lines repeat (-1 without any). A
    subheading repeats its article's own words; an ad slot or a sign-up line ("Ad Feedback",
    "Get the app") is made of chrome's common words, which the plain echo counts as soon as
    the story uses them."""
    lines_with: dict[str, int] = {}
    for own, is_prose in zip(topics, prose):
        if is_prose:
            for word in own:
                lines_with[word] = lines_with.get(word, 0) + 1
    out = []
    for own, is_prose in zip(topics, prose):
        specific = [w for w in own if scores.get(w, 0.0) <= 0.0]
        itself = 1 if is_prose else 0
        echoed = sum(lines_with.get(w, 0) > itself for w in specific)
        out.append([len(specific) / len(own) if own else 0.0,
                    echoed / len(specific) if specific else -1.0])
    return out


def topic_words(text: str) -> set[str]:
    """The words a line shares with its article when it is about the same thing: lower-cased,
    no function words; in CJK script, pairs of characters (it writes no spaces)."""
    found = {w for w in WORD.findall(text.lower())
             if len(w) >= TOPIC_MIN and w not in STOPWORDS and not CJK.search(w)}
    cjk = "".join(CJK.findall(text))
    return found | {cjk[k:k + 2] for k in range(len(cjk) - 1)}


def echoes(lines: list[TextLine], topics: list[set[str]] | None = None) -> list[list[float]]:
    """Per line, how much of its topic words the page's prose repeats: the share found in
    other prose lines of the page, the share found in prose within ``WINDOW`` lines, and
    whether it has any. A subheading or list item shares words with the article around it;
    an ad slot, a sign-up box or a teaser for another story does not, in any vocabulary."""
    if topics is None:
        topics = [topic_words(ln.text) for ln in lines]
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.prose:
            for word in topics[i]:
                where.setdefault(word, []).append(i)
    out = []
    for i, own in enumerate(topics):
        if not own:
            out.append([0.0, 0.0, 0.0])
            continue
        itself = 1 if lines[i].prose else 0  # a prose line is among its own words' places
        page = near = 0
        for word in own:
            places = where.get(word, ())  # ascending line numbers
            page += len(places) > itself
            near += bisect_right(places, i + WINDOW) - bisect_left(places, i - WINDOW) > itself
        out.append([page / len(own), near / len(own), 1.0])
    return out


def structure(lines: list[TextLine], span: Span | None,
              topics: list[set[str]] | None = None) -> list[list[float]]:
    """The ``STRUCTURE`` features of each line."""
    n = len(lines)
    shapes = [shape(line) for line in lines]
    start, end, indent = (span.start, span.end, span.body_indent) if span else (0, 0, -1)
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = _bare(line.text)
        counts[key] = counts.get(key, 0) + 1
        last[key] = i
    runs = _short_runs(lines)
    prose_chars = [len(ln.text) if ln.prose else 0 for ln in lines]
    long = [ln.profile.stop_share for ln in lines if ln.profile.words >= 8]
    page_stops = sum(long) / len(long) if long else 0.0
    reason_index = {r: k for k, r in enumerate(REASONS)}
    echo = echoes(lines, topics)
    out = []
    for i, line in enumerate(lines):
        row = list(shapes[i])
        for offset in OFFSETS:
            j = i + offset
            row += _neighbour(lines[j] if 0 <= j < n else None, line.indent)
        key = _bare(line.text)
        to_span = start - i if i < start else (i - end + 1 if i >= end else 0)
        around = sum(prose_chars[max(0, i - WINDOW):i + WINDOW + 1]) - prose_chars[i]
        row += [float(line.indent), float(indent), float(line.indent - indent), i / n,
                float(start <= i < end), float(i < start), float(i >= end),
                (i - start) / (end - start) if end > start else -1.0, float(to_span),
                math.log1p(n), (end - start) / n, float(counts[key]), float(last[key] > i),
                float(runs[i]), math.log1p(around), page_stops, float(span is not None),
                *echo[i], len(CJK.findall(line.text)) / len(line.text)]
        onehot = [0.0] * (2 * len(REASONS) + 1)
        if line.rule is not None:
            onehot[reason_index[Reason(line.rule)]] = 1.0
        if line.reason is None:
            onehot[-1] = 1.0
        else:
            onehot[len(REASONS) + reason_index[Reason(line.reason)]] = 1.0
        out.append(row + onehot)
    return out
