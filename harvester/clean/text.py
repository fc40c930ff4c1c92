"""The line classifier: finds the article in a page's visible text.

A page saved as text is the article between the site's chrome: menus and banners above,
teasers, comments and footers below, ad labels and share bars inside. The steps:

1. ``split_lines``: the non-empty lines, stripped, with their indentation (a text rendering of
   HTML indents nested blocks, so lines of one container share an indent).
2. ``rule_reasons``: the noise rules of ``rules.py``, which hold wherever a line stands.
3. ``prose_scores`` and ``article_span``: the run of lines densest in prose.
4. ``read_header``: headline, standfirst, byline and captions just above the body go to
   metadata.
5. ``mark_outside`` and ``mark_inside``: lines before and after the article, and chrome inside.
6. site-wide boilerplate, then ``build_document``.

With ``extracted=True`` (the text is already an extractor's main text) only steps 2 and 6 run.
"""

from __future__ import annotations

import re

from harvester.clean import meta, rules
from harvester.model import Document, Line


def clean_text(text: str, *, boilerplate=None, extracted: bool = False) -> Document:
    """Classify every line of ``text`` and return the article with its metadata."""
    indents, texts = split_lines(text)
    reasons = rule_reasons(texts)
    fields: dict = {}
    if not extracted:
        span = article_span(prose_scores(texts, reasons))
        if span:
            start, end = span
            fields, start = read_header(texts, reasons, start)
            mark_outside(texts, reasons, start, end)
            mark_inside(texts, indents, reasons, start, end)
    mark_boilerplate(texts, reasons, boilerplate)
    return build_document(texts, reasons, fields)


# --- 1. lines ---------------------------------------------------------------------------------

def split_lines(text: str) -> tuple[list[int], list[str]]:
    """Indentation and stripped text of every non-empty line, in order."""
    indents, texts = [], []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped:
            indents.append(len(raw) - len(raw.lstrip()))
            texts.append(stripped)
    return indents, texts


# --- 2. rules ---------------------------------------------------------------------------------

def rule_reasons(texts: list[str]) -> list[str | None]:
    """The noise rule each line falls under, or None."""
    return [rules.noise_reason(t) for t in texts]


# --- 3. the article span -----------------------------------------------------------------------

# A list bullet as inscriptis and browsers render <li>: "* ", "+ ", "- ", "• ", "1. ".
BULLET = re.compile(r"^([*+\-•·▪◦]|\d{1,2}[.)])\s+")
# Sentence punctuation: a line of prose ends a sentence or a quotation (Latin, CJK).
SENTENCE_END = re.compile(r"[.!?…:;\"”“»«'’)\]。！？」』]$")
WORD = re.compile(r"\w+")
# CJK script, whose prose has no spaces: length in characters stands in for word counts.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    cjk = len(CJK.findall(line))
    return len(WORD.findall(line)) + cjk // 2


def is_prose(line: str) -> bool:
    """A line that reads as running text: several words ending a sentence, or many words.

    On the dev set's renderings, body paragraphs are long and punctuated, while menus, teasers
    and labels are short or unpunctuated: 8 words with a sentence end, or 25 without (long
    paragraphs whose punctuation was lost), separate the two best among thresholds tried.
    """
    words = word_count(line)
    if BULLET.match(line):
        words -= 2  # list items of menus are long more often than paragraphs are bulleted
    return words >= 25 or (words >= 8 and bool(SENTENCE_END.search(line)))


def prose_scores(texts: list[str], reasons: list[str | None]) -> list[float]:
    """Per line: positive for prose (its length), negative for chrome, 0 for rule noise."""
    scores = []
    for line, reason in zip(texts, reasons):
        if reason:
            scores.append(0.0)
        elif is_prose(line):
            scores.append(min(len(line), PROSE_CAP))
        else:
            scores.append(-CHROME_PENALTY)
    return scores


# A prose line counts by its characters, capped so one huge line (a cookie notice, a comment
# wall) does not outweigh a run of ordinary paragraphs. Tuned on the dev set's even pages.
PROSE_CAP = 400
# What one short non-prose line costs: an article keeps a few headings or short lines between
# paragraphs, but a menu of many short lines should split runs. Tuned on the dev set.
CHROME_PENALTY = 40


