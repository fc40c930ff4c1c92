"""Read-only questions to a corpus file: search, the reading list, stories and statistics.

Plain functions over a ``sqlite3.Connection`` so that the Datasette pages (through
``Database.execute_fn``) and the ``search`` and ``stats`` commands ask the same SQL.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from harvester.errors import CorpusReadError, SearchError

# Markers FTS5's snippet() puts around matched terms; the pages turn them into <mark>.
MARK_START, MARK_END = "\x02", "\x03"
# Tokens of a snippet around the matches: about two lines of the result list.
SNIPPET_TOKENS = 32
EXCERPT_CHARS = 240

# A quoted phrase, or a run of anything but white space.
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Plain words as an FTS5 query: every word (or "quoted phrase") must occur.

    Each chunk becomes an FTS5 phrase, so punctuation inside it (``Trump's``, ``e-mail``,
    ``U.S.``, ``10%``, ``oil,``) is only a word boundary, as the tokenizer sees it, never
    query syntax. None when nothing in the text can match a word.
    """
    phrases = []
    for quoted, bare in _CHUNK.findall(text):
        chunk = quoted or bare
        if _WORD.search(chunk):
            phrases.append('"' + chunk.replace('"', '""') + '"')
    return " ".join(phrases) or None


@dataclass
class Hit:
    id: int
    title: str | None
    site: str | None
    published: str | None
    snippet: str  # with MARK_START/MARK_END around matched terms
    copies: int
    story_id: int | None
    url: str | None
    story_articles: int  # distinct articles (not copies) in its story: a story from 2 on

    def as_dict(self, marks: tuple[str, str] = ("[", "]")) -> dict:
        row = asdict(self)
        row["snippet"] = self.snippet.replace(MARK_START, marks[0]).replace(MARK_END, marks[1])
        return row


def search(conn: sqlite3.Connection, query: str, *, raw: bool = False, limit: int = 50,
           offset: int = 0) -> list[Hit]:
    """Documents matching ``query``, best first (FTS5's bm25 rank), copies folded.

    A copy that matches stands for its original: each original appears once, with the best
    snippet of its group and its number of copies. ``raw`` passes FTS5 syntax (AND, OR, NOT,
    NEAR, prefix*) through; a syntax error there is a ``SearchError``.
    """
    match = query.strip() if raw else fts_query(query)
    if not match:
        return []
    sql = f"""
        WITH matched AS (
          SELECT d.id, coalesce(d.duplicate_of, d.id) AS root, f.rank AS rank,
                 snippet(documents_fts, -1, '{MARK_START}', '{MARK_END}', '…',
                         {SNIPPET_TOKENS}) AS snippet
          FROM documents_fts f JOIN documents d ON d.id = f.rowid
          WHERE documents_fts MATCH :match
        ),
        best AS (
          SELECT root, min(rank) AS rank FROM matched GROUP BY root
        )
        SELECT o.id, o.title, o.site, o.published, o.story_id, o.url,
               (SELECT m.snippet FROM matched m WHERE m.root = b.root
                ORDER BY m.rank, m.id LIMIT 1) AS snippet,
               (SELECT count(*) FROM documents c WHERE c.duplicate_of = o.id) AS copies,
               (SELECT count(DISTINCT coalesce(s.duplicate_of, s.id)) FROM documents s
                WHERE s.story_id = o.story_id) AS story_articles
        FROM best b JOIN documents o ON o.id = b.root
        ORDER BY b.rank, o.id
        LIMIT :limit OFFSET :offset"""
    try:
        rows = conn.execute(sql, {"match": match, "limit": limit, "offset": offset}).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc) or "no such column" in str(exc):
            raise SearchError(f"not a valid full-text query: {query!r} ({exc}); "
                              "leave out raw mode to search for the words") from exc
        raise
    return [Hit(id=r[0], title=r[1], site=r[2], published=r[3], story_id=r[4], url=r[5],
                snippet=r[6] or "", copies=r[7], story_articles=r[8]) for r in rows]


# A story: documents sharing a story_id that are more than copies of one article.
_STORY_GROUPS = """
    SELECT story_id, count(DISTINCT coalesce(duplicate_of, id)) AS articles,
           count(*) AS documents, count(DISTINCT coalesce(site, source)) AS sources,
           min(published) AS first_published, max(published) AS last_published
    FROM documents WHERE story_id IS NOT NULL
    GROUP BY story_id HAVING count(DISTINCT coalesce(duplicate_of, id)) > 1"""


