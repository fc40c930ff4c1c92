"""config.toml: its documented keys and types, relative paths, and errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.config import load_config
from harvester.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_loads_with_every_documented_key():
    config = load_config(ROOT / "config.toml")
    h = config.harvest
    assert (h.concurrency, h.per_host_concurrency, h.per_host_delay, h.timeout, h.max_bytes,
            h.max_redirects, h.retries, h.respect_robots, h.allow_private_addresses) == (
        16, 2, 1.0, 30.0, 10_000_000, 5, 3, True, False)
    assert h.user_agent.startswith("harvester/")
    assert config.corpus.path == ROOT / "corpus" / "corpus.db"


def test_sources_and_relative_paths(tmp_path):
    config = load_config(write(tmp_path, """
[corpus]
path = "db/c.db"
[[sources]]
name = "feed"
feed = "https://example.org/rss.xml"
[[sources]]
name = "map"
sitemap = "https://example.org/sitemap.xml"
enabled = false
[[sources]]
name = "list"
urls = "urls.txt"
[[sources]]
name = "remote-list"
urls = "https://example.org/urls.txt"
"""))
    assert config.corpus.path == tmp_path / "db" / "c.db"
    kinds = [(s.name, s.kind, s.target, s.enabled) for s in config.sources]
    assert kinds == [("feed", "feed", "https://example.org/rss.xml", True),
                     ("map", "sitemap", "https://example.org/sitemap.xml", False),
                     ("list", "urls", str(tmp_path / "urls.txt"), True),
                     ("remote-list", "urls", "https://example.org/urls.txt", True)]


@pytest.mark.parametrize("text, named", [
    ("[harvest]\nconcurency = 3\n", "harvest.concurency"),
    ("[harvest]\ntimeout = \"soon\"\n", "harvest.timeout"),
    ("[harvest]\nrespect_robots = 1\n", "harvest.respect_robots"),
    ("[harvest]\nretries = true\n", "harvest.retries"),
    ("[[sources]]\nname = \"x\"\n", "needs exactly one of"),
    ("[[sources]]\nname = \"x\"\nfeed = \"a\"\nsitemap = \"b\"\n", "needs exactly one of"),
    ("[[sources]]\nfeed = \"a\"\n", "sources[0].name"),
    ("[[sources]]\nname = \"x\"\nfeed = \"a\"\nfeeds = \"b\"\n", "sources[0].feeds"),
    ("[crawl]\n", "crawl"),
    ("not toml at all = = =", "not valid TOML"),
])
def test_errors_name_the_file_and_key(tmp_path, text, named):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert named in str(info.value) and str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml")
