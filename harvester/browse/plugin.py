"""Datasette plugin: a document's page reads as an article; list pages show excerpts.

Supported: Datasette 0.65.x (the pinned version) and the 1.0 alphas. Only hooks present with
these arguments in both are used (``prepare_jinja2_environment``, ``render_cell``,
``extra_template_vars``); pluggy hands an implementation only the arguments it names, so the
``request`` and ``pks`` arguments that 1.0 added to ``render_cell`` do not matter here. The
templates extend ``default:row.html`` and only fill its ``content`` and ``extra_head`` blocks,
which both versions have.
"""

from __future__ import annotations

import json
import urllib.parse
from collections import Counter
from pathlib import Path

import markupsafe
from datasette import hookimpl

from harvester.browse.pages import DOCUMENT_COLUMNS, ROUTES, Links, corpus_database

TEMPLATES = Path(__file__).with_name("templates")
# A table cell shows about two lines of a 1280-pixel-wide page at Datasette's font: enough to
# recognise an article, short enough that a page of 100 rows stays a list.
EXCERPT_CHARS = 240
# A link to an untitled document: its first words, about one line of the list.
LABEL_CHARS = 90
# Enough of a SHA-256 to tell documents apart by eye; the whole hash is in the tooltip.
HASH_CHARS = 10
# Related documents listed on a document's page; a bigger story is linked as a filtered table.
RELATED_LIMIT = 50


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of ``text`` on one line, cut at a word boundary, with an ellipsis if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(",;:.-–—") + "…"


def removed_lines(value) -> list[dict]:
    """The ``removed`` column as a list of ``{"line", "reason"}``; [] if it is not that."""
    try:
        lines = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    if not isinstance(lines, list):
        return []
    return [item for item in lines if isinstance(item, dict) and "line" in item]


def removed_summary(lines: list[dict]) -> str:
    reasons = Counter(str(item.get("reason")) for item in lines)
    parts = ", ".join(f"{reason} {n}" for reason, n in reasons.most_common())
    noun = "line" if len(lines) == 1 else "lines"
    return f"{len(lines)} {noun} removed" + (f": {parts}" if parts else "")


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def tag_list(value) -> list[str]:
    try:
        tags = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return [str(tag) for tag in tags] if isinstance(tags, list) else []


# --- hooks --------------------------------------------------------------------------------


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Make our templates findable, right after a user's --template-dir.

    Datasette finds a plugin's ``templates/`` itself only when the plugin is a package on
    Python < 3.12; this plugin is a module, so the folder is added here.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader

    folder = str(TEMPLATES)
    loader = env.loader
    first = loader.loaders[0] if isinstance(loader, ChoiceLoader) and loader.loaders else None
    if isinstance(first, FileSystemLoader):
        if folder not in first.searchpath:
            first.searchpath.insert(1 if datasette.template_dir else 0, folder)
    else:
        env.loader = ChoiceLoader([FileSystemLoader(folder), loader])


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Excerpts instead of whole articles; titles link to the document; tags link to filters."""
    if table is None:
        if column == "story_id" and isinstance(value, int):
            href = Links(datasette, database).story(value)
            return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
        # Canned queries and arbitrary SQL: only long text or excerpt columns are shortened.
        if column in ("text", "excerpt") and isinstance(value, str) and len(value) > EXCERPT_CHARS:
            return excerpt(value)
        return None
    if table != "documents":
        return None
    if column == "text" and isinstance(value, str):
        return excerpt(value)
    if column == "removed" and isinstance(value, str):
        return removed_summary(removed_lines(value))
    if column == "title" and value and "id" in row.keys():
        # A title keeps a readable width beside the long text column.
        href = datasette.urls.row(database, table, str(row["id"]))
        return markupsafe.Markup('<a class="hv-title" style="display:inline-block;'
                                 'min-width:16em" href="{}">{}</a>').format(href, value)
    if column == "content_hash" and isinstance(value, str) and len(value) > HASH_CHARS:
        return markupsafe.Markup('<span title="{}">{}…</span>').format(value, value[:HASH_CHARS])
    if column == "tags" and isinstance(value, str):
        return tag_links(tag_list(value), datasette.urls.table(database, table))
    return None


def tag_links(tags: list[str], table_url: str) -> markupsafe.Markup:
    if not tags:
        return markupsafe.Markup('<span class="hv-no-tags"></span>')  # empty, not "[]"
    link = markupsafe.Markup('<a class="hv-tag" href="{}?tags__arraycontains={}">{}</a>')
    return markupsafe.Markup(" ").join(
        link.format(table_url, urllib.parse.quote_plus(tag), tag) for tag in tags)


@hookimpl
def register_routes():
    """Search, the reading list, the stories and a story's page (``harvester.browse.pages``)."""
    return ROUTES


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """On a document's row page, everything the article view shows; on the home page, the
    links to the corpus' own pages."""
    if view_name == "index":
        return index_vars(datasette)
    if view_name != "row" or table != "documents" or request is None:
        return {}

    async def document_vars():
        doc_id = document_id(request)
        if doc_id is None:
            return {}
        db = datasette.get_database(database)
        if not DOCUMENT_COLUMNS <= set(await db.table_columns("documents")):
            return {}
        view = await document_view(db, doc_id, DocumentUrls(datasette, database))
        return {"harvester_document": view} if view else {}

    return document_vars


