"""The corpus' own pages in Datasette: search, the reading list, the stories and one story.

Each is a route of the plugin (``register_routes``), rendered with Datasette's ``base.html``
so the header and the links to the tables stay Datasette's.
"""

from __future__ import annotations

import urllib.parse

import markupsafe

from harvester.browse import queries
from harvester.errors import SearchError

PAGE_SIZE = 50
# The columns that tell a harvester corpus' documents table from any other table so named.
DOCUMENT_COLUMNS = {"id", "text", "removed", "duplicate_of", "story_id"}


def highlighted(snippet: str) -> markupsafe.Markup:
    """A snippet with its matched terms in <mark>, everything else escaped."""
    text = str(markupsafe.escape(" ".join(snippet.split())))
    return markupsafe.Markup(text.replace(queries.MARK_START, "<mark>")
                             .replace(queries.MARK_END, "</mark>"))


def label(row: dict) -> str:
    """A document's title, else its first words, else its number."""
    from harvester.browse.plugin import LABEL_CHARS, excerpt

    return row.get("title") or excerpt(row.get("opening") or row.get("snippet") or "",
                                        LABEL_CHARS) or f"document {row['id']}"


async def corpus_database(datasette) -> str | None:
    """The name of the first served database holding a harvester documents table."""
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        if "documents" in await db.table_names() and \
                DOCUMENT_COLUMNS <= set(await db.table_columns("documents")):
            return name
    return None


class Links:
    """Addresses of the corpus' pages and tables in one database."""

    def __init__(self, datasette, database: str):
        self.datasette = datasette
        self.database = database

    def document(self, doc_id: int) -> str:
        return self.datasette.urls.row(self.database, "documents", str(doc_id))

    def table(self, **where) -> str:
        base = self.datasette.urls.table(self.database, "documents")
        return f"{base}?{urllib.parse.urlencode(where)}" if where else base

    def page(self, path: str, **params) -> str:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return self.datasette.urls.path(f"/-/{path}") + (f"?{query}" if query else "")

    def story(self, story_id: int) -> str:
        return self.page(f"story/{story_id}")


def _page_number(request) -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


async def _render(datasette, request, template: str, context: dict, status: int = 200):
    from datasette.utils.asgi import Response
    from datasette.version import __version__

    html = await datasette.render_template(
        template, {"datasette_version": __version__, **context}, request=request)
    return Response.html(html, status=status)


async def _no_corpus(datasette, request):
    return await _render(datasette, request, "harvester_message.html", {
        "title": "No corpus here", "message": "None of the served databases is a harvester "
        "corpus (a documents table with text, removed, duplicate_of and story_id)."}, 404)


def _decorate(rows: list[dict], links: Links) -> list[dict]:
    from harvester.browse.plugin import excerpt

    for row in rows:
        row["label"] = label(row)
        row["href"] = links.document(row["id"])
        if row.get("opening") is not None:
            row["excerpt"] = excerpt(row["opening"])
        if row.get("snippet") is not None:
            row["snippet_html"] = highlighted(row["snippet"])
        if row.get("copies"):
            row["copies_href"] = links.table(duplicate_of=row["id"])
        if row.get("story_id") is not None and (row.get("story_articles") or 0) > 1:
            row["story_href"] = links.story(row["story_id"])
    return rows


async def search_page(datasette, request):
    database = await corpus_database(datasette)
    if database is None:
        return await _no_corpus(datasette, request)
    links = Links(datasette, database)
    text = request.args.get("q", "").strip()
    raw = request.args.get("mode") == "raw"
    page = _page_number(request)
    hits, error = [], None
    if text:
        db = datasette.get_database(database)
        try:
            found = await db.execute_fn(lambda conn: queries.search(
                conn, text, raw=raw, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE))
        except SearchError as exc:
            error = str(exc)
        else:
            hits = _decorate([hit.as_dict(marks=(queries.MARK_START, queries.MARK_END))
                              for hit in found], links)
    more = len(hits) > PAGE_SIZE
    return await _render(datasette, request, "harvester_search.html", {
        "q": text, "raw": raw, "hits": hits[:PAGE_SIZE], "error": error, "page": page,
        "next_href": links.page("search", q=text, mode="raw" if raw else None, page=page + 1)
        if more else None,
        "table_href": links.table(_search=text, **({"_searchmode": "raw"} if raw else {}))
        if text else links.table(),
        "links": links}, 400 if error else 200)


async def reading_list_page(datasette, request):
    database = await corpus_database(datasette)
    if database is None:
        return await _no_corpus(datasette, request)
    links = Links(datasette, database)
    page = _page_number(request)
    site = request.args.get("site") or None
    rows = await datasette.get_database(database).execute_fn(lambda conn: queries.reading_list(
        conn, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, site=site))
    more = len(rows) > PAGE_SIZE
    return await _render(datasette, request, "harvester_reading_list.html", {
        "documents": _decorate(rows[:PAGE_SIZE], links), "site": site, "page": page,
        "next_href": links.page("reading-list", site=site, page=page + 1) if more else None,
        "table_href": links.table(site=site) if site else links.table(), "links": links})


async def stories_page(datasette, request):
    database = await corpus_database(datasette)
    if database is None:
        return await _no_corpus(datasette, request)
    links = Links(datasette, database)
    rows = await datasette.get_database(database).execute_fn(queries.stories)
    for row in rows:
        row["href"] = links.story(row["story_id"])
    return await _render(datasette, request, "harvester_stories.html",
                         {"stories": rows, "links": links})


async def story_page(datasette, request):
    database = await corpus_database(datasette)
    if database is None:
        return await _no_corpus(datasette, request)
    links = Links(datasette, database)
    story_id = int(request.url_vars["story_id"])
    rows = await datasette.get_database(database).execute_fn(
        lambda conn: queries.story(conn, story_id))
    if not rows:
        return await _render(datasette, request, "harvester_message.html", {
            "title": f"No story {story_id}", "message": f"Story {story_id} does not exist or "
            "is a single article with its copies, not a story.", "links": links}, 404)
    originals = [row for row in _decorate(rows, links) if row["duplicate_of"] is None]
    for row in originals:
        row["copies"] = [r for r in rows if r["duplicate_of"] == row["id"]]
    sites = {row["site"] or row["source"] for row in rows}
    return await _render(datasette, request, "harvester_story.html", {
        "story_id": story_id, "documents": originals, "size": len(rows), "sources": len(sites),
        "headline": next((r["title"] for r in originals if r["title"]), None),
        "table_href": links.table(story_id=story_id), "links": links})


ROUTES = [
    (r"^/-/search$", search_page),
    (r"^/-/reading-list$", reading_list_page),
    (r"^/-/stories$", stories_page),
    (r"^/-/story/(?P<story_id>\d+)$", story_page),
]
