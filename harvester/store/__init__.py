"""The corpus: one SQLite file (WAL) holding documents, fetch state and runs.

The only package that speaks SQL for the corpus. ``Corpus`` is its face; behind it,
``connection`` (opening, pragmas, transactions), ``schema`` (numbered migrations) and one
module per group of tables. docs/storage.md describes the schema and the faults.
"""

from harvester.store.corpus import Corpus
from harvester.store.documents import Arrival
from harvester.store.schema import VERSION as SCHEMA_VERSION

__all__ = ["Arrival", "Corpus", "SCHEMA_VERSION"]
