"""The names a page gives its site, and the parts of a title or byline that are one of them."""

from __future__ import annotations

import lxml.html

from harvester.clean.metadata.sitename import is_site_name, key, site_names


def tree_of(head: str = ""):
    return lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")


SITE = '<meta property="og:site_name" content="Valley Times">'


def test_site_names_from_metas_and_host():
    head = (SITE + '<meta name="application-name" content="VT App">'
            '<meta name="twitter:site" content="@vtimes"><meta property="og:site_name">')
    assert site_names(tree_of(head), "https://www.news.valley-times.co.uk/a") == {
        "valley times", "vt app", "vtimes", "www.news.valley-times.co.uk", "valley-times.co.uk",
        "valley-times", "valleytimes"}
    assert site_names(tree_of(), None) == set()
    assert site_names(tree_of(), "file:///tmp/page.html") == set()
    assert site_names(tree_of(), "http://localhost:8080/a") == set()


def test_a_site_name_matches_case_and_spaces_aside():
    names = site_names(tree_of(SITE), "https://herrpfleger.de/a")
    assert is_site_name("VALLEY  TIMES", names) and is_site_name("Herr Pfleger", names)
    assert not is_site_name("Valley", names) and not is_site_name("", names)
    assert key("  Valley\n Times ") == "valley times"
