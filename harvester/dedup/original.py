"""The choice of a group's original (its root): the same for the incremental corpus and the batch.

Order (the first document is the root):

0. the publisher's page: a document whose URL another member names as its canonical URL
   (``<link rel=canonical>``, ``og:url``) -- a syndicated copy pointing at the page it copies;
1. a copy that credits another publication ("This article first appeared on ...",
   "Originally published by ...", "Zuerst erschienen bei ...") is a syndicated copy and comes
   after the others, however long: the credit line makes it longer than the publisher's page;
2. the earliest publication date (unknown last);
3. the longest text (the most complete copy);
4. the content hash, then the id: these only order identical texts with identical dates.

All are properties of the documents, not of their arrival, so the same inputs give the same
roots whatever the order of runs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Credit lines of syndicated copies, in the languages of the dev set's pages.
_CREDIT = re.compile(
    r"\b(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on|in|at|by)\b"
    r"|\b(?:republished|reprinted|reposted)\s+(?:with\s+permission|from|by|courtesy)\b"
    r"|\bthis\s+(?:article|story|post)\s+(?:was\s+)?(?:first\s+)?(?:appeared|published)\s+"
    r"(?:on|in|at|by)\b"
    r"|\b(?:zuerst|erstmals|ursprünglich)\s+(?:erschienen|veröffentlicht)\b"
    r"|\b(?:publié|paru)\s+(?:initialement|originellement|d'abord)\b",
    re.IGNORECASE)


def credits_another(text: str | None) -> bool:
    """Does the text say it was first published elsewhere?"""
    return bool(text) and _CREDIT.search(text) is not None


def page_key(url: str | None) -> str | None:
    """A URL as the same page: scheme, ``www.``, fragment and a trailing slash left out."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


def named_pages(rows: list[dict]) -> set:
    """Ids of the rows (``id``, ``url``, ``canonical_url``) whose URL another row names as its
    canonical URL; a page naming itself names nobody."""
    named = set()
    for row in rows:
        target = page_key(row.get("canonical_url"))
        if target and target != page_key(row.get("url")):
            named.add(target)
    return {row["id"] for row in rows if page_key(row.get("url")) in named}


def root_key(row: dict) -> tuple:
    """Order of documents within a group (see the module's docstring); the first is the root.

    ``row`` holds ``published``, ``word_count``, ``content_hash``, ``id`` and either
    ``credited`` (computed beforehand, as the batch does) or ``text``.
    """
    day = (row.get("published") or "")[:10]
    credited = row["credited"] if "credited" in row else credits_another(row.get("text"))
    return (credited, not day, day, -(row.get("word_count") or 0),
            row.get("content_hash") or "", row["id"])
