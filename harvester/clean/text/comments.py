"""The readers' comment section at the foot of a text page.

A comment section opens with a heading ("12 Comments", "Leave a reply", "Join the
conversation") or shows itself by its furniture: reply, like and report links, relative
timestamps ("2 hours ago") and "Name says:" heads, several of them close together. Its lines
are removed as ``comments``; the cleaner keeps their text apart when asked.
"""

from __future__ import annotations

import re

from harvester.clean import meta, rules
from harvester.clean.text.lines import TextLine
from harvester.clean.text.span import Span
from harvester.model import Reason

_I = re.IGNORECASE
# Headings of a comment section beyond ``rules.COMMENTS_HEAD``: calls to discuss and section
# switches seen on news sites and forums.
HEAD = re.compile(
    r"^\W*(join\s+the\s+(conversation|discussion|debate)|(show|view|load|see|read)\s+(all\s+)?"
    r"(\d+\s+)?(comments?|replies|reactions)|comments\s+are\s+closed|what\s+do\s+you\s+think\??|"
    r"(top|newest|oldest|all)\s+comments|sort\s+by\s*:?\s*(newest|oldest|best|top|popular)|"
    r"kommentare\s+(anzeigen|lesen|einblenden)|afficher\s+les\s+commentaires|"
    r"ver\s+comentarios|(\d+\s+)?(leserbriefe|discussion|diskussion))\W*$",
    _I,
)
# The furniture of one comment: its actions, its time, its author's head.
_ACTIONS = (r"reply|replies|like|likes|liked|dislike|report|flag|upvote|downvote|"
            r"antworten|melden|gefällt\s+mir|responder|r[ée]pondre|signaler|j'aime|me\s+gusta|"
            r"odpowiedz|zgłoś|rispondi|permalink|edit|delete|quote|log\s+in\s+to\s+reply")
_AGO = (r"(\d+|an?|one)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|"
        r"w|weeks?|mo|months?|y|yr|years?)\s+ago|"
        r"vor\s+(\d+|einer?|einem)\s+(sekunden?|minuten?|stunden?|tag(en)?|wochen?|monat(en)?|"
        r"jahr(en)?)|il\s+y\s+a\s+\d+\s+\w+|hace\s+\d+\s+\w+|\d+\s+\w+\s+temu|"
        r"just\s+now|gerade\s+eben")
ACTION = re.compile(
    rf"^\W*(\d+\s*)?({_ACTIONS})(\s*[·•|/,]?\s*(\d+\s*)?({_ACTIONS}|{_AGO}))*\W*$", _I)
# A comment's time: relative ("2 hours ago", "vor 3 Tagen"), or a date with a clock time
# ("March 5, 2014 at 10:32 am", "05.06.2021 um 10:00"); a clock time alone is a timetable's.
STAMP = re.compile(
    rf"^\W*({_AGO})\W*$|^.{{1,60}}\s[·•|\-–—]\s*({_AGO})\W*$|"
    r"^.{0,60}(\d{4}|\d{1,2}\.\d{1,2}\.\d{2})\D{0,8}\d{1,2}[:.]\d{2}\s*(am|pm|uhr)?\W*$|"
    r"^.{0,60}\b(at|um|à|a\s+las)\s+\d{1,2}[:.]\d{2}\s*(am|pm|uhr|h)?\W*$|"
    r"^\W*\d{1,2}:\d{2}\s*(am|pm)\W*$",
    _I,
)
AUTHOR_HEAD = re.compile(r"^.{1,60}\b(says|sagt|schrieb|wrote|dit|dice|napisa[łl]a?)\s*:\s*$", _I)
DATE_LINE_MAX_CHARS = 30
DIGIT = re.compile(r"\d")
# The words of a relative time without digits ("an hour ago", "just now", "vor einer Stunde").
TIME_WORD = re.compile(r"ago\b|\bvor\b|\bhace\b|\bil\s+y\s+a\b|\btemu\b|\bnow\b|\beben\b", _I)
# Furniture lines are short; a sentence that says "reply" is a comment's or the article's text.
MARKER_MAX_CHARS = 80
# How many furniture lines within a window of lines show a comment list: two comments' heads.
MARKERS_NEEDED = 3
MARKER_WINDOW = 12
# How much of the body's prose must come before furniture for it to open the comments: an
# article's header has a time and a share link too, but above the body.
BODY_BEFORE_MIN_CHARS = 400


