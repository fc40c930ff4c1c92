"""HTML pages: parse, blocks, containers, extraction, lead, header and verdicts (see
``cleaner``)."""

from harvester.clean.html.cleaner import Cleaned, clean_html, html_result

__all__ = ["Cleaned", "clean_html", "html_result"]
