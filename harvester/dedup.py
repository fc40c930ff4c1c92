"""Duplicate detection: exact copies, near-duplicates and story clusters.

- Exact: the content hash of normalised text.
- Near-duplicates: MinHash (rensa's C-MinHash, 64-bit values) over 5-word shingles of the
  normalised text, with the LSH band keys kept in the corpus (``minhash_bands``), so a new
  document is checked against everything stored by a few index look-ups. Candidates are
  confirmed by the exact containment of their shingle sets (overlap over the smaller set).
- Story clusters: articles about the same event share names (multi-word proper names) and
  capitalised words; candidates come from an index of name keys (``story_keys``).

Links are groups: a document's ``duplicate_of`` is the root of its near-duplicate group and its
``story_id`` the root of its story, where the root is the group's first document by
``root_key`` -- earliest publication date, then longest text, then content hash, then id. That
order depends on the documents and not on when they arrived, so the same inputs give the same
groups and roots whatever the order of runs (ids only break ties between identical texts). A
root is never itself a duplicate: links never chain.

This module holds the logic; every SQL statement it needs lives in ``harvester.store``, reached
through the corpus object handed to ``Linker``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Index parameters: the stored band keys are only comparable with keys made the same way, so
# these are recorded in the corpus and a mismatch asks for ``harvester dedup --rebuild``.
SHINGLE_WORDS = 5  # the unit the measurements (Jaccard/containment) were made with
# 10 bands of one MinHash value each (r = 1), and a candidate must share at least 2 of them:
# probability 1 - (1-J)^10 - 10 J (1-J)^9 for Jaccard J -- 0.92 at J = 0.36 (the lowest
# Jaccard a pair passing the containment and size-ratio tests can have: containment 0.8,
# sizes 1:2), 0.99 at J = 0.5, 0.998 at 0.6. One shared key is not enough: common 5-word
# phrases ("at the end of the") are the minimum of many documents, and every document sharing
# one became a candidate to verify (the 1M-document benchmark slowed to ~200 documents/s).
# Each band is one row of an indexed table per document, so bands are kept few: 32 rows per
# document ran at ~1,400 documents/s.
NUM_BANDS = 10
MIN_SHARED_BANDS = 2
MINHASH_SEED = 1729
INDEX_VERSION = 1
_MASK63 = (1 << 63) - 1  # SQLite integers are signed 64-bit

# Candidate look-ups read at most this many documents per band key and verify at most
# MAX_CANDIDATES of them (most shared keys first): a key shared by thousands of documents
# (site boilerplate the cleaner missed) then costs the same as any other, whatever the corpus
# size. A true copy shares most keys with the new document and sorts first.
PER_KEY_LIMIT = 50
MAX_CANDIDATES = 20

# A story candidate shares at least this many name keys: one shared name (a head of state, a
# club) is common between unrelated articles, and the story rule asks for 3 shared names anyway.
MIN_SHARED_STORY_KEYS = 2

# Two copies of one article differ by lines at one end, so the smaller copy must be at least
# half the larger one: without this a short text (a teaser, a one-paragraph notice) contained
# in many articles would link unrelated articles through itself. Cost, measured on the dev
# set's 970 HTML/text pairs: 826 pass both tests against 876 on containment alone.
MIN_SIZE_RATIO = 0.5

# Story names: at most this many keys per document are indexed (the smallest hashes, a fixed
# random sample), so one very long article cannot flood the index.
MAX_STORY_KEYS = 32
# Capitalised words that are frequent words of these languages are not names ("The", "Die",
# German nouns such as "Stadt"): jusText's stop lists (a trafilatura dependency).
STOPLIST_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian",
                      "Dutch", "Polish")


def normalise(text: str) -> str:
    """Text reduced to what makes two copies the same article: words, case-folded.

    NFKC folds typographic variants (ligatures, full-width forms); dropping punctuation and
    whitespace differences makes a page saved as text and its HTML extraction hash alike when
    only quote styles or line breaks differ.
    """
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    """The words of ``normalise(text)``, found directly (no substitution, then split)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    return _hash_normalised(normalise(text))


