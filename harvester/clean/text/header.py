"""The header above the body: headline, standfirst, byline and captions go to the fields.

From the body's first line (or a byline just under a standfirst the span began with) the
header is read upwards: bylines, datelines, captions and labels are passed over and give the
author and date; the first title-like line above them is the headline. A line that is none
of these ends the header: a wrong headline is worse than none.
"""

from __future__ import annotations

from harvester.clean import meta, rules
from harvester.clean.text.header_shapes import header_reason, is_dek, is_headline, is_standfirst
from harvester.clean.text.lines import TextLine, word_count
from harvester.model import Reason

# How far above the body's first prose line the header (headline, standfirst, byline,
# captions) may reach; the seeds need 4, news pages on the dev set up to about 8.
HEADER_REACH = 8
# How many header lines (bylines, datelines, captions, labels) may stand between the headline
# and the body: title agreement on the dev set (text mode) stops rising at 3; 4 leaves a margin
# (figures in docs/text-cleaner.md).
HEADER_LINES_MAX = 4
# Without a date in the header, the nearest dateline around the body's start gives it: text
# renderings often print the date apart from any byline (in the breadcrumbs, over the headline,
# beside share buttons, under the lead). Reaches chosen on the dev set's date agreement (text
# mode), on even and odd pages alike (docs/text-cleaner.md).
DATE_REACH_ABOVE = 20
DATE_REACH_BELOW = 12
# A dateline is short and no prose: a sentence naming a date ("Am 21. Mai 2022 wird ...") is
# about its subject, not the article. 120 characters: the longest bylines on the dev set.
DATELINE_MAX_CHARS = 120


def read_header(lines: list[TextLine], start: int) -> tuple[dict, int]:
    """Metadata from the lines above the body, marked with their reasons; the body's start."""
    fields: dict = {}
    first = start
    below = _byline_below(lines, start)
    if below is not None:
        _take_byline(fields, lines[below].text)
        lines[below].reason = Reason.BYLINE
        start = max(start, _skip_captions(lines, below + 1))
    top = below if below is not None else start
    passed, bylined = _pass_header_lines(lines, top, fields, below)  # {line: reason}
    bylined = bylined or below is not None
    stop = min(passed, default=top)
    above = [i for i in range(stop - 1, max(-1, top - HEADER_REACH), -1) if not lines[i].reason]
    if (bylined and len(above) > 1 and is_standfirst(lines[above[0]].text)
            and is_headline(lines[above[1]].text)):
        fields["description"] = lines[above[0]].text
        if is_dek(lines[above[0]].text):
            lines[above[0]].reason = Reason.STANDFIRST
        above = above[1:]
    # Under a byline below the start, the headline is the start or stands above it.
    # A headline has two words or more: one-word lines over a byline on the dev set were
    # section labels ("Essay", "Features") more often than headlines.
    if above and (below is None or above[0] <= first) and is_headline(lines[above[0]].text):
        fields["title"] = lines[above[0]].text
        lines[above[0]].reason = Reason.HEADLINE
        start = min(start, above[0] + 1)
        for i, reason in passed.items():
            # A line introducing the text with a colon ("Die Leitsätze des Gerichts:") is no
            # headline, but may be the article's own; the inside rules judge it.
            if not lines[i].text.endswith(":"):
                lines[i].reason = reason
    else:
        start = first  # no header after all: the lines above the byline are the article's
    _fallback_byline(fields, lines, start)
    if not fields.get("date"):
        fields["date"] = nearby_date(lines, start)
    return fields, start


def _byline_below(lines: list[TextLine], start: int) -> int | None:
    """A byline among the span's first lines (the span began at a standfirst that reads as
    prose, seed 000) with the body going on after it. Under a one-paragraph post the byline
    is its footer (dev set: "Von R. R. am 07.08.2013 ... gespeichert unter ..."), not a header."""
    for i in range(start, min(len(lines), start + 3)):
        if not lines[i].reason and meta.parse_byline(lines[i].text):
            after = next((j for j in range(i + 1, len(lines)) if not lines[j].reason
                          and not rules.is_caption(lines[j].text)
                          and not meta.is_name(lines[j].text)), None)
            return i if after is not None and lines[after].prose else None
    return None


