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
    from harvester.run.workers import WorkerPool, clean_pages
    from harvester.sources import files

    settings = CleanSettings(workers=workers, comments=comments, keep_raw=keep_raw)
    pages = files.load(paths)
    if into is None:
        # Printed text shows no metadata: leaving it out takes about a third less CPU time.
        failed = print_documents(clean_pages(pages, settings, metadata=as_json), as_json)
    else:
        from harvester.run.counts import Counts
        from harvester.run.ingest import clean_into
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
            note = f"  ({line.note})" if line.note else ""
            if line.kept:
                console.print(f"  {line.text}{note}", markup=False)
            else:
                console.print(f"- [{line.reason}] {line.text}{note}", style="red", markup=False)
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
    typer.echo(f"{plural(counts['documents'], 'document')}: {counts['duplicates']} "
               f"near-duplicates or copies linked to their original, "
               f"{plural(counts['stories'], 'story', 'stories')} of several documents "
               f"({plural(counts['in_stories'], 'document')})")
    raise typer.Exit(EXIT_OK)


# The other commands register themselves on ``app`` when imported.
from harvester.commands import browse, datasets  # noqa: E402, F401
