"""Fault 8: a WARC cut short keeps every whole record before the cut, and the cut is recorded
as a failure with its reason."""

from __future__ import annotations

import gzip
import io

import pytest
from httpserver import article
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harvester.model import Failure, Page
from harvester.sources import files


def warc(n: int, compressed: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    for i in range(n):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.com/{i}", "response", http_headers=headers,
            payload=io.BytesIO(article(f"Story number {i}").encode())))
    return buf.getvalue()


def load(tmp_path, name: str, data: bytes) -> list[Page | Failure]:
    (tmp_path / name).write_bytes(data)
    return list(files.load([tmp_path / name]))


@pytest.mark.parametrize("compressed", [True, False])
def test_a_whole_warc_has_no_failure(tmp_path, compressed):
    items = load(tmp_path, "a.warc.gz" if compressed else "a.warc", warc(3, compressed))
    assert [i.url for i in items] == [f"https://example.com/{i}" for i in range(3)]


@pytest.mark.parametrize("compressed", [True, False])
@pytest.mark.parametrize("cut", [10, 200])  # past the 4 bytes ending a record
def test_a_cut_warc_keeps_its_whole_records(tmp_path, compressed, cut):
    data = warc(3, compressed)
    items = load(tmp_path, "cut.warc.gz" if compressed else "cut.warc", data[:-cut])
    *pages, failure = items
    assert [p.url for p in pages] == ["https://example.com/0", "https://example.com/1"]
    assert all(isinstance(p, Page) for p in pages)
    assert isinstance(failure, Failure) and failure.reason == "truncated"
    assert failure.source.endswith("cut.warc.gz" if compressed else "cut.warc")
    assert "cut short" in failure.detail and "2 whole HTML records" in failure.detail


def test_the_pages_are_those_of_the_whole_file(tmp_path):
    whole = load(tmp_path, "a.warc.gz", warc(3, True))
    cut = load(tmp_path, "b.warc.gz", warc(3, True)[:-50])
    assert [p.data for p in cut[:2]] == [p.data for p in whole[:2]]


def test_a_truncated_plain_gzip_page_is_still_a_failure(tmp_path):
    data = gzip.compress(article("Story").encode())[:-20]
    [failure] = load(tmp_path, "p.html.gz", data)
    assert failure.reason == "bad_gzip"
