"""Small batch inputs made from the repository's samples: pages in folders and in a WARC, an
HTML page and its text rendering (near-duplicates), an exact copy from another file, two
reports of one event, and a broken file."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def warc_bytes(pages: list[bytes], date: str = "2026-01-02T03:04:05Z",
               urls: list[str] | None = None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    urls = urls or [f"https://news.example/{number}" for number in range(len(pages))]
    for url, body in zip(urls, pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
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
    write_site(root / "site")
    return root


# One site's template lines around each article: learned from its third original page on.
TEMPLATE = ["Harbour Times: independent local news since 1901, read by the whole quay",
            "Get the Morning Briefing from the Harbour Times every weekday at seven",
            "Harbour Times Media Group, 12 Quay Street, Porthaven"]
ARTICLES = [
    "The city council approved the harbour plan on Tuesday evening, ending a dispute that had "
    "divided the old fishing district for almost a decade.",
    "Ferry services to the islands will resume on Monday after engineers finished repairs to "
    "the damaged pier, the port authority said in a statement.",
    "A local bakery has won the national bread award for the second year running, beating more "
    "than four hundred entries from across the country.",
    "Heavy rain flooded several streets near the river overnight, and the fire brigade pumped "
    "water from a dozen cellars before dawn.",
    "The museum reopened its maritime gallery after a two-year renovation that restored the "
    "painted ceiling and added a room for children.",
    "Students at the harbour school raised enough money to rebuild the town's old rowing boat, "
    "which will race again at the summer regatta.",
]


def site_page(number: int) -> bytes:
    tagline, newsletter, footer = TEMPLATE
    article = ARTICLES[number]
    return (f"<html lang='en'><head><title>Story {number} | Harbour Times</title></head><body>"
            f"<article><h1>Harbour story number {number}</h1><p>{tagline}</p><p>{article}</p>"
            f"<p>{newsletter}</p><p>{footer}</p></article>"
            f"</body></html>").encode()


def write_site(folder: Path) -> None:
    """Six pages of one site in two WARC shards, and a copy of its first page at a second URL
    (a copy teaches the site nothing): with it counted, the site's third page would already
    lose the template lines."""
    folder.mkdir()
    site = "https://harbourtimes.example/news"
    (folder / "harbour-a.warc.gz").write_bytes(warc_bytes(
        [site_page(0), site_page(1), site_page(0)],
        urls=[f"{site}/0", f"{site}/1", f"{site}/0?output=amp"]))
    (folder / "harbour-b.warc.gz").write_bytes(warc_bytes(
        [site_page(n) for n in range(2, 6)], urls=[f"{site}/{n}" for n in range(2, 6)]))
