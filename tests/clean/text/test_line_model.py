"""The line model: the numpy evaluator against scikit-learn, the shipped file, and the
verdicts it gives staying named."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from harvester.clean.text import features, model, read_text
from harvester.clean.text.lines import TextLine
from harvester.model import Reason

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "harvester" / "clean" / "text" / model.MODEL_FILE


def trainer():
    """The training script as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "train_text_model", ROOT / "benchmarks" / "train_text_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic(rows: int = 400):
    """Rows of the model's width whose label hangs on a few columns, as real lines' would."""
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, len(features.NAMES))).astype(np.float32)
    y = ((x[:, 0] + 0.5 * x[:, 3] - x[:, 20] + rng.normal(scale=0.5, size=rows)) > 0).astype(int)
    return x, y, np.ones(rows)


def test_evaluator_gives_scikit_learns_probabilities():
    train = trainer()
    x, y, weights = synthetic()
    fitted = train.fit(x, y, weights)
    trees = model.Trees.from_json(json.loads(json.dumps(train.export(fitted, x, {}))))
    expected = fitted.predict_proba(x[:50])[:, 1]
    got = [trees.probability(row.tolist()) for row in x[:50]]
    assert got == pytest.approx(expected.tolist(), abs=1e-9)


def test_trees_of_uneven_depth_score_every_path():
    """A leaf above the deepest level is padded down to it: each row lands on its own leaf."""
    # node 0: x0 <= 0.5 ? leaf 1.0 : node 2; node 2: x1 <= 0 ? leaf 2.0 : node 4;
    # node 4: x2 <= 1 ? leaf 3.0 : leaf 4.0
    tree = ([0, -2, 1, -2, 2, -2, -2], [0.5, 0, 0.0, 0, 1.0, 0, 0], [1, -1, 3, -1, 5, -1, -1],
            [2, -1, 4, -1, 6, -1, -1], [0, 1.0, 0, 2.0, 0, 3.0, 4.0])
    stump = ([-2], [0], [-1], [-1], [0.25])
    trees = model.Trees(init=0.0, rate=1.0, keep_above=0.8, remove_below=0.4, words={},
                        trees=(tree, stump))
    rows = [[0.0, 0.0, 0.0], [1.0, -1.0, 0.0], [1.0, 1.0, 0.5], [1.0, 1.0, 2.0],
            [float("nan"), 0.0, 0.0]]
    totals = [1.0, 2.0, 3.0, 4.0, 2.0]  # a NaN is not <= 0.5: it goes right
    expected = [1.0 / (1.0 + math.exp(-(total + 0.25))) for total in totals]
    assert trees.probabilities(rows) == expected
    assert [trees.probability(row) for row in rows] == expected


def test_training_is_deterministic():
    train = trainer()
    x, y, weights = synthetic()
    first = train.export(train.fit(x, y, weights), x, {})
    assert train.export(train.fit(x, y, weights), x, {}) == first


def test_shipped_model_fits_the_features_and_is_small():
    assert SHIPPED.stat().st_size < 5_000_000
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == features.NAMES
    shipped = model.shipped()
    assert 0 < shipped.remove_below < shipped.keep_above < 1 and shipped.trees and shipped.words


def test_a_model_of_other_features_is_refused():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(model.ModelFileError, match="retrain"):
        model.Trees.from_json(data)


PAGE = "\n".join([
    "Home", "News", "Sport", "Weather",
    "Harbour bridge to close to cars next summer",
    "The city council voted on Tuesday to close the old harbour bridge to cars, ending a "
    "dispute that has divided residents for more than a decade.",
    "What engineers found",
    "Engineers had warned last year that the bridge, built in 1931, could no longer carry "
    "heavy traffic safely, and repairs were estimated at more than 40 million euros.",
    "Advertisement",
    "Cyclists and pedestrians will still be able to cross, the mayor said, adding that a "
    "ferry service would run every twenty minutes during the morning and evening rush.",
    "Sign up for our morning newsletter",
    "© 2026 The Harbour Times. All rights reserved.",
])