def _take_byline(fields: dict, line: str) -> bool:
    """Fill the author and date ``fields`` still missing from a byline; whether it was one."""
    parsed = meta.parse_byline(line)
    if not parsed:
        return False
    author, date = parsed
    if author and not fields.get("author"):
        fields["author"] = author
    if date and not fields.get("date"):
        fields["date"] = date
    return True


def _pass_header_lines(lines: list[TextLine], top: int, fields: dict,
                       byline: int | None) -> tuple[dict[int, Reason], bool]:
    """The header lines right above ``top`` with the reason each is no headline, read for
    author and date; and whether one of them was a byline. Rule noise between them is passed
    over too. ``byline``: the byline at ``top``, if there is one."""
    passed: dict[int, Reason] = {}
    bylined = False
    i = top - 1
    while i >= 0 and top - i <= HEADER_REACH and len(passed) < HEADER_LINES_MAX:
        if lines[i].reason:
            i -= 1
            continue
        line = lines[i].text
        below = min(passed, default=byline)
        reason = header_reason(line)
        if reason:
            bylined = _take_byline(fields, line) or bylined
        elif below is not None and _is_author_over_date(line, lines[below].text):
            # "Jane Doe" over "Jan 9, 2026": the name line is the byline's author.
            fields.setdefault("author", " ".join(line.split()))
            bylined, reason = True, Reason.BYLINE
        elif below is None and _is_credit_under_byline(lines, i):
            # "Priscilla Du Preez" under "8. Januar 2020 · by Aureliana": a photo credit.
            reason = Reason.CAPTION
        else:
            break
        passed[i] = reason
        i -= 1
    return passed, bylined


def _is_credit_under_byline(lines: list[TextLine], i: int) -> bool:
    """A short name right over the body with a byline over it: the picture's credit."""
    if not (meta.is_name(lines[i].text) and word_count(lines[i].text) <= 4):
        return False
    above = next((j for j in range(i - 1, -1, -1) if not lines[j].reason), None)
    return above is not None and header_reason(lines[above].text) == Reason.BYLINE


def _is_author_over_date(line: str, below: str) -> bool:
    parsed = meta.parse_byline(below)
    return (parsed is not None and parsed[0] is None and meta.is_name(line)
            and word_count(line) <= 4)


def _fallback_byline(fields: dict, lines: list[TextLine], start: int) -> None:
    """Without author or date from the header, the first byline in reach of the body's start
    (a date line over the headline, as blogs print it)."""
    if fields.get("author") and fields.get("date"):
        return
    for i in range(max(0, start - HEADER_REACH), min(len(lines), start + 3)):
        if not lines[i].reason and _take_byline(fields, lines[i].text):
            lines[i].reason = Reason.BYLINE
            return


def nearby_date(lines: list[TextLine], start: int) -> str | None:
    """The date of the first dateline above the body's ``start``, else within its first lines."""
    above = range(start - 1, max(-1, start - 1 - DATE_REACH_ABOVE), -1)
    below = range(start, min(len(lines), start + DATE_REACH_BELOW))
    for i in (*above, *below):
        line = lines[i].text
        if len(line) <= DATELINE_MAX_CHARS and not lines[i].prose:
            found = meta.find_date(line)
            if found:
                return found[0]
    return None


def _skip_captions(lines: list[TextLine], i: int) -> int:
    """Mark captions (and short name-like lines) right after a byline; the first body line."""
    while i < len(lines) and (lines[i].reason or rules.is_caption(lines[i].text)
                              or meta.is_name(lines[i].text)):
        if not lines[i].reason:
            lines[i].reason = Reason.CAPTION
        i += 1
    return i
