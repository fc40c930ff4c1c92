"""Source addresses in config.toml: only http(s) is fetched, anything else is a config error."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from harvester.cli import EXIT_CONFIG, app
from harvester.config import load_config
from harvester.errors import ConfigError


@pytest.mark.parametrize("kind,target", [("feed", "file:///etc/passwd"),
                                         ("sitemap", "ftp://example.org/sitemap.xml"),
                                         ("feed", "example.org/rss"),
                                         ("urls", "gopher://example.org/list"),
                                         ("feed", "https://")])
def test_a_source_url_that_is_not_http_is_a_config_error(tmp_path, kind, target):
    config = tmp_path / "config.toml"
    config.write_text(f'[[sources]]\nname = "s"\n{kind} = "{target}"\n')
    with pytest.raises(ConfigError, match=f"sources\\[0\\].{kind} \\(s\\).*not an http"):
        load_config(config)
    result = CliRunner().invoke(app, ["harvest", "--config", str(config)])
    assert result.exit_code == EXIT_CONFIG and "not an http:// or https:// address" in result.output


def test_http_and_https_sources_and_local_lists_load(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[[sources]]\nname = "a"\nfeed = "http://example.org/rss"\n'
                      '[[sources]]\nname = "b"\nsitemap = "https://example.org/sitemap.xml"\n'
                      '[[sources]]\nname = "c"\nurls = "list.txt"\n')
    assert [s.kind for s in load_config(config).sources] == ["feed", "sitemap", "urls"]
