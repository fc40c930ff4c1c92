"""``harvester serve``: Datasette with the shipped metadata and plugin, as a real server."""

from __future__ import annotations

import httpx
import pytest
from browse_samples import build_sample_corpus, serving
from typer.testing import CliRunner

from harvester.cli import EXIT_USAGE, app


@pytest.mark.slow
def test_serve_answers_with_the_plugin_and_metadata(tmp_path):
    sample = build_sample_corpus(tmp_path / "corpus.db")
    with serving(sample.path) as base:
        plugins = httpx.get(f"{base}/-/plugins.json").json()
        assert "harvester" in {p["name"] for p in plugins}
        found = httpx.get(f"{base}/corpus/documents.json?_search=Venezuela&_shape=array").json()
        assert {row["id"] for row in found} == {sample.first, sample.second, sample.copy}
        page = httpx.get(f"{base}/corpus/documents/{sample.first}").text
        assert '<article class="hv-document"' in page and '<details class="hv-removed">' in page
        index = httpx.get(f"{base}/").text
        assert "harvester corpus" in index


def test_serve_without_a_corpus_is_a_usage_error(tmp_path):
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == EXIT_USAGE
    assert f"{missing}: no corpus here yet" in result.output
    assert not missing.exists()
