"""An HTML page's metadata fields: trafilatura's reading (``read``), the headline, the authors
and the site's names. Imported only where the fields are wanted (``fields.page_fields``)."""
