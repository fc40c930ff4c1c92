"""Warms up the cleaner for text only (imported by the fork server only)."""

from harvester.run.warm import warm_up

warm_up(metadata=False)