def test_every_line_the_model_judges_has_a_named_verdict():
    result = read_text(PAGE)
    rules_only = read_text(PAGE, model=False)
    assert [ln.text for ln in result.lines] == [ln.text for ln in rules_only.lines]
    for line, before in zip(result.lines, rules_only.lines):
        if line.reason in model.FIXED:
            assert line.score is None and line.reason == before.reason
            continue
        assert 0.0 <= line.score <= 1.0
        if line.kept != before.kept:  # turned only where the model is sure
            assert line.score >= model.shipped().keep_above if line.kept \
                else line.score < model.shipped().remove_below
        if line.kept and not before.kept:
            assert line.overruled == before.reason  # kept against the rules: recorded
        if not line.kept:
            assert line.reason in set(Reason)
            if before.kept:
                assert line.reason == (line.rule or model.placed_reason(
                    result.lines.index(line), result.span))


def test_the_article_and_its_noise_on_a_page_no_set_holds():
    kept = {ln.text for ln in read_text(PAGE).lines if ln.kept}
    assert {PAGE.splitlines()[i] for i in (5, 7, 9)} <= kept
    assert not kept & {"Home", "News", "Advertisement", "Sign up for our morning newsletter",
                       "© 2026 The Harbour Times. All rights reserved."}


def test_a_line_the_model_removes_unnamed_by_rules_is_named_by_its_place():
    span = model.Span(3, 8, 0)
    assert model.placed_reason(1, span) == Reason.BANNER
    assert model.placed_reason(5, span) == Reason.NOT_MAIN_TEXT
    assert model.placed_reason(9, span) == Reason.FOOTER
    assert model.placed_reason(0, None) == Reason.NOT_MAIN_TEXT


def test_a_line_echoing_the_articles_words_scores_as_echo_and_an_ad_slot_does_not():
    page = [
        "Balcony beans need a deep pot, a sunny wall and regular watering through the summer.",
        "Watering beans on a sunny balcony",
        "Skip Ad",
        "A deep pot keeps the roots of the beans cool, and the wall gives them warmth at night.",
    ]
    lines = [TextLine(text) for text in page]
    echo = features.echoes(lines)
    assert echo[1][0] == 1.0 and echo[1][1] == 1.0  # every topic word is in the prose
    assert echo[2] == [0.0, 0.0, 1.0]  # words of its own, none repeated
    assert features.topic_words("the of and") == set()
    assert {"我們", "們去"} <= features.topic_words("我們去")  # CJK: pairs of characters


def test_a_storys_closing_credit_keeps_the_rules_verdict():
    from harvester.clean.text import body

    assert body.ARTICLE_CREDIT.search("Reuters and AFP contributed to this report")
    assert body.ARTICLE_CREDIT.search("Additional reporting by Jane Doe; editing by Ann Lee")
    assert not body.ARTICLE_CREDIT.search("Subscribe to our reporting newsletter")


def test_table_of_contents_entries_are_found_under_their_heading():
    from harvester.clean.text import body

    texts = ["Contents", "* When to sow", "* Watering",
             "Sowing starts in April, once the nights are warm enough for the seeds to grow."]
    lines = [TextLine(text) for text in texts]
    assert body.contents_entries(lines) == {1, 2}


def test_specific_words_echoed_by_the_prose_and_chrome_words_not():
    texts = ["Balcony beans need a deep pot, a sunny wall and regular watering all summer.",
             "Watering balcony beans", "Report this ad"]
    scores = {"report": 1.7, "ad": 1.9, "watering": -0.5}
    echo = features.specific_echoes([features.topic_words(t) for t in texts], scores,
                                    [True, False, False])
    assert echo[1] == [1.0, 1.0]  # every topic word specific, every one in the prose
    assert echo[2] == [0.0, -1.0]  # only chrome's words: nothing specific to echo


def test_the_model_never_removes_all_of_the_article_the_rules_found():
    """A model sure that every line is noise (no trees, a very low start) still leaves the
    rules' article: it revises their verdicts, it does not empty the page."""
    text = ("Le conseil municipal a approuvé le budget mardi soir après un long débat sur les "
            "écoles, les routes et l'avenir du vieux quartier du port.")
    doubting = model.Trees(init=-10.0, rate=0.1, keep_above=0.8, remove_below=0.4,
                           words=model.shipped().words, trees=())
    result = read_text(text, model=False)
    model.apply(result.lines, result.span, doubting)
    assert [line.kept for line in result.lines] == [True]
    assert result.lines[0].score < 0.001 and not result.lines[0].removed_by_model
    two = read_text("Home\n\n" + text, model=False)
    model.apply(two.lines, two.span, doubting)
    assert [line.kept for line in two.lines] == [False, True]  # outside the span: removed
