"""Warms up the cleaner with its metadata models (imported by the fork server only)."""

from harvester.run.warm import warm_up

warm_up(metadata=True)
