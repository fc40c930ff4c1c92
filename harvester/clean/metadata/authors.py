"""The article's authors from trafilatura's author field: the site's own name and labels off.

trafilatura joins every name it finds with "; ", the publisher's with the writer's ("El
Espectador; Felipe Morales Sierra", "Rob Picheta; CNN"), and keeps the label of the link it
read the name from ("View all posts by Daniel Lemire", "责任编辑：孔德明"). Here a name that is the
site's name (``sitename.site_names``; also when it holds the site's domain name, as "Boris
Reitschuster" on reitschuster.de does) is left out when another name remains: a page signed
by its publisher alone keeps that name, as the dev set's references do ("Presse Augsburg").

On the dev set more authors agree with the references after this step, none fewer
(docs/cleaning-html.md).
"""

from __future__ import annotations

import re

from harvester.clean.metadata.sitename import is_site_name, key

# Labels before a name, from author links and Chinese bylines: the dev set has "View all posts
# by" (WordPress author links) and "责任编辑：" (editor in charge); the others are the same
# labels as WordPress themes and Chinese news sites also write them.
_LABEL = re.compile(r"^(?:view\s+all\s+posts\s+by|posts\s+by|written\s+by|责任编辑|编辑|作者|记者)"
                    r"\s*[:：]?\s*", re.I)
# A domain name shorter than this ("ft", "dw", "srf") is part of too many names to tell a
# publisher by.
_MIN_DOMAIN_NAME = 4


def authors(author: str | None, site: set[str]) -> str | None:
    """``author`` without labels and without the names that are the site's own (see the
    module docstring), joined with "; " as trafilatura joins them. ``site``: the site's names
    (``sitename.site_names``)."""
    if not author:
        return author
    names = [_LABEL.sub("", name).strip() for name in author.split("; ")]
    names = [name for name in names if name]
    people = [name for name in names if not _is_publisher(name, site)]
    return "; ".join(people or names) or None


def _is_publisher(name: str, site: set[str]) -> bool:
    if is_site_name(name, site):
        return True
    squeezed = key(name).replace(" ", "").replace("-", "")
    return any(len(part) >= _MIN_DOMAIN_NAME and part in squeezed
               for part in site if "." not in part and " " not in part)
