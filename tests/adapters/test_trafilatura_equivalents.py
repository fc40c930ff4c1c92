"""The equivalents ``harvester.adapters.trafilatura`` swaps into trafilatura's extraction
(``guarded_prunes``, ``one_page_text``) give what trafilatura's own globals give, on the saved
dev-set sample pages."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
import trafilatura.core as trafilatura_core

from harvester.adapters.trafilatura import GUARDED_PRUNES, guarded, guarded_prunes, one_page_text
from harvester.clean.decode import decode
from harvester.clean.html.parse import parse

PAGES = sorted((Path(__file__).parent.parent / "data" / "devset_sample" / "pages")
               .glob("*.html.gz"))


def sample_trees(count: int):
    for path in PAGES[:count]:
        tree = parse(decode(gzip.decompress(path.read_bytes()), None))
        if tree is not None:
            yield path.name, tree


def test_each_guarded_expression_selects_what_the_original_selects():
    selected = 0
    for name, tree in sample_trees(30):
        for (module, attribute), expressions in GUARDED_PRUNES.items():
            for original, ours in zip(getattr(module, attribute), expressions, strict=True):
                found = original(tree)
                assert ours(tree) == found, (name, attribute)
                selected += len(found)
    assert selected > 0  # the pages hold elements these expressions prune


def test_a_guard_is_put_on_every_regular_expression_test():
    for (module, attribute), expressions in GUARDED_PRUNES.items():
        for original, ours in zip(getattr(module, attribute), expressions, strict=True):
            assert ours.path.count(" and re:test(") == original.path.count("re:test(")


def test_a_pattern_that_matches_an_empty_attribute_is_refused():
    from lxml.etree import XPath

    with pytest.raises(ValueError, match="empty attribute"):
        guarded(XPath(".//*[re:test(@class, 'x?')]",
                      namespaces={"re": "http://exslt.org/regular-expressions"}))


def extractions(tree) -> tuple[str, str]:
    options = {"include_tables": True, "with_metadata": False}
    fast = trafilatura.bare_extraction(tree, fast=True, **options)
    full = trafilatura.bare_extraction(tree, **options)
    return (fast.text if fast else ""), (full.text if full else "")


def test_trafilatura_extracts_the_same_text_with_the_equivalents():
    for name, tree in sample_trees(12):
        expected = extractions(tree)
        with one_page_text(), guarded_prunes():
            assert extractions(tree) == expected, name


def test_the_globals_are_put_back_after_the_block_even_on_error():
    html2txt = trafilatura_core.html2txt
    originals = {key: getattr(*key) for key in GUARDED_PRUNES}
    with pytest.raises(RuntimeError), one_page_text(), guarded_prunes():
        assert trafilatura_core.html2txt is not html2txt
        raise RuntimeError("a page that fails")
    assert trafilatura_core.html2txt is html2txt
    assert all(getattr(*key) is value for key, value in originals.items())
