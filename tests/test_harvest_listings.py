"""Harvest runs as cron repeats them, against a real local server: robots-disallowed URLs are
recorded skips (not failures), and feeds and sitemaps are asked for conditionally."""

from __future__ import annotations

import json
import sqlite3

import pytest
from httpserver import article, once_then, rss, send, sitemap, status, write_config
from typer.testing import CliRunner

from harvester.cli import app
from harvester.config import load_config
import harvester.harvest as harvest_module
from harvester.harvest import MAX_FAILED_RUNS, harvest
from harvester.recorder import Recorder
from harvester.store import Corpus


def rows(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def fetch_row(config, url) -> dict:
    with Corpus(config.corpus.path) as corpus:
        return corpus.fetch_state(url)


def url_list_config(tmp_path, urls: list[str]):
    (tmp_path / "urls.txt").write_text("".join(f"{u}\n" for u in urls), encoding="utf-8")
    return load_config(write_config(tmp_path, [{"name": "list", "urls": "urls.txt"}]))


def forget_robots(config) -> None:
    """As if the 24 hours robots.txt is remembered for had passed."""
    with sqlite3.connect(config.corpus.path) as conn:
        conn.execute("UPDATE robots SET fetched_at = '2000-01-01T00:00:00+00:00'")


def serve(site, path: str, version: dict, content_type: str = "application/xml") -> None:
    """``version["body"]`` under ``version["etag"]``, with Last-Modified; 304 to a request
    naming the current ETag (as servers do, a 304 repeats the ETag)."""
    def handle(h):
        if h.headers.get("If-None-Match") == version["etag"]:
            send(h, 304, b"", {"ETag": version["etag"]})
        else:
            send(h, 200, version["body"].encode(), {
                "Content-Type": content_type, "ETag": version["etag"],
                "Last-Modified": "Mon, 06 May 2024 10:00:00 GMT"})
    site.add(path, handle)


# --- robots.txt: a disallowed URL is the site's wish, not a failure --------------------------


def test_disallowed_url_is_recorded_and_counted_not_failed(tmp_path, http_site):
    rules = {"text": "User-agent: *\nDisallow: /private/\n"}
    http_site.add("/robots.txt", lambda h: send(h, 200, rules["text"].encode(),
                                                {"Content-Type": "text/plain"}))
    http_site.page("/news/1", article("Open story"))
    http_site.page("/private/a", article("Members only"))
    base = http_site.base
    config = url_list_config(tmp_path, [f"{base}/news/1", f"{base}/private/a"])

    report = harvest(config)
    assert report.exit_code == 0 and report.counts.failed == 0
    assert report.counts["disallowed"] == 1 and report.counts["stored"] == 1
    assert "/private/a" not in http_site.paths()
    row = fetch_row(config, f"{base}/private/a")
    assert row["outcome"] == "disallowed" and row["attempts"] == 0
    assert f"{base}/robots.txt" in row["detail"] and "harvester" in row["detail"]
    run = rows(config.corpus.path, "SELECT exit_code, status, failed, counts FROM runs")[0]
    assert run[:3] == (0, "ok", 0) and json.loads(run[3])["disallowed"] == 1
    assert "1 disallowed by robots.txt" in report.counts.summary()

    # every later run looks again (robots.txt remembered: no request) and never gives up
    for _ in range(MAX_FAILED_RUNS):
        again = harvest(config)
        assert again.exit_code == 0 and again.counts["disallowed"] == 1
    assert http_site.paths().count("/robots.txt") == 1
    assert "/private/a" not in http_site.paths()

    # the site allows it later: fetched on the next run once robots.txt is read again
    rules["text"] = "User-agent: *\nDisallow:\n"
    forget_robots(config)
    allowed = harvest(config)
    assert allowed.exit_code == 0 and allowed.counts["stored"] == 1
    assert allowed.counts["disallowed"] == 0
    assert http_site.paths().count("/private/a") == 1
    assert fetch_row(config, f"{base}/private/a")["outcome"] == "ok"


def test_disallowed_is_silent_under_cron_and_in_the_verbose_summary(tmp_path, http_site):
    http_site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                   **{"Content-Type": "text/plain"})
    http_site.page("/news/1", article("Open story"))
    (tmp_path / "urls.txt").write_text(f"{http_site.base}/news/1\n{http_site.base}/private/a\n")
    config = write_config(tmp_path, [{"name": "list", "urls": "urls.txt"}])
    quiet = CliRunner().invoke(app, ["harvest", "--config", str(config)])
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = CliRunner().invoke(app, ["harvest", "--config", str(config), "--verbose"])
    assert verbose.exit_code == 0 and "1 disallowed by robots.txt" in verbose.output


