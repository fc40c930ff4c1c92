"""How extracted text is scored against the development sets, and how those sets are split.

Pure functions over strings, shared by ``benchmarks/quality.py`` and the quality floors in
``tests/quality/``, so both score the same way:

- segment scoring (the dev set's README, the trafilatura project's own evaluation);
- bag-of-words token F1 (the Readability set's README);
- the noise set's two shares: article lines kept verbatim, noise lines removed;
- metadata agreement with reference fields;
- the split by site: every page's site key hashes to ``tune`` or ``heldout``, so no site is
  in both halves of any set, and a site held out in one set is held out in all.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

HALVES = ("tune", "heldout")

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Second-level labels under which the registered name is one label further left
# (news.bbc.co.uk -> bbc, www.abc.net.au -> abc).
_PUBLIC_SECOND = {"co", "com", "net", "org", "gov", "gob", "ac", "edu", "or", "ne", "go"}


def collapse(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def site_key(url: str | None, fallback: str = "") -> str:
    """The site a page belongs to: the registered name of its host without the public suffix
    (``https://edition.cnn.com/x`` -> ``cnn``), so a site's subdomains stay together.

    Without a usable URL, ``fallback`` (a case name such as ``nytimes-3``) gives it, with a
    trailing number dropped, so numbered cases of one site stay together too.
    """
    host = (urlsplit(url).hostname or "") if url and "//" in url else ""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) >= 2 and not host.replace(".", "").isdigit():
        if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _PUBLIC_SECOND:
            return labels[-3]
        return labels[-2]
    name = re.sub(r"[-_]\d+$", "", fallback.lower())
    return name or host or "unknown"


def half_of(key: str) -> str:
    """``tune`` or ``heldout`` for a site key (or any string), fixed by its SHA-256."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] & 1]


@dataclass
class SegmentScore:
    """Counts of ``with`` / ``without`` segments found or missed, summed over pages."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    def add(self, text: str, annotation: dict) -> None:
        flat = collapse(text)
        for segment in annotation.get("with", []):
            if collapse(segment) in flat:
                self.tp += 1
            else:
                self.fn += 1
        for segment in annotation.get("without", []):
            if collapse(segment) in flat:
                self.fp += 1
            else:
                self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def words(text: str | None) -> Counter:
    return Counter(word.lower() for word in _WORD.findall(text or ""))


def token_prf(extracted: str | None, expected: str | None) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of one page, shared words counted with
    multiplicity. Empty output scores zero; an empty reference with empty output scores one."""
    got, want = words(extracted), words(expected)
    if not got and not want:
        return 1.0, 1.0, 1.0
    shared = sum((got & want).values())
    p = shared / sum(got.values()) if got else 0.0
    r = shared / sum(want.values()) if want else 0.0
    return p, r, _f1(p, r)


@dataclass
class TokenScore:
    """Token precision, recall and F1 averaged over pages (each page weighs the same)."""

    pages: int = 0
    p_sum: float = 0.0
    r_sum: float = 0.0
    f_sum: float = 0.0

    def add(self, extracted: str | None, expected: str | None) -> float:
        p, r, f = token_prf(extracted, expected)
        self.pages += 1
        self.p_sum, self.r_sum, self.f_sum = self.p_sum + p, self.r_sum + r, self.f_sum + f
        return f

    @property
    def precision(self) -> float:
        return self.p_sum / self.pages if self.pages else 0.0

    @property
    def recall(self) -> float:
        return self.r_sum / self.pages if self.pages else 0.0

    @property
    def f1(self) -> float:
        return self.f_sum / self.pages if self.pages else 0.0


def output_lines(text: str | None) -> set[str]:
    return {collapse(line) for line in (text or "").splitlines() if line.strip()}


@dataclass
class NoiseScore:
    """Article lines kept verbatim (each a whole line of the output) and noise lines removed
    (not a line of the output), summed over pages."""

    article: int = 0
    kept: int = 0
    noise: int = 0
    removed: int = 0

    def add(self, text: str | None, article: list[str], noise: list[str]) -> None:
        lines = output_lines(text)
        self.article += len(article)
        self.kept += sum(collapse(line) in lines for line in article)
        self.noise += len(noise)
        self.removed += sum(collapse(line) not in lines for line in noise)

    @property
    def kept_share(self) -> float:
        return self.kept / self.article if self.article else 0.0

    @property
    def removed_share(self) -> float:
        return self.removed / self.noise if self.noise else 0.0


def field_agrees(field: str, got, want) -> bool:
    """A date agrees on its day; other fields agree when equal after collapsing whitespace,
    case aside."""
    if field == "date":
        return str(got or "")[:10] == str(want)[:10]
    return collapse(str(got or "")).lower() == collapse(str(want)).lower()


def metadata_agreement(results: list[dict], references: list[dict],
                       fields=("title", "author", "date")) -> dict[str, float]:
    """Share of pages with a reference field whose extracted field agrees with it."""
    shares = {}
    for field in fields:
        pairs = [(result.get(field), ref[field])
                 for result, ref in zip(results, references) if ref.get(field)]
        hits = sum(field_agrees(field, got, want) for got, want in pairs)
        shares[field] = hits / len(pairs) if pairs else 0.0
    return shares
