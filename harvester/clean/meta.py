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
# "Jan 9, 2026", "2026-01-09", "09.01.2026"; each optionally followed by a time "12:04".
_TIME = r"(?:[,\s]*(?:um|at|à|a las|o)?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:uhr|am|pm|[ap]\.m\.)?" \
        r"(?:\s*(?:utc|gmt|cet|cest|met|mez|mesz|est|edt|pst|pdt|bst)\b)?)?"
DATE_PATTERNS = (
    ("dmy", re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?(\d{{4}})\b{_TIME}", _I)),
    ("mdy", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b{_TIME}", _I)),
    ("ymd", re.compile(rf"\b(\d{{4}})-(\d{{2}})-(\d{{2}})(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?\b")),
    ("dmy_num", re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})\b{_TIME}")),
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


# "By Jane Doe", "Von Max Mustermann", "Par ...", "Por ...", "Autor: ..." starts a byline.
BY_PREFIX = re.compile(
    r"^\s*(by|von|par|por|di|door|autor(?:in)?|author|written\s+by|text|reporting\s+by)\s*:?\s+", _I)
# Words around a date in bylines that are not the author: "Updated", "Published",
# "Veröffentlicht am", "Stand:", "Aktualisiert".
_DATE_WORDS = re.compile(
    r"\b(updated|published|posted|last\s+modified|on|veröffentlicht(\s+am)?|aktualisiert(\s+am)?|"
    r"erstellt(\s+am)?|stand|am|le|el|publié|mis\s+à\s+jour|publicado|opublikowano|dnia)\b\s*:?", _I)
_SEPARATORS = " \t|,;:·•—–-/()[]"
# A person's name as bylines print it: one to five capitalised words (with the particles names
# carry), no digits. The seed's "Amin Masoodi" and the dev set's bylines are well inside this.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.\-]*|von|van|der|de|da|del|di|du|la|le|al|bin|ibn|y|zu)"
NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}$")
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
    rest = line if not found else line[:found[1][0]] + " " + line[found[1][1]:]
    has_prefix = bool(BY_PREFIX.match(rest))
    rest = BY_PREFIX.sub("", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    author = _author_part(rest)
    date = found[0] if found else None
    if author and (date or has_prefix):
        return author, date
    if date and not rest.strip(_SEPARATORS):
        return None, date
    return None


def _author_part(rest: str) -> str | None:
    """The name in what is left of a byline without its date: the first name-like segment."""
    segments = [s.strip(_SEPARATORS) for s in re.split(r"\s[|—–-]\s|\|", rest)]
    segments = [s for s in segments if s]
    if not segments or not is_name(segments[0]):
        return None
    first = segments[0]
    # "Jane Doe, Reuters": the agency after the comma is not the author.
    if "," in first and len(first.split(",")) == 2 and len(first.split(",")[1].split()) == 1:
        first = first.split(",")[0]
    return " ".join(first.split())
