"""Each site's recurring lines, learned from the documents stored and handed to the cleaner for
the site's next pages (see ``harvester.clean.sitewide``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from harvester.clean import site_of, sitewide
from harvester.model import Document, Page
from harvester.vocabulary import Count

if TYPE_CHECKING:
    from harvester.run.ingest import Stored
    from harvester.store import Corpus


class SiteLearner:
    def __init__(self, corpus: Corpus, *, min_docs: int = sitewide.MIN_DOCS,
                 min_share: float = sitewide.MIN_SHARE):
        self.corpus = corpus
        self.min_docs = min_docs
        self.min_share = min_share

    def boilerplate_for(self, page: Page) -> sitewide.SiteBoilerplate | None:
        site = site_of(page.url)
        if not site:
            return None
        _total, keys = self.corpus.site_line_keys(site, min_docs=self.min_docs,
                                                  min_share=self.min_share)
        return sitewide.SiteBoilerplate(site, frozenset(keys)) if keys else None

    def learn(self, doc: Document, stored: Stored) -> None:
        """Count an original document's lines; duplicates would teach the site its own text."""
        if doc.site and stored.outcome == Count.STORED:
            keys = sitewide.learnable_keys([line.text for line in doc.lines])
            self.corpus.learn_site_lines(doc.site, keys)
