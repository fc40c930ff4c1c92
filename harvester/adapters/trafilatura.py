"""trafilatura's internals that the cleaner's metadata and HTML repair follow step for step.

``harvester.clean.metadata.read`` re-does trafilatura's ``extract_metadata`` (faster, with the same
fields) out of these functions, and ``harvester.clean.html.parse`` repeats its HTML loading with
these constants. None of them is trafilatura's documented API, so trafilatura is pinned to the
minor release they were written against (``TRAFILATURA_VERSIONS``, as in pyproject.toml) and
``tests/adapters/test_trafilatura.py`` checks that they are there and still behave so.
"""

from __future__ import annotations

from trafilatura.baseline import block_text
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_title,
    extract_url,
    find_date,
    normalize_authors,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    INVALID_XML_CHARS,
    is_dubious_html,
    line_processing,
    trim,
)
from trafilatura.xml import delete_element

# The trafilatura releases these internals were copied from.
TRAFILATURA_VERSIONS = ">=2.3,<2.4"

__all__ = [
    "DOCTYPE_TAG", "FAULTY_HTML", "INVALID_XML_CHARS", "Document", "block_text",
    "delete_element", "examine_meta", "extract_meta_json", "extract_title", "extract_url",
    "find_date", "is_dubious_html", "line_processing", "normalize_authors", "set_date_params",
    "trim",
]
