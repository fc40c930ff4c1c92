"""UTF-16 saved without a byte-order mark is text, not binary."""

from __future__ import annotations

import random

import pytest

from harvester.clean.decode import decode
from harvester.errors import PageError

TEXTS = ["The council approved the harbour plan on Tuesday.\nSecond paragraph, 10% more.",
         "Рада міста схвалила план порту у вівторок.\nДругий абзац.",
         "<html><body><p>Straße und Brücke</p></body></html>"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", TEXTS)
def test_utf16_without_bom_is_decoded(text, encoding):
    assert decode(text.encode(encoding)) == text


def test_binary_stays_binary():
    noise = random.Random(7).randbytes(6000)
    with pytest.raises(PageError) as caught:
        decode(noise)
    assert caught.value.reason == "binary"


def test_an_indented_page_in_utf8_is_not_taken_for_utf16():
    page = "<html>\n" + "    " * 900 + "<p>Text</p>\n</html>"
    assert decode(page.encode("utf-8")) == page
