"""Browsing the corpus in Datasette: shipped metadata and the app the CLI serves."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

# Table settings that Datasette 1.0 reads from its configuration instead of the metadata.
CONFIG_TABLE_KEYS = {"facets", "sort", "sort_desc", "fts_table", "fts_pk", "searchmode",
                     "label_column", "hidden", "sortable_columns", "size"}


def load_metadata(db_name: str = "corpus") -> dict:
    """The shipped metadata, with its database section under the served file's name."""
    raw = json.loads(resources.files(__package__).joinpath("metadata.json").read_text("utf-8"))
    from harvester.browse.queries import STORIES_SQL

    raw["databases"]["corpus"]["queries"]["stories"]["sql"] = STORIES_SQL
    raw["databases"] = {db_name: raw["databases"]["corpus"]}
    return raw


def split_config(metadata: dict) -> tuple[dict, dict]:
    """Datasette 1.0's split: descriptions stay metadata; facets, sorting, queries go to config."""
    metadata = copy.deepcopy(metadata)
    config: dict = {"databases": {}}
    for db_name, db_meta in metadata.get("databases", {}).items():
        db_config = config["databases"][db_name] = {"tables": {}}
        if "queries" in db_meta:
            db_config["queries"] = db_meta.pop("queries")
        for table, table_meta in db_meta.get("tables", {}).items():
            db_config["tables"][table] = {key: table_meta.pop(key)
                                          for key in CONFIG_TABLE_KEYS & set(table_meta)}
    return metadata, config


def register_plugin() -> None:
    """Register the plugin unless its entry point already did (e.g. no ``pip install`` yet)."""
    from datasette.plugins import pm

    from harvester.browse import plugin

    if not pm.is_registered(plugin) and pm.get_plugin("harvester") is None:
        pm.register(plugin, name="harvester")


def takes_config() -> bool:
    """Whether this Datasette reads table settings and queries from ``config`` (1.0 and later)."""
    from datasette.version import __version__

    return int(__version__.split(".")[0]) >= 1


def make_datasette(db_path: str | Path, **settings):
    """A Datasette instance over one corpus file, opened read-only beside a writing harvest."""
    from datasette.app import Datasette

    register_plugin()
    db_path = Path(db_path)
    metadata = load_metadata(db_path.stem)
    options: dict = {"metadata": metadata}
    if takes_config():
        options["metadata"], options["config"] = split_config(metadata)
    # files= (not immutable=) opens the file read-only per query, so it sees a harvest's
    # commits as they land and never blocks the writer.
    return Datasette(files=[str(db_path)], settings=settings or None, **options)
