"""The line classifier: finds the article in a page's visible text.

A page saved as text is the article between the site's chrome: menus and banners above,
teasers, comments and footers below, ad labels and share bars inside. The steps:

1. ``split_lines``: the non-empty lines, stripped, with their indentation (a text rendering of
   HTML indents nested blocks, so lines of one container share an indent).
2. ``rule_reasons``: the noise rules of ``rules.py``, which hold wherever a line stands;
   then ``mark_boilerplate``: the lines the site repeats across its pages.
3. ``prose_scores`` and ``article_span``: the run of lines densest in prose; ``find_lead``
   moves its start up to a lead paragraph under the headline that a table of contents or a
   share bar cut off.
4. ``read_header``: headline, standfirst, byline and captions just above the body go to
   metadata.
5. ``mark_outside`` and ``mark_inside``: lines before and after the article, and chrome inside.
6. ``build_document``: kept lines joined by one blank line, tags from hashtag lines.

With ``extracted=True`` (the text is already an extractor's main text) only steps 1, 2 and 6
run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvester.clean import meta, rules
from harvester.model import Document, Line


def clean_text(text: str, *, boilerplate=None, extracted: bool = False) -> Document:
    """Classify every line of ``text`` and return the article with its metadata."""
    indents, texts = split_lines(text)
    reasons = rule_reasons(texts, page=not extracted)
    # Before the layout steps: a line the site prints on every page is not this page's
    # headline or byline, and should not pull the article span towards it.
    mark_boilerplate(texts, reasons, boilerplate)
    fields: dict = {}
    if not extracted:
        profiles = [profile(t) for t in texts]
        check_stops = uses_stopwords(profiles)
        span = find_article(texts, profiles, indents, reasons, check_stops)
        if span:
            start, end, body_indent = span
            end = extend_list(texts, indents, reasons, end)
            start = find_lead(texts, profiles, reasons, start)
            fields, start = read_header(texts, reasons, start)
            mark_outside(texts, reasons, start, end)
            mark_inside(texts, profiles, indents, reasons, start, end, body_indent)
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

def rule_reasons(texts: list[str], page: bool = True) -> list[str | None]:
    """The noise rule each line falls under, or None."""
    return [rules.noise_reason(t, page=page) for t in texts]


# --- 3. the article span -----------------------------------------------------------------------

# A list bullet as inscriptis and browsers render <li>: "* ", "+ ", "o ", "- ", "• ", "1. ".
BULLET = re.compile(r"^([*+\-•·▪◦o]|\d{1,2}[.)])\s+")
# Sentence punctuation: a line of prose ends a sentence or a quotation (Latin, CJK).
SENTENCE_END = re.compile(r"[.!?…:;\"”“»«'’)\]。！？」』]$")
# A word has a letter; URLs and paths (rendered link targets, image URLs) are not words.
LETTER = re.compile(r"[^\W\d_]")
URL_LIKE = re.compile(r"://|^www\.|/\S*/")
# CJK script, whose prose has no spaces: two characters stand in for a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Profile:
    """What the classifier reads off one line."""

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


# Running text on the dev set has 25-45% function words; lists of names, tags and product
# specs under 10%. 0.1 keeps terse prose (headlines-style news sentences) in.
MIN_STOP_SHARE = 0.1


def is_sentence(p: Profile, check_stops: bool = True) -> bool:
    """A short line that still reads as a sentence (a credit line, a one-line paragraph)."""
    return p.words >= 5 and (p.sentence_end or not check_stops or p.stop_share >= 0.25)


def uses_stopwords(profiles: list[Profile]) -> bool:
    """Whether the page is in a language of ``rules.STOPWORDS``: its long lines have them."""
    long = [p for p in profiles if p.words >= 8]
    return bool(long) and sum(p.stop_share for p in long) / len(long) >= 0.08


def prose_scores(texts: list[str], profiles: list[Profile], reasons: list[str | None],
                 check_stops: bool, indents: list[int] | None = None,
                 body_indent: int | None = None) -> list[float]:
    """Per line: positive for prose (its length), negative for chrome, 0 for rule noise.

    Given the body's indentation, lines at another depth (another container) count less.
    """
    scores = []
    for i, (line, p, reason) in enumerate(zip(texts, profiles, reasons)):
        aligned = body_indent is None or indents[i] == body_indent
        if reason:
            scores.append(0.0)
        elif is_prose(p, check_stops):
            scores.append(min(len(line), PROSE_CAP) * (1.0 if aligned else OFF_INDENT_WEIGHT))
        elif is_sentence(p, check_stops) and aligned:
            scores.append(SENTENCE_SCORE)
        else:
            scores.append(-CHROME_PENALTY * (ALIGNED_SHORT_WEIGHT if aligned else 1.0))
    return scores


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


def find_article(texts, profiles, indents, reasons, check_stops):
    """``(start, end, body_indent)`` of the article: densest prose run, then re-scored with
    the indentation its prose shares."""
    span = article_span(prose_scores(texts, profiles, reasons, check_stops))
    if not span:
        return None
    body_indent = dominant_indent(texts, profiles, indents, *span)
    scores = prose_scores(texts, profiles, reasons, check_stops, indents, body_indent)
    start, end = article_span(scores) or span
    start, end = join_runs(scores, start, end)
    start, end = trim_edges(indents, scores, start, end, body_indent)
    return start, end, body_indent


def trim_edges(indents: list[int], scores: list[float], start: int, end: int,
               body_indent: int) -> tuple[int, int]:
    """Narrow the span to begin and end on prose at the body's indentation: a run that
    reaches into an author box or a teaser above or below the body does so at another depth."""
    while end > start and indents[end - 1] < body_indent and scores[end - 1] > 0:
        end -= 1
    return start, end


# A second run of prose counts as part of the article when it weighs at least this share of
# the main run: articles split by a gallery, a quote box or an ad block on the dev set's pages.
SECOND_RUN_SHARE = 0.15


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


# How far above the body's first paragraph its lead may stand: a table of contents, a share
# bar, a caption or a "reading time" line come between them on the dev set's pages (the TOCs
# of guide pages run to 10-15 entries). Tuned on the dev set's even pages: of 8, 12 and 16,
# 16 scored best there and on the odd pages.
LEAD_GAP = 16
# How far above the lead its headline may stand: author, date and reading-time lines between
# (dev set: up to 4, e.g. headline, authors, "Hace 13 horas", reading time, caption).
HEADLINE_GAP = 5


def find_lead(texts, profiles, reasons, start: int) -> int:
    """Move the start up to the article's lead: a paragraph right under a headline, cut off
    from the body by a few short lines (a table of contents, a share bar, a caption), which
    weighs too little to join the body on its own (one paragraph against a long article is
    below ``SECOND_RUN_SHARE``). On the dev set (text mode) this recovered 12 annotated
    segments for 5 false positives; it also finds the headline more often."""
    i = start - 1
    while i >= 0 and start - i <= LEAD_GAP and (reasons[i] or not is_prose(profiles[i], False)):
        i -= 1
    if i < 0 or start - i > LEAD_GAP or i == start - 1:
        return start
    for j in range(i - 1, max(-1, i - 1 - HEADLINE_GAP), -1):
        if reasons[j]:
            continue
        if is_prose(profiles[j], False):
            return start
        if profiles[j].words >= 3 and is_title(texts[j]) and meta.parse_byline(texts[j]) is None:
            return i
    return start


def introduced_list(texts: list[str], indents: list[int], i: int) -> range:
    """The lines of a list that line ``i`` introduces with a colon ("Zutaten:", "Steps:"):
    the following lines nested deeper or bulleted. Empty if line ``i`` introduces none."""
    if not texts[i].endswith(":"):
        return range(i + 1, i + 1)
    j = i + 1
    while j < len(texts) and (indents[j] > indents[i] or BULLET.match(texts[j])):
        j += 1
    return range(i + 1, j)


def extend_list(texts: list[str], indents: list[int], reasons: list[str | None], end: int) -> int:
    """Extend the article over a list its last line introduces (a run stops at short lines)."""
    last = next((i for i in range(end - 1, -1, -1) if not reasons[i]), None)
    if last is None:
        return end
    return max(end, introduced_list(texts, indents, last).stop)


def dominant_indent(texts, profiles, indents, start: int, end: int) -> int:
    """The indentation carrying most prose characters in the span."""
    weight: dict[int, int] = {}
    for i in range(start, end):
        if is_prose(profiles[i], False):
            weight[indents[i]] = weight.get(indents[i], 0) + len(texts[i])
    return max(weight, key=weight.get) if weight else indents[start]


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
    if (byline_at is not None and len(above) > 1 and _is_standfirst(texts[above[0]])
            and is_title(texts[above[1]])):
        fields["description"] = texts[above[0]]
        if is_dek(texts[above[0]]):
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
    """A summary under the headline: a sentence or two (seed 000's is 16 words), ending
    like a sentence unless it is too long to be a headline."""
    words = word_count(line)
    return 6 <= words <= 80 and (line.endswith((".", "!", "?", "…")) or words > 25)


# A sentence ends and the next begins: "... Stromertrag. Das Gewicht ...".
SENTENCE_BREAK = re.compile(r"[.!?…][\"”“»«'’)]*\s+[\"„“«»(]*[A-ZÀ-ÖØ-ÞĀ-Ž0-9]")


def is_dek(line: str) -> bool:
    """A one-sentence summary under the headline (seed 000's standfirst): a subtitle, kept as
    the description only. A summary of two sentences or more is the article's lead paragraph
    (German news sites' "Vorspann"): the dev set annotates such leads as article text, and
    keeping them in the text recovered 15 of the 19 annotated segments the standfirst step
    cost (text mode, all pages; no false positive added)."""
    return not SENTENCE_BREAK.search(line)


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


def mark_inside(texts: list[str], profiles: list[Profile], indents: list[int],
                reasons: list[str | None], start: int, end: int, body_indent: int) -> None:
    """Inside the article: a comment section ends it; short lines nested apart from the body,
    stray fragments, teasers and runs of menu lines are chrome. Lists the text introduces
    with a colon are kept."""
    cut = comments_start(texts, profiles, reasons, start, end)
    for j in range(cut, end):
        reasons[j] = reasons[j] or "comments"
    listed = {j for i in range(start, cut) if not reasons[i]
              for j in introduced_list(texts, indents, i)}
    for i in range(start, cut):
        if not reasons[i] and i not in listed:
            reasons[i] = inside_reason(texts, profiles, indents, reasons, i, cut, body_indent)
    mark_teasers(profiles, reasons, start, cut)
    mark_menus(texts, profiles, reasons, start, cut, listed)


def inside_reason(texts, profiles, indents, reasons, i: int, end: int, body_indent: int):
    """Why a line inside the span is chrome by itself, or None."""
    if (indents[i] != body_indent and not is_prose(profiles[i], False)
            and not heads_body(texts, profiles, indents, reasons, i, end, body_indent)):
        return "aside"
    if is_stray(profiles, reasons, i, end):
        return "fragment"
    if rules.is_caption(texts[i]):
        # A picture's caption between paragraphs: it starts or ends with a credit ("Foto: X",
        # "© AFP / X", "(Foto: Getty)"). On the dev set (text mode) this removed 11 annotated
        # boilerplate segments, on even and odd pages alike, for one lost body segment.
        return "caption"
    if profiles[i].words <= 12 and meta.parse_byline(texts[i]):
        return "byline"  # a date or name-and-date line: posts, comments, updates
    return None


def heads_body(texts, profiles, indents, reasons, i: int, end: int, body_indent: int) -> bool:
    """A subheading of the article: a title-like line whose next kept line is a paragraph at
    the body's indentation. Renderings often indent an article's <h2>/<h3> (or a question of
    an interview) apart from its paragraphs; a box's heading over its own teaser text is
    followed by prose at the box's depth instead. Dev set, text mode: +6 annotated body
    segments for +3 false positives, once captions and deeper-indented lines were excluded."""
    # Captions sit deeper than the body (a <figcaption> inside a <figure>) and are not headings;
    # headings sit shallower (an <h2> beside the <p>s' wrapper) or ask a question (interviews).
    if not is_heading(texts[i], profiles[i]) or rules.is_caption(texts[i]):
        return False
    if indents[i] > body_indent and not texts[i].endswith("?"):
        return False
    before = next((j for j in range(i - 1, -1, -1) if not reasons[j]), None)
    nxt = next((j for j in range(i + 1, end) if not reasons[j]), None)
    return (before is not None and is_prose(profiles[before], False) and nxt is not None
            and indents[nxt] == body_indent and is_prose(profiles[nxt], False))


def is_heading(line: str, p: Profile) -> bool:
    """A subheading's shape: a few words, no date (date lines are bylines and post meta), not
    ending like a sentence or introducing something with a colon (on the dev set, lines ending
    with a colon before body prose were share-bar and contact labels more often than headings)."""
    return (2 <= p.words <= HEADING_MAX_WORDS and not line.endswith((":", "."))
            and meta.find_date(line) is None)


# Shorter than a headline (``is_title`` allows 25): a long title-like line between paragraphs
# is more often a teaser than a subheading. Not tuned; the gain comes from the layout test.
HEADING_MAX_WORDS = 15


def mark_menus(texts, profiles, reasons, start: int, end: int, listed: set[int]) -> None:
    """Runs of short lines that are not a data list (ingredients, code) are menus."""
    for run_start, run_end in short_runs(profiles, reasons, start, end):
        run = [j for j in range(run_start, run_end) if reasons[j] is None]
        if len(run) >= MENU_RUN and not is_data_list([texts[j] for j in run]):
            for j in run:
                if j not in listed:
                    reasons[j] = "navigation"


def comments_start(texts: list[str], profiles: list[Profile], reasons: list[str | None],
                   start: int, end: int) -> int:
    """Where a comment section opens inside the span (``end`` if none).

    A comment counter ("0 Comments", "1 Kommentar") also stands in the header of many dev-set
    pages; a heading only opens the comments when more prose precedes it than follows it.
    """
    weight = [len(texts[i]) if not reasons[i] and is_prose(profiles[i], False) else 0
              for i in range(start, end)]
    total, before = sum(weight), 0
    for i in range(start, end):
        if not reasons[i] and rules.COMMENTS_HEAD.search(texts[i]) and before >= total - before:
            return i
        before += weight[i - start]
    return end


def mark_teasers(profiles: list[Profile], reasons: list[str | None], start: int, end: int) -> None:
    """The short lines under a "Related"/"Also read" heading are the teasers it announces,
    up to the next paragraph of prose."""
    teasing = False
    for i in range(start, end):
        if reasons[i] in ("also-read", "related"):
            teasing = True
        elif is_prose(profiles[i], False):
            teasing = False
        elif teasing and not reasons[i]:
            reasons[i] = "related"


def is_stray(profiles: list[Profile], reasons: list[str | None], i: int, end: int) -> bool:
    """A short line that is neither a sentence nor a heading over the next paragraph."""
    if is_prose(profiles[i], False) or is_sentence(profiles[i], False):
        return False
    nxt = next((j for j in range(i + 1, end) if not reasons[j]), None)
    return nxt is None or not is_prose(profiles[nxt], False)


# Inside an article, headings and short lines come one or two at a time; three or more short
# lines in a row are a menu, a tag list or a widget on the dev set's pages.
MENU_RUN = 3


# Quantities, code and figures: "6 mittelgroße Eier", "filename=$1", "Erwachsene: 3 €".
DATA_LIKE = re.compile(r"\d|[=$;{}<>]")


def is_data_list(lines: list[str]) -> bool:
    """A run of short lines that lists data (ingredients, code, results), not links: on the
    dev set most lines of such lists carry digits or code symbols, menus' lines rarely do."""
    return sum(bool(DATA_LIKE.search(line)) for line in lines) >= DATA_LIST_SHARE * len(lines)


# Share of data-like lines that makes a run a data list; tuned on the dev set's even pages.
DATA_LIST_SHARE = 0.5


def short_runs(profiles, reasons, start, end):
    """(start, end) of each run of consecutive non-prose lines (rule noise does not break one)."""
    runs, run_start = [], None
    for i in range(start, end + 1):
        short = i < end and (reasons[i] is not None or not is_prose(profiles[i], False))
        if short and run_start is None:
            run_start = i
        elif not short and run_start is not None:
            runs.append((run_start, i))
            run_start = None
    return runs


# --- site-wide boilerplate (step 2) and the document (step 6) ---------------------------------------------------

def mark_boilerplate(texts: list[str], reasons: list[str | None], boilerplate) -> None:
    """Lines the site repeats across its pages, as ``boilerplate`` (learned per site from other
    documents) knows them. Only lines still kept are asked about; a line's repeats within this
    page play no part here."""
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
