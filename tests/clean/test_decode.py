import codecs

import pytest

from harvester.clean.decode import declared_charset, decode
from harvester.errors import PageError


def test_utf8_plain():
    assert decode("Grüße aus Köln".encode()) == "Grüße aus Köln"


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + "<p>Çà et là</p>".encode("utf-16-le")
    assert decode(data) == "<p>Çà et là</p>"


def test_utf8_bom_is_stripped():
    assert decode(codecs.BOM_UTF8 + b"hello world") == "hello world"


def test_meta_charset_wins_over_detection():
    html = '<html><head><meta charset="windows-1252"></head><body>café “quoted”</body>'
    assert "café “quoted”" in decode(html.encode("cp1252"))


def test_http_header_charset():
    assert declared_charset(b"<p>x</p>", "text/html; charset=ISO-8859-2") == "iso8859-2"
    assert decode("zażółć gęślą".encode("iso-8859-2"), "text/html; charset=iso-8859-2") == \
        "zażółć gęślą"


def test_lying_meta_falls_back_to_utf8():
    html = '<meta charset="ascii"><p>naïve</p>'.encode()
    assert "naïve" in decode(html)


def test_invalid_utf8_is_detected_not_crashed():
    text = "Le député a déclaré que la réforme était nécessaire pour l'économie française."
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (bytes(range(1, 32)) * 100, "binary"),
])
def test_not_a_page(data, reason):
    with pytest.raises(PageError) as info:
        decode(data)
    assert info.value.reason == reason


def test_broken_utf16_after_bom():
    with pytest.raises(PageError) as info:
        decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # lone surrogate
    assert info.value.reason == "undecodable"
