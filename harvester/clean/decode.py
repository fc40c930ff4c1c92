"""Bytes to text: byte-order mark, declared charset (HTTP header, ``<meta>``), then detection.

Refuses what is not a page (empty, binary, undecodable) with a ``PageError`` naming why.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from harvester.errors import PageError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_HEADER_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# The HTML standard's prescan looks at the first 1024 bytes; pages in the wild put the meta
# after long <head> scripts, so look a little further.
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I
)
_META_WINDOW = 4096
# Control bytes other than tab, newline, form feed and carriage return: text pages in any
# encoding except UTF-16/32 (handled by their BOM) hold essentially none. A tenth of a 8 KiB
# head is far above what mis-saved pages show (a stray byte or two) and far below binaries
# (images, PDFs, archives score 10-40%).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_SHARE = 0.10
_CONTROL_CHARS = set(_CONTROL.decode("ascii"))
# Share of 2-byte units with the commonest high byte for UTF-16 without a BOM: text in one
# script is far above it (ASCII: every unit), random binary far below (1/256 per value).
_UTF16_SAME_HIGH = 0.5
_SNIFF = 8192


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding the page says it has, from the HTTP header or a ``<meta>`` tag."""
    for source in (content_type.encode("latin-1", "replace") if content_type else b"",
                   data[:_META_WINDOW]):
        pattern = _HEADER_CHARSET if source is not data[:_META_WINDOW] else _META_CHARSET
        match = pattern.search(source)
        if match:
            name = match.group(1).decode("ascii", "replace")
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass, not one per byte
    return controls > _BINARY_SHARE * len(head)


def bomless_utf16(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark, or None if it does not look so.

    Text in one script puts nearly the same high byte in every 2-byte unit (0 for Latin
    text, 4 for Cyrillic): the units' high bytes at the even or odd offsets agree far more
    often than in binary data, where each value is about as rare as any other.
    """
    head = data[:_SNIFF - _SNIFF % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        common = max(set(high), key=high.count)
        # A high byte from 0x20 up would be an ordinary character of 8-bit text (spaces of
        # an indented page): only the alphabetic scripts below U+2000 are recognised.
        if common >= 0x20 or high.count(common) < _UTF16_SAME_HIGH * len(high):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:_SNIFF // 2]
        controls = sum(ch in _CONTROL_CHARS for ch in sample)
        if "\x00" not in sample and controls <= 0.01 * len(sample):
            return text
    return None


def decode(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes to text, or raise ``PageError`` with reason empty/binary/undecodable."""
    if not data.strip():
        raise PageError("the file is empty", reason="empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise PageError(f"invalid {encoding} after its byte-order mark: {exc.reason}",
                                reason="undecodable") from exc
    utf16 = bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise PageError("binary content, not a web page or text", reason="binary")
    declared = declared_charset(data, content_type)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # pages lie about their charset; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise PageError("text in no encoding we could recognise", reason="undecodable")
    return data.decode(best.encoding, errors="replace")
