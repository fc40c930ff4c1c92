"""A fresh corpus file for each storage test."""

import pytest

from harvester.store import Corpus


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db") as c:
        yield c
