"""The incremental linker: each new document joins the groups and stories of those stored.

- Exact: the content hash of normalised text.
- Near-duplicates: MinHash (rensa's C-MinHash, 64-bit values) over 5-word shingles of the
  normalised text, with the LSH band keys and the contained-copy keys kept in the corpus
  (``minhash_bands``), so a new document is checked against everything stored by a few index
  look-ups. Candidates are confirmed by the exact containment of their shingle sets (overlap
  over the smaller set), or by their sharing whole lines (``sketches.is_near_duplicate``).
- Story clusters: articles about the same event share names (multi-word proper names) and
  capitalised words; candidates come from an index of name keys (``story_keys``).

Links are groups: a document's ``duplicate_of`` is the root of its near-duplicate group and its
``story_id`` the root of its story, where the root is the group's first document by
``root_key`` -- the page another member names as its canonical URL first, a copy crediting
another publication last, then earliest publication date,
then longest text, then content hash, then id (``original``). That
order depends on the documents and not on when they arrived, so the same inputs give the same
groups and roots whatever the order of runs (ids only break ties between identical texts). A
root is never itself a duplicate: links never chain.

This module holds the logic; every SQL statement it needs lives in ``harvester.store``, reached
through the corpus object handed to ``Linker``.
"""

from __future__ import annotations

from dataclasses import dataclass

from harvester.dedup.original import named_pages, root_key
from harvester.dedup.settings import DedupSettings, index_parameters
from harvester.dedup.sketches import (
    MAX_CANDIDATES,
    MIN_SHARED_BANDS,
    MIN_SHARED_CONTAINED,
    PER_KEY_LIMIT,
    Sketch,
    is_near_duplicate,
    rank_candidates,
    shingles,
    sketch,
)
from harvester.dedup.stories import MIN_SHARED_STORY_KEYS, StorySignals


@dataclass
class Links:
    """Where linking put a new document."""

    duplicate_of: int | None  # the root of its near-duplicate group, None if it is the root
    story_id: int
    joined: bool  # it repeats a document already stored (exactly or nearly)


