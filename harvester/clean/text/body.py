"""Verdicts around and inside the article span: banners above, footers below, chrome within.

Inside the body, short lines nested apart from it, stray fragments, captions, teasers and runs
of menu lines are chrome; lists the text introduces with a colon, tables, and short lines
enclosed by the body's prose (subheadings, list items, score lines, one-line quotes) are kept.
"""

from __future__ import annotations

import re

from harvester.clean import meta, rules
from harvester.clean.text.contents import CONTENTS_HEAD, entries_within, headed_entries
from harvester.clean.text.lines import BULLET, TextLine, is_sentence, next_kept, previous_kept
from harvester.clean.text.span import Span, introduced_list
from harvester.model import Reason

# Shorter than a headline (``is_title`` allows 25): a long title-like line between paragraphs
# is more often a teaser than a subheading. Not tuned; the gain comes from the layout test.
HEADING_MAX_WORDS = 15
# Inside an article, headings and short lines come one or two at a time; three or more short
# lines in a row are a menu, a tag list or a widget on the dev set's pages.
MENU_RUN = 3
# Quantities, code and figures: "6 mittelgroße Eier", "filename=$1", "Erwachsene: 3 €".
DATA_LIKE = re.compile(r"\d|[=$;{}<>]")
# Share of data-like lines that makes a run a data list; tuned on the dev set's even pages.
DATA_LIST_SHARE = 0.5
# The layout verdicts a short line between two of the body's paragraphs is spared from (rule
# noise such as ad labels or share bars stays removed wherever it stands).
SPARED = frozenset({Reason.FRAGMENT, Reason.NAVIGATION, Reason.RELATED, Reason.ASIDE})
# Rules whose words an article may be about: their lines inside the body can be its prose.
TOPIC_RULES = frozenset({Reason.COOKIE_NOTICE})
# The longest run of short lines spared between paragraphs: a list or a few subheading lines;
# longer runs are menus or widgets set into the text.
ENCLOSED_MAX_RUN = 15
# A news story's own closing credit: agencies and reporters who contributed ("Reuters
# contributed to this report", "Additional reporting by X", "Mit Material von dpa").
ARTICLE_CREDIT = re.compile(
    r"\bcontributed\s+(to\s+)?(this|the)\s+(report|story|article)|^\W*(additional\s+)?"
    r"reporting\s+by\b|^\W*(mit\s+material\s+von|avec\s+(l')?afp|con\s+informaci[oó]n\s+de)\b",
    re.IGNORECASE)
# A table rendered as text (inscriptis, a browser's copy): its cells apart by a tab or a run
# of spaces. Two such rows in a row inside the article are a table of its own (results, a
# comparison, a price list), not an aside; a menu rendered this way is one row.
TABLE_GAP = re.compile(r"\S(\t|\s{3,})\S")


def mark_outside(lines: list[TextLine], span: Span) -> None:
    """Lines above the article are banners or navigation; below it, footer or related."""
    for line in lines[:span.start]:
        if not line.reason:
            line.reason = Reason.NAVIGATION if _is_menu_item(line) else Reason.BANNER
    after = Reason.FOOTER
    # The story's closing credit may follow its last paragraph ("Mit Material von dpa"), too
    # short to be part of the prose run; only rule noise may stand between them.
    first = True
    for line in lines[span.end:]:
        if first and not line.reason and ARTICLE_CREDIT.search(line.text):
            first = False
            continue
        if line.reason == Reason.ALSO_READ:
            after = Reason.RELATED
        elif not line.reason:
            line.reason = after
        first = first and line.rule is not None


def _is_menu_item(line: TextLine) -> bool:
    return bool(BULLET.match(line.text)) or line.profile.words <= 4


