"""A harvest run: every enabled source of the config into the corpus, under the run lock.

Local folders are read as ``clean`` reads them; web sources (feeds, sitemaps, URL lists) are
listed, then each listed URL is fetched unless the corpus already holds it unchanged. Fetching
runs on an asyncio loop; cleaning and storing happen on the ``Recorder``'s thread and pool.

Exit status: 0 all fine, 1 some inputs failed (see ``runs`` and ``fetches``). A URL robots.txt
disallows is no failure: it is the site's wish, recorded as ``disallowed`` and counted, and
looked at again whenever it is listed (robots.txt is remembered, so that costs no request).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from harvester.config import Config, Source
from harvester.errors import StorageError
from harvester.lock import RunLock
from harvester.model import Failure, Page
from harvester.pipeline import CleanSettings, Counts
from harvester.recorder import FetchState, Origin, Recorder
from harvester.sources import files
from harvester.sources.feeds import FailedListing, Listed, Listing, ListingFile, list_source
from harvester.sources.fetch import DEFAULT_BACKOFF, Fetched, Fetcher, FetchFailed, make_client
from harvester.sources.robots import DISALLOWED
from harvester.store import Corpus

# A URL that failed on this many runs in a row is left alone (until --refresh): a page gone for
# good should not cost a request every hour forever, while a host down for an evening still
# gets its pages taken on the next runs.
MAX_FAILED_RUNS = 3


class Progress(Protocol):
    def start(self, source: str, total: int | None) -> None: ...

    def advance(self, source: str) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    def start(self, source: str, total: int | None) -> None:
        pass

    def advance(self, source: str) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class HarvestReport:
    counts: Counts = field(default_factory=Counts)
    failures: list[Failure] = field(default_factory=list)
    run_id: int | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.counts.failed else 0


@dataclass
class Decision:
    """Whether to fetch a listed URL and with which validators, or what to count instead."""

    fetch: bool
    etag: str | None = None
    last_modified: str | None = None
    skipped: str | None = None  # "unchanged" or "gave_up" when not fetched


def decide(entry: Listed, state: dict | None, refresh: bool) -> Decision:
    """The incremental rule: new URLs are fetched; stored ones only if the listing says they
    changed since our last fetch (or --refresh), and then conditionally; failed ones up to
    ``MAX_FAILED_RUNS`` runs."""
    if state is None:
        return Decision(True)
    conditional = Decision(True, etag=state.get("etag"), last_modified=state.get("last_modified"))
    if state["outcome"] == "ok":
        last = state.get("last_attempt")
        changed = bool(entry.changed and last and entry.changed > last)
        return conditional if refresh or changed else Decision(False, skipped="unchanged")
    if (state.get("attempts") or 0) >= MAX_FAILED_RUNS and not refresh:
        return Decision(False, skipped="gave_up")
    return conditional


def clean_settings(config: Config) -> CleanSettings:
    return CleanSettings(workers=config.clean.workers, timeout=config.clean.timeout,
                         memory_bytes=config.clean.memory_mb * 1024 * 1024,
                         comments=config.clean.comments)


def harvest(config: Config, *, only: list[str] | None = None, refresh: bool = False,
            on_failure: Callable[[Failure], None] | None = None,
            progress: Progress | None = None, client: httpx.AsyncClient | None = None,
            backoff: float = DEFAULT_BACKOFF) -> HarvestReport:
    """Run the harvest. Raises ``LockedError`` at once if another run holds the corpus."""
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    report = HarvestReport()
    progress = progress or NoProgress()

    def failed(failure: Failure) -> None:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)

    with RunLock(config.corpus.path), Corpus(config.corpus.path) as corpus:
        corpus.mark_interrupted_runs()
        report.run_id = corpus.start_run("harvest")
        recorder = Recorder(corpus, clean_settings(config), report.counts, on_failure=failed,
                            on_done=progress.advance)
        ended: tuple[str | None, int] | None = None  # (status, exit code) of a run that broke
        try:
            recorder.start()
            try:
                for source in (s for s in sources if s.kind == "path"):
                    harvest_path_source(source, recorder, progress)
                web = [s for s in sources if s.kind != "path"]
                if web:
                    asyncio.run(harvest_web(web, config, recorder, refresh=refresh,
                                            progress=progress, client=client, backoff=backoff))
            finally:
                recorder.close()
        except BaseException as exc:
            ended = run_end(exc)
            raise
        finally:
            progress.close()
            finish_run(corpus, report, ended)
    return report


def run_end(exc: BaseException) -> tuple[str, int]:
    """How a run that raised is recorded: the status, and the code the command exits with
    (a storage fault's own, 130 for Ctrl-C, 1 for an unexpected error's traceback)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", 130
    return "failed", getattr(exc, "exit_code", 1)


