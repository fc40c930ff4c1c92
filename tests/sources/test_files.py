import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harvester.errors import PageError
from harvester.model import Failure, Page
from harvester.sources import files

HTML = b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>"


def write_warc(path, records):
    """records: (url, content_type, body bytes, record type)"""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, content_type, body, rec_type in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, rec_type, payload=io.BytesIO(body),
                                                          http_headers=http))


def test_html_file_is_a_html_page(tmp_path):
    (tmp_path / "a.html").write_bytes(HTML)
    [page] = files.load([tmp_path / "a.html"])
    assert isinstance(page, Page)
    assert page.kind == "html" and page.data == HTML
    assert page.source == str(tmp_path / "a.html")


def test_text_file_is_a_text_page(tmp_path):
    (tmp_path / "a.txt").write_text("Some saved text.", encoding="utf-8")
    [page] = files.load([tmp_path / "a.txt"])
    assert page.kind == "text"


def test_gzipped_html_is_unwrapped(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(HTML))
    [page] = files.load([tmp_path / "a.html.gz"])
    assert page.kind == "html" and page.data == HTML


def test_gzip_detected_by_content_without_suffix(tmp_path):
    (tmp_path / "page").write_bytes(gzip.compress(HTML))
    [page] = files.load([tmp_path / "page"])
    assert page.data == HTML and page.kind is None


def test_gzip_bomb_is_refused_at_the_cap(tmp_path):
    bomb = gzip.compress(b"\0" * 5_000_000)
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    [failure] = files.load([tmp_path / "bomb.html.gz"], max_bytes=1_000_000)
    assert isinstance(failure, Failure) and failure.reason == "too_large"


def test_truncated_gzip_is_a_failure(tmp_path):
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(HTML * 50)[:40])
    [failure] = files.load([tmp_path / "cut.html.gz"])
    assert failure.reason == "bad_gzip"


def test_concatenated_gzip_members():
    data = gzip.compress(b"<p>one</p>") + gzip.compress(b"<p>two</p>")
    assert files.gunzip_bounded(data, 1000) == b"<p>one</p><p>two</p>"


def test_members_larger_than_a_read_chunk_and_many_small_ones():
    import random

    rng = random.Random(7)  # incompressible members span several of the gunzip's chunks
    members = [rng.randbytes(700_000), b"<p>small</p>" * 3, rng.randbytes(300_000)]
    members += [f"<p>record {i}</p>".encode() for i in range(500)]
    data = b"".join(gzip.compress(m) for m in members)
    assert files.gunzip_bounded(data, 10**8) == b"".join(members)
    whole, cut = files.gunzip_members(data[:-3], 10**8)
    assert whole == b"".join(members[:-1]) and cut.reason == "bad_gzip"
    with pytest.raises(PageError, match="more than"):
        files.gunzip_bounded(data, 800_000)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_yields_every_html_response_with_its_url(tmp_path, name):
    path = tmp_path / name
    write_warc(path, [
        ("https://example.org/a", "text/html; charset=utf-8", HTML, "response"),
        ("https://example.org/logo.png", "image/png", b"\x89PNG....", "response"),
        ("https://example.org/b", "text/html", "<p>Zweite Seite für Köln</p>".encode(), "response"),
    ])
    pages = list(files.load([path]))
    assert [p.url for p in pages] == ["https://example.org/a", "https://example.org/b"]
    assert all(p.source.startswith(f"{path}#") for p in pages)
    assert pages[0].source != pages[1].source
    assert pages[0].headers["content-type"].startswith("text/html")
    assert pages[0].data == HTML


def test_broken_warc_is_a_failure(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n")
    results = list(files.load([path]))
    assert results and all(isinstance(r, Failure) for r in results)
    assert results[0].reason in ("bad_warc", "no_pages")


def test_warc_without_html_records_is_a_failure(tmp_path):
    path = tmp_path / "images.warc"
    write_warc(path, [("https://example.org/logo.png", "image/png", b"\x89PNG", "response")])
    [failure] = files.load([path])
    assert failure.reason == "no_pages"


def test_stdin(tmp_path):
    [page] = files.load(["-"], stdin=io.BytesIO(b"Text from a pipe."))
    assert page.source == "-" and page.data == b"Text from a pipe."


def test_folder_is_walked_recursively_and_skips_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub" / "a.html").write_bytes(HTML)
    (tmp_path / "notes.md").write_text("not a page")
    (tmp_path / "data.json").write_text("{}")
    sources = [p.source for p in files.load([tmp_path])]
    assert sources == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.html")]


def test_missing_input_is_a_failure_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    results = list(files.load([tmp_path / "nope.html", tmp_path / "a.txt"]))
    assert isinstance(results[0], Failure) and results[0].reason == "missing"
    assert isinstance(results[1], Page)


def test_oversized_file_is_refused(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    [failure] = files.load([tmp_path / "big.txt"], max_bytes=1000)
    assert failure.reason == "too_large"
