"""What the lines between a headline and the body look like, read one line at a time.

Pure functions of a line's text: whether it may be a headline (``is_title``, ``is_headline``),
why it is none (``header_reason``: a byline, a caption, a share bar, a label), and whether a
summary is one sentence (``is_dek``).
"""

from __future__ import annotations

import re

from harvester.clean import meta, rules
from harvester.clean.text.lines import BULLET, is_prose, profile, word_count
from harvester.model import Reason

# Lines opening with a link's or button's words: "Zum Video", "Zur Galerie", "Download the
# app", "Enlarge image", "Read more" (dev set, text mode: such labels stood between headline
# and body and were taken as headlines). Short lines only (see LABEL_MAX_WORDS).
LABEL = re.compile(
    r"^(zum|zur|zu\s+den|mehr|weiter|jetzt|hier|download|herunterladen|click|enlarge|"
    r"vergrößern|read\s+more|see\s+more|view|watch|listen|subscribe|sign\s+(in|up)|"
    r"voir|lire|ver|leer|skip|toggle)\b", re.IGNORECASE)
# "Zur Geschichte der Stadt Göttingen" can be a headline; labels on the dev set run to 4 words.
LABEL_MAX_WORDS = 4
# Breadcrumbs and link rows ("Start » Film » Geschichte", "Home > News", "Blog | Archiv"): a
# separator set apart by spaces ("»frag.jetzt«", a headline in guillemets, has none). A
# headline with " / " or " | " in it is lost to this; the dev set's text pages had such
# separators in link rows over the body far more often.
BREADCRUMB = re.compile(r"\S\s+[»>›/|]\s+\S")
# A link's target or a handle left in the text: "via heise online News https://www.heise.de/",
# "@aprilroach28" (dev set, text mode, between headline and body).
LINK_LIKE = re.compile(r"://|^www\.|(^|\s)@\w")
# A form's field label: "Comment (required)", "Name (erforderlich)" (dev set, text mode).
FORM_FIELD = re.compile(r"\((required|erforderlich|obligatoire|obligatorio)\)", re.IGNORECASE)
# Share buttons rendered as words: "Pinterest Email Send Text Message Print", "facebook
# facebookMessenger whatsapp twitter mail pocket" (dev set, text mode, over the body).
SHARE_WORDS = re.compile(
    r"^(facebook\w*|twitter|tweet|whatsapp|pinterest|linkedin|xing|reddit|telegram|pocket|"
    r"flipboard|tumblr|email|e-mail|mail|print|drucken|teilen|share|messenger|sms|copy|link)$",
    re.IGNORECASE)


def is_share_list(line: str) -> bool:
    """Mostly share-button words: at least three, and at least half the line's words (3 and
    half: two such words occur in headlines, "Facebook and Twitter ...")."""
    words = line.split()
    hits = sum(bool(SHARE_WORDS.match(w.strip(".,:;|·•"))) for w in words)
    return hits >= 3 and 2 * hits >= len(words)


# A clock time ("Kostenlos bis 19:34 Uhr", "9:25pm"): headlines hardly carry one.
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# What bylines say besides names and dates: "Posted on", "Veröffentlicht am", "vom", comment
# counts and "Leave a comment" (dev set bylines the parser could not split).
BYLINE_WORDS = re.compile(
    r"^(posted|published|updated|veröffentlicht|aktualisiert|publiziert|erstellt|geschrieben|"
    r"vom|von|by|par|por|am|on|le|stand|publié|publicado|post\s+(author|date))\b|"
    r"\b\d+\s*(kommentare?|comments?|commentaires?|comentarios?)\b|"
    r"\b(leave\s+a\s+(comment|reply)|hinterlasse\s+einen\s+kommentar|add\s+comments?|"
    r"view\s+comments?)\b", re.IGNORECASE)


def header_reason(line: str) -> Reason | None:
    """Why a line between headline and body is no headline: ``byline`` (a byline, a date,
    a time), ``caption`` (a picture credit), ``share-bar`` (share buttons as words) or
    ``navigation`` (a label, a breadcrumb, a line ending in ":" or ","). None for a line that
    may be a headline or text."""
    if is_prose(profile(line), False):
        return None  # a lead paragraph may name a date ("Am 21. Mai 2022 wird ...")
    # Read with and without a list bullet: "* Post date March 5, 2014" is a dateline, while
    # "8. Januar 2020 · by Aureliana" only looks bulleted.
    for bare in dict.fromkeys((line, BULLET.sub("", line))):
        if (meta.parse_byline(bare) or meta.find_date(bare) or CLOCK.search(bare)
                or BYLINE_WORDS.search(bare)):
            return Reason.BYLINE
        if rules.is_caption(bare):
            return Reason.CAPTION
        if is_share_list(bare):
            return Reason.SHARE_BAR
        if (bare.endswith((":", ",")) or BREADCRUMB.search(bare) or LINK_LIKE.search(bare)
                or bare.startswith(("[", "(")) or FORM_FIELD.search(bare)
                or (LABEL.match(bare) and word_count(bare) <= LABEL_MAX_WORDS)):
            return Reason.NAVIGATION
    return None


def is_headline(line: str) -> bool:
    """A title-like line that is not a byline, a caption or a label."""
    return is_title(line) and header_reason(line) is None


def is_title(line: str) -> bool:
    """A headline: a few words, not ending like a sentence with a period.

    Headlines on the seeds and the dev set run 3 to 25 words; a final period marks prose.
    """
    words = word_count(line)
    return 2 <= words <= 25 and not line.endswith(".") and not BULLET.match(line)


def is_standfirst(line: str) -> bool:
    """A summary under the headline: a sentence or two (seed 000's is 16 words), ending
    like a sentence unless it is too long to be a headline."""
    words = word_count(line)
    return 6 <= words <= 80 and (line.endswith((".", "!", "?", "…")) or words > 25)


# A sentence ends and the next begins: "... Stromertrag. Das Gewicht ...".
SENTENCE_BREAK = re.compile(r"[.!?…][\"”“»«'’)]*\s+[\"„“«»(]*[A-ZÀ-ÖØ-ÞĀ-Ž0-9]")


def is_dek(line: str) -> bool:
    """A one-sentence summary under the headline (seed 000's standfirst): a subtitle, kept as
    the description only. A summary of two sentences or more is the article's lead paragraph
    (German news sites' "Vorspann"): the dev set annotates such leads as article text."""
    return not SENTENCE_BREAK.search(line)
