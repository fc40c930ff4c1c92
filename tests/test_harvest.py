"""A harvest against a real local server: feed, sitemap index (gzipped child), URL list with
faulty URLs, robots.txt; then the incremental runs."""

from __future__ import annotations

import gzip
import sqlite3

import pytest
from httpserver import (Server, Site, article, bomb, cut_short, drip, once_then, redirect, rss,
                        send, sitemap, status, with_etag, write_config)

from harvester.config import load_config
from harvester.harvest import MAX_FAILED_RUNS, Decision, decide, harvest
from harvester.sources.feeds import Listed
from harvester.store import Corpus

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def build_news_site(site: Site) -> None:
    base = site.base
    site.page("/robots.txt", ROBOTS, **{"Content-Type": "text/plain"})
    for n in range(1, 7):
        site.page(f"/news/{n}", article(f"Story number {n}"))
    site.page("/private/secret", article("Secret"))
    site.add("/feed.xml", lambda h: send(h, 200, rss([
        (f"{base}/news/1", "Mon, 06 May 2024 10:00:00 GMT"),
        (f"{base}/news/2", None),
        ("/news/3", None),  # relative link, resolved against the feed
        (f"{base}/news/1?utm_source=feed#top", None),  # another spelling of /news/1
        (f"{base}/private/secret", None),
    ]).encode(), {"Content-Type": "application/rss+xml"}))
    site.add("/sitemap.xml", lambda h: send(h, 200, sitemap([
        (f"{base}/sitemap-a.xml.gz", "2024-05-01"), (f"{base}/sitemap-b.xml", None)],
        index=True).encode(), {"Content-Type": "application/xml"}))
    site.add("/sitemap-a.xml.gz", lambda h: send(h, 200, gzip.compress(sitemap([
        (f"{base}/news/4", "2024-05-01T08:00:00+02:00"), (f"{base}/news/5", "2024-05-02")
    ]).encode()), {"Content-Type": "application/gzip"}))
    site.add("/sitemap-b.xml", lambda h: send(h, 200, sitemap([
        (f"{base}/news/6", None), (f"{base}/news/2", None)]).encode(),
        {"Content-Type": "application/xml"}))
    # the faulty ones
    site.add("/doc.pdf", lambda h: send(h, 200, b"%PDF-1.4", {"Content-Type": "application/pdf"}))
    site.add("/loop-a", redirect("/loop-b"))
    site.add("/loop-b", redirect("/loop-a"))
    site.add("/bomb", bomb("gzip"))
    site.add("/drip", drip(every=0.1))
    site.add("/reset", cut_short(reset=True))
    site.add("/cut", cut_short(reset=False))
    site.add("/limited", once_then(status(429, **{"Retry-After": "1"}),
                                   lambda h: send(h, 200, article("Limited").encode(),
                                                  {"Content-Type": "text/html"})))
    site.add("/flaky", once_then(status(503),
                                 lambda h: send(h, 200, article("Flaky").encode(),
                                                {"Content-Type": "text/html"})))


FAULTY = {
    "/missing": "http_404",
    "/doc.pdf": "not_html",
    "/loop-a": "too_many_redirects",
    "/bomb": "too_large",
    "/drip": "timeout",
    "/reset": "network",
    "/cut": "truncated",
}


@pytest.fixture
def news(http_site):
    build_news_site(http_site)
    return http_site


@pytest.fixture
def down_host():
    """A second host whose robots.txt answers 503."""
    with Server() as site:
        site.add("/robots.txt", status(503))
        site.page("/page", article("Unreachable"))
        yield site


def news_config(tmp_path, news, down_host, faulty=True, **harvest):
    urls = tmp_path / "urls.txt"
    urls.write_text("# faulty and fine URLs\n" + "".join(
        f"{news.base}{path}\n" for path in [*FAULTY, "/limited", "/flaky"])
        + f"\n{down_host.base}/page\n", encoding="utf-8")
    settings = {"timeout": 1.5, **harvest}
    sources = [{"name": "feed", "feed": f"{news.base}/feed.xml"},
               {"name": "sitemap", "sitemap": f"{news.base}/sitemap.xml"},
               {"name": "list", "urls": "urls.txt"}]
    return load_config(write_config(tmp_path, sources if faulty else sources[:2], **settings))


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def outcomes(config) -> dict[str, str]:
    return {url: outcome for url, outcome in rows(config.corpus.path,
                                                   "SELECT url, outcome FROM fetches")}


