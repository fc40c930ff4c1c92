"""Site-wide boilerplate: lines that recur across many documents of one site.

Taglines, newsletter boxes, footers and "Also Read" headings repeat on every page of a site
while no rule knows their wording. The corpus counts, per site, in how many *original*
documents (not duplicates, so a copied article cannot teach its own text) each distinct line
occurred; a line seen in enough of them is dropped with reason ``site-boilerplate``. Counting
distinct documents means a line repeated inside one article never counts twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")

# A line must occur in at least this many different documents of the site. Two is too few:
# two reports in a series often share a background paragraph or a quote. Three separate
# articles repeating a line word for word is, on news sites, almost always a template.
MIN_DOCS = 3
# ... and in at least this share of the site's documents, so that on a big site a popular
# teaser or a recurring quote (seen on a handful of pages among thousands) is kept, while
# template lines, which appear on nearly every page, are well above it.
MIN_SHARE = 0.05
# Lines longer than this are prose; sites rarely repeat a whole paragraph of template text,
# wire services often repeat background paragraphs across updates. They are never learned.
MAX_WORDS = 40


def line_key(line: str) -> int:
    """A 63-bit key of the line, equal for variants differing in case, spacing or numbers.

    Numbers are folded so "© 2025 Example" and "© 2026 Example", or "12 comments" and
    "3 comments", are one template line.
    """
    norm = _DIGITS.sub("0", _SPACE.sub(" ", line).strip().casefold())
    digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits SQLite's signed 64-bit integers


def learnable_keys(lines: list[str]) -> set[int]:
    """Distinct keys of a document's lines that may teach the site's boilerplate."""
    return {line_key(text) for text in lines
            if text.strip() and len(text.split()) <= MAX_WORDS}


@dataclass
class SiteBoilerplate:
    """The known boilerplate lines of one site, passed into the cleaner (picklable)."""

    site: str
    keys: frozenset[int] = field(default_factory=frozenset)

    def is_boilerplate(self, line: str) -> bool:
        return len(line.split()) <= MAX_WORDS and line_key(line) in self.keys

    def __bool__(self) -> bool:
        return bool(self.keys)
