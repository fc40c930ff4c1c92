"""The readers' comment section at the foot of a text page.

A comment section opens with a heading ("12 Comments", "Leave a reply", "Join the
conversation") or shows itself by its furniture: reply, like and report links, relative
timestamps ("2 hours ago") and "Name says:" heads, several of them close together. Its lines
are removed as ``comments``; the cleaner keeps their text apart when asked.
"""

from __future__ import annotations

import re

from harvester.clean import rules
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
_ACTIONS = (r"reply|replies|like|likes|liked|dislike|report|flag|share|upvote|downvote|"
            r"antworten|melden|gefällt\s+mir|responder|r[ée]pondre|signaler|j'aime|me\s+gusta|"
            r"odpowiedz|zgłoś|rispondi|permalink|edit|delete|quote|log\s+in\s+to\s+reply")
_AGO = (r"(\d+|an?|one)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|"
        r"w|weeks?|mo|months?|y|yr|years?)\s+ago|"
        r"vor\s+(\d+|einer?|einem)\s+(sekunden?|minuten?|stunden?|tag(en)?|wochen?|monat(en)?|"
        r"jahr(en)?)|il\s+y\s+a\s+\d+\s+\w+|hace\s+\d+\s+\w+|\d+\s+\w+\s+temu|"
        r"just\s+now|yesterday|gerade\s+eben")
MARKER = re.compile(
    rf"^\W*(\d+\s*)?({_ACTIONS})(\s*[·•|/,]?\s*(\d+\s*)?({_ACTIONS}|{_AGO}))*\W*$|"
    rf"^\W*({_AGO})\W*$|"
    rf"^.{{1,60}}\s[·•|\-–—]\s*({_AGO})\W*$|"
    r"^.{1,60}\b(says|sagt|schrieb|wrote|dit|dice|napisa[łl]a?)\s*:\s*$|"
    r"^.{0,60}\b\d{1,2}[:.]\d{2}\s*(am|pm|uhr)?\W*$",
    _I,
)
# Furniture lines are short; a sentence that says "reply" is a comment's or the article's text.
MARKER_MAX_CHARS = 80
# How many furniture lines within a window of lines show a comment list: two comments' heads.
MARKERS_NEEDED = 3
MARKER_WINDOW = 12
# How much of the body's prose must come before furniture for it to open the comments: an
# article's header has a time and a share link too, but above the body.
BODY_BEFORE_MIN_CHARS = 400


def is_marker(line: TextLine) -> bool:
    return len(line.text) <= MARKER_MAX_CHARS and MARKER.search(line.text) is not None


def is_head(line: TextLine) -> bool:
    return bool(rules.COMMENTS_HEAD.search(line.text) or HEAD.search(line.text))


def comments_start(lines: list[TextLine], span: Span) -> int | None:
    """Where the comment section opens after the body's start, or None.

    A comment counter ("0 Comments", "1 Kommentar") also stands in the header of many dev-set
    pages; a heading inside the span only opens the comments when more prose precedes it than
    follows it there. After the span, a heading opens them wherever it stands.
    """
    weight = [len(ln.text) if not ln.reason and ln.prose else 0 for ln in lines]
    total = sum(weight[span.start:span.end])
    before = 0
    markers = [i >= span.start and is_marker(ln) for i, ln in enumerate(lines)]
    for i in range(span.start, len(lines)):
        line = lines[i]
        if not line.reason and is_head(line) and (i >= span.end or before >= total - before):
            return i
        if before >= BODY_BEFORE_MIN_CHARS and _furnished(markers, i):
            return _thread_top(lines, i)
        before += weight[i]
    return None


def _furnished(markers: list[bool], i: int) -> bool:
    """Line ``i`` is furniture and opens a window holding enough furniture."""
    return markers[i] and sum(markers[i:i + MARKER_WINDOW]) >= MARKERS_NEEDED


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
