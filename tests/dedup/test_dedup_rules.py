"""Duplicates users see as duplicates: contained copies linked, boilerplate kept apart, and the
publisher's page as the original."""

from __future__ import annotations

import random

import pytest

from harvester.dedup import containment, is_near_duplicate, normalise, shingles, sketch
from harvester.dedup.original import credits_another
from harvester.model import Document
from harvester.run.ingest import store_document
from harvester.store import Corpus

_RNG = random.Random(7)
_VOCAB = ["".join(_RNG.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(_RNG.randint(3, 9)))
          for _ in range(5000)]


def words(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_VOCAB) for _ in range(n)) + "."


def store_all(tmp_path, texts: dict[str, str]) -> dict[str, dict]:
    with Corpus(tmp_path / "c.db") as corpus:
        for source, text in texts.items():
            with corpus.transaction():
                store_document(corpus, Document(text=text, source=source))
        rows = list(corpus.export_rows())
    source_of = {r["id"]: r["source"] for r in rows}
    return {r["source"]: source_of.get(r["duplicate_of"]) for r in rows}


def test_a_copy_inside_a_much_longer_page_is_the_same_article(tmp_path):
    article = words(150, 1)
    around = "\n\n".join([words(60, 2), words(60, 3), article, words(120, 4), words(90, 5)])
    assert len(shingles(article)) < 0.5 * len(shingles(around))
    assert is_near_duplicate(shingles(article), shingles(around), 0.8)
    links = store_all(tmp_path, {"page-with-comments": around, "article": article})
    assert links == {"page-with-comments": None, "article": "page-with-comments"}


def paragraphs(n: int, seed: int) -> list[str]:
    return [words(40, seed * 100 + i) for i in range(n)]


def test_cleanings_that_kept_different_parts_of_one_page_are_linked(tmp_path):
    # One cleaning kept a list, the other an author's note: 0.6 of the smaller in whole lines.
    article = paragraphs(6, 50)
    one = "\n".join(article + paragraphs(4, 51))
    two = "\n".join(paragraphs(4, 52) + article)
    assert 0.5 < containment(shingles(one), shingles(two)) < 0.8
    links = store_all(tmp_path, {"html": one, "text": two})
    assert links in ({"html": None, "text": "html"}, {"html": "text", "text": None})


def test_a_rewrite_changing_words_in_every_paragraph_stays_apart(tmp_path):
    article = paragraphs(8, 60)
    rewrite = [" ".join(w if i % 9 else "changed" for i, w in enumerate(p.split()))
               for p in article]
    one, two = "\n".join(article), "\n".join(rewrite)
    assert 0.3 < containment(shingles(one), shingles(two)) < 0.8
    assert not is_near_duplicate(shingles(one), shingles(two), 0.8, (one, two), 0.5)
    assert store_all(tmp_path, {"one": one, "two": two}) == {"one": None, "two": None}


def test_a_short_copy_inside_a_long_page_is_found_by_its_contained_keys(tmp_path):
    # Texts chosen (seeded) where the MinHash bands miss the pair: J = 0.23.
    article = "\n".join(paragraphs(5, 84))
    page = "\n".join(paragraphs(8, 184) + [article] + paragraphs(8, 284))
    one, two = sketch(article), sketch(page)
    assert sum(a == b for a, b in zip(one.band_keys, two.band_keys)) < 2  # bands miss it
    assert len(set(one.contained_keys) & set(two.contained_keys)) >= 2
    links = store_all(tmp_path, {"page": page, "article": article})
    assert links == {"page": None, "article": "page"}


def test_invisible_characters_do_not_split_words():
    assert normalise("Bekämp\u00adfung des Hun\u200bgers") == "bekämpfung des hungers"


def test_articles_sharing_a_boilerplate_paragraph_stay_apart(tmp_path):
    boilerplate = words(70, 10)
    one, two = f"{boilerplate}\n\n{words(200, 11)}", f"{words(180, 12)}\n\n{boilerplate}"
    assert store_all(tmp_path, {"one": one, "two": two}) == {"one": None, "two": None}


def test_a_short_notice_inside_two_articles_links_neither(tmp_path):
    notice = words(35, 20)  # under MIN_CONTAINED_SHINGLES: it could be inside any article
    one, two = f"{words(300, 21)}\n\n{notice}", f"{notice}\n\n{words(300, 22)}"
    links = store_all(tmp_path, {"notice": notice, "one": one, "two": two})
    assert links == {"notice": None, "one": None, "two": None}


@pytest.mark.parametrize("first", ["publisher", "syndicated"])
def test_the_publishers_page_is_the_original_not_the_longer_syndicated_copy(tmp_path, first):
    article = words(250, 30)
    syndicated = article + "\n\nThis article first appeared on Example News. Republished with " \
                           "permission."
    texts = {"publisher": article, "syndicated": syndicated}
    order = [first, *(k for k in texts if k != first)]
    links = store_all(tmp_path, {k: texts[k] for k in order})
    assert links == {"publisher": None, "syndicated": "publisher"}


@pytest.mark.parametrize("first", ["publisher", "syndicated", "reprint"])
def test_the_page_the_others_name_as_canonical_is_the_original(tmp_path, first):
    article = words(250, 31)
    docs = {"publisher": Document(text=article, source="publisher",
                                  url="https://news.example/story",
                                  canonical_url="https://news.example/story"),
            # Longer and dated earlier, but it names the publisher's page as canonical.
            "syndicated": Document(text=article + " " + words(30, 32), source="syndicated",
                                   url="https://portal.example/a/1", date="2020-01-01",
                                   canonical_url="http://www.news.example/story/"),
            "reprint": Document(text=article + " " + words(20, 33), source="reprint",
                                date="2020-01-02")}
    order = [first, *(k for k in docs if k != first)]
    with Corpus(tmp_path / "c.db") as corpus:
        for key in order:
            with corpus.transaction():
                store_document(corpus, docs[key])
        rows = {r["source"]: r for r in corpus.export_rows()}
    assert rows["syndicated"]["canonical_url"] == "http://www.news.example/story/"
    root = rows["publisher"]["id"]
    assert rows["publisher"]["duplicate_of"] is None
    assert rows["syndicated"]["duplicate_of"] == root and rows["reprint"]["duplicate_of"] == root


@pytest.mark.parametrize("line", ["This story was originally published by ProPublica.",
                                  "Der Beitrag ist zuerst erschienen bei der Zeit.",
                                  "Reprinted with permission from The Conversation."])
def test_credit_lines(line):
    assert credits_another(f"{words(50, 40)}\n{line}")
    assert not credits_another(words(80, 41))
