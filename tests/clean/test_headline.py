"""The headline from the page's title: the site's name and sections taken off, nothing else."""

from __future__ import annotations

import lxml.html
import pytest

from harvester.clean import clean_page
from harvester.clean.metadata.headline import headline
from harvester.clean.metadata.sitename import site_names
from harvester.model import Page


def tree_of(body: str = "", head: str = ""):
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


SITE = '<meta property="og:site_name" content="Valley Times">'


@pytest.mark.parametrize("title, body, head, url, want", [
    # the site's name after or before the headline, as the page declares it
    ("Harbour plan approved | Valley Times", "", SITE, None, "Harbour plan approved"),
    ("Valley Times – Harbour plan approved", "", SITE, None, "Harbour plan approved"),
    ("Harbour plan approved│Valley Times", "", SITE, None, "Harbour plan approved"),
    ("Harbour plan approved - VTimes", "",
     '<meta name="twitter:site" content="@vtimes">', None, "Harbour plan approved"),
    # ... or as its host names it, spaces and case aside
    ("Rasende Polizisten - strafprozess.ch", "", "", "https://www.strafprozess.ch/x",
     "Rasende Polizisten"),
    ("Neue Laufschuhe | Herr Pfleger", "", "", "https://herrpfleger.de/schuhe/", "Neue Laufschuhe"),
    ("Irme Stetter-Karp ist neue ZdK-Präsidentin | DOMRADIO.DE", "", "",
     "https://www.domradio.de/a", "Irme Stetter-Karp ist neue ZdK-Präsidentin"),
    # the <h1> inside the title, written as the title writes it
    ("Harbour plan approved after ten years » Local news » Valley", "<h1>HARBOUR PLAN APPROVED "
     "AFTER TEN YEARS</h1>", "", None, "Harbour plan approved after ten years"),
    ("So viel Regen gab es lange nicht : 31.10.2023, 10.19 Uhr",
     "<h1>So viel Regen gab es lange nicht</h1>", "", None, "So viel Regen gab es lange nicht"),
    ("Kuchen mit Marshmallows Rezept | LECKER", "<h1>Kuchen mit Marshmallows</h1>", "", None,
     "Kuchen mit Marshmallows"),
    # of several <h1>, the longest in the title; a logo <h1> holding the site's name is not it
    ("Fachmeldungen - Verkündung des Tabaksteuergesetzes",
     "<h1>Fachmeldungen</h1><h1>Verkündung des Tabaksteuergesetzes</h1>", "", None,
     "Verkündung des Tabaksteuergesetzes"),
    ("Fronten verhärtet nach Tumulten - SAT.1 REGIONAL", "<h1>SAT.1 REGIONAL</h1>",
     '<meta property="og:site_name" content="SAT.1 Regional">', None,
     "Fronten verhärtet nach Tumulten"),
])
def test_the_site_adds_are_taken_off(title, body, head, url, want):
    tree = tree_of(body, head)
    assert headline(title, tree, site_names(tree, url)) == want


@pytest.mark.parametrize("title, body, head, url", [
    # no separator: nothing is set off from the headline, whatever the <h1> says
    ("SibenLab privacy policy", "<h1>privacy policy</h1>", "", None),
    ("Brexit: Nervenkrieg geht in nächste Runde", "<h1>Nervenkrieg geht in nächste Runde</h1>",
     "", None),
    # an <h1> too short a part of the title is a section's heading
    ("Tote Hummeln unter Linden: die Erklärung der Forscher | Hummeln", "<h1>Hummeln</h1>",
     "", None),
    # a part that is not the site's name stays; so does a title that is the site's name alone
    ("Harbour plan approved | Local news", "", SITE, None),
    ("Valley Times | ", "", SITE, None),
    ("", "", SITE, None),
    (None, "", SITE, None),
])
def test_without_a_sign_from_the_page_the_title_stays(title, body, head, url):
    tree = tree_of(body, head)
    assert headline(title, tree, site_names(tree, url)) == title


def test_the_cleaner_stores_the_headline():
    html = ("<html><head><title>Harbour plan approved | Valley Times</title></head><body><article>"
            "<h1>Harbour plan approved</h1><p>The city council approved the long-debated harbour "
            "plan on Tuesday evening, ending a dispute that had divided the old fishing district "
            "for almost a decade.</p></article></body></html>")
    doc = clean_page(Page(data=html.encode(), source="p.html", url="https://valley-times.example/a",
                          kind="html"))
    assert doc.title == "Harbour plan approved"
