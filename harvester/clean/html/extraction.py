"""The main text as trafilatura finds it in the pruned tree (fast mode, full mode if short)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from harvester.adapters.trafilatura import guarded_prunes, one_page_text

# Below this many characters of main text from trafilatura's fast mode, its full mode runs too
# (readability and jusText as fallbacks, more time). On the dev set nearly all the recall it
# adds is on pages where the fast text is short; 2000 and 4000 did no better
# (docs/cleaning-html.md).
FULL_EXTRACTION_BELOW = 1000


@dataclass
class Extraction:
    text: str
    comments: str = ""  # reader comments, when asked for


def main_text(tree, url: str | None, comments: bool = False) -> Extraction:
    """trafilatura's main text (fast mode, full mode if short); with ``comments``, also the
    reader comments it finds (its ``include_comments``), which never enter the text."""
    options = dict(url=url, include_comments=comments, include_tables=True, with_metadata=False)
    with one_page_text(), guarded_prunes():
        result = trafilatura.bare_extraction(tree, fast=True, **options)
        if result is None or len(result.text or "") < FULL_EXTRACTION_BELOW:
            full = trafilatura.bare_extraction(tree, **options)
            if full is not None and full.text:
                result = full
    if result is None:
        return Extraction("")
    return Extraction(result.text or "", (result.comments or "") if comments else "")
