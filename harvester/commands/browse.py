"""``serve``, ``search`` and ``stats``: reading a corpus."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import typer

from harvester.cli import (
    DEFAULT_CONFIG,
    DEFAULT_DB,
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_USAGE,
    app,
    fail,
    invoked_as,
)
from harvester.errors import ConfigError
from harvester.wording import plural


def corpus_path(config: Path | None, db: Path | None) -> Path:
    """``--db``, else the corpus of ``--config`` (or of ./config.toml), else the default."""
    from harvester.config import load_config

    if db is not None:
        return db
    if config is None and not DEFAULT_CONFIG.exists():
        return DEFAULT_DB
    try:
        return load_config(config or DEFAULT_CONFIG).corpus.path
    except ConfigError as exc:
        fail(EXIT_CONFIG, str(exc))


def existing_corpus(config: Path | None, db: Path | None) -> Path:
    path = corpus_path(config, db)
    if not path.exists():
        fail(EXIT_USAGE, f"{path}: no corpus here yet (run {invoked_as()} harvest or "
                         f"{invoked_as()} clean --into {path})")
    return path


def listening_socket(host: str, port: int):
    """The server's socket, bound before anything says it is serving."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # bind alone succeeds beside a listener that also reuses addresses
    except OSError as exc:
        sock.close()
        fail(EXIT_USAGE, f"cannot listen on {host}:{port}: {exc.strerror or exc} (another "
                         f"server there? choose another --port)")
    return sock


@app.command()
def serve(
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file whose "
                                          "corpus to serve (default: ./config.toml if there)."),
    port: int = typer.Option(8001, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
) -> None:
    """Browse the corpus in Datasette: search, reading list, stories, documents."""
    import uvicorn

    from harvester.browse import make_datasette

    path = existing_corpus(config, db)
    sock = listening_socket(host, port)
    ds = make_datasette(path)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Serving {path} on http://{shown}:{port}/ (search: "
               f"http://{shown}:{port}/-/search)", err=True)
    server = uvicorn.Server(uvicorn.Config(ds.app(), log_level="warning"))
    server.run(sockets=[sock])


@contextmanager
def read_only(config: Path | None, db: Path | None):
    """A read-only connection to the corpus; exits 65 with a message if it is not one."""
    from harvester.browse.queries import connect_read_only
    from harvester.errors import CorpusReadError

    path = existing_corpus(config, db)
    try:
        conn = connect_read_only(path)
    except CorpusReadError as exc:
        fail(exc.exit_code, str(exc))
    try:
        yield conn
    finally:
        conn.close()


@app.command()
def search(
    query: list[str] = typer.Argument(..., metavar="WORDS", help="Words to find (all of "
                                      "them); \"quoted phrases\" too."),
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file whose "
                                          "corpus to search."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per "
                                 "result per line."),
    raw: bool = typer.Option(False, "--raw", help="FTS5 query syntax (AND, OR, "
                             "NOT, NEAR, prefix*) instead of plain words."),
    limit: int = typer.Option(20, "--limit", min=1, help="Results to show."),
) -> None:
    """Search the corpus' text and titles; best matches first, copies folded."""
    from harvester.browse.queries import search as run_search
    from harvester.errors import SearchError

    text = " ".join(query)
    with read_only(config, db) as conn:
        try:
            hits = run_search(conn, text, raw=raw, limit=limit)
        except SearchError as exc:
            fail(EXIT_USAGE, str(exc))
    for hit in hits:
        if as_json:
            typer.echo(json.dumps(hit.as_dict(), ensure_ascii=False))
            continue
        row = hit.as_dict()
        where = ", ".join(filter(None, [hit.site, (hit.published or "")[:10]]))
        copies = f" [{plural(hit.copies, 'copy', 'copies')}]" if hit.copies else ""
        typer.echo(f"{hit.id}. {hit.title or '(untitled)'} ({where or 'no site'}){copies}")
        typer.echo(f"   {' '.join(row['snippet'].split())}")
    if not hits and not as_json:
        typer.echo(f"harvester: nothing found for {text!r}", err=True)
    raise typer.Exit(EXIT_OK)


@app.command()
def stats(
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file whose "
                                          "corpus to describe."),
    as_json: bool = typer.Option(False, "--json", help="As one JSON object."),
) -> None:
    """Documents, sites, languages, duplicates, stories and the last runs of the corpus."""
    from harvester.browse.queries import stats as corpus_stats

    with read_only(config, db) as conn:
        figures = corpus_stats(conn)
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    languages = ", ".join(f"{code} {n}" for code, n in figures["languages"].items())
    typer.echo(f"documents   {figures['documents']} ({figures['originals']} originals, "
               f"{plural(figures['duplicates'], 'copy', 'copies')} linked to their original)")
    typer.echo(f"sites       {figures['sites']}")
    typer.echo(f"languages   {languages or '-'}")
    typer.echo(f"stories     {figures['stories']} ({plural(figures['in_stories'], 'document')})")
    typer.echo("last runs" + ("" if figures["runs"] else "   none"))
    for run in figures["runs"]:
        typer.echo(f"  #{run['id']} {run['started_at']} {run['command']}: {run['status']}, "
                   f"{plural(run['pages'] or 0, 'page')}, {run['stored'] or 0} stored, "
                   f"{run['failed'] or 0} failed")
    raise typer.Exit(EXIT_OK)