def mark_inside(lines: list[TextLine], span: Span, contents: frozenset[int]) -> None:
    """Judge the kept lines inside the span by their layout (``contents``: the lines of its
    tables of contents, ``contents_entries``)."""
    start, end, body_indent = span.start, span.end, span.body_indent
    for i in contents:
        if start <= i < end and lines[i].kept:
            lines[i].reason = Reason.NAVIGATION  # the article's table of contents
    listed = {j for i in range(start, end) if not lines[i].reason
              for j in introduced_list(lines, i)}
    listed |= {i for i in range(start, end) if lines[i].table_row}
    for i in spaced_table_rows(lines, start, end):
        lines[i].spaced_row = True  # kept whole, and by the line model too
        listed.add(i)
    for i in range(start, end):
        if not lines[i].reason and i not in listed:
            lines[i].reason = inside_reason(lines, i, end, body_indent)
    mark_teasers(lines, start, end)
    mark_menus(lines, start, end, listed)
    spare_enclosed(lines, span)
    spare_topic_prose(lines, span)


def spaced_table_rows(lines: list[TextLine], start: int, end: int) -> set[int]:
    """The lines of ``start:end`` that are rows of a table laid out with spaces or tabs: each
    has a cell gap and so has the line above or below it."""
    spaced = {i for i in range(start, end) if TABLE_GAP.search(lines[i].text)}
    return {i for i in spaced if i - 1 in spaced or i + 1 in spaced}


def spare_topic_prose(lines: list[TextLine], span: Span) -> None:
    """A paragraph about cookies between two of the body's paragraphs is the article's (a
    guide to browser privacy): consent dialogs stand above or below the text, not inside it."""
    for i in range(span.start + 1, span.end - 1):
        line = lines[i]
        if (line.rule in TOPIC_RULES and line.prose and lines[i - 1].kept and lines[i - 1].prose
                and lines[i + 1].kept and lines[i + 1].prose):
            line.reason = None


def inside_reason(lines: list[TextLine], i: int, end: int, body_indent: int) -> Reason | None:
    """Why a line inside the span is chrome by itself, or None."""
    line = lines[i]
    if (line.indent != body_indent and not line.prose
            and not heads_body(lines, i, end, body_indent)):
        return Reason.ASIDE
    if is_stray(lines, i, end):
        return Reason.FRAGMENT
    if rules.is_caption(line.text):
        # A picture's caption between paragraphs: it starts or ends with a credit ("Foto: X",
        # "© AFP / X", "(Foto: Getty)"); on the dev set such lines are boilerplate, on even
        # and odd pages alike.
        return Reason.CAPTION
    if line.profile.words <= 12 and meta.parse_byline(line.text):
        return Reason.BYLINE  # a date or name-and-date line: posts, comments, updates
    return None


def heads_body(lines: list[TextLine], i: int, end: int, body_indent: int) -> bool:
    """A subheading of the article: a title-like line whose next kept line is a paragraph at
    the body's indentation. Renderings often indent an article's <h2>/<h3> (or a question of
    an interview) apart from its paragraphs; a box's heading over its own teaser text is
    followed by prose at the box's depth instead (chosen on the dev set in text mode, once
    captions and deeper-indented lines were excluded)."""
    line = lines[i]
    if not is_heading(line) or rules.is_caption(line.text):
        return False
    if line.indent > body_indent and not line.text.endswith("?"):
        return False
    before, nxt = previous_kept(lines, i), next_kept(lines, i, end)
    return (before is not None and lines[before].prose and nxt is not None
            and lines[nxt].indent == body_indent and lines[nxt].prose)


def is_heading(line: TextLine) -> bool:
    """A subheading's shape: a few words, no date (date lines are bylines and post meta), not
    ending like a sentence or introducing something with a colon (on the dev set, lines ending
    with a colon before body prose were share-bar and contact labels more often than headings)."""
    return (2 <= line.profile.words <= HEADING_MAX_WORDS
            and not line.text.endswith((":", ".")) and meta.find_date(line.text) is None)