class Linker:
    """Links documents of one corpus into near-duplicate groups and stories.

    ``corpus`` is a ``harvester.store.Corpus``; every call must run inside its transaction.
    """

    def __init__(self, corpus, settings: DedupSettings | None = None):
        self.corpus = corpus
        self.settings = settings or DedupSettings(**corpus.dedup_settings())
        self.signals = StorySignals.with_stoplists()

    @classmethod
    def of(cls, corpus) -> Linker:
        """The linker bound to this corpus connection, made on first use."""
        if corpus.linker is None:
            corpus.check_dedup_index(index_parameters())
            corpus.linker = cls(corpus)
        return corpus.linker

    def link(self, doc_id: int, doc_sketch: Sketch, text: str, published: str | None, *,
             first_copy: int | None, url: str | None = None,
             canonical_url: str | None = None) -> Links:
        """Link document ``doc_id`` to those stored before it, and index it.

        The caller writes the returned links into the document's row: on insert for a new
        document (``Corpus.arrival`` gives its id beforehand, because an UPDATE of a document
        row costs a second write), with ``set_links`` when rebuilding. ``first_copy`` is the
        first stored document with the same text (``Corpus.arrival``, ``Corpus.first_copy``).
        """
        me = {"id": doc_id, "text": text, "published": published,
              "word_count": doc_sketch.word_count, "content_hash": doc_sketch.content_hash,
              "url": url, "canonical_url": canonical_url}
        same_text = first_copy if first_copy is not None and first_copy < doc_id else None
        if same_text is not None:
            # An exact copy: its group and story are this one's; its keys are already indexed.
            copies, stories = self.corpus.link_rows([same_text]), []
        else:
            story_keys = (self.signals.keys(text) if doc_sketch.story_keys is None
                          else doc_sketch.story_keys)
            band_rows, story_rows = self._candidates(me, doc_sketch, story_keys)
            copies = self._near_duplicates(me, doc_sketch, band_rows)
            stories = self._same_stories(me, copies, story_rows)
            self.corpus.add_keys(doc_id, doc_sketch.band_keys, story_keys,
                                 doc_sketch.contained_keys)
        duplicate_of = self._join_group(me, copies)
        story_id = self._join_story(me, copies + stories)
        return Links(duplicate_of, story_id, joined=bool(copies))

    def _candidates(self, me: dict, doc_sketch: Sketch, story_keys: list[int]
                    ) -> tuple[list[dict], list[dict]]:
        """Link rows of the stored documents sharing enough band or contained-copy keys
        (near-duplicate candidates: the band candidates, then the others) and story keys
        (story candidates) with ``me``, best first."""
        band_keys, contained_keys = doc_sketch.band_keys, doc_sketch.contained_keys
        if me["word_count"] < self.settings.min_words:
            band_keys = contained_keys = []  # short texts are only linked when exactly equal
        band_hits, story_hits, contained_hits = self.corpus.shared_keys(
            band_keys, story_keys, me["id"], PER_KEY_LIMIT, contained_keys)
        band_ids = rank_candidates(band_hits, MIN_SHARED_BANDS, MAX_CANDIDATES)
        band_ids += [i for i in rank_candidates(contained_hits, MIN_SHARED_CONTAINED,
                                                MAX_CANDIDATES) if i not in band_ids]
        story_ids = rank_candidates(story_hits, MIN_SHARED_STORY_KEYS, MAX_CANDIDATES)
        if not band_ids and not story_ids:
            return [], []  # most documents: no second statement
        rows = {row["id"]: row for row in self.corpus.link_rows(sorted({*band_ids, *story_ids}))}
        return ([rows[i] for i in band_ids if i in rows],
                [rows[i] for i in story_ids if i in rows])

    def _near_duplicates(self, me: dict, doc_sketch: Sketch, candidates: list[dict]
                         ) -> list[dict]:
        found: list[dict] = []
        roots: set[int] = set()
        for row in candidates:
            root = row["duplicate_of"] or row["id"]
            if root in roots or (row["word_count"] or 0) < self.settings.min_words:
                continue  # one confirmed member per group is enough to join it
            if doc_sketch.shingles is None:
                doc_sketch.shingles = shingles(me["text"])
            if is_near_duplicate(doc_sketch.shingles, shingles(row["text"]),
                                 self.settings.threshold, (me["text"], row["text"]),
                                 self.settings.block_threshold):
                found.append(row)
                roots.add(root)
        return found

    def _same_stories(self, me: dict, copies: list[dict], candidates: list[dict]
                      ) -> list[dict]:
        found: list[dict] = []
        stories = {row["story_id"] or row["id"] for row in copies}
        for row in candidates:
            story = row["story_id"] or row["id"]
            if story not in stories and self.signals.same_story(me, row, self.settings):
                found.append(row)
                stories.add(story)
        return found

    def _join_group(self, me: dict, copies: list[dict]) -> int | None:
        roots = {row["duplicate_of"] or row["id"] for row in copies}
        if not roots:
            return None
        new_root = min(self._root_candidates(me, sorted(roots)), key=root_key)["id"]
        for old in roots - {new_root}:
            self.corpus.move_group("duplicate_of", old, new_root)
        if new_root == me["id"]:
            return None
        return new_root

    def _root_candidates(self, me: dict, roots: list[int]) -> list[dict]:
        """The members that may be the joined group's root: the pages another member names
        as canonical if there are any (``original``), else ``me`` and the groups' roots (each
        the first of its group)."""
        named = named_pages([me, *self.corpus.group_urls(roots)])
        if not named:
            return [me, *self.corpus.link_rows(roots)]
        return ([me] if me["id"] in named else []) + self.corpus.link_rows(
            sorted(named - {me["id"]}))

    def _join_story(self, me: dict, related: list[dict]) -> int:
        stories = {row["story_id"] or row["id"] for row in related}
        if not stories:
            return me["id"]
        new_story = min([me, *self.corpus.link_rows(sorted(stories))], key=root_key)["id"]
        for old in stories - {new_story}:
            self.corpus.move_group("story_id", old, new_story)
        return new_story


def rebuild(corpus, settings: DedupSettings, on_progress=None) -> dict[str, int]:
    """Work out every near-duplicate link and story again, e.g. after a threshold change.

    One transaction: the corpus keeps its old links until the new ones are complete.
    """
    with corpus.transaction():
        corpus.reset_dedup(settings.as_dict(), index_parameters())
        linker = Linker(corpus, settings)
        corpus.linker = linker
        done = 0
        for row in corpus.documents_for_linking():
            row_sketch = sketch(row["text"])
            links = linker.link(row["id"], row_sketch, row["text"], row["published"],
                                first_copy=corpus.first_copy(row_sketch.content_hash),
                                url=row["url"], canonical_url=row["canonical_url"])
            corpus.set_links(row["id"], duplicate_of=links.duplicate_of, story_id=links.story_id)
            done += 1
            if on_progress and done % 1000 == 0:
                on_progress(done)
    return corpus.dedup_counts()
