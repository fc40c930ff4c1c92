"""Local inputs: HTML, text, gzip and WARC files, folders (recursively) and standard input.

Yields a ``Page`` per page and a ``Failure`` per input that cannot be one, so a bad file is
reported and the rest goes on.
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from harvester.errors import PageError
from harvester.model import Failure, Page

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
WARC_SUFFIXES = {".warc"}
PAGE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | WARC_SUFFIXES
GZIP_MAGIC = b"\x1f\x8b"
# Local pages bigger than this are refused rather than cleaned: the largest page of the dev set
# is 1.6 MB, and the biggest news pages seen in the wild stay under 20 MB with inline assets.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_GUNZIP_CHUNK = 256 * 1024


def source_name(path: Path) -> str:
    """The path as text a corpus and a terminal can hold: a name that is not UTF-8 keeps its
    undecodable bytes as ``\\xff`` escapes, the same on every run (so it is stored once)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def inner_name(path: Path) -> Path:
    """``page.html.gz`` -> ``page.html``: the name that says what the gzip holds."""
    return path.with_suffix("") if path.suffix.lower() == ".gz" else path


def is_page_file(path: Path) -> bool:
    """Whether a file met while walking a folder is one of ours (other files are skipped)."""
    return inner_name(path).suffix.lower() in PAGE_SUFFIXES


