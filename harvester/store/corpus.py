"""``Corpus``: the one object the rest of harvester stores and reads through.

A facade: each method hands over to the module of its tables (documents, fetches and runs,
the dedup index, site lines, raw pages). Every SQLite error leaves it as one of harvester's
own (``harvester.errors.StorageError`` and its kinds), with a message naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harvester.model import Document, Page
from harvester.store import schema
from harvester.store.connection import Connection
from harvester.store.dedup_index import DedupIndex
from harvester.store.documents import Arrival, Documents
from harvester.store.exports import Exports
from harvester.store.faults import guard_public_methods
from harvester.store.fetches import Fetches, Runs
from harvester.store.raw_pages import RawPages
from harvester.store.site_lines import SiteLines


@guard_public_methods
class Corpus:
    """A corpus database file, created with its schema if missing, migrated if older.

    Opened for writing, a damaged file is refused (``check``: SQLite's ``quick_check``);
    ``read_only`` opens (browsing) neither check nor migrate.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, check: bool = True):
        self._db = Connection(path, read_only=read_only, check=check)
        self.path = self._db.path
        self.conn = self._db.conn  # for tests and tools that read with SQL of their own
        self.db = self._db.db  # the same connection through sqlite-utils
        # The near-duplicate linker of this connection (``dedup.Linker.of``), made on first use.
        self.linker = None
        self._documents = Documents(self._db)
        self._fetches = Fetches(self._db)
        self._runs = Runs(self._db)
        self._dedup = DedupIndex(self._db, self.path)
        self._site_lines = SiteLines(self._db)
        self._raw = RawPages(self._db)
        self._exports = Exports(self._db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Apply the migrations the file lacks (done on every writable open)."""
        schema.migrate(self.conn, self._db.transaction)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost transaction."""
        with self._db.transaction():
            yield

    def set_cache_size(self, megabytes: int) -> None:
        """A larger page cache for bulk imports (the band index is written at random)."""
        self._db.set_cache_size(megabytes)

    # --- documents ----------------------------------------------------------------------

    def arrival(self, source: str, content_hash: str) -> Arrival:
        """What storing a text from ``source`` needs to know first (see ``Arrival``)."""
        return self._documents.arrival(source, content_hash)

    def insert_document(self, doc: Document, *, content_hash: str,
                        duplicate_of: int | None = None, story_id: int | None = None,
                        word_count: int | None = None) -> int:
        """Store a document row; ``word_count`` is ``doc.word_count`` when already counted."""
        return self._documents.insert(doc, content_hash=content_hash, duplicate_of=duplicate_of,
                                      story_id=story_id, word_count=word_count)

    def replace_document(self, doc_id: int, doc: Document, *, content_hash: str) -> None:
        """New cleaning of a stored document, in place (its id and links from fetches stay)."""
        self._documents.replace(doc_id, doc, content_hash=content_hash)

    def set_links(self, doc_id: int, *, duplicate_of: int | None, story_id: int | None) -> None:
        self._documents.set_links(doc_id, duplicate_of=duplicate_of, story_id=story_id)

    def document(self, doc_id: int) -> dict | None:
        return self._documents.get(doc_id)

    def first_copy(self, content_hash: str) -> int | None:
        """The first document stored with this text (``Arrival.first_copy`` on its own)."""
        return self._documents.first_copy(content_hash)

    def count(self, table: str = "documents", where: str | None = None) -> int:
        return self._documents.count(table, where)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return self._documents.search(query, limit)

    # --- site-wide line statistics -----------------------------------------------------

    def learn_site_lines(self, site: str, line_keys: set[int]) -> None:
        """Count one more document of ``site`` holding each of these distinct lines."""
        self._site_lines.learn(site, line_keys)

    def site_line_keys(self, site: str, *, min_docs: int, min_share: float) -> tuple[int, set[int]]:
        """(documents seen for the site, keys of lines in at least ``min_docs`` and
        ``min_share`` of them)."""
        return self._site_lines.keys(site, min_docs=min_docs, min_share=min_share)

    # --- near-duplicates and stories (logic in dedup.py) --------------------------------

    def dedup_settings(self) -> dict:
        """The settings this corpus's links were made with (empty: the defaults)."""
        return self._dedup.settings()

    def check_dedup_index(self, parameters: dict) -> None:
        """Record the index parameters on first use; refuse to mix keys made another way."""
        self._dedup.check(parameters)

    def reset_dedup(self, settings: dict, parameters: dict) -> None:
        self._dedup.reset(settings, parameters)

    def link_rows(self, ids: list[int]) -> list[dict]:
        """What linking needs of stored documents, by id."""
        return self._dedup.link_rows(ids)

    def group_urls(self, roots: list[int]) -> list[dict]:
        """``id``, ``url`` and ``canonical_url`` of every member of these duplicate groups."""
        return self._dedup.group_urls(roots)

    def shared_keys(self, band_keys: list[int], story_keys: list[int], exclude: int,
                    per_key: int, contained_keys: list[int] = ()
                    ) -> tuple[list[int], list[int], list[int]]:
        """The stored documents holding each band key, story key and contained-copy key of a
        new document: at most ``per_key`` per key (the oldest for band and contained-copy
        keys, the newest for a story key), one id per shared key, so a document sharing three
        keys comes three times. Ranking is left to the caller."""
        return self._dedup.shared_keys(band_keys, story_keys, exclude, per_key, contained_keys)

    def add_keys(self, doc_id: int, band_keys: list[int], story_keys: list[int],
                 contained_keys: list[int] = ()) -> None:
        """Index a document's band, story and contained-copy keys (one multi-row INSERT per
        table)."""
        self._dedup.add_keys(doc_id, band_keys, story_keys, contained_keys)

    def move_group(self, column: str, old_root: int, new_root: int) -> None:
        """Point a whole group (``duplicate_of`` or ``story_id``) and its root at a new root."""
        self._dedup.move_group(column, old_root, new_root)

    def documents_for_linking(self, batch: int = 500) -> Iterator[dict]:
        """(id, text, published) of every document, oldest first, read in batches."""
        yield from self._dedup.documents_for_linking(batch)

    def dedup_counts(self) -> dict[str, int]:
        return self._dedup.counts()

    # --- fetch state, robots.txt and runs -------------------------------------------------

    def fetch_state(self, url: str) -> dict | None:
        return self._fetches.state(url)

    def record_fetch(self, url: str, **fields) -> None:
        """Insert or update the fetch row of ``url`` with the given columns."""
        self._fetches.record(url, fields)

    def retry_due(self, source_name: str, max_attempts: int) -> list[str]:
        """Pages of a source that failed on fewer than ``max_attempts`` runs (oldest first)."""
        return self._fetches.retry_due(source_name, max_attempts)

    def listed_sitemaps(self, source_name: str, index_url: str) -> list[str]:
        """The sitemaps ``index_url`` listed when it was last read for ``source_name``."""
        return self._fetches.listed_sitemaps(source_name, index_url)

    def robots(self, origin: str) -> dict | None:
        return self._fetches.robots(origin)

    def save_robots(self, origin: str, status: int, body: str) -> None:
        self._fetches.save_robots(origin, status, body)

    def mark_interrupted_runs(self) -> int:
        """Runs still marked running were killed (the caller holds the run lock)."""
        return self._runs.mark_interrupted()

    def start_run(self, command: str) -> int:
        return self._runs.start(command)

    def finish_run(self, run_id: int, *, exit_code: int, counts: dict[str, int],
                   status: str | None = None) -> None:
        """Record how a run ended; ``status`` defaults to ``ok`` for exit code 0, else
        ``failed`` (``interrupted`` when the user stopped it)."""
        self._runs.finish(run_id, exit_code=exit_code, counts=counts, status=status)

    # --- raw pages (for reclean) --------------------------------------------------------

    def save_raw(self, doc_id: int, page: Page) -> None:
        """Keep the page a document was cleaned from (zstd-compressed)."""
        self._raw.save(doc_id, page)

    def raw_pages(self) -> Iterator[tuple[int, Page]]:
        """(document id, page) of every kept raw page, oldest document first."""
        yield from self._raw.all()

    # --- export and import (datasets, batch output) -------------------------------------

    def count_where(self, where: str | None) -> int:
        """Documents matching a user's SQL condition (``HarvesterError`` if it is not SQL)."""
        return self._exports.count(where)

    def export_rows(self, where: str | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every document row matching ``where``, by id, read ``batch`` rows at a time."""
        yield from self._exports.rows(where, batch)

    def export_raw_pages(self, where: str | None = None, batch: int = 100
                         ) -> Iterator[tuple[dict, Page]]:
        """({id, added_at} of the document, its raw page) for every document matching
        ``where`` that kept its page, by id, in batches."""
        yield from self._exports.raw_pages(where, batch)

    def import_row(self, row: dict) -> tuple[int, bool]:
        """Store a batch output's document row as it is, without links (``set_links``
        follows): (its id, whether it is new). A text already stored from the same source
        gives the stored row's id."""
        return self._exports.import_row(row)