def finish_run(corpus: Corpus, report: HarvestReport, ended: tuple[str, int] | None) -> None:
    status, exit_code = ended or (None, report.exit_code)
    try:
        corpus.finish_run(report.run_id, exit_code=exit_code, counts=report.counts.as_dict(),
                          status=status)
    except StorageError:
        if ended is None:
            raise
        # The error that ended the run is the one to report; the run stays ``running`` and
        # the next run marks it ``interrupted``.


def harvest_path_source(source: Source, recorder: Recorder, progress: Progress) -> None:
    progress.start(source.name, None)
    for item in files.load([source.target]):
        recorder.put(item, Origin(source.name))


async def harvest_web(sources: list[Source], config: Config, recorder: Recorder, *,
                      refresh: bool, progress: Progress, client: httpx.AsyncClient | None = None,
                      backoff: float = DEFAULT_BACKOFF) -> None:
    """List every web source, then fetch what is new; one client and one politeness for all."""
    own_client = client is None
    client = client or make_client(config.harvest)
    # A connection of this thread's own for reading fetch state and remembering robots.txt;
    # all other writes happen on the recorder's thread.
    with Corpus(config.corpus.path, check=False) as reader:  # checked by the run's own open
        try:
            fetcher = Fetcher(client, config.harvest, robots_store=reader, backoff=backoff)
            listings = await asyncio.gather(*(list_source(fetcher, s, reader, refresh=refresh)
                                              for s in sources))
            tasks, seen = [], set()
            for source, listing in zip(sources, listings):
                for failed in listing.failures:
                    await record_failed_listing(source, failed, reader, recorder)
                if listing.unchanged:
                    add_retries(source, listing, reader)
                entries = [e for e in listing.unique() if e.url not in seen]
                seen.update(e.url for e in entries)
                progress.start(source.name, len(entries))
                for entry in entries:
                    state = reader.fetch_state(entry.url)
                    decision = decide(entry, state, refresh)
                    if not decision.fetch:
                        await recorder.send(FetchState(entry.url, source.name,
                                                       count=decision.skipped))
                        continue
                    prior = (state.get("attempts") or 0) if state else 0
                    tasks.append(fetch_one(fetcher, recorder, source.name, entry, decision, prior))
            await asyncio.gather(*tasks)
            for source, listing in zip(sources, listings):
                await remember_listings(source, listing, recorder)
        finally:
            if own_client:
                await client.aclose()


def add_retries(source: Source, listing: Listing, reader: Corpus) -> None:
    """A listing that answered 304 does not list its pages again; those of them that failed
    and are still due a retry are taken from ``fetches`` instead."""
    for url in reader.retry_due(source.name, MAX_FAILED_RUNS):
        listing.entries.append(Listed(url))


async def remember_listings(source: Source, listing: Listing, recorder: Recorder) -> None:
    """The listing files read, with their validators for the next run's conditional requests.

    Sent once every listed URL has been handed to the recorder, and recorded after all of
    them: a run that breaks or is killed before must not leave a 304 to hide pages that were
    never fetched. Sitemaps an index no longer lists lose their link to it, so that a later
    304 of the index does not lead back to them (unless another index of the run lists them).
    """
    for file in listing.read:
        await recorder.send(FetchState(file.url, source.name, fields=listing_fields(file),
                                       after_pages=True))
    listed_now = {file.url for file in listing.read} | {f.file.url for f in listing.failures}
    for gone in listing.unlisted:
        if gone.url in listed_now:
            continue
        fields = {"listed_in": None, "last_attempt": gone.last_attempt,
                  "detail": f"sitemap no longer listed by {gone.index_url}"}
        await recorder.send(FetchState(gone.url, source.name, fields=fields, after_pages=True))


