"""Header metadata from a page's own lines: bylines (author and date) and title-like lines."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Month names of the dev set's languages (English, German, French, Spanish, Polish in the
# genitive used in dates, Italian, Dutch), with common abbreviations. Keys are lower-case.
_MONTH_NAMES = {
    1: "january jan januar jänner janvier enero stycznia styczeń gennaio januari",
    2: "february feb februar février fevrier febrero lutego luty febbraio februari",
    3: "march mar märz maerz mars marzo marca marzec maart",
    4: "april apr avril abril kwietnia kwiecień aprile",
    5: "may mai mayo maja maj maggio mei",
    6: "june jun juni juin junio czerwca czerwiec giugno",
    7: "july jul juli juillet julio lipca lipiec luglio",
    8: "august aug août aout agosto sierpnia sierpień augustus",
    9: "september sep sept septembre septiembre września wrzesień settembre",
    10: "october oct oktober octobre octubre października październik ottobre okt",
    11: "november nov novembre noviembre listopada listopad",
    12: "december dec dezember décembre decembre diciembre grudnia grudzień dicembre dez",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

# Date shapes seen in bylines: "09 January 2026", "9. Januar 2026", "9 de enero de 2026",
# "Jan 9, 2026", "2026-01-09", "09.01.2026", "09/01/2026"; each optionally followed by a time
# "12:04". A year is not followed by three more digits, but may run into the next text: blog
# themes print the published and the updated date glued together ("28. Juli 201928. Juli 2019",
# "17/11/201917/11/2019", both on the dev set's text renderings), so no word boundary after it.
_TIME = r"(?:[,\s]*(?:um|at|à|a las|o)?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:uhr|am|pm|[ap]\.m\.)?" \
        r"(?:\s*(?:utc|gmt|cet|cest|met|mez|mesz|est|edt|pst|pdt|bst)\b)?)?"
_YEAR_END = r"(?!\d{3})"
DATE_PATTERNS = (
    ("dmy", re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?"
                       rf"(\d{{4}}){_YEAR_END}{_TIME}", _I)),
    ("mdy", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                       rf"(\d{{4}}){_YEAR_END}{_TIME}", _I)),
    ("ymd", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})"
                       r"(?:[T\s]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b")),
    # Numeric dates may follow a name without a space ("von Nadja Demel13.12.2022").
    ("dmy_num",
     re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_YEAR_END}{_TIME}", _I)),
    # Slashes: day first, as the dev set's German, French, Spanish and British pages print
    # them ("15/07/2014", "03/05/2022"); a US month-first date is read only where the day
    # cannot be a month ("01/23/2020" is no date here rather than a wrong one).
    ("dmy_num", re.compile(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_YEAR_END}{_TIME}", _I)),
)


def find_date(line: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in a line as ``YYYY-MM-DD`` and the span it (with its time) covers."""
    for shape, pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            iso = _iso(shape, match.groups())
            if iso:
                return iso, match.span()
    return None


def _iso(shape: str, groups: tuple[str, ...]) -> str | None:
    if shape == "dmy":
        day, month, year = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
    elif shape == "mdy":
        month, day, year = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
    elif shape == "ymd":
        year, month, day = (int(g) for g in groups[:3])
    else:
        day, month, year = (int(g) for g in groups[:3])
    # Plausible publication dates only: the web's years, real days and months.
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def strip_dates(line: str, mark: str = " | ") -> str:
    """``line`` with every date (and its time) replaced by ``mark``: bylines print the
    published and the updated date side by side, often glued ("2. Februar 20202. Februar
    2020"), and the date divides the author from what follows ("Tine 2. Februar 2020 Berlin")."""
    for _ in range(MAX_DATES):
        found = find_date(line)
        if not found:
            break
        line = line[:found[1][0]] + mark + line[found[1][1]:]
    return line


# At most this many dates are taken out of one line (dev set bylines carry two at most).
MAX_DATES = 4

# "By Jane Doe", "Von Max Mustermann", "Par ...", "Por ...", "Autor: ..." starts a byline; so do
# the verbs blogs put before it ("Geschrieben von", "Posted by", "Ein Artikel von", seen on
# the dev set's German and English blogs).
BY_PREFIX = re.compile(
    r"^\s*((posted|written|geschrieben|erstellt|verfasst|eingestellt|publiziert|veröffentlicht|"
    r"publicado|publié|(ein\s+)?artikel|(eine\s+)?kolumne|reporting)\s+)?"
    r"(by|von|par|por|di|door|autor(?:in)?|author|text)\s*:?\s+", _I)
# Words around a date in bylines that are not the author: "Updated", "Published",
# "Veröffentlicht am", "Stand:", "Aktualisiert", and weekdays ("am Dienstag, 6. Mai 2014",
# "Do 9 Apr 2020"); German two-letter weekdays only right before a day number.
_DATE_WORDS = re.compile(
    r"\b(updated|published|posted|last\s+modified|on|veröffentlicht(\s+am)?|aktualisiert(\s+am)?|"
    r"erstellt(\s+am)?|publiziert(\s+am)?|geschrieben|verfasst|eingestellt|gepostet|stand|am|"
    r"le|el|publié|mis\s+à\s+jour|publicado|opublikowano|dnia|datum|date|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b\.?\s*:?|"
    r"\b(mo|di|mi|do|fr|sa|so)\.?,?\s+(?=\d|\|)|"
    # A time left on its own once the date is gone: "12. November 2015 / 13:48".
    r"\b\d{1,2}:\d{2}(\s*(uhr|h|am|pm))?\b", _I)