def test_harvest_stores_pages_and_records_every_failure(tmp_path, news, down_host):
    config = news_config(tmp_path, news, down_host)
    report = harvest(config, backoff=0.05)

    assert report.exit_code == 1
    got = outcomes(config)
    for n in range(1, 7):
        assert got[f"{news.base}/news/{n}"] == "ok"
    assert got[f"{news.base}/limited"] == "ok" and got[f"{news.base}/flaky"] == "ok"
    for path, reason in FAULTY.items():
        assert got[f"{news.base}{path}"] == reason, path
    assert got[f"{down_host.base}/page"] == "robots_unavailable"
    assert got[f"{news.base}/private/secret"] == "disallowed"  # not a failure
    # listings are recorded too
    assert got[f"{news.base}/sitemap-a.xml.gz"] == "ok"

    docs = rows(config.corpus.path, "SELECT url, COUNT(*) FROM documents GROUP BY url")
    assert len(docs) == 8 and all(count == 1 for _url, count in docs)
    # every stored page's raw response is kept, and the fetch row points at its document
    assert rows(config.corpus.path, "SELECT COUNT(*) FROM raw_pages")[0][0] == 8
    assert rows(config.corpus.path, "SELECT COUNT(*) FROM fetches WHERE outcome = 'ok' "
                "AND document_id IS NULL AND detail IS NULL")[0][0] == 0
    failed = rows(config.corpus.path, "SELECT attempts, detail FROM fetches WHERE url = ?",
                  f"{news.base}/missing")[0]
    assert failed[0] == 1 and "404" in failed[1]
    assert {f.reason for f in report.failures} >= set(FAULTY.values())

    # robots: the disallowed path was never requested; the 503 host got only its robots.txt
    assert not any(p.startswith("/private/") for p in news.paths())
    assert down_host.paths() == ["/robots.txt"]
    assert news.paths().count("/robots.txt") == 1
    # one spelling per page: /news/1 listed twice, requested once
    assert news.paths().count("/news/1") == 1
    # retryable failures were retried, permanent ones were not
    assert news.paths().count("/reset") == 2 and news.paths().count("/missing") == 1
    # Retry-After honoured, measured at the server
    limited = news.hits("/limited")
    assert len(limited) == 2 and limited[1].at - limited[0].at >= 1.0

    run = rows(config.corpus.path, "SELECT status, exit_code, stored, failed FROM runs")[0]
    assert run == ("failed", 1, 8, len(FAULTY) + 1)


def test_second_run_downloads_nothing_unchanged(tmp_path, news, down_host):
    config = news_config(tmp_path, news, down_host, faulty=False)
    harvest(config, backoff=0.05)
    before = len(news.log)
    second = harvest(config, backoff=0.05)
    new_paths = news.paths()[before:]
    assert not [p for p in new_paths if p.startswith("/news/")]
    # robots.txt remembered in the corpus (RFC 9309: up to 24 h), so not asked again
    assert "/robots.txt" not in new_paths
    assert second.counts["unchanged"] == 6 and second.counts["stored"] == 0
    # the robots-disallowed URL is checked again (against the remembered robots.txt, not
    # requested) and counted, not failed
    assert second.counts.failed == 0 and second.counts["disallowed"] == 1
    assert second.exit_code == 0
    assert rows(config.corpus.path, "SELECT COUNT(*) FROM documents")[0][0] == 6


