"""Politeness: how many requests are in flight, to one host and in total, and how far apart.

A request first waits for its host's turn (per-host concurrency, then the delay since the last
request to that host started, pushed further by a Retry-After), and only then for a global
slot, so one slow host never holds the slots other hosts could use.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    """Turns for one host: at most ``concurrency`` at once, starts at least ``delay`` apart."""

    def __init__(self, concurrency: int, delay: float):
        self.delay = delay
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._order = asyncio.Lock()
        self._next_start = 0.0  # time.monotonic() before which no request may start

    def hold_until(self, moment: float) -> None:
        """No request starts before ``moment`` (monotonic clock): a Retry-After."""
        self._next_start = max(self._next_start, moment)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._order:
                # A loop, not one sleep: a Retry-After may arrive while we wait.
                while (wait := self._next_start - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                self._next_start = time.monotonic() + self.delay
            yield


class Politeness:
    def __init__(self, concurrency: int, per_host_concurrency: int, per_host_delay: float):
        self.per_host_concurrency = per_host_concurrency
        self.per_host_delay = per_host_delay
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._hosts: dict[str, HostGate] = {}

    def gate(self, host: str) -> HostGate:
        if host not in self._hosts:
            self._hosts[host] = HostGate(self.per_host_concurrency, self.per_host_delay)
        return self._hosts[host]

    def slow_down(self, host: str, delay: float) -> None:
        """A robots.txt Crawl-delay: it wins when larger than the configured delay."""
        gate = self.gate(host)
        gate.delay = max(gate.delay, delay)

    def hold(self, host: str, seconds: float) -> None:
        self.gate(host).hold_until(time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        async with self.gate(host).turn():
            async with self._global:
                yield
