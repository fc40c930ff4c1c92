"""A harvest run: every enabled source of the config into the corpus, under the run lock.

Exit status: 0 all fine, 1 some inputs failed (see ``runs`` and ``fetches``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from harvester.config import Config, Source
from harvester.corpus import Corpus
from harvester.lock import RunLock
from harvester.model import Failure
from harvester.pipeline import CleanSettings, Counts, clean_into
from harvester.sources import files


@dataclass
class HarvestReport:
    counts: Counts = field(default_factory=Counts)
    failures: list[Failure] = field(default_factory=list)
    run_id: int | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.counts.failed else 0


def clean_settings(config: Config) -> CleanSettings:
    return CleanSettings(workers=config.clean.workers, timeout=config.clean.timeout,
                         memory_bytes=config.clean.memory_mb * 1024 * 1024)


def harvest_path_source(corpus: Corpus, source: Source, config: Config,
                        report: HarvestReport) -> None:
    pages = files.load([source.target])
    clean_into(corpus, pages, report.counts, clean_settings(config),
               on_failure=report.failures.append)


def harvest(config: Config, *, only: list[str] | None = None, refresh: bool = False,
            on_failure: Callable[[Failure], None] | None = None) -> HarvestReport:
    """Run the harvest. Raises ``LockedError`` at once if another run holds the corpus."""
    sources = [s for s in config.sources if s.enabled and (not only or s.name in only)]
    report = HarvestReport()
    with RunLock(config.corpus.path), Corpus(config.corpus.path) as corpus:
        report.run_id = corpus.start_run("harvest")
        try:
            for source in sources:
                if source.kind == "path":
                    harvest_path_source(corpus, source, config, report)
                else:
                    raise NotImplementedError(f"source kind {source.kind!r}")
        finally:
            corpus.finish_run(report.run_id, exit_code=report.exit_code,
                              counts=report.counts.as_dict())
    return report
