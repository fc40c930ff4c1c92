"""The article's authors from trafilatura's author field: the site's own name and labels off.

trafilatura joins every name it finds with "; ", the publisher's with the writer's ("El
Espectador; Felipe Morales Sierra", "Rob Picheta; CNN"), and keeps the label of the link it
read the name from ("View all posts by Daniel Lemire", "责任编辑：孔德明"). Here a name that is the
site's name (``sitename.site_names``; also when it holds the site's domain name, as "Boris
Reitschuster" on reitschuster.de does) is left out when another name remains: a page signed
by its publisher alone keeps that name, as the dev set's references do ("Presse Augsburg").
Labels before and after a name come off, and a page's furniture standing in for a name
("Posted", "No Author") is none (``fields.page_fields`` then reads the page's byline).

On the dev set more authors agree with the references after this step, none fewer
(docs/cleaning-html.md).
"""

from __future__ import annotations

import re

from harvester.clean.metadata.sitename import is_site_name, key

# Labels before a name, from author links and bylines: the dev set has "View all posts by"
# (WordPress author links), "责任编辑：" (editor in charge), "Zeige alle Beiträge von", "Por",
# "Auteur"; the others are the same labels as themes in those languages write them (German,
# English, French, Spanish, Portuguese, Italian, Dutch, Polish, Chinese). trafilatura takes
# "by" and "von" off already, but not when a label stands before them.
_LABEL = re.compile(
    r"^(?:(?:(?:view|see|zeige|alle?)\s+)*(?:posts|articles|stories|entries|"
    r"beiträge|artikel|beitrag|einträge)\s+(?:by|von)|zum\s+profil\s+von|written\s+by|"
    r"posted\s+by|author|autor|autorin|auteur|autore|verfasser|por|par|przez|door|"
    r"责任编辑|编辑|作者|记者)(?:\s*[:：]\s*|\s+)", re.I)
# Labels after a name: a byline's date label ("Sara Zinnecker Stand: 12.03.2020"), whose date
# trafilatura's name cleaning has already cut off.
_TRAILING_LABEL = re.compile(r"\s+(?:stand|datum|aktualisiert|veröffentlicht|updated|published|"
                             r"publié|publicado|pubblicato)$", re.I)
# Words of a page's furniture that author links and meta tags hold in place of a name.
_NOT_NAMES = frozenset({"posted", "follow", "name", "datum", "admin", "no author", "author",
                        "autor", "auteur"})
# A domain name shorter than this ("ft", "dw", "srf") is part of too many names to tell a
# publisher by.
_MIN_DOMAIN_NAME = 4


def authors(author: str | None, site: set[str]) -> str | None:
    """``author`` without labels and without the names that are the site's own (see the
    module docstring), joined with "; " as trafilatura joins them. ``site``: the site's names
    (``sitename.site_names``)."""
    if not author:
        return author
    names = [_TRAILING_LABEL.sub("", _LABEL.sub("", name)).strip()
             for name in author.split("; ")]
    names = [name for name in names if name and name.lower() not in _NOT_NAMES]
    people = [name for name in names if not _is_publisher(name, site)]
    return "; ".join(people or names) or None


def _is_publisher(name: str, site: set[str]) -> bool:
    if is_site_name(name, site):
        return True
    squeezed = key(name).replace(" ", "").replace("-", "")
    return any(len(part) >= _MIN_DOMAIN_NAME and part in squeezed
               for part in site if "." not in part and " " not in part)
