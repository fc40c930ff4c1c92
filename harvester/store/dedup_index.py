"""The near-duplicate and story index (``minhash_bands``, ``story_keys``, ``dedup_meta``) and
the link columns of ``documents``; the logic is in ``harvester.dedup``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from harvester.errors import DedupIndexOutdated
from harvester.store.connection import Connection

# Per-key look-ups of ``DedupIndex.shared_keys``: band keys read the oldest documents first
# (the originals), story keys the newest (stories are about recent events).
_BAND_LOOKUP = ("SELECT * FROM (SELECT 0, doc_id FROM minhash_bands WHERE band = ? AND hash = ? "
                "AND doc_id != ? ORDER BY doc_id LIMIT ?)")
_STORY_LOOKUP = ("SELECT * FROM (SELECT 1, doc_id FROM story_keys WHERE key = ? AND doc_id != ? "
                 "ORDER BY doc_id DESC LIMIT ?)")
# Contained-copy keys share ``minhash_bands`` under one band number of their own.
CONTAINED_BAND = -1
_CONTAINED_LOOKUP = _BAND_LOOKUP.replace("SELECT 0,", "SELECT 2,")

LINK_COLUMNS = ("duplicate_of", "story_id")


class DedupIndex:
    def __init__(self, db: Connection, path: Path):
        self.db = db
        self.conn = db.conn
        self.path = path

    def _meta(self, key: str) -> dict | None:
        row = self.conn.execute("SELECT value FROM dedup_meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def _set_meta(self, key: str, value: dict) -> None:
        self.conn.execute("INSERT OR REPLACE INTO dedup_meta (key, value) VALUES (?, ?)",
                          (key, json.dumps(value, sort_keys=True)))

    def settings(self) -> dict:
        return self._meta("settings") or {}

    def check(self, parameters: dict) -> None:
        stored = self._meta("index")
        if stored is None:
            self._set_meta("index", parameters)
        elif stored != parameters:
            changed = sorted(k for k in stored.keys() | parameters.keys()
                             if stored.get(k) != parameters.get(k))
            raise DedupIndexOutdated(
                f"{self.path}: the near-duplicate index was built by another version of "
                f"harvester (it differs in {', '.join(changed)}); run `harvester dedup "
                f"--rebuild --db {self.path}` once, then go on")

    def reset(self, settings: dict, parameters: dict) -> None:
        self.conn.execute("UPDATE documents SET duplicate_of = NULL, story_id = NULL "
                          "WHERE duplicate_of IS NOT NULL OR story_id IS NOT NULL")
        self.conn.execute("DELETE FROM minhash_bands")
        self.conn.execute("DELETE FROM story_keys")
        self._set_meta("settings", settings)
        self._set_meta("index", parameters)

    def link_rows(self, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        cursor = self.conn.execute(
            "SELECT id, published, word_count, content_hash, duplicate_of, story_id, text, url, "
            "canonical_url "
            f"FROM documents WHERE id IN ({marks})", tuple(ids))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def group_urls(self, roots: list[int]) -> list[dict]:
        """``id``, ``url`` and ``canonical_url`` of every member of these groups."""
        marks = ", ".join("?" for _ in roots)
        cursor = self.conn.execute(
            f"SELECT id, url, canonical_url FROM documents WHERE id IN ({marks}) "
            f"OR duplicate_of IN ({marks})", (*roots, *roots))
        return [{"id": i, "url": u, "canonical_url": c} for i, u, c in cursor]

    def shared_keys(self, band_keys: list[int], story_keys: list[int], exclude: int,
                    per_key: int, contained_keys: list[int] = ()
                    ) -> tuple[list[int], list[int], list[int]]:
        """One statement for all keys of both tables (a UNION ALL of the per-key look-ups,
        each keeping its own LIMIT): the Python round trips cost more than the look-ups
        (dedup benchmark: docs/storage.md). The text depends only on the numbers of keys, so
        sqlite3's statement cache reuses it."""
        if not band_keys and not story_keys and not contained_keys:
            return [], [], []
        sql = self.db.statement(
            ("lookup", len(band_keys), len(story_keys), len(contained_keys)),
            lambda: " UNION ALL ".join([_BAND_LOOKUP] * len(band_keys)
                                       + [_STORY_LOOKUP] * len(story_keys)
                                       + [_CONTAINED_LOOKUP] * len(contained_keys)))
        params = [value for band, key in enumerate(band_keys)
                  for value in (band, key, exclude, per_key)]
        params += [value for key in story_keys for value in (key, exclude, per_key)]
        params += [value for key in contained_keys
                   for value in (CONTAINED_BAND, key, exclude, per_key)]
        hits: tuple[list[int], list[int], list[int]] = ([], [], [])
        for kind, doc_id in self.conn.execute(sql, params):
            hits[kind].append(doc_id)
        return hits

    def add_keys(self, doc_id: int, band_keys: list[int], story_keys: list[int],
                 contained_keys: list[int] = ()) -> None:
        rows = [*enumerate(band_keys), *((CONTAINED_BAND, key) for key in contained_keys)]
        if rows:
            self.conn.execute(
                self.db.statement(("bands", len(rows)), lambda: (
                    "INSERT OR IGNORE INTO minhash_bands (band, hash, doc_id) VALUES "
                    + ", ".join(["(?, ?, ?)"] * len(rows)))),
                [value for band, key in rows for value in (band, key, doc_id)])
        if story_keys:
            self.conn.execute(
                self.db.statement(("story", len(story_keys)), lambda: (
                    "INSERT OR IGNORE INTO story_keys (key, doc_id) VALUES "
                    + ", ".join(["(?, ?)"] * len(story_keys)))),
                [value for key in story_keys for value in (key, doc_id)])

    def move_group(self, column: str, old_root: int, new_root: int) -> None:
        if column not in LINK_COLUMNS:
            raise ValueError(f"not a link column: {column}")
        self.conn.execute(f"UPDATE documents SET {column} = ? WHERE {column} = ?",
                          (new_root, old_root))
        self.conn.execute(f"UPDATE documents SET {column} = ? WHERE id = ?",
                          (new_root, old_root))
        if column == "duplicate_of":  # a member that becomes the root is no duplicate
            self.conn.execute("UPDATE documents SET duplicate_of = NULL WHERE id = ?",
                              (new_root,))

    def documents_for_linking(self, batch: int) -> Iterator[dict]:
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, text, published, url, canonical_url FROM documents WHERE id > ? "
                "ORDER BY id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for doc_id, text, published, url, canonical in rows:
                yield {"id": doc_id, "text": text, "published": published, "url": url,
                       "canonical_url": canonical}
                last = doc_id

    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return self.conn.execute(sql).fetchone()[0]

        return {
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "stories": one("SELECT count(*) FROM (SELECT story_id FROM documents "
                           "WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) > 1)"),
            "in_stories": one("SELECT count(*) FROM documents WHERE story_id IN (SELECT "
                              "story_id FROM documents GROUP BY story_id HAVING count(*) > 1)"),
        }
