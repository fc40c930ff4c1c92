"""Fault 4: an answer redirecting to ``javascript:`` or ``data:`` (which httpx refuses to
parse) is a ``bad_redirect`` of that URL; the run and its other sources go on."""

from __future__ import annotations

import pytest
from httpserver import article, redirect, rss, send, sitemap, write_config

from harvester.config import load_config
from harvester.run.harvest import harvest

LOCATIONS = ["javascript:alert(1)", "data:text/html,<p>hi</p>"]


def feed(items):
    return lambda h: send(h, 200, rss(items).encode(), {"Content-Type": "application/rss+xml"})


def site_with(http_site, tmp_path, bad: str, location: str):
    """A feed, a sitemap and a URL list on one host; ``bad`` answers with the redirect."""
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    for n in range(3):
        http_site.page(f"/news/{n}", article(f"Story number {n}"))
    http_site.add("/feed.xml", feed([(f"{base}/news/0", None)]))
    listed = sitemap([(f"{base}/news/1", None)]).encode()
    http_site.add("/sitemap.xml", lambda h: send(h, 200, listed,
                                                 {"Content-Type": "application/xml"}))
    http_site.add(bad, redirect(location))
    (tmp_path / "urls.txt").write_text(f"{base}/news/2\n", encoding="utf-8")
    return load_config(write_config(tmp_path, [
        {"name": "feed", "feed": f"{base}/feed.xml"},
        {"name": "sitemap", "sitemap": f"{base}/sitemap.xml"},
        {"name": "list", "urls": "urls.txt"}], workers=0))


@pytest.mark.parametrize("location", LOCATIONS)
@pytest.mark.parametrize("bad", ["/feed.xml", "/sitemap.xml"])
def test_a_listing_redirected_to_a_script_fails_alone(http_site, tmp_path, bad, location):
    report = harvest(site_with(http_site, tmp_path, bad, location))
    assert [(f.source, f.reason) for f in report.failures] == [
        (f"{http_site.base}{bad}", "bad_redirect")]
    assert report.counts["stored"] == 2 and report.exit_code == 1


@pytest.mark.parametrize("location", LOCATIONS)
def test_a_page_redirected_to_a_script_is_a_bad_redirect(http_site, tmp_path, location):
    report = harvest(site_with(http_site, tmp_path, "/news/0", location))
    [failure] = report.failures
    assert (failure.source, failure.reason) == (f"{http_site.base}/news/0", "bad_redirect")
    assert report.counts["stored"] == 2


@pytest.mark.parametrize("location", LOCATIONS)
def test_robots_txt_redirected_to_a_script_counts_as_absent(http_site, tmp_path, location):
    report = harvest(site_with(http_site, tmp_path, "/robots.txt", location))
    assert report.failures == [] and report.counts["stored"] == 3