def _hash_normalised(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# --- settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DedupSettings:
    """Thresholds of near-duplicate and story linking (``[dedup]`` in config.toml).

    Defaults and the data they were chosen on: see README ("Near-duplicates and stories").
    """

    # Containment (shared shingles over the smaller document's) from which two documents are
    # copies. Measured with benchmarks/dedup_tune.py on the dev set (each page cleaned from its
    # HTML and from its text rendering, 970 pairs): median 0.98, 876 pairs >= 0.8; between
    # different pages the highest containments were 0.64 and 0.68 (then 0.39), apart from two
    # pages the set holds twice. 0.8 sits in that gap, as in the figures.
    threshold: float = 0.8
    # Texts shorter than this (in words) are only linked when exactly equal: in a few
    # sentences one changed word or number is a different message.
    min_words: int = 25
    # Stories, measured with benchmarks/dedup_tune.py: over the dev set's 476,776 pairs of
    # different pages these accept 4 (each a real pair of reports of one event: a shooting
    # statement, a presidential trip, an arrest, a political crisis), the same 4 with one
    # site's boilerplate added to both pages, and the two samples (7 shared names, 0.62 of
    # capitalised words). Same story: at least this many shared multi-word names, ...
    story_min_names: int = 3
    # ... and this overlap (over the smaller set) of capitalised words, ...
    story_min_overlap: float = 0.5
    # ... and, when both dates are known, published at most this many days apart.
    story_max_days: int = 3

    def as_dict(self) -> dict:
        return asdict(self)


def index_parameters() -> dict:
    """What the stored band and story keys depend on."""
    import rensa

    return {"index_version": INDEX_VERSION, "shingle_words": SHINGLE_WORDS,
            "num_bands": NUM_BANDS, "min_shared_bands": MIN_SHARED_BANDS, "seed": MINHASH_SEED,
            "minhash": f"rensa.CMinHash/{rensa.CMinHash.ALGORITHM_VERSION}"}


# --- near-duplicate sketches ---------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """The set of ``size``-word sequences of the normalised text (a shorter text: itself).

    Each is the tuple of its words: comparing sets needs only their identity, and tuples cost
    less than half as much to make as joined strings (22 against 50 us for a 250-word text);
    a confirmation makes two sets.
    """
    return frozenset(_shingle_tuples(_words(text), size))


def _shingle_tuples(words: list[str], size: int = SHINGLE_WORDS) -> Iterable[tuple[str, ...]]:
    """The ``size``-word sequences in text order, repeats included (a shorter text: itself)."""
    if len(words) <= size:
        return [tuple(words)] if words else []
    return zip(*(words[i:] for i in range(size)))


def _shingle_strings(words: list[str], size: int = SHINGLE_WORDS) -> Iterable[str]:
    """The shingles as strings for the MinHash (which does not mind repeats)."""
    return map(" ".join, _shingle_tuples(words, size))


def containment(a: frozenset, b: frozenset) -> float:
    """Shared shingles over the smaller set's: 1.0 when one text is inside the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _band_keys(shingle_list: list[str]) -> list[int]:
    """One LSH key per band: the band's MinHash value (one value per band, r = 1)."""
    if not shingle_list:
        return []
    import rensa

    sketch = rensa.CMinHash(NUM_BANDS, MINHASH_SEED)
    sketch.update(shingle_list)
    return [value & _MASK63 for value in sketch.digest_u64()]


@dataclass
class Sketch:
    """What linking needs of a text; pure, so it can be computed in a worker process.

    ``shingles`` and ``story_keys`` may be left out (None): they are then made from the text
    when needed (shingles only when there are candidates to confirm, so ``sketch`` leaves them
    out: about 1 document in 10 of the benchmark has any, and the set costs more to build and
    to send between processes than the band keys).
    """

    content_hash: str
    band_keys: list[int]
    word_count: int
    shingles: frozenset[tuple[str, ...]] | None = None
    story_keys: list[int] | None = None


def sketch(text: str, signals: "StorySignals | None" = None) -> Sketch:
    words = _words(text)
    # Band keys from the shingles in text order: the same keys as from the set (repeats do
    # not change a minimum), 51 us instead of 110 us per benchmark document.
    keys = _band_keys(list(_shingle_strings(words)))
    return Sketch(_hash_normalised(" ".join(words)), keys, len(text.split()), None,
                  signals.keys(text) if signals else None)


def rank_candidates(hits: list[int], min_shared: int, limit: int) -> list[int]:
    """Ids met at least ``min_shared`` times in ``hits`` (one entry per shared key), most
    shared keys first, then the lowest id; at most ``limit``."""
    counts: dict[int, int] = {}
    for doc_id in hits:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    ranked = sorted((-shared, doc_id) for doc_id, shared in counts.items() if shared >= min_shared)
    return [doc_id for _, doc_id in ranked[:limit]]


def is_near_duplicate(a: frozenset, b: frozenset, threshold: float) -> bool:
    small, large = sorted((len(a), len(b)))
    if not small or small < MIN_SIZE_RATIO * large:
        return False
    return containment(a, b) >= threshold


# --- story signals -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_EDGE_PUNCT = "\"'“”‘’«»„()[]{}.,;:!?…*"
_RUN_BREAK = tuple(",;:.!?)]”\"»—–…")
_POSSESSIVE = ("'s", "’s")  # removed from the end of a name: "Trump's" -> "trump"


def _stable_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(),
                          "big") & _MASK63


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@dataclass
class StorySignals:
    """Names and capitalised words of a text, the evidence that two texts tell one story."""

    stopwords: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def with_stoplists(cls) -> "StorySignals":
        import justext

        words: set[str] = set()
        for language in STOPLIST_LANGUAGES:
            words.update(w.casefold() for w in justext.get_stoplist(language))
        return cls(frozenset(words))

    def _is_capitalised(self, word: str) -> bool:
        return (len(word) > 1 and word[0].isupper() and word[0].isalpha()
                and word.casefold() not in self.stopwords)

    def extract(self, text: str) -> tuple[set[str], set[str]]:
        """(multi-word names, capitalised words not opening a sentence), case-folded."""
        names: set[str] = set()
        capitalised: set[str] = set()
        for line in text.splitlines():
            for sentence in _SENTENCE_END.split(line):
                run: list[str] = []
                for position, chunk in enumerate(sentence.split()):
                    if chunk[0].islower():
                        # A word starting in lower case is never part of a name, and most
                        # words do: settled here without stripping (the same result; this
                        # loop took 150 of the 480 us per document of the 1M benchmark's
                        # workers, 47 us with this shortcut).
                        if run:
                            self._close(run, names)
                        continue
                    word = chunk.strip(_EDGE_PUNCT)
                    if word[-2:] in _POSSESSIVE:
                        word = word[:-2]
                    if chunk[0] in "(“\"«„":
                        self._close(run, names)
                    if word and self._is_capitalised(word):
                        run.append(word.casefold())
                        if position > 0 and len(word) > 2:
                            capitalised.add(word.casefold())
                    else:
                        self._close(run, names)
                    if chunk.endswith(_RUN_BREAK):
                        self._close(run, names)
                self._close(run, names)
        return names, capitalised

    @staticmethod
    def _close(run: list[str], names: set[str]) -> None:
        if len(run) >= 2:
            names.add(" ".join(run))
        run.clear()

    def keys(self, text: str) -> list[int]:
        """Index keys of a text's names: a fixed sample of at most MAX_STORY_KEYS."""
        names, _ = self.extract(text)
        return sorted(_stable_key(name) for name in names)[:MAX_STORY_KEYS]

    def same_story(self, a: dict, b: dict, settings: DedupSettings) -> bool:
        """Do two stored documents (``text``, ``published``) report the same event?

        Lines both texts share verbatim are left out first: on one site these are the site's
        own boilerplate (its name, a newsletter line), which says nothing about the story.
        """
        day_a, day_b = _day(a.get("published")), _day(b.get("published"))
        if day_a and day_b and abs((day_a - day_b).days) > settings.story_max_days:
            return False
        lines_a = {normalise(line): line for line in a["text"].splitlines() if line.strip()}
        lines_b = {normalise(line): line for line in b["text"].splitlines() if line.strip()}
        common = lines_a.keys() & lines_b.keys()
        names_a, caps_a = self.extract("\n".join(v for k, v in lines_a.items() if k not in common))
        names_b, caps_b = self.extract("\n".join(v for k, v in lines_b.items() if k not in common))
        if len(names_a & names_b) < settings.story_min_names:
            return False
        overlap = len(caps_a & caps_b) / max(1, min(len(caps_a), len(caps_b)))
        return overlap >= settings.story_min_overlap