def test_disallowed_feed_is_a_recorded_skip(tmp_path, http_site):
    http_site.page("/robots.txt", "User-agent: *\nDisallow: /feeds/\n",
                   **{"Content-Type": "text/plain"})
    http_site.add("/feeds/news.xml", lambda h: send(h, 200, b"<rss/>"))
    config = load_config(write_config(tmp_path, [
        {"name": "feed", "feed": f"{http_site.base}/feeds/news.xml"}]))
    report = harvest(config)
    assert report.exit_code == 0 and report.counts["disallowed"] == 1
    assert "/feeds/news.xml" not in http_site.paths()
    row = fetch_row(config, f"{http_site.base}/feeds/news.xml")
    assert (row["outcome"], row["listing"]) == ("disallowed", "feed")


# --- conditional requests for listings -------------------------------------------------------


def test_unchanged_feed_costs_a_304_and_failed_pages_are_still_retried(tmp_path, http_site):
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    http_site.page("/news/1", article("First story"))
    # fails on the first run, fine on the second
    http_site.add("/news/2", once_then(status(404), lambda h: send(
        h, 200, article("Second story").encode(), {"Content-Type": "text/html"})))
    http_site.page("/news/3", article("Third story"))
    feed = {"etag": '"f1"', "body": rss([(f"{base}/news/1", None), (f"{base}/news/2", None)])}
    serve(http_site, "/feed.xml", feed, "application/rss+xml")
    config = load_config(write_config(tmp_path, [{"name": "feed", "feed": f"{base}/feed.xml"}]))

    first = harvest(config)
    assert first.exit_code == 1 and first.counts["stored"] == 1
    assert "If-None-Match" not in http_site.hits("/feed.xml")[0].headers

    second = harvest(config)
    asked = http_site.hits("/feed.xml")[1].headers
    assert asked["If-None-Match"] == '"f1"'
    assert asked["If-Modified-Since"] == "Mon, 06 May 2024 10:00:00 GMT"
    # 304: the stored page is not asked for again, the failed one is retried and stored
    assert http_site.paths().count("/news/1") == 1 and http_site.paths().count("/news/2") == 2
    assert second.exit_code == 0 and second.counts["stored"] == 1
    row = fetch_row(config, f"{base}/feed.xml")
    assert (row["status"], row["etag"], row["listing"]) == (304, '"f1"', "feed")
    assert "not modified" in row["detail"]

    before = len(http_site.log)
    third = harvest(config)
    assert http_site.paths()[before:] == ["/feed.xml"]  # one 304 and nothing else
    assert third.exit_code == 0 and third.counts["pages"] == 0

    # a new version of the feed (new ETag) is read again, and only its new page fetched
    feed.update(etag='"f2"', body=rss([(f"{base}/news/3", None), (f"{base}/news/1", None),
                                       (f"{base}/news/2", None)]))
    before = len(http_site.log)
    fourth = harvest(config)
    assert http_site.paths()[before:] == ["/feed.xml", "/news/3"]
    assert fourth.counts["stored"] == 1 and fourth.counts["unchanged"] == 2
    assert fetch_row(config, f"{base}/feed.xml")["etag"] == '"f2"'

    # --refresh asks for the listing unconditionally
    harvest(config, refresh=True)
    assert "If-None-Match" not in http_site.hits("/feed.xml")[-1].headers


def test_failed_page_of_an_unchanged_listing_is_left_alone_after_the_last_retry(tmp_path,
                                                                                http_site):
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    feed = {"etag": '"f1"', "body": rss([(f"{base}/gone", None)])}
    serve(http_site, "/feed.xml", feed, "application/rss+xml")
    config = load_config(write_config(tmp_path, [{"name": "feed", "feed": f"{base}/feed.xml"}]))
    codes = [harvest(config).exit_code for _ in range(MAX_FAILED_RUNS + 1)]
    assert codes == [1] * MAX_FAILED_RUNS + [0]
    assert http_site.paths().count("/gone") == MAX_FAILED_RUNS
    assert http_site.paths().count("/feed.xml") == MAX_FAILED_RUNS + 1


