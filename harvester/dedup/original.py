"""The choice of a group's original (its root): the same for the incremental corpus and the batch."""

from __future__ import annotations


def root_key(row: dict) -> tuple:
    """Order of documents within a group; the first is the group's root.

    Earliest publication date (unknown last), then the longest text (the most complete copy),
    then the content hash: all properties of the documents, not of their arrival. The id only
    orders identical texts with identical dates.
    """
    day = (row.get("published") or "")[:10]
    return (not day, day, -(row.get("word_count") or 0), row.get("content_hash") or "",
            row["id"])