# --- linking -------------------------------------------------------------------------------


def root_key(row: dict) -> tuple:
    """Order of documents within a group; the first is the group's root.

    Earliest publication date (unknown last), then the longest text (the most complete copy),
    then the content hash: all properties of the documents, not of their arrival. The id only
    orders identical texts with identical dates.
    """
    day = (row.get("published") or "")[:10]
    return (not day, day, -(row.get("word_count") or 0), row.get("content_hash") or "",
            row["id"])


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
    def of(cls, corpus) -> "Linker":
        """The linker bound to this corpus connection, made on first use."""
        if corpus.linker is None:
            corpus.check_dedup_index(index_parameters())
            corpus.linker = cls(corpus)
        return corpus.linker

    def link(self, doc_id: int, doc_sketch: Sketch, text: str, published: str | None, *,
             first_copy: int | None) -> Links:
        """Link document ``doc_id`` to those stored before it, and index it.

        The caller writes the returned links into the document's row: on insert for a new
        document (``Corpus.arrival`` gives its id beforehand, because an UPDATE of a document
        row costs a second write), with ``set_links`` when rebuilding. ``first_copy`` is the
        first stored document with the same text (``Corpus.arrival``, ``Corpus.first_copy``).
        """
        me = {"id": doc_id, "text": text, "published": published,
              "word_count": doc_sketch.word_count, "content_hash": doc_sketch.content_hash}
        same_text = first_copy if first_copy is not None and first_copy < doc_id else None
        if same_text is not None:
            # An exact copy: its group and story are this one's; its keys are already indexed.
            copies, stories = self.corpus.link_rows([same_text]), []
        else:
            story_keys = (self.signals.keys(text) if doc_sketch.story_keys is None
                          else doc_sketch.story_keys)
            band_rows, story_rows = self._candidates(me, doc_sketch.band_keys, story_keys)
            copies = self._near_duplicates(me, doc_sketch, band_rows)
            stories = self._same_stories(me, copies, story_rows)
            self.corpus.add_keys(doc_id, doc_sketch.band_keys, story_keys)
        duplicate_of = self._join_group(me, copies)
        story_id = self._join_story(me, copies + stories)
        return Links(duplicate_of, story_id, joined=bool(copies))

    def _candidates(self, me: dict, band_keys: list[int], story_keys: list[int]
                    ) -> tuple[list[dict], list[dict]]:
        """Link rows of the stored documents sharing enough band keys (near-duplicate
        candidates) and story keys (story candidates) with ``me``, best first."""
        if me["word_count"] < self.settings.min_words:
            band_keys = []  # short texts are only linked when exactly equal
        band_hits, story_hits = self.corpus.shared_keys(band_keys, story_keys, me["id"],
                                                        PER_KEY_LIMIT)
        band_ids = rank_candidates(band_hits, MIN_SHARED_BANDS, MAX_CANDIDATES)
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
                                 self.settings.threshold):
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
        new_root = min([me, *self.corpus.link_rows(sorted(roots))], key=root_key)["id"]
        for old in roots - {new_root}:
            self.corpus.move_group("duplicate_of", old, new_root)
        if new_root == me["id"]:
            return None
        return new_root

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
                                first_copy=corpus.first_copy(row_sketch.content_hash))
            corpus.set_links(row["id"], duplicate_of=links.duplicate_of, story_id=links.story_id)
            done += 1
            if on_progress and done % 1000 == 0:
                on_progress(done)
    return corpus.dedup_counts()