def index_vars(datasette):
    async def links():
        database = await corpus_database(datasette)
        return {"links": Links(datasette, database)} if database else {}

    return links


def document_id(request) -> int | None:
    """The integer primary key in the row URL (``/db/documents/12``), or None."""
    raw = urllib.parse.unquote(str(request.url_vars.get("pks", "")))
    try:
        return int(raw)
    except ValueError:
        return None


class DocumentUrls:
    """Links to document pages and filtered document lists of one database."""

    def __init__(self, datasette, database: str):
        self.datasette = datasette
        self.database = database

    def row(self, doc_id: int) -> str:
        return self.datasette.urls.row(self.database, "documents", str(doc_id))

    def story(self, story_id: int) -> str:
        return Links(self.datasette, self.database).story(story_id)

    def filtered(self, **where) -> str:
        base = self.datasette.urls.table(self.database, "documents")
        return f"{base}?{urllib.parse.urlencode(where)}"


async def fetch_dicts(db, sql: str, params) -> list[dict]:
    result = await db.execute(sql, params)
    return [dict(row) for row in result.rows]


async def related(db, where: str, params, urls: DocumentUrls) -> list[dict]:
    """Documents matching ``where``, each with its link, oldest publication first."""
    rows = await fetch_dicts(
        db, f"SELECT id, title, site, published, source, substr(text, 1, 400) AS opening "
            f"FROM documents WHERE {where} "
            f"ORDER BY published IS NULL, published, id LIMIT {RELATED_LIMIT}", params)
    for row in rows:
        row["href"] = urls.row(row["id"])
        opening = row.pop("opening") or ""
        # An untitled page is named by its first words.
        row["label"] = row["title"] or excerpt(opening, LABEL_CHARS) or f"document {row['id']}"
    return rows


async def document_view(db, doc_id: int, urls: DocumentUrls) -> dict | None:
    found = await fetch_dicts(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    if not found:
        return None
    doc = found[0]
    lines = removed_lines(doc.get("removed"))
    original = None
    if doc["duplicate_of"] is not None:
        original = (await related(db, "id = ?", [doc["duplicate_of"]], urls) or [None])[0]
    story, story_size = [], 0
    if doc["story_id"] is not None:
        # Copies of this text are listed as copies, not again as other articles of the story.
        root = doc["duplicate_of"] if doc["duplicate_of"] is not None else doc_id
        story = await related(db, "story_id = ? AND id != ? AND coalesce(duplicate_of, id) != ?",
                              [doc["story_id"], doc_id, root], urls)
        story_size = (await db.execute("SELECT count(*) FROM documents WHERE story_id = ?",
                                       [doc["story_id"]])).first()[0]
        if not story:
            story_size = 0  # only copies of this article: no story to show
    return {
        **doc,
        "tags": [{"name": tag, "href": urls.filtered(tags__arraycontains=tag)}
                 for tag in tag_list(doc.get("tags"))],
        "paragraphs": paragraphs(doc["text"]),
        "removed": lines,
        "removed_summary": removed_summary(lines),
        "original": original,
        "copies": await related(db, "duplicate_of = ?", [doc_id], urls),
        "copies_href": urls.filtered(duplicate_of=doc_id),
        "story": story,
        "story_size": story_size,
        "story_href": urls.story(doc["story_id"]) if story else None,
    }
