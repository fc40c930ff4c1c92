"""The site tables' rule is the corpus' (``store.site_lines``), count for count."""

from __future__ import annotations

from harvester.batch.sites import scan_site, threshold
from harvester.clean import sitewide
from harvester.store import Corpus


def test_the_threshold_is_the_corpus_rule(tmp_path):
    totals = [1, 2, 3, 4, 19, 20, 21, 59, 60, 61, 100, 121]
    with Corpus(tmp_path / "c.db") as corpus, corpus.transaction():
        for total in totals:
            site = f"s{total}.example"
            for doc in range(total):
                # line k is in the site's first k documents
                corpus.learn_site_lines(site, set(range(doc + 1, 10)) | {doc + 10})
    with Corpus(tmp_path / "c.db") as corpus:
        for total in totals:
            _, keys = corpus.site_line_keys(f"s{total}.example", min_docs=sitewide.MIN_DOCS,
                                            min_share=sitewide.MIN_SHARE)
            least = threshold(total)
            want = set() if least is None else {k for k in range(1, 10) if min(k, total) >= least}
            assert keys == want, total


def test_a_page_gets_what_its_site_learned_before_it_and_copies_teach_nothing():
    def ask(n, applied=()):
        return ("s", ((0, n), 0, "shard", [7, 8], list(applied)))

    def teach(n, doc_id, teaches=True):
        return ("s", ((0, n), 1, doc_id, [7], teaches))

    events = [ask(0), teach(0, "a"), ask(1), teach(1, "b"),
              ask(2), teach(2, "c", teaches=False),  # a copy of an earlier document
              ask(3), teach(3, "b"),  # the same text from the same source again
              ask(4), teach(4, "d"), ask(5), teach(5, "e"), ask(6, applied=[7])]
    # Three originals before the sixth page: line 7 is the site's from there on; the seventh
    # page was cleaned with it already. Counting the copy or the repeat would move it earlier.
    assert scan_site(("s", events[::-1])) == [("shard", 5, [7])]