def test_sitemap_index_304_walks_its_known_sitemaps_conditionally(tmp_path, http_site):
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    for n in range(1, 4):
        http_site.page(f"/news/{n}", article(f"Story number {n}"))
    index = {"etag": '"i1"', "body": sitemap([(f"{base}/sitemap-a.xml", None)], index=True)}
    child = {"etag": '"a1"', "body": sitemap([(f"{base}/news/1", None), (f"{base}/news/2", None)])}
    serve(http_site, "/sitemap.xml", index)
    serve(http_site, "/sitemap-a.xml", child)
    config = load_config(write_config(tmp_path, [{"name": "map",
                                                  "sitemap": f"{base}/sitemap.xml"}]))
    assert harvest(config).counts["stored"] == 2
    row = fetch_row(config, f"{base}/sitemap-a.xml")
    assert (row["listing"], row["listed_in"], row["etag"]) == ("sitemap", f"{base}/sitemap.xml",
                                                                '"a1"')

    before = len(http_site.log)
    assert harvest(config).counts["pages"] == 0
    assert http_site.paths()[before:] == ["/sitemap.xml", "/sitemap-a.xml"]
    assert http_site.hits("/sitemap-a.xml")[-1].headers["If-None-Match"] == '"a1"'

    # the child sitemap changes while the index stays the same
    child.update(etag='"a2"', body=sitemap([(f"{base}/news/3", None), (f"{base}/news/1", None)]))
    before = len(http_site.log)
    report = harvest(config)
    assert http_site.paths()[before:] == ["/sitemap.xml", "/sitemap-a.xml", "/news/3"]
    assert report.counts["stored"] == 1


def test_sitemap_dropped_from_its_index_is_not_asked_for_again(tmp_path, http_site):
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    http_site.page("/news/1", article("Story number 1"))
    http_site.page("/news/2", article("Story number 2"))
    index = {"etag": '"i1"', "body": sitemap([(f"{base}/sitemap-a.xml", None),
                                              (f"{base}/sitemap-b.xml", None)], index=True)}
    serve(http_site, "/sitemap.xml", index)
    for name, page in (("a", 1), ("b", 2)):
        serve(http_site, f"/sitemap-{name}.xml",
              {"etag": f'"{name}1"', "body": sitemap([(f"{base}/news/{page}", None)])})
    config = load_config(write_config(tmp_path, [{"name": "map",
                                                  "sitemap": f"{base}/sitemap.xml"}]))
    assert harvest(config).counts["stored"] == 2
    b_before = fetch_row(config, f"{base}/sitemap-b.xml")

    index.update(etag='"i2"', body=sitemap([(f"{base}/sitemap-a.xml", None)], index=True))
    before = len(http_site.log)
    harvest(config)
    assert http_site.paths()[before:] == ["/sitemap.xml", "/sitemap-a.xml"]
    b_row = fetch_row(config, f"{base}/sitemap-b.xml")
    assert b_row["listed_in"] is None and "no longer listed" in b_row["detail"]
    assert b_row["last_attempt"] == b_before["last_attempt"]  # not asked, so not an attempt

    before = len(http_site.log)  # the index answers 304: only what it lists now is walked
    harvest(config)
    assert http_site.paths()[before:] == ["/sitemap.xml", "/sitemap-a.xml"]


@pytest.mark.parametrize("breaks", ["fetching", "recording"])
def test_listing_validators_kept_only_when_the_run_got_through(tmp_path, http_site,
                                                               monkeypatch, breaks):
    """A run that breaks before its pages are fetched or recorded leaves no validators behind,
    so the next run reads the listing again instead of taking a 304 for pages never stored."""
    base = http_site.base
    http_site.page("/robots.txt", "", **{"Content-Type": "text/plain"})
    http_site.page("/news/1", article("First story"))
    serve(http_site, "/feed.xml", {"etag": '"f1"', "body": rss([(f"{base}/news/1", None)])},
          "application/rss+xml")
    config = load_config(write_config(tmp_path, [{"name": "feed", "feed": f"{base}/feed.xml"}]))

    def broken(*args):
        raise RuntimeError("disk full")
    with monkeypatch.context() as patch:
        if breaks == "fetching":
            patch.setattr(harvest_module, "fetch_one", broken)
        else:
            patch.setattr(Recorder, "_record", broken)
        with pytest.raises(RuntimeError, match="disk full"):
            harvest(config)
    assert (fetch_row(config, f"{base}/feed.xml") or {}).get("etag") is None

    assert harvest(config).counts["stored"] == 1
    assert "If-None-Match" not in http_site.hits("/feed.xml")[-1].headers


def test_corpus_from_before_the_listing_columns_is_migrated_on_open(tmp_path, http_site):
    db = tmp_path / "corpus" / "corpus.db"
    with Corpus(db) as corpus:
        corpus.record_fetch("http://example.org/a", source_name="old", outcome="http_404",
                            attempts=1)
    with sqlite3.connect(db) as conn:  # the fetches table as it was made before
        conn.execute("ALTER TABLE fetches DROP COLUMN listing")
        conn.execute("ALTER TABLE fetches DROP COLUMN listed_in")
        conn.execute("PRAGMA user_version = 1")  # as the versions that made it left it
    with Corpus(db) as corpus:
        state = corpus.fetch_state("http://example.org/a")
        assert state["outcome"] == "http_404" and state["listing"] is None
        assert "listed_in" in state
        assert corpus.retry_due("old", MAX_FAILED_RUNS) == ["http://example.org/a"]
