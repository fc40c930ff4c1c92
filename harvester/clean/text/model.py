"""The line model: gradient-boosted trees that give every line of a text page a last verdict.

The rule-based steps place the article and name each line's noise; the model reads their
verdicts with each line's shape, place and neighbours (``features.rows``) and says how likely
the line is the article's. It is trained by ``benchmarks/train_text_model.py`` on the tune
half of the benchmark sets and shipped as ``line_model.json``: the trees' nodes as lists, read
here in pure Python so that scikit-learn is needed for training only.

Every decision stays named: a line the model removes keeps the rule's reason when a rule named
it, else a reason for where it stands (``BANNER`` above the article, ``FOOTER`` below,
``NOT_MAIN_TEXT`` inside); a line it keeps against a rule has that rule in ``overruled``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np

from harvester.clean.text import features
from harvester.clean.text.body import ARTICLE_CREDIT, contents_entries
from harvester.clean.text.lines import TextLine
from harvester.clean.text.span import Span
from harvester.model import Reason

MODEL_FILE = "line_model.json"
# Verdicts the model leaves alone: they fill the document's fields (headline, standfirst,
# byline, tags), the comments, or come from the site's other pages.
FIXED = frozenset({Reason.HEADLINE, Reason.STANDFIRST, Reason.BYLINE, Reason.HASHTAGS,
                   Reason.COMMENTS, Reason.SITE_BOILERPLATE})
# The reasons a phrase gives (a teaser head, a call to the reader, an ad label, a credit, a
# share bar, a cookie or disclaimer line, a reading time). The model weighs a line's shape and
# place, in which a short line of those reads like a short line of the story; the rule read its
# words, so the model keeps none of them up to PHRASED_MAX_CHARS. Longer, a line is a sentence
# the phrase may stand in, and the model may keep it. Chosen in the tune half's page-level
# check, on three seeds: noise lines removed 0.968-0.986 before, 0.992-0.993 after, every other
# figure the same (docs/text-cleaner.md).
PHRASED = frozenset({Reason.ALSO_READ, Reason.PROMO, Reason.AD_LABEL, Reason.CAPTION,
                     Reason.SHARE_BAR, Reason.COOKIE_NOTICE, Reason.DISCLAIMER,
                     Reason.READING_TIME})
PHRASED_MAX_CHARS = 100


class ModelFileError(ValueError):
    """The shipped model file does not fit this version's features."""


@dataclass(frozen=True)
class Trees:
    """A boosted ensemble of regression trees over ``features.NAMES``: the raw score is
    ``init + rate * sum(leaf values)``, the probability its logistic. Nodes of every tree are
    parallel lists (feature, threshold, left child, right child, value); a leaf's left is -1."""

    init: float
    rate: float
    keep_above: float  # a line the rules removed comes back from this probability up
    remove_below: float  # a line the rules kept goes under this probability
    words: dict[str, float]
    trees: tuple[tuple[list[int], list[float], list[int], list[int], list[float]], ...]

    @classmethod
    def from_json(cls, data: dict) -> Trees:
        if tuple(data["features"]) != features.NAMES:
            raise ModelFileError("the line model was trained on other features; retrain it "
                                 "with benchmarks/train_text_model.py")
        trees = tuple((t["feature"], t["threshold"], t["left"], t["right"], t["value"])
                      for t in data["trees"])
        return cls(data["init"], data["rate"], data["keep_above"], data["remove_below"],
                   data["words"], trees)

    @cached_property
    def _levels(self) -> Levels:
        return Levels.of(self.trees)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """How likely the line of each row is the article's (scikit-learn's predict_proba)."""
        if not rows:
            return []
        return [1.0 / (1.0 + math.exp(-(self.init + self.rate * total)))
                for total in self._levels.totals(rows)]

    def probability(self, row: list[float]) -> float:
        return self.probabilities([row])[0]