def kind_from_name(path: Path) -> str | None:
    suffix = inner_name(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Decompress (possibly concatenated) gzip members, refusing output past ``max_bytes``.

    The cap applies while decompressing, so a gzip bomb stops at the cap instead of filling
    memory.
    """
    out, error = gunzip_members(data, max_bytes)
    if error is not None:
        raise error
    return out


def gunzip_members(data: bytes, max_bytes: int) -> tuple[bytes, PageError | None]:
    """The output of every complete gzip member, and the error that stopped the rest if any.

    A ``.warc.gz`` is one member per record: what a cut or corrupt member leaves before it are
    whole records. The input is fed in chunks, so that what a member leaves unread (copied by
    zlib at each member's end) is at most a chunk, not the rest of the file.
    """
    out: list[bytes] = []
    size, offset, view = 0, 0, memoryview(data)
    while offset < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member: list[bytes] = []  # joined to the output only once whole
        while not inflater.eof and offset < len(data):
            chunk = view[offset:offset + _GUNZIP_CHUNK]
            try:
                piece = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as exc:
                return b"".join(out), PageError(f"corrupt gzip data: {exc}", reason="bad_gzip")
            size += len(piece)
            if size > max_bytes:
                return b"".join(out), PageError(f"decompresses to more than {max_bytes:,} "
                                                "bytes", reason="too_large")
            member.append(piece)
            offset += len(chunk) - len(inflater.unused_data)
        if not inflater.eof:
            return b"".join(out), PageError("truncated gzip data", reason="bad_gzip")
        out.extend(member)
    return b"".join(out), None


def read_bounded(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PageError(f"larger than {max_bytes:,} bytes", reason="too_large")
    return data


def warc_pages(warc: bytes, source: str, max_bytes: int,
               cut: PageError | None = None) -> Iterator[Page | Failure]:
    """Every HTML response record of a WARC, with its target URL and HTTP headers.

    A record cut short by the file's end is no page; it and ``cut`` (why the rest of a
    ``.warc.gz`` could not be read) end in one ``truncated`` failure after the whole records.
    """
    from warcio.archiveiterator import ArchiveIterator  # with its fsspec: only for WARCs
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(io.BytesIO(warc))
    found = 0
    try:
        for offset, record, data, error in _html_records(records, max_bytes):
            if _cut_short(warc, offset, record):
                cut = cut or PageError("the last record is cut short", reason="truncated")
                break
            found += error is None
            yield _record_result(f"{source}#{offset}", record, data, error)
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        yield Failure(source, "bad_warc", f"not a readable WARC file: {exc}")
        return
    if cut is not None:
        reason = "truncated" if cut.reason in ("bad_gzip", "truncated") else cut.reason
        yield Failure(source, reason, f"the WARC file is cut short or damaged ({cut}); "
                      f"the {found} whole HTML record{'s' if found != 1 else ''} before were read")
    elif not found:
        yield Failure(source, "no_pages", "the WARC file holds no HTML response record")


def warc_stream_pages(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Page | Failure]:
    """``warc_pages`` over a stream: the records before a damaged one are kept, the damage is
    one ``bad_warc`` failure."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream)
    found = 0
    try:
        for offset, record, data, error in _html_records(records, max_bytes):
            found += error is None
            yield _record_result(f"{source}#{offset}", record, data, error)
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        yield Failure(source, "bad_warc", f"not a readable WARC file: {exc}")
        return
    if not found:
        yield Failure(source, "no_pages", "the WARC file holds no HTML response record")


def _html_records(records: ArchiveIterator, max_bytes: int):
    """Each HTML response record: its offset, the record, and its body or why it has none."""
    for record in records:
        if record.rec_type != "response" or record.http_headers is None:
            continue
        if "html" not in _content_type(record).lower():
            continue
        try:
            data, error = read_bounded(record.content_stream(), max_bytes), None
        except PageError as exc:
            data, error = None, exc
        # Asked only after the body is read: warcio reads the record to its end to tell.
        yield records.get_record_offset(), record, data, error


def _content_type(record) -> str:
    return record.http_headers.get_header("Content-Type") or ""


def _record_result(record_source: str, record, data: bytes | None,
                   error: PageError | None) -> Page | Failure:
    if error is not None:
        return Failure(record_source, error.reason, str(error))
    return Page(data=data, source=record_source,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                headers={"content-type": _content_type(record)},
                fetched_at=record.rec_headers.get_header("WARC-Date"), kind="html")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the read below reports why


def _cut_short(warc: bytes, offset: int, record) -> bool:
    """Whether the file ends before the record's declared ``Content-Length``."""
    declared = record.rec_headers.get_header("Content-Length") or ""
    block = warc.find(b"\r\n\r\n", offset)
    return declared.isdigit() and block >= 0 and block + 4 + int(declared) > len(warc)


def file_pages(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | Failure]:
    """The page or pages in one file (a WARC holds many).

    A WARC file is read whole where it fits the page cap, so that a record cut short by the
    file's end is told from a whole one; a larger one (a Common Crawl file is about 1 GB, or a
    small ``.warc.gz`` that inflates past the cap) is read as a stream, record by record, so
    the cap holds per page.
    """
    source = source_name(path)
    try:
        if kind_from_name(path) == "warc" and _size(path) > max_bytes:
            with path.open("rb") as handle:
                yield from warc_stream_pages(handle, source, max_bytes)
            return
        with path.open("rb") as handle:
            data = read_bounded(handle, max_bytes)
    except OSError as exc:
        yield Failure(source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    except PageError as exc:
        yield Failure(source, exc.reason, str(exc))
        return
    if kind_from_name(path) == "warc" and data.startswith(GZIP_MAGIC):
        inflated, cut = gunzip_members(data, max_bytes)
        if cut is not None and cut.reason == "too_large":
            yield from warc_stream_pages(io.BytesIO(data), source, max_bytes)
        else:
            yield from warc_pages(inflated, source, max_bytes, cut)
        return
    yield from bytes_pages(data, source, kind_from_name(path), max_bytes)


def bytes_pages(data: bytes, source: str, kind: str | None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | Failure]:
    """Pages from the raw bytes of one input, unwrapping gzip and WARC by their content."""
    cut = None
    if data.startswith(GZIP_MAGIC):
        data, cut = gunzip_members(data, max_bytes)
    if kind == "warc" or data.startswith(b"WARC/"):
        yield from warc_pages(data, source, max_bytes, cut)
        return
    if cut is not None:
        yield Failure(source, cut.reason, str(cut))
        return
    yield Page(data=data, source=source, kind=kind)


def walk(path: Path) -> Iterator[Path]:
    """Page files under a folder, recursively, in a stable (sorted) order."""
    for child in sorted(path.rglob("*")):
        if child.is_file() and is_page_file(child) and not child.name.startswith("."):
            yield child


def load(inputs: Iterable[str | Path], *, stdin: BinaryIO | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | Failure]:
    """Pages from files, folders and ``-`` (standard input), in the order given.

    File sources are recorded by absolute path, so re-running from another folder or with
    another spelling of the same path stores nothing twice.
    """
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = read_bounded(stream, max_bytes)
            except PageError as exc:
                yield Failure("-", exc.reason, str(exc))
                continue
            yield from bytes_pages(data, "-", None, max_bytes)
            continue
        path = Path(item).expanduser().absolute()
        if path.is_dir():
            for child in walk(path):
                yield from file_pages(child, max_bytes)
        elif path.exists():
            yield from file_pages(path, max_bytes)
        else:
            yield Failure(source_name(path), "missing", "no such file or folder")
