"""Where the article stands among the page's lines: the run of lines densest in prose.

``find_article`` scores each line (positive for prose, negative for chrome), takes the best
run, re-scores it with the indentation its prose shares, and joins heavy runs beside it;
``find_lead`` moves its start up to a lead paragraph under the headline that a table of
contents or a share bar cut off; ``extend_list`` carries its end over a list its last line
introduces.
"""

from __future__ import annotations

from dataclasses import dataclass

from harvester.clean import meta
from harvester.clean.text.contents import contents_above
from harvester.clean.text.header_shapes import is_title
from harvester.clean.text.lines import BULLET, TextLine, is_prose, is_sentence

# A prose line counts by its characters, capped so one huge line (a cookie notice, a comment
# wall) does not outweigh a run of ordinary paragraphs. Tuned on the dev set's even pages.
PROSE_CAP = 400
# What one short non-prose line costs: an article keeps a few headings or short lines between
# paragraphs, but a menu of many short lines should split runs. Tuned on the dev set.
CHROME_PENALTY = 50
# A short sentence-like line at the body's depth is more likely article than chrome (seed 004's
# closing credit line); slightly positive, so it joins a run it touches.
SENTENCE_SCORE = 5.0
# A rendering of HTML indents each nested block, so the body's paragraphs share one indent;
# prose at another depth (teasers, comments, boxes) is less likely article. Tuned on the dev
# set's even pages; pages saved without indentation are all "aligned" and unaffected.
OFF_INDENT_WEIGHT = 0.5
ALIGNED_SHORT_WEIGHT = 0.5
# A second run of prose counts as part of the article when it weighs at least this share of
# the main run: articles split by a gallery, a quote box or an ad block on the dev set's pages.
SECOND_RUN_SHARE = 0.15
# How far above the body's first paragraph its lead may stand: a table of contents, a share
# bar, a caption or a "reading time" line come between them on the dev set's pages (the TOCs
# of guide pages run to 10-15 entries). Of 8, 12 and 16, the best on the dev set's even pages
# and on its odd pages.
LEAD_GAP = 16
# How far above the lead its headline may stand: author, date and reading-time lines between
# (dev set: up to 4, e.g. headline, authors, "Hace 13 horas", reading time, caption).
HEADLINE_GAP = 5

@dataclass(frozen=True)
class Span:
    """The article's lines ``start:end`` and the indentation its paragraphs share."""

    start: int
    end: int
    body_indent: int

def prose_scores(lines: list[TextLine], check_stops: bool,
                 body_indent: int | None = None) -> list[float]:
    """Per line: positive for prose (its length), negative for chrome, 0 for rule noise.

    Given the body's indentation, lines at another depth (another container) count less.
    """
    scores = []
    for line in lines:
        aligned = body_indent is None or line.indent == body_indent
        if line.reason:
            scores.append(0.0)
        elif is_prose(line.profile, check_stops):
            scores.append(min(len(line.text), PROSE_CAP) * (1.0 if aligned else OFF_INDENT_WEIGHT))
        elif is_sentence(line.profile, check_stops) and aligned:
            scores.append(SENTENCE_SCORE)
        else:
            scores.append(-CHROME_PENALTY * (ALIGNED_SHORT_WEIGHT if aligned else 1.0))
    return scores

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

def find_article(lines: list[TextLine], check_stops: bool) -> Span | None:
    """The article: densest prose run, then re-scored with the indentation its prose shares."""
    span = article_span(prose_scores(lines, check_stops))
    if not span:
        return None
    body_indent = dominant_indent(lines, *span)
    scores = prose_scores(lines, check_stops, body_indent)
    start, end = article_span(scores) or span
    start, end = join_runs(scores, start, end)
    end = trim_end(lines, scores, start, end, body_indent)
    return Span(start, end, body_indent)

def trim_end(lines: list[TextLine], scores: list[float], start: int, end: int,
             body_indent: int) -> int:
    """End the span on prose at the body's indentation: a run that reaches into an author box
    or a teaser below the body does so at another depth."""
    while end > start and lines[end - 1].indent < body_indent and scores[end - 1] > 0:
        end -= 1
    return end

def join_runs(scores: list[float], start: int, end: int) -> tuple[int, int]:
    """Widen ``(start, end)`` over heavy prose runs before and after it."""
    best = sum(scores[start:end])
    while True:
        after = article_span(scores[end:])
        before = article_span(scores[:start])
        grown = False
        if after and sum(scores[end + after[0]:end + after[1]]) >= SECOND_RUN_SHARE * best:
            end, grown = end + after[1], True
        if before and sum(scores[before[0]:before[1]]) >= SECOND_RUN_SHARE * best:
            start, grown = before[0], True
        if not grown:
            return start, end

def dominant_indent(lines: list[TextLine], start: int, end: int) -> int:
    """The indentation carrying most prose characters in the span."""
    weight: dict[int, int] = {}
    for line in lines[start:end]:
        if line.prose:
            weight[line.indent] = weight.get(line.indent, 0) + len(line.text)
    return max(weight, key=weight.get) if weight else lines[start].indent

def find_lead(lines: list[TextLine], start: int) -> int:
    """Move the start up to the article's lead: a paragraph right under a headline, cut off
    from the body by a few short lines (a table of contents, a share bar, a caption), which
    weighs too little to join the body on its own (one paragraph against a long article is
    below ``SECOND_RUN_SHARE``). On the dev set it recovers more article segments than it
    adds boilerplate, and finds the headline more often. Above a table of contents of the
    body's own subheadings, every paragraph of the lead is the article's, however long the
    table."""
    toc = contents_above(lines, start)
    if toc:
        top = toc.start
        while top > 0 and lines[top - 1].prose and not lines[top - 1].reason:
            top -= 1
        return top
    i = start - 1
    while i >= 0 and start - i <= LEAD_GAP and (lines[i].reason or not lines[i].prose):
        i -= 1
    if i < 0 or start - i > LEAD_GAP or i == start - 1:
        return start
    for j in range(i - 1, max(-1, i - 1 - HEADLINE_GAP), -1):
        if lines[j].reason:
            continue
        if lines[j].prose:
            return start
        if (lines[j].profile.words >= 3 and is_title(lines[j].text)
                and meta.parse_byline(lines[j].text) is None):
            return i
    return start

def introduced_list(lines: list[TextLine], i: int) -> range:
    """The lines of a list that line ``i`` introduces with a colon ("Zutaten:", "Steps:"):
    the following lines nested deeper or bulleted. Empty if line ``i`` introduces none."""
    if not lines[i].text.endswith(":"):
        return range(i + 1, i + 1)
    j = i + 1
    while j < len(lines) and (lines[j].indent > lines[i].indent or BULLET.match(lines[j].text)):
        j += 1
    return range(i + 1, j)

def extend_list(lines: list[TextLine], end: int) -> int:
    """Extend the article over a list its last line introduces (a run stops at short lines)."""
    last = next((i for i in range(end - 1, -1, -1) if not lines[i].reason), None)
    if last is None:
        return end
    return max(end, introduced_list(lines, last).stop)
