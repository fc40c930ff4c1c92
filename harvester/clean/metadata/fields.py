"""An HTML page's metadata fields as the corpus stores them.

trafilatura's title, author, date, description and tags (``metadata.page_metadata``), with the
site's own name taken off the title (``headline``) and off the author list (``authors``).

Only what stores or shows the fields calls this: ``harvester clean`` printing text does not, so
its processes never import htmldate's date parser nor the language model (see ``clean_html``).
"""

from __future__ import annotations

from harvester.clean.language import detect_language
from harvester.clean.metadata.authors import authors
from harvester.clean.metadata.headline import headline
from harvester.clean.metadata.read import find_author, page_metadata
from harvester.clean.metadata.sitename import site_names


def page_fields(tree, url: str | None, paragraphs: list[str]):
    """The fields of a parsed page, read before anything is taken out of ``tree``.

    ``paragraphs``: the page's prose paragraphs in order, from which the language is told when
    the date needs it.
    """
    metadata = page_metadata(tree, url, lambda: page_languages(tree, paragraphs))
    site = site_names(tree, url)
    metadata.title = headline(metadata.title, tree, site)
    named = authors(metadata.author, site)
    if metadata.author and not named:  # furniture in a meta tag: the page's own byline then
        named = authors(find_author(tree), site)
    metadata.author = named
    return metadata


def page_languages(tree, paragraphs: list[str]) -> list[str]:
    """The page's languages, most likely first: its ``lang`` attribute, then the language of
    its paragraphs (many pages have no ``lang``, or the template's)."""
    declared = (tree.get("lang") or "").split("-")[0].strip().lower()
    detected = detect_language(" ".join(paragraphs))  # it reads the start only
    return [code for code in dict.fromkeys((declared, detected)) if code]
