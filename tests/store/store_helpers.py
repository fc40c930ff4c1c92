"""What the storage tests share: a document to store, FTS5's own check of the index."""

import sqlite3

from harvester.model import Document, Line


def make_doc(text="First paragraph.\n\nSecond paragraph.", source="/tmp/a.txt", **kw):
    lines = [Line(t) for t in text.split("\n\n")] + [Line("Advertisement", "ad-label")]
    return Document(text=text, source=source, lines=lines, **kw)


def fts_ok(corpus) -> bool:
    """FTS5's own check that the index holds exactly the documents' title and text."""
    try:
        corpus.conn.execute("INSERT INTO documents_fts (documents_fts, rank) "
                            "VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True
