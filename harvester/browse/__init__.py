"""Browsing the corpus in Datasette: shipped metadata and the app the CLI serves."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path


def load_metadata(db_name: str = "corpus") -> dict:
    """The shipped metadata, with its database section under the served file's name."""
    raw = json.loads(resources.files(__package__).joinpath("metadata.json").read_text("utf-8"))
    raw["databases"] = {db_name: raw["databases"]["corpus"]}
    return raw


def make_datasette(db_path: str | Path, **settings):
    """A Datasette instance over one corpus file, opened read-only beside a writing harvest."""
    from datasette.app import Datasette

    db_path = Path(db_path)
    return Datasette(files=[str(db_path)], metadata=load_metadata(db_path.stem),
                     settings=settings or None)
