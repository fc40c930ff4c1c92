"""``batch``, ``import`` and ``export``: a crawl on Dask, and the corpus as datasets."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from harvester.cli import (
    DEFAULT_CONFIG,
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    app,
    fail,
    invoked_as,
    locked_corpus,
)
from harvester.errors import ConfigError, LockedError


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
            report = run_batch(inputs, out, client, dedup=settings.dedup, clean=settings.clean,
                               progress=progress)
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
