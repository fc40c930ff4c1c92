"""``harvester search``, ``stats`` and ``serve`` on a real corpus file."""

from __future__ import annotations

import json
import socket

import httpx
import pytest
from browse_samples import build_sample_corpus, serving
from typer.testing import CliRunner

from harvester.cli import EXIT_CONFIG, EXIT_OK, EXIT_USAGE, app
from harvester.errors import EX_DATAERR


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample_corpus(tmp_path_factory.mktemp("corpus") / "corpus.db")


def run(*args):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("words", ["Trump's oil", "e-mail", "U.S.", "clean-up", "10%",
                                   "oil, Venezuela"])
def test_plain_words_search_without_error(sample, words):
    result = run("search", words, "--db", str(sample.path))
    assert result.exit_code == EXIT_OK, result.output


def test_search_prints_ranked_folded_results(sample):
    result = run("search", "oil", "Venezuela", "--db", str(sample.path), "--json")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert {hit["id"] for hit in hits} == {sample.first, sample.second}
    first = next(hit for hit in hits if hit["id"] == sample.first)
    assert first["copies"] == 1 and "[" in first["snippet"]
    text = run("search", "Caracas", "--db", str(sample.path)).stdout
    assert text.startswith(f"{sample.first}. Trump calls off Venezuela strikes")
    assert "[1 copy]" in text


def test_a_bad_raw_query_is_a_usage_error(sample):
    result = run("search", "--raw", "oil OR", "--db", str(sample.path))
    assert result.exit_code == EXIT_USAGE and "not a valid full-text query" in result.output


def test_search_finds_the_corpus_of_a_config(sample, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[corpus]\npath = "{sample.path}"\n')
    result = run("search", "Caracas", "--config", str(config))
    assert result.exit_code == EXIT_OK and result.stdout.startswith(f"{sample.first}.")


def test_stats(sample):
    result = run("stats", "--db", str(sample.path))
    assert result.exit_code == EXIT_OK
    assert "documents   3 (2 originals, 1 copy linked to their original)" in result.stdout
    assert "stories     1 (3 documents)" in result.stdout and "languages   en 2" in result.stdout
    figures = json.loads(run("stats", "--db", str(sample.path), "--json").stdout)
    assert figures["runs"][0]["id"] == sample.run


def test_stats_of_a_file_that_is_no_corpus(tmp_path):
    other = tmp_path / "notes.db"
    other.write_bytes(b"just some notes" * 200)
    result = run("stats", "--db", str(other))
    assert result.exit_code == EX_DATAERR and "not a readable corpus" in result.output


def test_serve_takes_the_corpus_of_a_config(sample, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[corpus]\npath = "{sample.path}"\n')
    with serving(config, flag="--config") as base:
        found = httpx.get(f"{base}/-/search", params={"q": "Trump's oil"})
        assert found.status_code == 200 and "<mark>" in found.text


def test_serve_on_a_busy_port_says_so_and_does_not_claim_to_serve(sample):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("serve", "--db", str(sample.path), "--port", str(port))
    assert result.exit_code == EXIT_USAGE
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Serving" not in result.output


def test_serve_with_a_bad_config_is_a_config_error(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[corpus]\nnope = 1\n")
    assert run("serve", "--config", str(config)).exit_code == EXIT_CONFIG


def test_help_shows_flags_without_a_type():
    result = run("search", "--help")
    assert "--json" in result.output and "<bool>" not in result.output
