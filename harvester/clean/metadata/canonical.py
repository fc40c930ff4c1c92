"""The address a page gives for itself: ``<link rel=canonical>``, else ``og:url``.

A syndicated copy often names the publisher's page there; the choice of a duplicate group's
original reads it (``dedup.original``).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def canonical_url(tree, url: str | None) -> str | None:
    """The page's canonical URL, absolute (relative ones joined to ``url``), or None."""
    for xpath in ('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href',
                  '//meta[@property="og:url" or @name="og:url"]/@content'):
        for value in tree.xpath(xpath):
            found = urljoin(url or "", value.strip())
            if urlsplit(found).scheme in ("http", "https") and urlsplit(found).netloc:
                return found
    return None
