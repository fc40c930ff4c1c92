"""What a run counts: one count per outcome, one per failure reason (see ``vocabulary.Count``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from harvester.model import Failure
from harvester.vocabulary import Count
from harvester.wording import plural

_FAILED_PREFIX = Count.failed("")


class Counts(Counter):
    """Outcome counts of a run: stored, duplicate, unchanged, and one key per failure reason."""

    def add(self, outcome: str) -> None:
        """Count one input that ended in ``outcome`` (stored, duplicate, unchanged...)."""
        self[Count.PAGES] += 1
        self[outcome] += 1

    def add_failure(self, failure: Failure,
                    report: Callable[[Failure], None] | None = None) -> None:
        """Count one input that ended in a failure, and pass it on to be reported."""
        self.add(Count.failed(failure.reason))
        if report:
            report(failure)

    @property
    def failed(self) -> int:
        return sum(n for key, n in self.items() if key.startswith(_FAILED_PREFIX))

    def failures(self) -> dict[str, int]:
        """Failures by reason."""
        return {key.removeprefix(_FAILED_PREFIX): n for key, n in sorted(self.items())
                if key.startswith(_FAILED_PREFIX)}

    def summary(self) -> str:
        failures = ", ".join(f"{reason} {n}" for reason, n in self.failures().items())
        text = (f"{plural(self[Count.PAGES], 'page')}: {self[Count.STORED]} stored, "
                f"{plural(self[Count.DUPLICATE], 'duplicate')}, {self[Count.UNCHANGED]} already "
                f"in the corpus, {self.failed} failed")
        if failures:
            text += f" ({failures})"
        if self[Count.DISALLOWED]:  # only a harvest has them: skipped as robots.txt asks
            text += f", {self[Count.DISALLOWED]} disallowed by robots.txt"
        return text

    def as_dict(self) -> dict[str, int]:
        """The counts as the ``runs`` table keeps them."""
        out = {str(key): n for key, n in self.items()}
        out.update(failed=self.failed, stored=self[Count.STORED],
                   duplicates=self[Count.DUPLICATE], unchanged=self[Count.UNCHANGED],
                   pages=self[Count.PAGES])
        return out
