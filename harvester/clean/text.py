"""Placeholder line classifier: keeps every non-empty line (to be replaced)."""

from __future__ import annotations

from harvester.model import Document, Line


def clean_text(text: str, *, boilerplate=None) -> Document:
    lines = [Line(t.strip()) for t in text.splitlines() if t.strip()]
    return Document(text="\n\n".join(l.text for l in lines), source="", lines=lines)
