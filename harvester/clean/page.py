"""``clean_page``: a ``Page`` in, a ``Document`` out. Pure: never fetches, never opens the corpus.

What it needs from the corpus (the site's recurring lines) is passed in as ``boilerplate``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from harvester.clean.decode import decode
from harvester.model import Document, Page

# An HTML page announces itself in its first bytes: a doctype, <html>, <head> or <body>, or
# (for fragments saved by hand) a block tag near the top.
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*"
                         r"<(!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
                         re.I | re.S)


def sniff_kind(page: Page, text: str) -> str:
    """``"html"`` or ``"text"``: the loader's word if it has one, else the content."""
    if page.kind in ("html", "text"):
        return page.kind
    return "html" if _HTML_START.match(text[:2048]) else "text"


def site_of(url: str | None) -> str | None:
    """The host a document belongs to, without ``www.``: the key for site-wide statistics."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def clean_page(page: Page, *, boilerplate=None, metadata: bool = True,
               comments: bool = False) -> Document:
    """Decode, extract and classify one page. Raises ``PageError`` for what is not a page.

    ``metadata=False`` skips what only the metadata needs on HTML pages (see ``html_result``);
    a text page's fields come with its cleaning (its headline and byline place its lines).
    ``comments``: keep reader comments in ``Document.comments`` (never in the text).
    """
    text = decode(page.data, page.headers.get("content-type"))
    site = site_of(page.url)
    # Each cleaner imported when a page needs it: a text page never loads trafilatura.
    if sniff_kind(page, text) == "html":
        from harvester.clean.html import html_result

        doc = html_result(text, url=page.url, boilerplate=boilerplate, metadata=metadata,
                          comments=comments).document()
    else:
        from harvester.clean.text import clean_text

        doc = clean_text(text, boilerplate=boilerplate, comments=comments)
    doc.source = page.source
    doc.url = doc.url or page.url
    doc.site = site_of(doc.url) or site
    doc.fetched_at = page.fetched_at
    if metadata and not doc.language:
        from harvester.clean.language import detect_language

        doc.language = detect_language(doc.text)
    return doc


# A dated article that takes the HTML path once. Its text is long enough for trafilatura's fast
# mode alone (``html.extraction.FULL_EXTRACTION_BELOW``): the full mode's first use builds
# jusText's stop lists of 100 languages, which is left to the workers. They pay it
# in parallel, and only when a page needs the full mode, instead of every run paying it before
# the first page.
_WARM_UP_PAGE = b"""<html lang="en"><head><title>Harbour plan approved</title>
<meta name="author" content="Jane Doe"></head><body><article><h1>Harbour plan approved</h1>
<p class="byline">By Jane Doe, Tuesday 3 March 2026, 14:05</p>
<p>The city council approved the long-debated harbour plan on Tuesday evening, ending a
dispute that had divided the old fishing district for almost a decade.</p>
<p>Under the plan, the derelict warehouses along the north quay will become housing, a school
and a public market, while the working piers stay with the fishing cooperative.</p>
<p>Opponents said they would keep watching how the money is spent, but welcomed the promise
that no resident of the district would be moved against their will.</p>
<p>Work on the quay is to begin next spring. The council expects the first homes to be ready
within three years, and the market to open on the site of the old fish hall a year later.</p>
<p>The fishing cooperative said the piers would be repaired first, so that the boats can keep
landing their catch while the building work goes on around them.</p>
<p>A public meeting on the design of the market is planned for the autumn, where residents can
see the plans and say which trades and stalls they would like to find there.</p></article>
</body></html>"""


def preload(metadata: bool = True) -> None:
    """Import the cleaner and build its libraries' lazy state (trafilatura and its XPath
    expressions; with ``metadata``, also the language model and courlan's public suffix list)
    in this process.

    Called before worker processes fork, so they inherit it instead of each paying for it.
    htmldate's dateparser fallback is left to the workers: a worker pays its first use in
    parallel with the other, whereas here it would hold up every run, even of a single page
    that never needs it (costs: docs/performance.md).
    """
    clean_page(Page(data=_WARM_UP_PAGE, source="warm-up", url="https://example.com/warm-up",
                    kind="html"), metadata=metadata)