def article_span(scores: list[float]) -> tuple[int, int] | None:
    """``(start, end)`` (end exclusive) of the run of lines with the highest total score."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


# --- 4. header --------------------------------------------------------------------------------

# How far above the body's first prose line the header (headline, standfirst, byline,
# captions) may reach; the seeds need 4, news pages on the dev set up to about 8.
HEADER_REACH = 8


def read_header(texts: list[str], reasons: list[str | None], start: int) -> tuple[dict, int]:
    """Metadata from the lines above the body, marked with their reasons; the body's start."""
    fields: dict = {}
    window = range(max(0, start - HEADER_REACH), min(len(texts), start + 3))
    byline_at = next((i for i in window if not reasons[i] and meta.parse_byline(texts[i])), None)
    if byline_at is not None:
        author, date = meta.parse_byline(texts[byline_at])
        fields.update({"author": author, "date": date})
        reasons[byline_at] = "byline"
        start = max(start, _skip_captions(texts, reasons, byline_at + 1))
        top = byline_at
    else:
        top = start
    above = [i for i in range(top - 1, max(-1, top - HEADER_REACH), -1) if not reasons[i]]
    if byline_at is not None and above and _is_standfirst(texts[above[0]]):
        fields["description"] = texts[above[0]]
        reasons[above[0]] = "standfirst"
        above = above[1:]
    if above and is_title(texts[above[0]]):
        fields["title"] = texts[above[0]]
        reasons[above[0]] = "headline"
        start = min(start, above[0] + 1)
    elif byline_at is not None:
        start = min(start, byline_at + 1)
    return fields, start


def _skip_captions(texts: list[str], reasons: list[str | None], i: int) -> int:
    """Mark captions (and short name-like lines) right after a byline; the first body line."""
    while i < len(texts) and (reasons[i] or rules.is_caption(texts[i]) or meta.is_name(texts[i])):
        if not reasons[i]:
            reasons[i] = "caption"
        i += 1
    return i


def is_title(line: str) -> bool:
    """A headline: a few words, not ending like a sentence with a period.

    Headlines on the seeds and the dev set run 3 to 25 words; a final period marks prose.
    """
    words = word_count(line)
    return 2 <= words <= 25 and not line.endswith(".") and not BULLET.match(line)


def _is_standfirst(line: str) -> bool:
    """A summary under the headline: a sentence or two (seed 000's is 16 words)."""
    return 6 <= word_count(line) <= 80


# --- 5. outside and inside the article ----------------------------------------------------------

def mark_outside(texts: list[str], reasons: list[str | None], start: int, end: int) -> None:
    """Lines above the article are banners or navigation; below it, footer or related."""
    for i in range(start):
        if not reasons[i]:
            reasons[i] = "navigation" if _is_menu_item(texts[i]) else "banner"
    after = "footer"
    for i in range(end, len(texts)):
        if reasons[i] == "also-read":
            after = "related"
        elif rules.COMMENTS_HEAD.search(texts[i]):
            reasons[i], after = "comments", "comments"
        elif not reasons[i]:
            reasons[i] = after


def _is_menu_item(line: str) -> bool:
    return bool(BULLET.match(line)) or word_count(line) <= 4


def mark_inside(texts: list[str], indents: list[int], reasons: list[str | None],
                start: int, end: int) -> None:
    """Inside the article: a comment section ends it; captions stand beside pictures."""
    for i in range(start, end):
        if reasons[i]:
            continue
        if rules.COMMENTS_HEAD.search(texts[i]):
            for j in range(i, end):
                reasons[j] = reasons[j] or "comments"
            return


# --- 6. site-wide boilerplate and the document ---------------------------------------------------

def mark_boilerplate(texts: list[str], reasons: list[str | None], boilerplate) -> None:
    """Lines the site repeats across its pages; never for a line repeated within this page."""
    if boilerplate is None:
        return
    for i, line in enumerate(texts):
        if not reasons[i] and boilerplate.is_boilerplate(line):
            reasons[i] = "site-boilerplate"


def collect_tags(texts: list[str], reasons: list[str | None]) -> list[str]:
    """Tags of the hashtag lines, in order of first appearance, without repeats."""
    tags: list[str] = []
    for line, reason in zip(texts, reasons):
        if reason == "hashtags":
            tags.extend(t for t in rules.hashtags(line) if t not in tags)
    return tags


def build_document(texts: list[str], reasons: list[str | None], fields: dict) -> Document:
    lines = [Line(t, r) for t, r in zip(texts, reasons)]
    body = "\n\n".join(t for t, r in zip(texts, reasons) if r is None)
    return Document(text=body, source="", tags=collect_tags(texts, reasons),
                    lines=lines, **fields)
