"""Offline language identification with py3langid (its model ships inside the wheel).

py3langid keeps its model LZMA-compressed: unpacking it at every start costs as much CPU as all
of harvester's imports, which a one-page ``harvester clean`` pays in full (docs/performance.md).
The first load therefore leaves an uncompressed copy of the model's arrays in the user's cache
folder (``$XDG_CACHE_HOME/harvester``, else ``~/.cache/harvester``; 70 MB); later processes map
that copy instead, and worker processes share its pages. The copy is named after
py3langid's version and its model file's size, so an upgrade makes a new one (and removes
the old). A cache folder that cannot be written, or a copy that cannot be read, only means the
slow load.
"""

from __future__ import annotations

import array
import logging
import os
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
from py3langid import langid

LOG = logging.getLogger(__name__)

# Below ~40 characters py3langid's guesses on news snippets are close to random.
_MIN_CHARS = 40
# The model's cost grows with the input; on the dev set's cleaned texts the first 1,000
# characters give the language the first 5,000 give (docs/cleaning-html.md).
_SAMPLE = 1000

# The arrays of a py3langid model, as ``LanguageIdentifier`` holds them.
_PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")


class _Loaded:
    """This process's identifier, our own instance: py3langid's module-wide one is left alone."""

    identifier: langid.LanguageIdentifier | None = None


_LOADED = _Loaded()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:_SAMPLE]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    lang, _score = load_model().classify(sample)
    return lang


def default_cache() -> Path | None:
    """The user's cache folder for harvester (XDG base directory rules), or None when the
    process has no home folder to put it in (a service account without one)."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except (RuntimeError, KeyError):  # Path.home() with no HOME and no passwd entry
        return None
    return Path(base) / "harvester"


def load_model(cache: Path | None = None) -> langid.LanguageIdentifier:
    """This process's language identifier, from the uncompressed copy under ``cache``
    (default: ``default_cache()``), made on the first load. Loaded once per process."""
    if _LOADED.identifier is not None:
        return _LOADED.identifier
    cache = cache or default_cache()
    folder = _copy_folder(cache) if cache else None
    identifier = _read_copy(folder) if folder else None
    if identifier is None:
        identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)  # a damaged copy, if any, is replaced
            _write_copy(identifier, folder)
    _LOADED.identifier = identifier
    return identifier


_COPY_PREFIX = "py3langid-"


def _copy_folder(cache: Path) -> Path:
    """Where the copy of this model lives: named after py3langid's version and the packed
    model file's size. Not its time: every install (each new virtualenv) writes the file
    anew, and a name with the time made one more 65 MB copy per install."""
    model = (langid.MODEL_DIR / langid.MODEL_FILE).stat()
    try:
        release = version("py3langid")
    except PackageNotFoundError:  # installed without its metadata: the file alone tells
        release = "unknown"
    return cache / f"{_COPY_PREFIX}{release}-{model.st_size}"


def _remove_other_copies(folder: Path) -> None:
    """One copy in the cache: those of other models (older releases, or named after the
    model file's time as before) go when a new copy is written."""
    try:
        others = [p for p in folder.parent.iterdir()
                  if p.name.startswith(_COPY_PREFIX) and p != folder and p.is_dir()]
    except OSError:
        return
    for other in others:
        shutil.rmtree(other, ignore_errors=True)


def _as_array(values: np.ndarray) -> array.array:
    """A NumPy array of unsigned integers as the stdlib array py3langid walks byte by byte."""
    out = array.array(values.dtype.char)
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def _read_copy(folder: Path):
    """The identifier from the copy in ``folder``, or None when there is no readable copy."""
    if not folder.is_dir():
        return None
    try:
        # read-only maps: only the pages a text's features touch are read, shared by processes
        parts = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _PARTS}
        return langid.LanguageIdentifier(
            parts["ptc"], np.array(parts["pc"]), parts["classes"].tolist(),
            _as_array(parts["nextmove"]), parts["output"].tolist(), tk_row=_as_array(parts["row"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        LOG.debug("language model copy in %s unreadable (%s); loading the packed model",
                  folder, exc)
        return None


def _write_copy(identifier, folder: Path) -> None:
    """Save the identifier's arrays in ``folder``, written aside and renamed into place, so a
    reader never sees half a copy. Any failure leaves no copy and is not an error."""
    parts = {
        "ptc": identifier.nb_ptc, "pc": identifier.nb_pc,
        "classes": np.array(identifier.nb_classes),
        "nextmove": np.frombuffer(identifier.tk_nextmove, dtype=identifier.tk_nextmove.typecode),
        "row": np.frombuffer(identifier.tk_row, dtype=identifier.tk_row.typecode),
        "output": np.asarray(identifier.tk_output, dtype=np.int32),
    }
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".langid-", dir=folder.parent))
    except OSError as exc:
        LOG.debug("no language model copy in %s: %s", folder.parent, exc)
        return
    try:
        for name, values in parts.items():
            np.save(staging / f"{name}.npy", values, allow_pickle=False)
        staging.rename(folder)  # fails if another process made the copy first: theirs stays
        _remove_other_copies(folder)
    except OSError as exc:
        LOG.debug("no language model copy in %s: %s", folder, exc)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
