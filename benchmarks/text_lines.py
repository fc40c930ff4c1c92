"""Labelled lines of the three sets in text mode, for training and checking the line model.

Each page is read as ``benchmarks/quality.py`` reads it in text mode (the dev set's and the
Readability set's HTML rendered with inscriptis, the noise set's pages as they are), cleaned
by the rule-based steps only, and every line gets its features (``harvester.clean.text.
features``) and, where the set says, a label: 1 article, 0 boilerplate.

- dev set: a line holding an annotated ``with`` segment is article, one holding a ``without``
  segment boilerplate (a line inside a longer segment takes its label too); others unlabelled;
- Readability set: a line of the expected article's visible text is article, a line whose
  text is nowhere in it boilerplate;
- noise set: the article's lines and the noise lines as built; the headline unlabelled. Its pages
  are read without the noise rules (see ``noise_page``).
"""

from __future__ import annotations

from dataclasses import dataclass

from quality_sets import Case, NoisePage, expected_text

from harvester.quality import collapse

# A line this short inside a longer segment says too little to take the segment's label.
MIN_INSIDE_CHARS = 12


@dataclass
class PageLines:
    """One page's lines: features, labels (1, 0 or None), texts, and what the rules said."""

    set: str
    site: str
    rows: list[list[float]]  # ``features.STRUCTURE``; the lexical ones depend on the fold
    labels: list[int | None]
    texts: list[str]
    rule_kept: list[bool]


def read_rules_only(text: str, noise_rules: bool = True):
    from harvester.clean.text import read_text

    return read_text(text, model=False, noise_rules=noise_rules)


def page_lines(set_name: str, site: str, text: str, label, noise_rules: bool = True) -> PageLines:
    from harvester.clean.text import features

    result = read_rules_only(text, noise_rules=noise_rules)
    texts = [collapse(ln.text) for ln in result.lines]
    return PageLines(set_name, site, features.structure(result.lines, result.span),
                     [label(t) for t in texts], texts, [ln.kept for ln in result.lines])


def visible(html: bytes) -> str:
    import inscriptis

    from harvester.clean.decode import decode

    return inscriptis.get_text(decode(html))


def devset_page(case: Case) -> PageLines:
    with_ = [collapse(s) for s in case.annotation.get("with", []) if collapse(s)]
    without = [collapse(s) for s in case.annotation.get("without", []) if collapse(s)]

    def label(text: str) -> int | None:
        def holds(segments):
            return any(s in text or (len(text) >= MIN_INSIDE_CHARS and text in s)
                       for s in segments)
        pos, neg = holds(with_), holds(without)
        return None if pos == neg else int(pos)

    return page_lines("devset", case.site, visible(case.html), label)


def readability_page(case: Case) -> PageLines:
    expected = expected_text(case)
    whole = collapse(expected)
    own = {collapse(line) for line in expected.splitlines() if line.strip()}

    def label(text: str) -> int | None:
        if text in own:
            return 1
        return None if text in whole else 0

    return page_lines("readability", case.site, visible(case.html), label)


def noise_page(page: NoisePage) -> PageLines:
    article, noise = set(page.article), set(page.noise)

    def label(text: str) -> int | None:
        if text in article:
            return 1
        return 0 if text in noise else None

    # Read without the noise rules: the noise lines come from one vocabulary, which the rules
    # were written alongside. Read with them, nearly every noise line is named, and the trees
    # learn that a short line no rule names is the article's, which holds for that vocabulary
    # only (docs/text-cleaner.md, "Noise pages read without the rules").
    return page_lines("noise", page.site, page.text, label, noise_rules=False)