def test_failed_urls_are_retried_on_later_runs_then_left_alone(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{http_site.base}/missing\n")
    config = load_config(write_config(tmp_path, [{"name": "list", "urls": "urls.txt"}]))
    for run in range(MAX_FAILED_RUNS + 2):
        assert harvest(config).exit_code == (1 if run < MAX_FAILED_RUNS else 0)
    assert http_site.paths().count("/missing") == MAX_FAILED_RUNS
    assert rows(config.corpus.path, "SELECT attempts FROM fetches")[0][0] == MAX_FAILED_RUNS
    harvest(config, refresh=True)
    assert http_site.paths().count("/missing") == MAX_FAILED_RUNS + 1


def test_changed_in_sitemap_or_refresh_means_a_conditional_request(tmp_path, http_site):
    base = http_site.base
    http_site.page("/robots.txt", "")
    http_site.add("/story", with_etag(article("Conditional"), '"v1"'))
    lastmod = {"value": "2000-01-01"}
    http_site.add("/sitemap.xml", lambda h: send(h, 200, sitemap(
        [(f"{base}/story", lastmod["value"])]).encode(), {"Content-Type": "application/xml"}))
    config = load_config(write_config(tmp_path, [{"name": "map",
                                                  "sitemap": f"{base}/sitemap.xml"}]))

    assert harvest(config).counts["stored"] == 1
    assert harvest(config).counts["unchanged"] == 1
    assert len(http_site.hits("/story")) == 1  # lastmod older than our fetch: not asked

    lastmod["value"] = "2999-01-01"  # the sitemap says it changed
    report = harvest(config)
    story = http_site.hits("/story")
    assert len(story) == 2 and story[1].headers.get("If-None-Match") == '"v1"'
    assert report.counts["unchanged"] == 1 and report.counts["stored"] == 0  # 304: no download

    harvest(config, refresh=True)
    assert http_site.hits("/story")[-1].headers.get("If-None-Match") == '"v1"'
    assert rows(config.corpus.path, "SELECT COUNT(*) FROM documents")[0][0] == 1


def test_path_sources_still_work_and_keep_raw_pages(tmp_path, seeds_dir):
    config = load_config(write_config(tmp_path, [{"name": "samples", "path": str(seeds_dir)}]))
    report = harvest(config)
    assert report.exit_code == 0 and report.counts["stored"] == 2
    with Corpus(config.corpus.path) as corpus:
        assert len(list(corpus.raw_pages())) == 2
    assert harvest(config).counts["unchanged"] == 2


def test_bad_listing_is_a_recorded_failure(tmp_path, http_site):
    http_site.page("/robots.txt", "")
    http_site.add("/feed.xml", lambda h: send(h, 200, b"\x00\x01 not xml",
                                              {"Content-Type": "application/xml"}))
    config = load_config(write_config(tmp_path, [
        {"name": "feed", "feed": f"{http_site.base}/feed.xml"},
        {"name": "gone", "sitemap": f"{http_site.base}/nothing.xml"}]))
    report = harvest(config)
    assert report.exit_code == 1
    got = outcomes(config)
    assert got[f"{http_site.base}/feed.xml"] == "bad_feed"
    assert got[f"{http_site.base}/nothing.xml"] == "http_404"


@pytest.mark.parametrize("state, refresh, expected", [
    (None, False, Decision(True)),
    ({"outcome": "ok", "last_attempt": "2024-05-02T00:00:00+00:00", "etag": "e"}, False,
     Decision(False, skipped="unchanged")),
    ({"outcome": "ok", "last_attempt": "2024-04-01T00:00:00+00:00", "etag": "e"}, False,
     Decision(True, etag="e")),
    ({"outcome": "ok", "last_attempt": "2024-05-02T00:00:00+00:00", "last_modified": "x"}, True,
     Decision(True, last_modified="x")),
    ({"outcome": "http_404", "attempts": 1}, False, Decision(True)),
    ({"outcome": "http_404", "attempts": MAX_FAILED_RUNS}, False,
     Decision(False, skipped="gave_up")),
])
def test_decide(state, refresh, expected):
    entry = Listed("http://example.org/a", changed="2024-05-01T00:00:00+00:00")
    assert decide(entry, state, refresh) == expected
