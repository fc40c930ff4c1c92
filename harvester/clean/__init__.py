"""The cleaner: a ``Page`` in, a ``Document`` out (``page.clean_page``).

Rooms: ``html/`` (HTML pages), ``metadata/`` (an HTML page's fields), ``text.py`` (text pages
and the line rules every cleaner shares), ``rules.py``, ``sitewide.py``, ``language.py``.
"""

from harvester.clean.page import clean_page, preload, site_of, sniff_kind

__all__ = ["clean_page", "preload", "site_of", "sniff_kind"]
