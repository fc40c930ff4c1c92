"""``config.toml``: read, checked against the known keys and types, relative paths resolved.

Nothing is read at import; ``load_config`` is called by the CLI with the file the user named.
A wrong file fails at once with a ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from harvester import __version__
from harvester.dedup import DedupSettings
from harvester.errors import ConfigError

SOURCE_KINDS = ("feed", "sitemap", "urls", "path")


@dataclass
class CorpusSettings:
    path: Path = Path("corpus/corpus.db")


@dataclass
class HarvestSettings:
    user_agent: str = f"harvester/{__version__} (+https://github.com/harvester-corpus/harvester)"
    concurrency: int = 16
    per_host_concurrency: int = 2
    per_host_delay: float = 1.0
    timeout: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 3
    respect_robots: bool = True
    allow_private_addresses: bool = False


@dataclass
class CleanSettings:
    """How pages are cleaned: the ``[clean]`` section, and what ``clean --workers`` changes."""

    # Cleaning processes (0: clean in this process, without limits). Two match the machines
    # the project targets; more only help where there are more cores.
    workers: int = 2
    # A news page cleans in a second or two at most (the dev set's slowest: docs/runs.md); one
    # that takes a minute is pathological and is cut so that it cannot stall a cron run.
    timeout: float = 60.0
    # Address-space budget per worker: far above what trafilatura needs on the dev set's largest
    # page, so honest giants fit, while a runaway page cannot take the machine (docs/runs.md).
    memory_mb: int = 2048
    comments: bool = False
    # Keep each stored document's raw page (compressed) for ``reclean`` and ``export --format
    # warc``; off: a smaller corpus that cannot be cleaned again.
    keep_raw: bool = True

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb * 1024 * 1024


@dataclass
class Source:
    name: str
    kind: str  # one of SOURCE_KINDS
    target: str  # the feed/sitemap URL, the URL-list file or URL, or the folder
    enabled: bool = True


@dataclass
class Config:
    path: Path | None = None
    corpus: CorpusSettings = field(default_factory=CorpusSettings)
    harvest: HarvestSettings = field(default_factory=HarvestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    sources: list[Source] = field(default_factory=list)


def _check_type(value, expected, where: str):
    # TOML integers are fine where floats are expected; bools are not numbers here.
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is Path and isinstance(value, str):
        return Path(value)
    if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):
        raise ConfigError(f"{where}: expected {expected.__name__}, got {type(value).__name__} "
                          f"{value!r}")
    return value


def _section(cls, table, where: str):
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    known = {f.name: f for f in fields(cls)}
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}.{key}: unknown key (known: {', '.join(sorted(known))})")
    types = {"int": int, "float": float, "str": str, "bool": bool, "Path": Path}
    values = {key: _check_type(value, types[str(known[key].type).split(" ")[0]],
                               f"{where}.{key}") for key, value in table.items()}
    return cls(**values)


def _source(entry, index: int, base: Path, where: str) -> Source:
    label = f"{where}: sources[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{label}: expected a table")
    unknown = set(entry) - {"name", "enabled", *SOURCE_KINDS}
    if unknown:
        raise ConfigError(f"{label}.{sorted(unknown)[0]}: unknown key")
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{label}.name: every source needs a name")
    kinds = [k for k in SOURCE_KINDS if k in entry]
    if len(kinds) != 1:
        raise ConfigError(f"{label} ({name}): needs exactly one of {', '.join(SOURCE_KINDS)}")
    target = _check_type(entry[kinds[0]], str, f"{label}.{kinds[0]}")
    if kinds[0] in ("feed", "sitemap") or (kinds[0] == "urls" and "://" in target):
        _check_web_address(target, f"{label}.{kinds[0]} ({name})")
    if kinds[0] == "path" or (kinds[0] == "urls" and "://" not in target):
        target = str((base / target).resolve())
    enabled = _check_type(entry.get("enabled", True), bool, f"{label}.enabled")
    return Source(name=name, kind=kinds[0], target=target, enabled=enabled)


def _check_web_address(target: str, where: str) -> None:
    """Only http(s) addresses with a host are fetched: anything else is a mistake in the file."""
    from urllib.parse import urlsplit

    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: {target!r} is not an http:// or https:// address")


def load_config(path: str | Path) -> Config:
    """Read and check a config file; relative paths resolve against its folder."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(raw, base=path.parent.resolve(), where=str(path), path=path)


def parse_config(raw: dict, *, base: Path, where: str = "config", path: Path | None = None
                 ) -> Config:
    known = {"corpus", "harvest", "clean", "dedup", "sources"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{where}: {key}: unknown section "
                              f"(known: {', '.join(sorted(known))})")
    config = Config(path=path)
    config.corpus = _section(CorpusSettings, raw.get("corpus", {}), f"{where}: corpus")
    config.harvest = _section(HarvestSettings, raw.get("harvest", {}), f"{where}: harvest")
    config.clean = _section(CleanSettings, raw.get("clean", {}), f"{where}: clean")
    config.dedup = _section(DedupSettings, raw.get("dedup", {}), f"{where}: dedup")
    if not config.corpus.path.is_absolute():
        config.corpus.path = (base / config.corpus.path).resolve()
    sources = raw.get("sources", [])
    if not isinstance(sources, list):
        raise ConfigError(f"{where}: sources: expected [[sources]] tables")
    config.sources = [_source(entry, i, base, where) for i, entry in enumerate(sources)]
    names = [s.name for s in config.sources]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ConfigError(f"{where}: sources: name {sorted(duplicated)[0]!r} is used twice")
    return config
