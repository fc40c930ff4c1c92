"""The article's authors: the site's own name and link labels taken off trafilatura's list."""

from __future__ import annotations

import lxml.html
import pytest

from harvester.clean import clean_page
from harvester.clean.metadata.authors import authors
from harvester.clean.metadata.sitename import site_names
from harvester.model import Page

SITE = '<meta property="og:site_name" content="El Espectador">'


def site(url: str | None = None, head: str = SITE) -> set[str]:
    return site_names(lxml.html.fromstring(f"<html><head>{head}</head><body></body></html>"), url)


@pytest.mark.parametrize("author, names, want", [
    # the publisher next to the writer, before or after, by its declared or its address's name
    ("El Espectador; Felipe Morales Sierra", site(), "Felipe Morales Sierra"),
    ("Rob Picheta; CNN", site("https://edition.cnn.com/2021/03/08/"), "Rob Picheta"),
    ("Daniel Weinmann; Boris Reitschuster", site("https://reitschuster.de/post/x/"),
     "Daniel Weinmann"),
    ("NOTICIAS TROME; Redacción Trome; Carla Chevez", site("https://trome.com/a", head=""),
     "Carla Chevez"),
    # labels of author links and bylines
    ("View all posts by Daniel Lemire", set(), "Daniel Lemire"),
    ("Written by: Jane Doe", set(), "Jane Doe"),
    ("责任编辑：孔德明", set(), "孔德明"),
    ("Zeige alle Beiträge von Petra Ruland", set(), "Petra Ruland"),
    ("Zum Profil von Jesusfreak", set(), "Jesusfreak"),
    ("Por Alberto Ávila", set(), "Alberto Ávila"),
    ("Par Jean Dupont", set(), "Jean Dupont"),
    ("Auteur Anna Kubišta", set(), "Anna Kubišta"),
    ("Autor: Jan Nowak", set(), "Jan Nowak"),
    ("Sara Zinnecker Stand", set(), "Sara Zinnecker"),
    # a label is a whole word: names that begin with one stay
    ("Porter Smith; Authority Man; Parker Lewis", set(),
     "Porter Smith; Authority Man; Parker Lewis"),
    # furniture in place of a name is no author
    ("Posted", set(), None),
    ("Follow; Jane Doe", set(), "Jane Doe"),
    # a page signed by its publisher alone keeps the name
    ("Presse Augsburg", site("https://presse-augsburg.de/a", head=""), "Presse Augsburg"),
    ("El Espectador", site(), "El Espectador"),
    # other names stay, in their order; a short domain name is not looked for inside names
    ("Jane Doe; John Roe", site(), "Jane Doe; John Roe"),
    ("Franz Tomasek; DW", site("https://www.dw.com/de/a", head=""), "Franz Tomasek"),
    ("Andrew Dwight", site("https://www.dw.com/de/a", head=""), "Andrew Dwight"),
    (None, site(), None),
    ("", site(), ""),
])
def test_publishers_and_labels_are_taken_off(author, names, want):
    assert authors(author, names) == want


def test_the_cleaner_stores_the_writer_not_the_publisher():
    html = ("<html><head><title>Harbour plan approved</title>"
            '<meta name="author" content="Valley Times; Jane Doe">'
            '<meta property="og:site_name" content="Valley Times"></head><body><article>'
            "<h1>Harbour plan approved</h1><p>The city council approved the long-debated harbour "
            "plan on Tuesday evening, ending a dispute that had divided the old fishing district "
            "for almost a decade.</p></article></body></html>")
    doc = clean_page(Page(data=html.encode(), source="p.html", kind="html"))
    assert doc.author == "Jane Doe"


def test_furniture_in_the_author_tag_gives_way_to_the_byline():
    html = ("<html><head><title>Harbour plan approved</title>"
            '<meta name="author" content="No Author"></head><body><article>'
            '<h1>Harbour plan approved</h1><p>By <a rel="author" href="/jane">Jane Doe</a></p>'
            "<p>The city council approved the long-debated harbour plan on Tuesday evening, "
            "ending a dispute that had divided the old fishing district for almost a decade.</p>"
            "</article></body></html>")
    doc = clean_page(Page(data=html.encode(), source="p.html", kind="html"))
    assert doc.author == "Jane Doe"
