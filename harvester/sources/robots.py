"""robots.txt as RFC 9309 says, parsed with protego, remembered in the corpus for up to 24 hours.

- 2xx: the rules apply.  3xx: followed up to five times (by the fetcher); past that, as 4xx.
- 4xx: no rules, everything is allowed (section 2.3.1.3).
- 5xx or no answer: nothing on that host is fetched this run (section 2.3.1.4); not remembered,
  so the next run asks again. 429 counts here too: the server asks us to slow down.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from protego import Protego

from harvester.errors import FetchError
from harvester.sources.urls import host_key, origin
from harvester.vocabulary import FetchOutcome

# RFC 9309 section 2.4: a cached robots.txt should not be used for more than 24 hours.
MAX_AGE = timedelta(hours=24)
# A Crawl-delay is honoured up to this; beyond it one host would hold a cron run for hours
# (real robots.txt files mostly ask for 1-10 s, a few for 30-60 s).
MAX_CRAWL_DELAY = 60.0
# RFC 9309 section 2.5: crawlers must parse at least the first 500 KiB.
MAX_ROBOTS_BYTES = 512 * 1024
# The reason of a URL robots.txt does not allow: the site's wish, recorded, not a failure.
DISALLOWED = FetchOutcome.DISALLOWED


@dataclass
class RobotsAnswer:
    status: int  # HTTP status of the final response; 0 when the server could not be reached
    body: str = ""
    detail: str = ""
    rules: Protego | None = None  # parsed once per run, for a 2xx answer


class RobotsStore:
    """Where answers are remembered across runs; the corpus implements it."""

    def robots(self, origin: str) -> dict | None: ...

    def save_robots(self, origin: str, status: int, body: str) -> None: ...


class RobotsRules:
    """Answers "may we fetch this URL?" per origin, fetching robots.txt once per origin."""

    def __init__(self, fetch: Callable[[str], Awaitable[RobotsAnswer]], store: RobotsStore | None,
                 user_agent: str, on_crawl_delay: Callable[[str, float], None] | None = None):
        self.fetch = fetch
        self.store = store
        # The product token (``harvester`` of ``harvester/0.1 (+url)``) is what robots.txt
        # groups name.
        self.agent = user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
        self.on_crawl_delay = on_crawl_delay
        self._answers: dict[str, asyncio.Task] = {}

    async def check(self, url: str) -> None:
        """Raises ``FetchError`` (``disallowed`` or ``robots_unavailable``) if we may not fetch."""
        site = origin(url)
        if site not in self._answers:
            self._answers[site] = asyncio.ensure_future(self._answer(site))
        answer = await asyncio.shield(self._answers[site])
        if answer.status == 0 or answer.status == 429 or answer.status >= 500:
            raise FetchError(f"{site}/robots.txt could not be read ({answer.detail}); nothing on "
                             f"this host is fetched this run",
                             reason=FetchOutcome.ROBOTS_UNAVAILABLE)
        if not 200 <= answer.status < 300:
            return  # no robots.txt: everything allowed
        rules = answer.rules
        delay = rules.crawl_delay(self.agent)
        if delay and self.on_crawl_delay:
            self.on_crawl_delay(host_key(url), min(float(delay), MAX_CRAWL_DELAY))
        if not rules.can_fetch(url, self.agent):
            raise FetchError(f"{url}: disallowed by {site}/robots.txt for user-agent "
                             f"{self.agent!r}", reason=DISALLOWED)

    async def _answer(self, site: str) -> RobotsAnswer:
        cached = self.store.robots(site) if self.store else None
        if cached and _fresh(cached["fetched_at"]):
            answer = RobotsAnswer(cached["status"], cached["body"] or "", "cached")
        else:
            answer = await self.fetch(f"{site}/robots.txt")
            if answer.status and answer.status != 429 and answer.status < 500 and self.store:
                self.store.save_robots(site, answer.status, answer.body)
        if 200 <= answer.status < 300:
            answer.rules = Protego.parse(answer.body)
        return answer


def _fresh(fetched_at: str) -> bool:
    try:
        when = datetime.fromisoformat(fetched_at)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return datetime.now(UTC) - when < MAX_AGE
