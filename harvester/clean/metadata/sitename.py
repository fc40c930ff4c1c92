"""The names a page gives its site: what its metas declare and what its address says.

Used to tell the site's own name from the article's headline (``headline``) and from its
authors (``authors``): "Harbour plan approved | Valley Times", "Valley Times; Jane Doe".
"""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import extract_domain

# The metas where a page names its site.
_SITE_NAME_METAS = ("og:site_name", "application-name", "twitter:site")


def key(text: str) -> str:
    """``text`` as names are compared: whitespace collapsed, lower case."""
    return " ".join(text.split()).lower()


def site_names(tree, url: str | None) -> set[str]:
    """The names the page gives its site, lower-case: its metas, its host, the host's domain
    and the domain's name (``valley-times`` and ``valleytimes`` for ``valley-times.co.uk``)."""
    names = set()
    for meta in tree.iter("meta"):
        kind = (meta.get("property") or meta.get("name") or "").lower()
        if kind in _SITE_NAME_METAS and meta.get("content"):
            names.add(key(meta.get("content")).lstrip("@"))
    domain = extract_domain(url) if url else None  # the public suffix list's reading
    if domain:
        label = domain.split(".")[0]
        names.update((urlsplit(url).hostname or "", domain, label, label.replace("-", "")))
    return names - {""}


def is_site_name(part: str, names: set[str]) -> bool:
    """Whether ``part`` is one of ``names`` (``site_names``), spaces aside."""
    name = key(part)
    return bool(name) and (name in names or name.replace(" ", "") in names)
