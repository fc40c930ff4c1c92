"""The ``harvester`` command: thin typer commands over the package's API.

Exit codes: 0 all fine, 1 some inputs failed, 2 wrong usage, 75 corpus locked, 78 bad config;
storage faults (docs/storage.md): 65 corpus damaged, not a corpus or too new, 73 corpus file or
folder not writable, 74 disk full, file size limit or I/O error, 70 any other SQLite failure.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from harvester import __version__
from harvester.config import CleanSettings
from harvester.errors import ConfigError, LockedError, StorageError
from harvester.model import Document, Failure
from harvester.wording import plural

if TYPE_CHECKING:
    from harvester.config import Config
    from harvester.store import Corpus

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_CONFIG = 0, 1, 2, 75, 78
DEFAULT_CONFIG = Path("config.toml")
DEFAULT_DB = Path("corpus/corpus.db")

app = typer.Typer(
    help="Harvest news and articles as clean text into a SQLite corpus, and browse it.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    rich_markup_mode=None)  # plain help: flags without a "<bool>" type beside them


def fail(code: int, message: str) -> NoReturn:
    typer.echo(f"harvester: {message}", err=True)
    raise typer.Exit(code)


def invoked_as() -> str:
    """How the user ran us (``.venv/bin/harvester`` from ``make run``), to repeat in hints."""
    import os

    program = sys.argv[0]
    if os.path.basename(program) != "harvester":
        return "harvester"
    relative = os.path.relpath(program)
    return relative if not relative.startswith("..") and os.sep in relative else "harvester"


def failure_line(failure: Failure) -> str:
    return f"harvester: {failure.source}: {failure.detail} [{failure.reason}]"


@contextmanager
def storage_faults() -> Iterator[None]:
    """A storage fault ends the command with its one-line message and exit code."""
    try:
        yield
    except StorageError as exc:
        fail(exc.exit_code, str(exc))


def report_failure(failure: Failure) -> None:
    typer.echo(failure_line(failure), err=True)


def terminal_bars(quiet: bool = False):
    """Progress bars on standard error when it is a terminal (never for cron), else None."""
    if quiet or not sys.stderr.isatty():
        return None
    from harvester.run.progress import SourceBars

    return SourceBars()


def failure_reporter(bars):
    """Report failures above the progress bars, where they are not drawn over."""
    if bars is None:
        return report_failure
    return lambda failure: bars.print(failure_line(failure))


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"harvester {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback,
                                      is_eager=True, help="Show the version and exit.")) -> None:
    """Harvest news and articles as clean text into a SQLite corpus, and browse it."""


def print_documents(results, as_json: bool) -> int:
    """Print each document as it comes (text, or one JSON object per line); return failures.

    Several texts get a ``==> source <==`` header each, as ``head`` does for several files;
    the first one is held back until a second shows whether headers are needed.
    """
    failed = 0
    held: Document | None = None
    printed = 0
    for _item, result in results:
        if isinstance(result, Failure):
            failed += 1
            report_failure(result)
        elif as_json:
            typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        elif held is None and printed == 0:
            held = result
        else:
            for doc in (held, result) if held else (result,):
                typer.echo(("\n" if printed else "") + f"==> {doc.source} <==\n\n{doc.text}")
                printed += 1
            held = None
    if held is not None:
        typer.echo(held.text)
    return failed


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., metavar="PATH",
                                      help="Files or folders (searched recursively); "
                                      "'-' reads standard input."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per document per line."),
    into: Path | None = typer.Option(None, "--into", help="Store into this corpus file "
                                        "(created if missing) instead of printing."),
    workers: int = typer.Option(CleanSettings.workers, "--workers", min=0,
                                help="Cleaning processes (0: none)."),
    comments: bool = typer.Option(False, "--comments", help="Keep reader comments in the "
                                  "documents' comments field (JSON and corpus)."),
    keep_raw: bool = typer.Option(True, "--keep-raw/--no-raw", help="With --into: keep each "
                                  "page (compressed) for reclean and export --format warc."),
) -> None:
    """Clean saved pages (HTML, text, gzip, WARC) and print or store the clean text."""
    from harvester.run.counts import Counts
    from harvester.run.ingest import clean_into
    from harvester.run.workers import WorkerPool, clean_pages
    from harvester.sources import files

    settings = CleanSettings(workers=workers, comments=comments, keep_raw=keep_raw)
    pages = files.load(paths)
    if into is None:
        # Printed text shows no metadata: leaving it out takes about a third less CPU time.
        failed = print_documents(clean_pages(pages, settings, metadata=as_json), as_json)
    else:
        from harvester.store import Corpus

        counts = Counts()
        bars = terminal_bars()
        done = (lambda *_: bars.advance(str(into))) if bars else None
        try:
            with storage_faults(), Corpus(into) as corpus, WorkerPool(settings) as pool:
                clean_into(corpus, pages, counts, pool=pool, on_failure=_and_then(
                    failure_reporter(bars), done), on_stored=done)
        finally:
            if bars:
                bars.close()
        typer.echo(counts.summary())
        failed = counts.failed
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _and_then(first, second):
    return first if second is None else lambda item: (first(item), second(item))


@app.command()
def explain(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Saved pages (HTML, text, "
                                      "gzip or WARC) or folders; '-' for standard input."),
    comments: bool = typer.Option(False, "--comments", help="Keep reader comments and show "
                                  "them after the page's lines."),
) -> None:
    """Show every line of each page, kept or removed, with the reason for each removal."""
    from rich.console import Console

    from harvester.run.workers import clean_one
    from harvester.sources import files

    console = Console(highlight=False, soft_wrap=True)
    failed = 0
    for number, item in enumerate(files.load(paths)):
        result = item if isinstance(item, Failure) else clean_one(item, comments=comments)
        if isinstance(result, Failure):
            failed += 1
            report_failure(result)
            continue
        console.print(("\n" if number else "") + f"# {result.source}", style="bold")
        for field in ("title", "description", "author", "date", "language"):
            if getattr(result, field):
                console.print(f"# {field}: {getattr(result, field)}", style="bold")
        if result.tags:
            console.print(f"# tags: {', '.join(result.tags)}", style="bold")
        for line in result.lines:
            if line.kept:
                console.print(f"  {line.text}", markup=False)
            else:
                console.print(f"- [{line.reason}] {line.text}", style="red", markup=False)
        if result.comments:
            console.print("# comments:", style="bold")
            for line in result.comments.splitlines():
                console.print(f"  {line}", markup=False)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def harvest(
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Configuration file."),
    source: list[str] | None = typer.Option(None, "--source", help="Only this source "
                                               "(repeatable)."),
    refresh: bool = typer.Option(False, "--refresh", help="Fetch stored URLs again "
                                 "(conditionally)."),
    quiet: bool = typer.Option(False, "--quiet", help="Print nothing but errors."),
    verbose: bool = typer.Option(False, "--verbose", help="Print a summary when done."),
    comments: bool = typer.Option(False, "--comments", help="Keep reader comments in the "
                                  "documents' comments field (as [clean] comments = true)."),
) -> None:
    """Fetch what is new from the sources in the config and add it to the corpus."""
    from harvester.config import load_config
    from harvester.run.harvest import harvest as run_harvest

    try:
        settings = load_config(config)
        settings.clean.comments = settings.clean.comments or comments
        unknown = set(source or []) - {s.name for s in settings.sources}
        if unknown:
            raise ConfigError(f"{config}: no source named {sorted(unknown)[0]!r}")
    except ConfigError as exc:
        fail(EXIT_CONFIG, str(exc))
    progress = terminal_bars(quiet)
    try:
        with storage_faults():
            report = run_harvest(settings, only=source, refresh=refresh,
                                 on_failure=failure_reporter(progress), progress=progress)
    except LockedError as exc:
        fail(EXIT_LOCKED, str(exc))
    if verbose and not quiet:
        typer.echo(report.counts.summary())
        typer.echo(f"Browse it: {invoked_as()} serve --db {settings.corpus.path}")
    raise typer.Exit(report.exit_code)


@contextmanager
def locked_corpus(config: Path, db: Path | None) -> Iterator[tuple[Config, Corpus]]:
    """The settings and the corpus (``--db`` or the config's), held under the run lock.

    Exits 78 on a bad config, 2 when there is no corpus yet, 75 when another run holds it, and
    with the storage fault's code when the corpus cannot be used (see the module's doc).
    """
    from harvester.config import Config, load_config
    from harvester.run.lock import RunLock
    from harvester.store import Corpus

    try:
        settings = load_config(config) if db is None or config.exists() else Config()
    except ConfigError as exc:
        fail(EXIT_CONFIG, str(exc))
    path = db or settings.corpus.path
    if not path.exists():
        fail(EXIT_USAGE, f"{path}: no corpus here yet")
    try:
        with storage_faults(), RunLock(path), Corpus(path) as corpus:
            yield settings, corpus
    except LockedError as exc:
        fail(EXIT_LOCKED, str(exc))


@app.command()
def reclean(
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Configuration file (for the "
                                "corpus path and cleaning settings)."),
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
    verbose: bool = typer.Option(False, "--verbose", help="Print a summary when done."),
) -> None:
    """Clean every harvested page again from its kept raw copy, without the network."""
    from harvester.browse.queries import documents_without_raw_page
    from harvester.run.reclean import reclean as run_reclean

    with locked_corpus(config, db) as (settings, corpus):
        counts = run_reclean(corpus, settings.clean, on_failure=report_failure)
        without_raw = documents_without_raw_page(corpus.conn)
    for line in reclean_skipped(counts, without_raw):
        typer.echo(f"harvester: {line}", err=True)
    if verbose:
        typer.echo(f"{plural(counts['pages'], 'page')} cleaned again: {counts['changed']} "
                   f"changed, {counts['unchanged']} unchanged, {counts.failed} failed (kept as "
                   f"they were)")
    raise typer.Exit(EXIT_FAILED if counts.failed else EXIT_OK)


def reclean_skipped(counts, without_raw: int) -> list[str]:
    """What ``reclean`` left as it was, and why, one sentence each."""
    lines = []
    if without_raw:
        lines.append(f"skipped {plural(without_raw, 'document')} without a kept raw page "
                     "(stored by clean --into, or before raw pages were kept): they stay as "
                     "they were")
    if counts["conflict"]:
        lines.append(f"skipped {plural(counts['conflict'], 'page')} whose new text another "
                     "version of the same URL already holds: both kept as they were")
    if counts["missing"]:
        lines.append(f"skipped {plural(counts['missing'], 'raw page')} whose document was "
                     "deleted meanwhile")
    return lines


@app.command()
def dedup(
    rebuild: bool = typer.Option(False, "--rebuild", help="Work out every near-duplicate link "
                                 "and story again with the config's [dedup] settings."),
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Configuration file (for the "
                                "corpus path and the [dedup] settings)."),
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
) -> None:
    """Show near-duplicate and story counts; --rebuild recomputes them (e.g. new threshold)."""
    from harvester.dedup import rebuild as run_rebuild

    with locked_corpus(config, db) as (settings, corpus):
        if rebuild:
            counts = run_rebuild(corpus, settings.dedup)
        else:
            counts = corpus.dedup_counts()
            in_use = corpus.dedup_settings()
            if in_use and in_use != settings.dedup.as_dict():
                typer.echo(f"The corpus was linked with {in_use}; the config says "
                           f"{settings.dedup.as_dict()}: run harvester dedup --rebuild")
    typer.echo(f"{counts['documents']} documents: {counts['duplicates']} near-duplicates or "
               f"copies linked to their original, {counts['stories']} stories of several "
               f"documents ({counts['in_stories']} documents)")
    raise typer.Exit(EXIT_OK)


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


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="WARC, HTML or text files, folders, or fsspec "
                                       "URLs (s3://... with the s3 extra)."),
    out: str = typer.Option(..., "--out", help="Output folder (a path or an fsspec URL)."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Start a local Dask "
                                          "cluster of this many processes."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Join the Dask cluster "
                                            "of this scheduler (tcp://host:8786)."),
    config: Path | None = typer.Option(None, "--config", help="Configuration file ([clean] "
                                          "workers, [dedup] settings)."),
) -> None:
    """Clean and deduplicate a crawl on a Dask cluster into Parquet (documents/, failures)."""
    from harvester.batch import dask_client, run_batch
    from harvester.config import Config, load_config
    from harvester.errors import BatchError

    if workers and scheduler:
        fail(EXIT_USAGE, "--workers starts a local cluster, --scheduler joins one: not both")
    try:
        settings = load_config(config) if config else Config()
    except ConfigError as exc:
        fail(EXIT_CONFIG, str(exc))
    progress = None
    if sys.stderr.isatty():
        from distributed import progress  # Dask's own bar, on standard error
    try:
        with dask_client(workers=workers or settings.clean.workers,
                         scheduler=scheduler) as client:
            typer.echo(f"Dask dashboard: {client.dashboard_link}", err=True)
            report = run_batch(inputs, out, client, dedup=settings.dedup, progress=progress)
    except BatchError as exc:
        fail(EXIT_USAGE, str(exc))
    except OSError as exc:  # the output folder: read-only, full, not there on the workers
        fail(EXIT_FAILED, f"{out}: cannot write the batch output: {exc}")
    typer.echo(report.summary())
    raise typer.Exit(EXIT_FAILED if report.failed else EXIT_OK)


@app.command("import")
def import_(
    out: Path = typer.Argument(..., help="A folder written by harvester batch --out."),
    into: Path = typer.Option(..., "--into", help="Corpus file (created if missing)."),
) -> None:
    """Load a batch output into a SQLite corpus, links as they are (then: harvester serve)."""
    from harvester.batch.load import documents_in, import_output
    from harvester.errors import BatchError, HarvesterError
    from harvester.run.lock import RunLock
    from harvester.store import Corpus

    try:
        with RunLock(into), Corpus(into) as corpus, \
                _bar("import", documents_in(out)) as advance:
            counts = import_output(out, corpus, on_progress=advance)
    except LockedError as exc:
        fail(EXIT_LOCKED, str(exc))
    except (BatchError, HarvesterError) as exc:
        fail(EXIT_USAGE, str(exc))
    typer.echo(f"{counts['imported']} documents imported, {counts['unchanged']} already in "
               f"{into}. Browse it: {invoked_as()} serve --db {into}")
    raise typer.Exit(EXIT_OK)


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", help="jsonl (dolma/datatrove shape), parquet (as "
                            "batch writes) or warc (the kept raw pages)."),
    out: Path = typer.Option(..., "--out", help="File to write."),
    where: str | None = typer.Option(None, "--where", help="SQL condition on documents, "
                                        "e.g. \"language = 'en' AND duplicate_of IS NULL\"."),
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="Configuration file (for the "
                                "corpus path)."),
    db: Path | None = typer.Option(None, "--db", help="Corpus file (instead of the "
                                      "config's)."),
) -> None:
    """Write the corpus (or the documents --where selects) as a dataset file."""
    from harvester.errors import HarvesterError
    from harvester.export import FORMATS
    from harvester.export import export as run_export

    if fmt not in FORMATS:
        fail(EXIT_USAGE, f"--format {fmt}: one of {', '.join(FORMATS)}")
    with locked_corpus(config, db) as (_settings, corpus):
        try:
            total = corpus.count_where(where)
            with _bar(f"export {fmt}", total) as advance:
                written = run_export(corpus, fmt, out, where=where, on_progress=advance)
        except HarvesterError as exc:
            fail(EXIT_USAGE, str(exc))
    typer.echo(f"{written} {'pages' if fmt == 'warc' else 'documents'} written to {out}",
               err=True)
    raise typer.Exit(EXIT_OK)


@contextmanager
def _bar(label: str, total: int):
    """A progress bar on a terminal (standard error); elsewhere nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True)) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)
