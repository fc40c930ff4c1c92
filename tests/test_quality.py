"""The scorers and the split of ``harvester.quality``, on small hand-made inputs."""

from __future__ import annotations

import pytest

from harvester.quality import (
    NoiseScore,
    SegmentScore,
    TokenScore,
    half_of,
    metadata_agreement,
    site_key,
    token_prf,
)


@pytest.mark.parametrize(("url", "fallback", "key"), [
    ("https://edition.cnn.com/2024/01/01/world/x.html", "", "cnn"),
    ("http://www.bbc.co.uk/news/world-1", "", "bbc"),
    ("https://news.bbc.co.uk/2/hi/x.stm", "", "bbc"),
    ("https://www.spiegel.de/politik/a-1.html", "", "spiegel"),
    ("https://abc.net.au/news/x", "", "abc"),
    (None, "nytimes-3", "nytimes"),
    ("", "wikipedia", "wikipedia"),
    ("/relative/path.html", "base-url", "base-url"),
])
def test_site_key_keeps_a_site_together(url, fallback, key):
    assert site_key(url, fallback) == key


def test_halves_are_fixed_by_the_site_and_both_occur():
    sites = [f"site{i}" for i in range(200)]
    halves = [half_of(site) for site in sites]
    assert halves == [half_of(site) for site in sites]
    assert 60 < halves.count("tune") < 140
    assert set(halves) == {"tune", "heldout"}


def test_segments_found_and_missed_are_counted():
    score = SegmentScore()
    score.add("The  body\nof the text. Share this", {"with": ["The body of", "missing"],
                                                   "without": ["Share this", "Cookie"]})
    assert (score.tp, score.fn, score.fp, score.tn) == (1, 1, 1, 1)
    assert score.precision == 0.5 and score.recall == 0.5 and score.f1 == 0.5


def test_token_f1_counts_shared_words_with_multiplicity():
    p, r, f = token_prf("the the cat", "The cat sat")
    assert (p, r) == (2 / 3, 2 / 3)
    assert f == pytest.approx(2 / 3)
    assert token_prf("", "words") == (0.0, 0.0, 0.0)
    score = TokenScore()
    score.add("a b", "a b")
    score.add("", "a b")
    assert score.f1 == 0.5 and score.pages == 2


def test_noise_score_wants_whole_lines():
    score = NoiseScore()
    score.add("First paragraph.\n\nAdvertisement inside a sentence\nSecond  paragraph.",
              ["First paragraph.", "Second paragraph.", "Lost one."], ["Advertisement", "Share"])
    assert (score.kept, score.article, score.removed, score.noise) == (2, 3, 2, 2)


def test_metadata_agreement_compares_dates_by_day():
    shares = metadata_agreement([{"title": " A  Title", "date": "2024-01-02T10:00"}, {}],
                                [{"title": "a title", "date": "2024-01-02"}, {"title": "B"}])
    assert shares == {"title": 0.5, "author": 0.0, "date": 1.0}