def reading_list(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0,
                 site: str | None = None) -> list[dict]:
    """Original documents, newest first (by publication, else by when stored), each with its
    excerpt, its number of copies and its story (None unless it is a real story)."""
    rows = conn.execute(f"""
        WITH stories AS ({_STORY_GROUPS})
        SELECT d.id, d.title, d.site, d.published, d.language, d.word_count,
               substr(d.text, 1, {EXCERPT_CHARS * 2}) AS opening,
               (SELECT count(*) FROM documents c WHERE c.duplicate_of = d.id) AS copies,
               s.story_id AS story_id, s.articles AS story_articles
        FROM documents d LEFT JOIN stories s ON s.story_id = d.story_id
        WHERE d.duplicate_of IS NULL AND (:site IS NULL OR d.site = :site)
        ORDER BY coalesce(d.published, d.added_at) DESC, d.id DESC
        LIMIT :limit OFFSET :offset""", {"site": site, "limit": limit, "offset": offset})
    return [_row(rows, r) for r in rows.fetchall()]


# Stories by how many sources reported them, each with its earliest headline; also the
# canned query ``stories`` (its story_id cells link to the story's page).
STORIES_SQL = f"""with stories as ({_STORY_GROUPS})
select s.story_id, (select t.title from documents t where t.story_id = s.story_id
    and t.title is not null order by t.published is null, t.published, t.id limit 1) as headline,
  s.sources, s.articles, s.documents, s.first_published, s.last_published
from stories s
order by s.sources desc, s.articles desc, s.story_id
limit 100"""


def stories(conn: sqlite3.Connection) -> list[dict]:
    """The first 100 stories by how many sources reported them (``STORIES_SQL``)."""
    rows = conn.execute(STORIES_SQL)
    return [_row(rows, r) for r in rows.fetchall()]


def story(conn: sqlite3.Connection, story_id: int) -> list[dict]:
    """A story's documents by publication date then source; empty if it is no real story."""
    if not conn.execute(f"SELECT 1 FROM ({_STORY_GROUPS}) WHERE story_id = ?",
                        [story_id]).fetchone():
        return []
    rows = conn.execute(f"""
        SELECT id, title, site, source, url, published, duplicate_of,
               substr(text, 1, {EXCERPT_CHARS * 2}) AS opening
        FROM documents WHERE story_id = ?
        ORDER BY published IS NULL, published, coalesce(site, source), id""", [story_id])
    return [_row(rows, r) for r in rows.fetchall()]


def stats(conn: sqlite3.Connection, *, runs: int = 5) -> dict:
    """Documents, sites, languages, duplicates, stories and the last runs of a corpus."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    languages = conn.execute(
        "SELECT coalesce(language, '?'), count(*) FROM documents WHERE duplicate_of IS NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    recent = conn.execute(
        "SELECT id, command, started_at, ended_at, status, exit_code, pages, stored, "
        "duplicates, failed FROM runs ORDER BY id DESC LIMIT ?", [runs])
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "originals": one("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
        "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        "sites": one("SELECT count(DISTINCT site) FROM documents"),
        "languages": dict(languages),
        "stories": one(f"SELECT count(*) FROM ({_STORY_GROUPS})"),
        "in_stories": one(f"SELECT coalesce(sum(documents), 0) FROM ({_STORY_GROUPS})"),
        "runs": [_row(recent, r) for r in recent.fetchall()],
    }


def _row(cursor: sqlite3.Cursor, values: tuple) -> dict:
    return {column[0]: value for column, value in zip(cursor.description, values)}


def connect_read_only(path) -> sqlite3.Connection:
    """A read-only connection to a corpus file; ``CorpusReadError`` if it is not one."""
    from pathlib import Path

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise CorpusReadError(f"{path}: not a readable corpus ({exc})") from exc
    if not {"documents", "documents_fts", "runs"} <= tables:
        conn.close()
        raise CorpusReadError(f"{path}: not a harvester corpus (no documents table)")
    return conn


def documents_without_raw_page(conn: sqlite3.Connection) -> int:
    """Documents ``reclean`` cannot clean again: no raw page was kept for them."""
    return conn.execute("SELECT count(*) FROM documents WHERE id NOT IN "
                        "(SELECT document_id FROM raw_pages)").fetchone()[0]
