"""Runs: the worker pool, ingest (clean -> link -> store), a harvest, reclean, their counts.

``workers`` cleans pages in processes; ``ingest`` stores documents with their links; ``sites``
learns each site's recurring lines; ``recorder`` is the one place a harvest writes; ``harvest``
and ``reclean`` are the runs; ``lock`` keeps them one at a time; ``counts`` counts outcomes.
"""
