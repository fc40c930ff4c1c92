"""A WARC file is read record by record: the size cap is per page, not per file."""

from __future__ import annotations

import sys
from pathlib import Path

from harvester.model import Page
from harvester.sources.files import file_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "batch"))
from batch_inputs import warc_bytes  # noqa: E402


def test_a_warc_larger_than_the_cap_gives_its_pages(tmp_path):
    page = b"<html><body><p>" + b"Words of an article. " * 200 + b"</p></body></html>"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([page] * 5))
    cap = 2 * len(page)  # each page fits, the five (even compressed) do not matter
    items = list(file_pages(path, max_bytes=cap))
    assert len(items) == 5 and all(isinstance(item, Page) for item in items)
    assert [item.url for item in items] == [f"https://news.example/{i}" for i in range(5)]
    assert len({item.source for item in items}) == 5
