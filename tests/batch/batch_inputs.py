"""Small batch inputs made from the repository's samples: pages in folders and in a WARC, an
HTML page and its text rendering (near-duplicates), an exact copy from another file, two
reports of one event, and a broken file."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def warc_bytes(pages: list[bytes], date: str = "2026-01-02T03:04:05Z") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, body in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{number}", "response", payload=io.BytesIO(body),
            http_headers=http, warc_headers_dict={"WARC-Date": date}))
    return buffer.getvalue()


def article_page(paragraphs: list[str], canonical: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><title>Story</title><link rel="canonical" href="{canonical}"></head>'
            f"<body><article>{body}</article></body></html>").encode()


def make_inputs(root: Path) -> Path:
    from inscriptis import get_text

    (root / "one").mkdir(parents=True)
    (root / "two").mkdir()
    pages = sorted((DATA / "devset_sample" / "pages").glob("*.html.gz"))[:4]
    for page in pages[:2]:
        shutil.copy(page, root / "one" / page.name)
    html = gzip.decompress(pages[0].read_bytes()).decode("utf-8", "replace")
    (root / "two" / "first-as-text.txt").write_text(get_text(html), encoding="utf-8")
    shutil.copy(DATA / "dedup" / "article_1.txt", root / "one" / "a1.txt")
    shutil.copy(DATA / "dedup" / "article_2.txt", root / "two" / "a2.txt")
    shutil.copy(DATA / "dedup" / "article_1.txt", root / "two" / "a1-copy.txt")
    (root / "two" / "broken.html.gz").write_bytes(b"\x1f\x8bnot gzip at all")
    # The second sample twice more: syndicated with a credit line (longer, not the original),
    # and inside a page of teasers and comments more than twice its size (a contained copy).
    article = (DATA / "dedup" / "article_2.txt").read_text(encoding="utf-8")
    (root / "two" / "a2-syndicated.txt").write_text(
        article + "\n\nThis article first appeared on FiveThirtyEight.\n", encoding="utf-8")
    one = (DATA / "dedup" / "article_1.txt").read_text(encoding="utf-8")
    (root / "one" / "a2-with-comments.txt").write_text(
        f"{one}\n\n{article}\n\nComments\n\n{one[::-1]}\n", encoding="utf-8")
    # The second page again inside the WARC: an exact copy from another source. Then the
    # first sample as a publisher's page and as a longer syndicated copy naming it canonical.
    bodies = [gzip.decompress(p.read_bytes()) for p in pages[1:4]]
    paragraphs = [p for p in one.split("\n\n") if p.strip()]
    bodies += [article_page(paragraphs, "https://news.example/3"),
               article_page(paragraphs + ["Our readers on the portal also liked these stories "
                                          "about the primaries and the candidates."],
                            "https://news.example/3")]
    (root / "crawl.warc.gz").write_bytes(warc_bytes(bodies))
    return root
