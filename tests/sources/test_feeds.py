"""Listings: feeds, sitemaps and URL lists parsed into normalised URLs with change dates."""

from __future__ import annotations

import gzip

import pytest
from httpserver import rss, sitemap

from harvester.errors import FetchFailed
from harvester.sources.feeds import (
    Listing,
    feed_entries,
    parse_w3c_date,
    sitemap_entries,
    url_list_entries,
)
from harvester.sources.urls import is_public, normalise_url

BASE = "http://news.example.org"


def test_rss_links_and_dates():
    listing = Listing()
    feed_entries(rss([(f"{BASE}/a", "Mon, 06 May 2024 12:00:00 +0200"), ("/b", None)]).encode(),
                 f"{BASE}/feed.xml", listing)
    assert [(e.url, e.changed) for e in listing.entries] == [
        (f"{BASE}/a", "2024-05-06T10:00:00+00:00"), (f"{BASE}/b", None)]


def test_atom_with_relative_links_and_updated():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://news.example.org/world/">
      <title>W</title><id>urn:x</id><updated>2024-05-01T00:00:00Z</updated>
      <entry><title>One</title><id>urn:1</id><link href="one.html"/>
        <updated>2024-05-03T09:30:00Z</updated></entry>
    </feed>"""
    listing = Listing()
    feed_entries(atom, f"{BASE}/atom.xml", listing)
    assert [(e.url, e.changed) for e in listing.entries] == [
        (f"{BASE}/world/one.html", "2024-05-03T09:30:00+00:00")]


def test_not_a_feed():
    with pytest.raises(FetchFailed) as info:
        feed_entries(b"<html><body>hello</body></html>", f"{BASE}/feed", Listing())
    assert info.value.reason == "bad_feed"


def test_sitemap_urlset_index_gzip_and_text():
    pages, children = sitemap_entries(sitemap([(f"{BASE}/a", "2024-05-01"),
                                               ("/b", None)]).encode(), f"{BASE}/sitemap.xml")
    assert [(p.url, p.changed) for p in pages] == [(f"{BASE}/a", "2024-05-01T00:00:00+00:00"),
                                                   (f"{BASE}/b", None)]
    assert children == []
    pages, children = sitemap_entries(gzip.compress(sitemap(
        [(f"{BASE}/s1.xml.gz", "2024-05-01T10:00:00+02:00")], index=True).encode()), BASE)
    assert pages == [] and [(c.url, c.changed) for c in children] == [
        (f"{BASE}/s1.xml.gz", "2024-05-01T08:00:00+00:00")]
    pages, _ = sitemap_entries(f"{BASE}/x\n\n{BASE}/y\n".encode(), BASE)
    assert [p.url for p in pages] == [f"{BASE}/x", f"{BASE}/y"]


def test_sitemap_entities_not_expanded():
    evil = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b'<url><loc>http://a.example/&x;</loc></url></urlset>')
    pages, _ = sitemap_entries(evil, BASE)
    assert all("root" not in p.url for p in pages)


def test_url_list_and_dedup_keeps_latest_date():
    listing = Listing()
    url_list_entries(f"# comment\n{BASE}/a\n\n  {BASE}/a#frag \nftp://x/y\n", None, listing)
    listing.add(f"{BASE}/a", "2024-01-02T00:00:00+00:00")
    assert [(e.url, e.changed) for e in listing.unique()] == [
        (f"{BASE}/a", "2024-01-02T00:00:00+00:00")]


@pytest.mark.parametrize("url, expected", [
    ("HTTP://News.Example.org:80/a/../b?utm_source=x&z=1&a=2#top",
     "http://news.example.org/b?a=2&z=1"),
    ("https://example.org:443/", "https://example.org/"),
    ("http://127.0.0.1:8080/p", "http://127.0.0.1:8080/p"),
    ("mailto:someone@example.org", None),
    ("javascript:alert(1)", None),
    ("", None),
])
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


def test_dates_and_addresses():
    assert parse_w3c_date("2024-05-01T12:00Z") == "2024-05-01T12:00:00+00:00"
    assert parse_w3c_date("yesterday") is None
    for private in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1",
                    "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1"):
        assert not is_public(private), private
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1::1")
