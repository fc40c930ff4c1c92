"""Fetch state of every URL (``fetches``), remembered robots.txt answers (``robots``) and the
record of every run (``runs``)."""

from __future__ import annotations

import json

from harvester.model import utc_now
from harvester.store.connection import Connection
from harvester.store.schema import FETCH_COLUMNS


class Fetches:
    def __init__(self, db: Connection):
        self.conn = db.conn

    def state(self, url: str) -> dict | None:
        cursor = self.conn.execute("SELECT * FROM fetches WHERE url = ?", (url,))
        names = [d[0] for d in cursor.description]
        found = cursor.fetchone()
        return dict(zip(names, found)) if found else None

    def record(self, url: str, fields: dict) -> None:
        fields = {"last_attempt": utc_now(), **fields}
        unknown = set(fields) - set(FETCH_COLUMNS)
        if unknown:
            raise ValueError(f"unknown fetches columns: {sorted(unknown)}")
        columns = ["url", *fields]
        updates = ", ".join(f"{c} = excluded.{c}" for c in fields)
        self.conn.execute(
            f"INSERT INTO fetches ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            f" ON CONFLICT(url) DO UPDATE SET {updates}",
            (url, *fields.values()))

    def retry_due(self, source_name: str, max_attempts: int) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT url FROM fetches WHERE source_name = ? AND listing IS NULL "
            "AND outcome NOT IN ('ok', 'disallowed') AND coalesce(attempts, 0) < ? "
            "ORDER BY last_attempt, url", (source_name, max_attempts))]

    def listed_sitemaps(self, source_name: str, index_url: str) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT url FROM fetches WHERE source_name = ? AND listing = 'sitemap' "
            "AND listed_in = ? AND url != ? ORDER BY url", (source_name, index_url, index_url))]

    def robots(self, origin: str) -> dict | None:
        row = self.conn.execute("SELECT status, body, fetched_at FROM robots WHERE origin = ?",
                                (origin,)).fetchone()
        return {"status": row[0], "body": row[1], "fetched_at": row[2]} if row else None

    def save_robots(self, origin: str, status: int, body: str) -> None:
        self.conn.execute(
            "INSERT INTO robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(origin) DO UPDATE SET status = excluded.status, body = excluded.body, "
            "fetched_at = excluded.fetched_at", (origin, status, body, utc_now()))


# The ``status`` of a run: ``running`` until it ends; ``ok`` (exit code 0), ``failed`` (it
# ended with failures or an error, its exit code says which), ``interrupted`` (stopped by the
# user, or found still ``running`` by the next run: killed).
RUN_STATUSES = ("running", "ok", "failed", "interrupted")


class Runs:
    def __init__(self, db: Connection):
        self.conn = db.conn

    def mark_interrupted(self) -> int:
        return self.conn.execute("UPDATE runs SET status = 'interrupted' "
                                 "WHERE status = 'running'").rowcount

    def start(self, command: str) -> int:
        cursor = self.conn.execute(
            "INSERT INTO runs (command, started_at, status) VALUES (?, ?, 'running')",
            (command, utc_now()))
        return cursor.lastrowid

    def finish(self, run_id: int, *, exit_code: int, counts: dict[str, int],
               status: str | None) -> None:
        status = status or ("ok" if exit_code == 0 else "failed")
        if status not in RUN_STATUSES[1:]:
            raise ValueError(f"not a final run status: {status!r}")
        self.conn.execute(
            "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, pages = ?, stored = ?, "
            "duplicates = ?, unchanged = ?, failed = ?, counts = ? WHERE id = ?",
            (utc_now(), status, exit_code,
             counts.get("pages", 0), counts.get("stored", 0), counts.get("duplicates", 0),
             counts.get("unchanged", 0), counts.get("failed", 0),
             json.dumps(counts, sort_keys=True), run_id))