@dataclass(frozen=True, eq=False)
class Levels:
    """The trees padded to full binary trees of one depth, in arrays: every tree takes one
    step per level for all rows at once (numpy), instead of one row at a time in Python, a
    third of the text cleaner's time (docs/performance.md). A leaf above the last level
    becomes a node that always goes left, onto copies of itself."""

    feature: np.ndarray  # (trees, 2**depth - 1) feature of each inner node, heap order
    threshold: np.ndarray  # (trees, 2**depth - 1); +inf on the padding
    value: np.ndarray  # (trees, 2**depth) leaf values
    depth: int

    @classmethod
    def of(cls, trees) -> Levels:
        depth = max((_depth(left, right) for _f, _t, left, right, _v in trees), default=0)
        inner, leaves = 2 ** depth - 1, 2 ** depth
        feature = np.zeros((len(trees), inner), dtype=np.intp)
        threshold = np.full((len(trees), inner), np.inf)
        value = np.zeros((len(trees), leaves))
        for t, (feat, thresh, left, right, val) in enumerate(trees):
            stack = [(0, 0, 0)]  # (node, heap position, level)
            while stack:
                node, position, level = stack.pop()
                if level == depth:
                    value[t, position - inner] = val[node]
                elif left[node] < 0:  # a leaf early: both children are this leaf again
                    stack += [(node, 2 * position + 1, level + 1),
                              (node, 2 * position + 2, level + 1)]
                else:
                    feature[t, position], threshold[t, position] = feat[node], thresh[node]
                    stack += [(left[node], 2 * position + 1, level + 1),
                              (right[node], 2 * position + 2, level + 1)]
        return cls(feature, threshold, value, depth)

    def totals(self, rows: list[list[float]]) -> list[float]:
        """Each row's sum of leaf values over the trees, added in the trees' order."""
        # The trees were grown on float32 copies of the rows: compare the same values.
        x = np.asarray(rows, dtype=np.float32).astype(np.float64)
        count, inner = self.feature.shape
        # flat indices: tree t's node p is t * inner + p; row i's feature f is i * width + f
        node_base = np.arange(count) * inner
        row_base = (np.arange(len(rows)) * x.shape[1])[:, None]
        feature, threshold, x = self.feature.ravel(), self.threshold.ravel(), x.ravel()
        position = np.zeros((len(rows), count), dtype=np.intp)
        for _ in range(self.depth):
            node = node_base + position
            # not "x <= threshold" goes right, as the trees were walked (a NaN too)
            goes_right = ~(x.take(row_base + feature.take(node)) <= threshold.take(node))
            position = 2 * position + 1 + goes_right
        leaves = self.value.ravel().take(np.arange(count) * (inner + 1) + position - inner)
        # cumsum adds the trees one after the other (a sum would add them pairwise): the
        # scores of the tree-by-tree evaluator this replaced, to the last bit
        if not count:
            return [0.0] * len(rows)
        return leaves.cumsum(axis=1)[:, -1].tolist()


def _depth(left: list[int], right: list[int], node: int = 0) -> int:
    if left[node] < 0:
        return 0
    return 1 + max(_depth(left, right, left[node]), _depth(left, right, right[node]))


@cache
def shipped() -> Trees:
    """The model in the package, read on first use."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")
    return Trees.from_json(json.loads(text))


def apply(lines: list[TextLine], span: Span | None, trees: Trees | None = None,
          contents: frozenset[int] | None = None) -> None:
    """Give every line whose verdict is not ``FIXED`` the model's score, and turn the rules'
    verdict where the model is sure enough against it (``Trees.keep_above`` and
    ``remove_below``), but for a short line a phrase rule removed (``phrased``) and the rows of
    a table laid out with spaces inside the span (``TextLine.spaced_row``: one line at a time,
    a row reads like a fragment). A kept closing
    credit of the story (``body.ARTICLE_CREDIT``) stays: short and last, it looks like a footer
    to the model; the entries of a table of contents the rules removed (``contents``, as the
    layout steps found them) stay removed."""
    if not lines:
        return
    trees = trees or shipped()
    if contents is None:
        contents = frozenset(contents_entries(lines, span))
    scores = trees.probabilities(features.rows(lines, span, trees.words))
    for i, (line, score) in enumerate(zip(lines, scores)):
        if line.reason in FIXED or (line.reason is None and ARTICLE_CREDIT.search(line.text)):
            continue
        line.score = score
        if (line.reason is not None and line.score >= trees.keep_above
                and i not in contents and not phrased(line)):
            line.overruled, line.reason = line.reason, None
        elif line.reason is None and line.score < trees.remove_below and not line.spaced_row:
            line.reason = line.rule or placed_reason(i, span)
            line.removed_by_model = True
    keep_some_article(lines, span)


def phrased(line: TextLine) -> bool:
    """A short line that a phrase rule removed, by its own words (``PHRASED``)."""
    return (line.rule in PHRASED and line.reason == line.rule
            and len(line.text.strip()) <= PHRASED_MAX_CHARS)


def keep_some_article(lines: list[TextLine], span: Span | None) -> None:
    """The model only revises the rules' article: where its removals leave nothing of the span
    the rules found (a page of one or two paragraphs, which it has few examples of), the rules'
    verdicts inside the span stand."""
    if span is None or any(line.kept for line in lines[span.start:span.end]):
        return
    for line in lines[span.start:span.end]:
        if line.removed_by_model:
            line.reason, line.removed_by_model = None, False


def placed_reason(i: int, span: Span | None) -> Reason:
    """The reason for line ``i`` when the model removes it and no rule named it: where it
    stands against the article."""
    if span is None:
        return Reason.NOT_MAIN_TEXT
    if i < span.start:
        return Reason.BANNER
    return Reason.FOOTER if i >= span.end else Reason.NOT_MAIN_TEXT