def marker_kind(line: TextLine) -> str | None:
    """Which furniture of a comment the line is: ``action``, ``stamp``, ``author`` or None.
    Lines a noise rule names (share bars) are the page's, not a comment's."""
    if len(line.text) > MARKER_MAX_CHARS or line.rule:
        return None
    text = line.text
    if ACTION.search(text):
        return "action"
    timed = DIGIT.search(text) is not None
    if (timed or TIME_WORD.search(text)) and STAMP.search(text):
        return "stamp"
    if text.endswith(":") and AUTHOR_HEAD.search(text):
        return "author"
    if timed and len(text) <= DATE_LINE_MAX_CHARS and meta.find_date(text):
        return "stamp"  # a comment's date on a line of its own ("* April 6, 2018")
    return None


def is_marker(line: TextLine) -> bool:
    return marker_kind(line) is not None


def is_head(line: TextLine) -> bool:
    if len(line.text) > HEAD_MAX_CHARS:
        return False
    return bool(rules.COMMENTS_HEAD.search(line.text) or HEAD.search(line.text))


# The longest heading ``rules.COMMENTS_HEAD`` names: a count and a post's title.
HEAD_MAX_CHARS = 200
# A bare word over a section ("Response", "Reactions", "Antworten") is as often one of the
# article's subheadings (an API's "Response", an interview's "Reactions"): it opens the
# comments only with a comment's furniture right under it.
BARE_HEAD = re.compile(r"^\W*[^\W\d_]+\W*$")


def comments_start(lines: list[TextLine], span: Span) -> int | None:
    """Where the comment section opens after the body's start, or None.

    A comment counter ("0 Comments", "1 Kommentar") also stands in the header of many dev-set
    pages; a heading inside the span only opens the comments when more prose precedes it than
    follows it there. After the span, a heading opens them wherever it stands.
    """
    weight = [len(ln.text) if not ln.reason and ln.prose else 0 for ln in lines]
    total = sum(weight[span.start:span.end])
    before = 0
    markers = [marker_kind(ln) if i >= span.start else None for i, ln in enumerate(lines)]
    for i in range(span.start, len(lines)):
        line = lines[i]
        if not line.reason and is_head(line):
            if BARE_HEAD.match(line.text):
                if any(markers[i + 1:i + 1 + MARKER_WINDOW]):
                    return i
            elif i >= span.end or before >= total - before:
                return i
        if before >= BODY_BEFORE_MIN_CHARS and _furnished(markers, i):
            return _thread_top(lines, i)
        before += weight[i]
    return None


def _furnished(markers: list[str | None], i: int) -> bool:
    """Line ``i`` is furniture and opens a window holding enough furniture, of two kinds at
    least (a list of times is a timetable, a list of "Reply" links without names or times
    a form)."""
    if markers[i] is None:
        return False
    window = [m for m in markers[i:i + MARKER_WINDOW] if m]
    return len(window) >= MARKERS_NEEDED and len(set(window)) >= 2


def _thread_top(lines: list[TextLine], i: int) -> int:
    """The first comment's head: the commenter's name stands right above its first furniture."""
    if i > 0 and not lines[i - 1].prose and lines[i - 1].profile.words <= 4:
        return i - 1
    return i


def mark_comments(lines: list[TextLine], span: Span) -> Span:
    """Mark the comment section; the span without it."""
    cut = comments_start(lines, span)
    if cut is None:
        return span
    for line in lines[cut:]:
        if line.reason in (Reason.ALSO_READ, Reason.RELATED) or line.reason == Reason.FOOTER:
            break  # the page's own foot below the comments
        if not line.reason:
            line.reason = Reason.COMMENTS
    return Span(span.start, min(span.end, cut), span.body_indent)


def comment_text(lines: list[TextLine]) -> str:
    """The readers' comments, without the section's headings and furniture."""
    return "\n\n".join(ln.text for ln in lines if ln.reason == Reason.COMMENTS
                       and not is_marker(ln) and not is_head(ln))
