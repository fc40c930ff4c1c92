"""Duplicates users see as duplicates: contained copies linked, boilerplate kept apart, and the
publisher's page as the original."""

from __future__ import annotations

import random

import pytest

from harvester.dedup import is_near_duplicate, shingles
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


@pytest.mark.parametrize("line", ["This story was originally published by ProPublica.",
                                  "Der Beitrag ist zuerst erschienen bei der Zeit.",
                                  "Reprinted with permission from The Conversation."])
def test_credit_lines(line):
    assert credits_another(f"{words(50, 40)}\n{line}")
    assert not credits_another(words(80, 41))
