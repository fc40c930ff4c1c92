"""The article's headline from the page's title: the title less what the site adds to it.

A page's ``<title>`` and ``og:title`` most often carry the site's name or a section next to
the headline ("Harbour plan approved | Valley Times", "Valley Times - Harbour plan approved").
trafilatura keeps them whole. Two signals a page itself gives tell the headline apart:

1. the page's ``<h1>``: its text stands inside the title, which has a separator somewhere, and
   it is not the site's name (a logo in an ``<h1>``);
2. the site's name: a first or last part of the title, cut at a separator, that is the name
   the page declares (``og:site_name``, ``application-name``, ``twitter:site``) or its host's
   name (``domradio.de`` for "DOMRADIO.DE", "Herr Pfleger" for ``herrpfleger.de``).

Both signals raise title agreement with the dev set's references on both halves (figures:
docs/cleaning-html.md). A title with no separator is left whole: "SibenLab privacy policy" is
the reference although the ``<h1>`` reads "privacy policy".
"""

from __future__ import annotations

import re

from harvester.clean.metadata.sitename import is_site_name, key

# What stands between a headline and the site's name or a section: a bar, a dash, a dot, an
# arrow or a star with spaces around it ("|" and "│" also without), a colon with spaces on both
# sides (French typography, and "Headline : 31.10.2023, 10.19 Uhr"). A colon right after a
# word belongs to headlines ("Brexit: Nervenkrieg geht in nächste Runde").
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·»›/•⋆:]+)\s+|\s*[|│]\s*")


def headline(title: str | None, tree, names: set[str]) -> str | None:
    """``title`` less the site's name or section around the headline, when the page shows
    which part is the headline (see the module docstring); else ``title`` as it is.
    ``names``: the site's names (``sitename.site_names``)."""
    if not title or not _SEPARATOR.search(title):  # nothing set off from the headline
        return title
    return _h1_part(title, tree, names) or _without_site_name(title, names) or title


# An ``<h1>`` shorter than this share of the title is a section's or the site's heading
# ("Fachmeldungen", "Hummeln") more often than the headline. Chosen on the dev set's even
# pages: of the two best bounds for title agreement, the stricter.
H1_MIN_SHARE = 0.2


def _h1_part(title: str, tree, names: set[str]) -> str | None:
    """The longest ``<h1>`` of the page found inside ``title``, or None. An ``<h1>`` holding the
    site's name (a logo) is passed over."""
    whole = key(title)
    best = ""
    for h1 in tree.iter("h1"):
        text = key(h1.text_content())
        if (len(text) > len(best) and text != whole and len(text) >= H1_MIN_SHARE * len(whole)
                and text in whole and not is_site_name(text, names)):
            best, element = text, h1
    if not best:
        return None
    flat = " ".join(title.split())
    at = whole.find(best)
    part = flat[at:at + len(best)]
    # as the title writes it (pages style <h1> in capitals), unless lower case changed the
    # title's length (a few letters, such as "İ", lower to two)
    return part if key(part) == best else " ".join(element.text_content().split())


def _without_site_name(title: str, names: set[str]) -> str | None:
    """``title`` without a first or last part that is the site's name, or None."""
    cuts = list(_SEPARATOR.finditer(title))
    if not names or not cuts:
        return None
    first, last = title[:cuts[0].start()], title[cuts[-1].end():]
    if is_site_name(last, names) and title[:cuts[-1].start()].strip():
        return title[:cuts[-1].start()].strip()
    if is_site_name(first, names) and title[cuts[0].end():].strip():
        return title[cuts[0].end():].strip()
    return None