def listing_fields(file: ListingFile) -> dict:
    fields = {"outcome": "ok", "attempts": 0, "status": file.status, "listing": file.kind,
              "listed_in": file.listed_in,
              "detail": f"{file.kind} listing" + ("" if file.modified else ", not modified")}
    validators = {"etag": file.etag, "last_modified": file.last_modified}
    if file.modified:  # a new version's validators replace the old ones, absent ones too
        fields.update(validators)
    else:  # a 304 may repeat its validators, or leave them out
        fields.update({name: value for name, value in validators.items() if value})
    return fields


async def record_failed_listing(source: Source, failed: FailedListing, reader: Corpus,
                                recorder: Recorder) -> None:
    exc, url = failed.error, failed.error.url or failed.file.url
    kind = {"listing": failed.file.kind, "listed_in": failed.file.listed_in}
    if exc.reason == DISALLOWED:
        await recorder.send(disallowed_state(url, source.name, exc, kind))
        return
    state = reader.fetch_state(url)
    origin = Origin(source.name, url, (state or {}).get("attempts") or 0,
                    {**failure_fields(exc), **kind})
    await recorder.send(Failure(url, exc.reason, failure_detail(exc, url), url=url), origin)


def disallowed_state(url: str, source_name: str, exc: FetchFailed,
                     extra: dict | None = None) -> FetchState:
    """Not a failure: counted, and recorded with the robots.txt that says so."""
    return FetchState(url, source_name, count=DISALLOWED, fields={
        "outcome": DISALLOWED, "detail": failure_detail(exc, url), "attempts": 0,
        "status": None, **(extra or {})})


async def fetch_one(fetcher: Fetcher, recorder: Recorder, source_name: str, entry: Listed,
                    decision: Decision, prior_attempts: int) -> None:
    url = entry.url
    origin = Origin(source_name, url, prior_attempts)
    try:
        fetched = await fetcher.fetch(url, etag=decision.etag,
                                      last_modified=decision.last_modified)
    except FetchFailed as exc:
        if exc.reason == DISALLOWED:
            await recorder.send(disallowed_state(url, source_name, exc))
            return
        origin.fetch = failure_fields(exc)
        await recorder.send(Failure(url, exc.reason, failure_detail(exc, url), url=url), origin)
        return
    except Exception as exc:  # a bug on one URL must not stop the run
        detail = f"unexpected error while fetching: {type(exc).__name__}: {exc}"
        await recorder.send(Failure(url, "fetch_error", detail, url=url), origin)
        return
    if fetched.status == 304:
        await recorder.send(FetchState(url, source_name, count="unchanged", fields={
            "outcome": "ok", "detail": "not modified", "status": 304, "attempts": 0}))
        return
    origin.fetch = {"status": fetched.status, "etag": fetched.etag,
                    "last_modified": fetched.last_modified,
                    "content_type": fetched.content_type, "final_url": fetched.final_url}
    await recorder.send(page_of(url, fetched), origin)


def page_of(url: str, fetched: Fetched) -> Page:
    return Page(data=fetched.body, source=url, url=fetched.final_url, headers=fetched.headers,
                fetched_at=fetched.fetched_at, kind="html" if fetched.content_type else None)


def failure_fields(exc: FetchFailed) -> dict:
    return {"status": exc.status, "content_type": exc.content_type, "final_url": exc.final_url}


def failure_detail(exc: FetchFailed, url: str) -> str:
    """The message without the URL it starts with (the URL is printed beside it)."""
    text = str(exc)
    return text.removeprefix(f"{url}: ")
