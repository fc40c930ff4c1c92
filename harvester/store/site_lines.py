"""Per-site line statistics (``site_lines``, ``site_docs``) for the site-wide boilerplate
learner: in how many original documents of a site each (hashed, normalised) line occurred."""

from __future__ import annotations

from harvester.store.connection import Connection


class SiteLines:
    def __init__(self, db: Connection):
        self.conn = db.conn

    def learn(self, site: str, line_keys: set[int]) -> None:
        self.conn.execute("INSERT INTO site_docs (site, docs) VALUES (?, 1) "
                          "ON CONFLICT(site) DO UPDATE SET docs = docs + 1", (site,))
        self.conn.executemany(
            "INSERT INTO site_lines (site, line_key, docs) VALUES (?, ?, 1) "
            "ON CONFLICT(site, line_key) DO UPDATE SET docs = docs + 1",
            [(site, key) for key in sorted(line_keys)])

    def keys(self, site: str, *, min_docs: int, min_share: float) -> tuple[int, set[int]]:
        row = self.conn.execute("SELECT docs FROM site_docs WHERE site = ?", (site,)).fetchone()
        total = row[0] if row else 0
        if total < min_docs:
            return total, set()
        threshold = max(min_docs, int(min_share * total + 0.999999))
        keys = {key for (key,) in self.conn.execute(
            "SELECT line_key FROM site_lines WHERE site = ? AND docs >= ?", (site, threshold))}
        return total, keys