# What follows the author in blog bylines: comment counts and the post's category ("Andreas
# Kalt4 Kommentare", "Alexander Roll 1 Kommentar Inklusion", "by Kay 24 Comments", "· in
# Uncategorized", "Leave a comment"; dev set, text renderings). Cut from there to the end.
TRAILER = re.compile(
    r"\s*(\d+|ein|eine|one|no|keine|kein)\s*(kommentare?|comments?|commentaires?|comentarios?|"
    r"ergänzungen|antworten|replies|responses)\b.*$|"
    r"\s+(in|filed\s+under|abgelegt\s+unter|kategorie|category|categories)\s*:?\s+.*$|"
    r"\s*\b(leave\s+a\s+(comment|reply)|hinterlasse\s+einen\s+kommentar|add\s+comments?|"
    r"view\s+comments?)\b.*$", _I)
_SEPARATORS = " \t|,;:·•—–-~/()[]"
# Parts of a byline: its fields are set apart by bars, dots, dashes, tildes or the dates.
_PARTS = re.compile(r"\s[|—–\-~·•]\s|\||·|•|\s~\s")
# A person's name as bylines print it: one to five capitalised words (with the particles names
# carry), no digits. The seed's "Amin Masoodi" and the dev set's bylines are well inside this.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.\-]*|von|van|der|de|da|del|di|du|la|le|al|bin|ibn|y|zu)"
NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}$")
# A user name after "by"/"von": one token with a letter, as blogs print it ("von freeman1984",
# "by marc"); only taken after such a marker, never alone. 2 to 30 characters: sites commonly cap
# handles near 30, and a longer token is a URL or words run together (dev-set author agreement
# is flat around it: docs/cleaning-html.md).
USER_NAME = re.compile(r"^(?=[\w.\-]*[^\W\d_])[\w][\w.\-]{1,29}$")
# Agencies and "and" between names: "Jane Doe and John Roe", "Jane Doe, Reuters".
_NAME_JOINERS = re.compile(r"\s+(and|und|et|y|i|&)\s+|\s*,\s*")
# Bylines are short: the longest on the dev set's text pages is about 120 characters.
BYLINE_MAX_CHARS = 140


def is_name(text: str) -> bool:
    """A person's name (or a few, joined by "and"/commas)."""
    parts = [p for p in _NAME_JOINERS.split(text.strip(_SEPARATORS)) if p and p.strip()]
    names = [p for p in parts if p.lower() not in ("and", "und", "et", "y", "i", "&")]
    return bool(names) and len(text) <= 80 and all(NAME.match(p.strip()) for p in names)


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """``(author, date)`` if the line is a byline, else None.

    A byline is a date with a name beside it ("Amin Masoodi 09 January 2026 12:04",
    "Jane Doe, Reuters — 2026-01-09 14:00"), or "By"/"Von" and a name, with or without a date.
    """
    if len(line) > BYLINE_MAX_CHARS:
        return None
    found = find_date(line)
    rest = _DATE_WORDS.sub(" ", strip_dates(line))
    has_prefix = bool(BY_PREFIX.match(rest))
    author = _author_part(rest)
    date = found[0] if found else None
    if author and (date or has_prefix):
        return author, date
    if date and not TRAILER.sub("", rest).strip(_SEPARATORS):
        return None, date
    return None


def _author_part(rest: str) -> str | None:
    """The name in what is left of a byline without its dates: its first part, a name or
    what follows "by"/"von" in it."""
    parts = [TRAILER.sub("", p).strip(_SEPARATORS) for p in _PARTS.split(rest)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    first = parts[0]
    marker = BY_PREFIX.match(first)
    if marker:
        return _name_at_start(first[marker.end():])
    if not is_name(first):
        return None
    # "Jane Doe, Reuters": the agency after the comma is not the author.
    if "," in first and len(first.split(",")) == 2 and len(first.split(",")[1].split()) == 1:
        first = first.split(",")[0]
    return " ".join(first.split())


def _name_at_start(text: str) -> str | None:
    """The name that opens ``text`` after a "by"/"von": the longest run of words that reads as
    names ("Christian Spließ in Allgemeines" gives "Christian Spließ"), or a user name."""
    words = text.split()
    # 12 words: ``is_name`` takes at most 80 characters, which a dozen words of names already
    # fill; the bound only bounds the work (dev set: docs/cleaning-html.md).
    for n in range(min(len(words), 12), 0, -1):
        candidate = " ".join(words[:n]).strip(_SEPARATORS)
        if candidate and is_name(candidate):
            return candidate
    if words and USER_NAME.match(words[0].strip(_SEPARATORS)):
        return words[0].strip(_SEPARATORS)
    return None
