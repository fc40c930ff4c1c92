"""The batch's inputs: local files and folders as ``clean`` takes them, and fsspec URLs.

Every input file is one shard, cleaned by one task where it is read. A shard's key (the name of
its part files) comes from its source name, so a rerun over the same inputs finds the parts it
wrote before, whatever the order of the inputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from harvester.errors import BatchError, PageError
from harvester.model import Failure, Page
from harvester.sources import files


@dataclass(frozen=True)
class Shard:
    """One input file: ``source`` is its absolute path or its URL, ``index`` its place in the
    run's inputs (the arrival order that breaks ties between identical documents)."""

    source: str
    index: int

    @property
    def key(self) -> str:
        return hashlib.blake2b(self.source.encode("utf-8"), digest_size=10).hexdigest()

    @property
    def is_url(self) -> bool:
        return "://" in self.source and not self.source.startswith("file://")


def _url_files(url: str) -> list[str]:
    """The page files at a URL: the file itself, or those under a folder (sorted)."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # s3:// without s3fs, an unknown protocol
        raise BatchError(f"{url}: cannot be read here: {exc}") from exc
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    try:
        if fs.isdir(path):
            found = sorted(p for p in fs.find(path) if files.is_page_file(Path(p)))
            return [fs.unstrip_protocol(p) if protocol != "file" else p for p in found]
        if fs.exists(path):
            return [url if protocol != "file" else path]
    except OSError as exc:
        raise BatchError(f"{url}: cannot be listed: {exc}") from exc
    return []


def find_shards(inputs: Iterable[str]) -> tuple[list[Shard], list[Failure]]:
    """The shards of the inputs in the order given (folders walked as ``clean`` walks them),
    each file once, and a failure for each input that names nothing."""
    sources: list[str] = []
    seen: set[str] = set()
    missing: list[Failure] = []
    for item in inputs:
        item = str(item)
        if "://" in item:
            found = _url_files(item)
        else:
            path = Path(item).expanduser().absolute()
            found = ([str(p) for p in files.walk(path)] if path.is_dir()
                     else [str(path)] if path.exists() else [])
        if not found:
            missing.append(Failure(item, "missing", "no such file or folder"))
        for source in found:
            if source not in seen:
                seen.add(source)
                sources.append(source)
    return [Shard(source, index) for index, source in enumerate(sources)], missing


def shard_pages(shard: Shard, max_bytes: int = files.DEFAULT_MAX_BYTES
                ) -> Iterator[Page | Failure]:
    """The pages of one shard, with the limits and failures of ``clean``'s loader."""
    if not shard.is_url:
        path = Path(shard.source.removeprefix("file://"))
        yield from files.file_pages(path, max_bytes)
        return
    import fsspec

    if files.kind_from_name(Path(shard.source)) == "warc":  # streamed, record by record
        try:
            with fsspec.open(shard.source, "rb") as handle:
                yield from files.warc_pages(handle, shard.source, max_bytes)
        except (OSError, ValueError) as exc:
            yield Failure(shard.source, "unreadable", f"cannot read the file: {exc}")
        return
    try:
        with fsspec.open(shard.source, "rb") as handle:
            data = files.read_bounded(handle, max_bytes)
    except PageError as exc:
        yield Failure(shard.source, exc.reason, str(exc))
        return
    except (OSError, ValueError) as exc:
        yield Failure(shard.source, "unreadable", f"cannot read the file: {exc}")
        return
    yield from files.bytes_pages(data, shard.source, files.kind_from_name(Path(shard.source)),
                                 max_bytes)
