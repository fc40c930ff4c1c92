"""HTML pages: trafilatura finds the main text and metadata; our line rules then run on it."""

from __future__ import annotations

import trafilatura

from harvester.clean.text import clean_text
from harvester.model import Document


def clean_html(html: str, *, url: str | None = None, boilerplate=None) -> Document:
    result = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=True, with_metadata=True,
        as_dict=False,
    )
    body = result.text if result is not None and result.text else ""
    doc = clean_text(body, boilerplate=boilerplate)
    if result is not None:
        doc.title = result.title or doc.title
        doc.author = result.author or doc.author
        doc.date = result.date or doc.date
        doc.description = result.description or doc.description
        doc.tags = doc.tags or [t for t in (result.tags or []) if t]
        doc.language = result.language or doc.language
    return doc