def is_stray(lines: list[TextLine], i: int, end: int) -> bool:
    """A short line that is neither a sentence nor a heading over the next paragraph."""
    if lines[i].prose or is_sentence(lines[i].profile, False):
        return False
    nxt = next_kept(lines, i, end)
    return nxt is None or not lines[nxt].prose


def mark_teasers(lines: list[TextLine], start: int, end: int) -> None:
    """The short lines under a "Related"/"Also read" heading are the teasers it announces,
    up to the next paragraph of prose."""
    teasing = False
    for line in lines[start:end]:
        if line.teaser_head:
            teasing = True
        elif line.prose:
            teasing = False
        elif teasing and not line.reason:
            line.reason = Reason.RELATED


def mark_menus(lines: list[TextLine], start: int, end: int, listed: set[int]) -> None:
    """Runs of short lines that are not a data list (ingredients, code) are menus."""
    for run_start, run_end in short_runs(lines, start, end):
        run = [j for j in range(run_start, run_end) if lines[j].reason is None]
        if len(run) >= MENU_RUN and not is_data_list([lines[j].text for j in run]):
            for j in run:
                if j not in listed:
                    lines[j].reason = Reason.NAVIGATION


def is_data_list(texts: list[str]) -> bool:
    """A run of short lines that lists data (ingredients, code, results), not links: on the
    dev set most lines of such lists carry digits or code symbols, menus' lines rarely do."""
    return sum(bool(DATA_LIKE.search(t)) for t in texts) >= DATA_LIST_SHARE * len(texts)


def short_runs(lines: list[TextLine], start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive non-prose lines (rule noise does not break one)."""
    runs, run_start = [], None
    for i in range(start, end + 1):
        short = i < end and (lines[i].reason is not None or not lines[i].prose)
        if short and run_start is None:
            run_start = i
        elif not short and run_start is not None:
            runs.append((run_start, i))
            run_start = None
    return runs


def spare_enclosed(lines: list[TextLine], span: Span) -> None:
    """Give back short lines that stand between two paragraphs of the body: subheadings, list
    items copied without their bullets, score lines and one-line quotes. The layout steps
    judge a short line by itself; standing between the body's prose at its indentation, with
    no teaser heading or rule noise among them, it is the article's. A table of contents
    stands there too: its entries come back below as the article's own headings."""
    last_seen: dict[str, int] = {}
    for run_start, run_end in short_runs(lines, span.start, span.end):
        run = lines[run_start:run_end]
        if (run_start == span.start or run_end >= span.end
                or sum(not ln.rule for ln in run) > ENCLOSED_MAX_RUN
                or any(ln.teaser_head or (ln.reason not in SPARED and not ln.rule
                                          and ln.reason is not None) for ln in run)):
            continue
        if not last_seen:
            last_seen.update((_bare(ln.text), i) for i, ln in enumerate(lines))
        if (2 * sum(last_seen[_bare(ln.text)] >= run_end for ln in run) >= len(run)
                or any(CONTENTS_HEAD.match(ln.text) for ln in run)):
            continue
        before, after = lines[run_start - 1], lines[run_end]
        if not (before.kept and after.kept and before.indent == span.body_indent
                and after.indent == span.body_indent):
            continue
        for ln in run:
            # Deeper than the body: a box set into it (a list of links, a pull-out).
            if (ln.reason in SPARED and not ln.rule and ln.indent <= span.body_indent
                    and not rules.is_caption(ln.text)):
                ln.reason = None


def contents_entries(lines: list[TextLine], span: Span | None = None) -> set[int]:
    """The lines of the page's tables of contents: under a "Contents" heading, and (given the
    article's span) the runs of short lines in it whose entries come back below as its
    subheadings. They echo the article's words, as its subheadings do, yet are not its text."""
    entries = headed_entries(lines)
    if span is not None:
        entries |= entries_within(lines, short_runs(lines, span.start, span.end), span.end)
    return entries


def _bare(text: str) -> str:
    return BULLET.sub("", text).strip().lower()
