"""Small helpers for the sentences the commands print."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 page``, ``2 pages``; ``plural(3, "copy", "copies")``."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
