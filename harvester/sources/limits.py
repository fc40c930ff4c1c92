"""Bounded decoding of a response body: the size cap holds on the decoded bytes, while streaming.

A hostile server can send a few kilobytes that inflate to gigabytes (a "zip bomb"). Every
decoder here produces output in small steps and stops as soon as the total passes the cap, so
memory stays at the cap plus one step whatever the compression ratio. Only one content coding
is accepted: stacked codings (``gzip, br``) have no use but to multiply a bomb, and an unknown
coding cannot be checked at all.
"""

from __future__ import annotations

import zlib

import brotli
import zstandard

from harvester.errors import FetchError, TooLarge
from harvester.vocabulary import FetchOutcome

SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "deflate", "br", "zstd")
# Output produced per decompression step. 64 KiB keeps the overshoot past a 10 MB cap far
# below the 10% allowed; small caps get proportionally small steps.
MAX_STEP = 64 * 1024


def parse_encoding(header: str | None) -> str | None:
    """The one content coding of a response, None for none; refuses stacked or unknown ones."""
    codings = [c.strip().lower() for c in (header or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if len(codings) > 1:
        raise FetchError(f"stacked content encodings refused: {header}",
                         reason=FetchOutcome.BAD_ENCODING)
    if codings and codings[0] not in SUPPORTED_ENCODINGS:
        raise FetchError(f"unknown content encoding refused: {header}",
                         reason=FetchOutcome.BAD_ENCODING)
    return codings[0] if codings else None


class BoundedBody:
    """Collects a body as it streams in, decoding it, refusing more than ``max_bytes``."""

    def __init__(self, encoding: str | None, max_bytes: int):
        self.encoding = encoding
        self.max_bytes = max_bytes
        self.step = max(1024, min(MAX_STEP, max_bytes // 16))
        self.raw_bytes = 0
        self.decoded = bytearray()
        self._decoder = _DECODERS[encoding](self) if encoding else None

    def feed(self, chunk: bytes) -> None:
        self.raw_bytes += len(chunk)
        # Compressed data larger than the cap is no page either (and stuffing a stream with
        # empty deflate blocks must not make us read forever).
        if self.raw_bytes > self.max_bytes:
            raise TooLarge(f"more than {self.max_bytes:,} bytes on the wire")
        if self._decoder is None:
            self.emit(chunk)
        else:
            self._decoder.feed(chunk)

    def emit(self, data: bytes) -> None:
        self.decoded += data
        if len(self.decoded) > self.max_bytes:
            raise TooLarge(f"more than {self.max_bytes:,} bytes after decompression "
                           f"(stopped at {len(self.decoded):,})")

    def room(self) -> int:
        """How much more output the next step may produce: up to one byte past the cap."""
        return max(1, min(self.step, self.max_bytes + 1 - len(self.decoded)))

    def finish(self) -> bytes:
        if self._decoder is not None:
            self._decoder.finish()
        return bytes(self.decoded)


def _corrupt(encoding: str, exc: Exception) -> FetchError:
    return FetchError(f"corrupt {encoding} body: {exc}", reason=FetchOutcome.BAD_ENCODING)


class _Zlib:
    """gzip (several members allowed, as zcat does) and deflate (zlib-wrapped or raw)."""

    def __init__(self, body: BoundedBody):
        self.body = body
        self.gzip = body.encoding in ("gzip", "x-gzip")
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if self.gzip else None
        self.head = b""

    def feed(self, data: bytes) -> None:
        if self.inflater is None:
            # deflate is meant to be zlib-wrapped, but servers often send raw deflate; the
            # first two bytes tell which (RFC 1950 header check).
            self.head += data
            if len(self.head) < 2:
                return
            data, self.head = self.head, b""
            wrapped = data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        try:
            self._inflate(data)
        except zlib.error as exc:
            raise _corrupt(self.body.encoding, exc) from exc

    def _inflate(self, data: bytes) -> None:
        while data:
            if self.inflater.eof:
                if not self.gzip:
                    return  # bytes after the end of a deflate stream mean nothing
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next gzip member
            self.body.emit(self.inflater.decompress(data, self.body.room()))
            data = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail

    def finish(self) -> None:
        if self.inflater is None or not self.inflater.eof:
            raise FetchError(f"truncated {self.body.encoding} body", reason=FetchOutcome.TRUNCATED)


class _Brotli:
    def __init__(self, body: BoundedBody):
        self.body = body
        self.decompressor = brotli.Decompressor()

    def feed(self, data: bytes) -> None:
        try:
            self.body.emit(self.decompressor.process(data, output_buffer_limit=self.body.room()))
            # Past the output limit the decompressor keeps the rest of its output for calls
            # with empty input, one bounded step at a time.
            while not self.decompressor.can_accept_more_data():
                self.body.emit(self.decompressor.process(b"",
                                                         output_buffer_limit=self.body.room()))
        except brotli.error as exc:
            raise _corrupt("br", exc) from exc

    def finish(self) -> None:
        if not self.decompressor.is_finished():
            raise FetchError("truncated br body", reason=FetchOutcome.TRUNCATED)


class _Zstd:
    """zstandard hands output to a writer in ``write_size`` pieces; ours raises at the cap."""

    def __init__(self, body: BoundedBody):
        self.body = body
        self.writer = zstandard.ZstdDecompressor().stream_writer(
            _Emitter(body), write_size=body.step, write_return_read=True)

    def feed(self, data: bytes) -> None:
        try:
            self.writer.write(data)
        except zstandard.ZstdError as exc:
            raise _corrupt("zstd", exc) from exc

    def finish(self) -> None:
        try:
            self.writer.flush()
        except zstandard.ZstdError as exc:
            raise _corrupt("zstd", exc) from exc


class _Emitter:
    def __init__(self, body: BoundedBody):
        self.body = body

    def write(self, data: bytes) -> int:
        self.body.emit(bytes(data))
        return len(data)


_DECODERS = {"gzip": _Zlib, "x-gzip": _Zlib, "deflate": _Zlib, "br": _Brotli, "zstd": _Zstd}
