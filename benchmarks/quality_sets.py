"""The three sets ``benchmarks/quality.py`` scores, read from data folders given to it.

- the dev set (``annotations.json`` + ``pages/NNNN.html.gz``): the site is the page URL's;
- the Readability set (``pages/<case>/source.html.gz``, ``expected.html.gz``): the site is the
  host of the page's canonical or ``og:url`` link, else the case name without its number;
- the noise set, generated here from the Readability set's expected articles: each article's
  paragraphs, one per line as a saved text page has them, wrapped in site noise drawn from the
  vocabulary in ``benchmarks/noise/`` (a file per kind of noise). The vocabulary is split in
  halves by the hash of each line, and a held-out article gets held-out noise only.

Every page carries its site key and half (``harvester.quality.site_key`` / ``half_of``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from harvester.quality import collapse, half_of, site_key

NOISE_DIR = Path(__file__).parent / "noise"
# Where each kind of noise goes on a page, as the saved pages in seeds/ and the dev set show it.
HEADER_KINDS = ("taglines", "taglines", "share", "ads", "cookies", "apps")
BETWEEN_KINDS = ("ads", "ads", "ads", "teasers", "credits", "apps", "signup")
FOOTER_KINDS = ("share", "hashtags", "teasers", "teasers", "signup", "footers", "footers",
                "cookies", "apps")
_LINK = re.compile(r"<(?:link|meta)\b[^>]*>", re.I)
_ATTR = re.compile(r"""(\w[\w:-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_SECTION = re.compile(r"\[[a-z]{2}\]")
# Share of noise lines in the page's own language (when the vocabulary has that language and
# kind); the rest is English, as sites in other languages carry English share bars and ads.
OWN_LANGUAGE = 0.75
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd")


@dataclass
class Case:
    """One page of a set: its name, URL (or ``None``), site and half, and its data."""

    name: str
    url: str | None
    site: str
    half: str
    html: bytes = b""
    annotation: dict = field(default_factory=dict)
    expected_html: str = ""
    metadata: dict = field(default_factory=dict)


def select(cases: list[Case], half: str) -> list[Case]:
    return cases if half == "both" else [case for case in cases if case.half == half]


def load_devset(folder: Path, limit: int | None = None) -> list[Case]:
    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    items = sorted(annotations.items(), key=lambda kv: kv[1]["file"])[:limit]
    cases = []
    for url, ann in items:
        site = site_key(url)
        cases.append(Case(ann["file"], url, site, half_of(site), annotation=ann,
                          html=gzip.decompress((folder / "pages" / ann["file"]).read_bytes())))
    return cases


def page_url(html: str) -> str | None:
    """The page's own address from its canonical link or ``og:url``, when absolute."""
    for tag in _LINK.findall(html[:200_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        if attrs.get("rel", "").lower() == "canonical" or attrs.get("property") == "og:url":
            href = attrs.get("href") or attrs.get("content") or ""
            if href.startswith(("http://", "https://")):
                return href
    return None


def load_readability(folder: Path, limit: int | None = None) -> list[Case]:
    cases = []
    for case_dir in sorted(p for p in (folder / "pages").iterdir() if p.is_dir())[:limit]:
        raw = gzip.decompress((case_dir / "source.html.gz").read_bytes())
        url = page_url(raw.decode("utf-8", "replace"))
        site = site_key(url, fallback=case_dir.name)
        meta_file = case_dir / "expected-metadata.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        expected = gzip.decompress((case_dir / "expected.html.gz").read_bytes()).decode("utf-8")
        cases.append(Case(case_dir.name, url, site, half_of(site), html=raw,
                          expected_html=expected, metadata=meta))
    return cases


def expected_text(case: Case) -> str:
    """The expected article's visible text (inscriptis drops scripts and styles)."""
    import inscriptis

    return inscriptis.get_text(case.expected_html)


def article_paragraphs(expected_html: str) -> list[str]:
    """The article's innermost text blocks (paragraphs, headings, list items, quotes), each
    collapsed to one line, without repeats. Left out: captions (noise to a cleaner) and blocks
    that are mostly link text (tables of contents, link lists Readability keeps in articles)."""
    import lxml.html

    root = lxml.html.fromstring(expected_html or "<div></div>")
    for bad in root.xpath("//script|//style|//figcaption|//noscript"):
        bad.drop_tree()
    seen, paragraphs = set(), []
    for element in root.iter(*_BLOCKS):
        if any(True for _ in element.iterdescendants(*_BLOCKS)):
            continue
        text = collapse(element.text_content())
        linked = sum(len(collapse(a.text_content())) for a in element.iter("a"))
        if linked * 2 >= len(text):
            continue
        if re.search(r"\w", text) and text not in seen:
            seen.add(text)
            paragraphs.append(text)
    return paragraphs


Vocabulary = dict[str, dict[str, dict[str, list[str]]]]


def load_vocabulary(folder: Path = NOISE_DIR) -> Vocabulary:
    """{half: {language: {kind: [lines]}}} from ``<kind>.txt`` files whose ``[xx]`` lines open
    a language's section; each distinct line goes to the half its text hashes to."""
    vocabulary: Vocabulary = {"tune": {}, "heldout": {}}
    for path in sorted(folder.glob("*.txt")):
        language, seen = "en", set()
        for line in path.read_text(encoding="utf-8").splitlines():
            # A language's section may open twice in a file; only its lines are taken once.
            if _SECTION.fullmatch(line):
                language = line[1:-1]
            elif line.strip() and line not in seen:
                seen.add(line)
                by_kind = vocabulary[half_of("noise:" + line)].setdefault(language, {})
                by_kind.setdefault(path.stem, []).append(line)
    return vocabulary


def article_language(case: Case, paragraphs: list[str]) -> str:
    """The article's language: its reference metadata's ``lang``, else py3langid's guess."""
    lang = (case.metadata.get("lang") or "").split("-")[0].lower()
    if lang:
        return lang
    import py3langid

    return py3langid.classify(" ".join(paragraphs)[:5000])[0]


@dataclass
class NoisePage:
    name: str
    site: str
    half: str
    text: str
    article: list[str]
    noise: list[str]


def _seed(name: str) -> int:
    return int.from_bytes(hashlib.sha256(("noise-page:" + name).encode()).digest()[:8], "big")


def noise_page(case: Case, vocabulary: Vocabulary) -> NoisePage | None:
    """The case's article as a saved text page with site noise around and between its
    paragraphs; ``None`` when the article has fewer than two paragraphs."""
    article = article_paragraphs(case.expected_html)
    if len(article) < 2:
        return None
    rng, languages = random.Random(_seed(case.name)), vocabulary[case.half]
    own = languages.get(article_language(case, article), {})
    in_article = set(article)

    def draw(choices, count):
        lines = []
        for _ in range(count):
            kind = rng.choice(choices)
            pool = own.get(kind) if rng.random() < OWN_LANGUAGE else None
            pool = pool or languages["en"].get(kind, [])
            if pool and (line := rng.choice(pool)) not in in_article:
                lines.append(line)
        return lines

    blocks, noise = [], []
    header = draw(HEADER_KINDS, rng.randint(2, 6))
    blocks += header
    title = collapse(case.metadata.get("title") or "")
    if title and title not in in_article:
        blocks.append(title)  # the headline: a field, not scored
    # An article that opens with its headline has it on the page all the same, but a field too.
    scored = article[1:] if title and article[0] == title else article
    for index, paragraph in enumerate(article):
        blocks.append(paragraph)
        if index < len(article) - 1 and rng.random() < 0.25:
            between = draw(BETWEEN_KINDS, rng.randint(1, 2))
            blocks += between
            noise += between
    footer = draw(FOOTER_KINDS, rng.randint(3, 8))
    blocks += footer
    noise = header + noise + footer
    # Saved pages come with a blank line between blocks (seeds/000) or without (seeds/004).
    separator = "\n\n" if rng.random() < 0.5 else "\n"
    return NoisePage(case.name, case.site, case.half, separator.join(blocks) + "\n", scored,
                     noise)


def build_noise_set(cases: list[Case], folder: Path = NOISE_DIR) -> list[NoisePage]:
    vocabulary = load_vocabulary(folder)
    return [page for case in cases if (page := noise_page(case, vocabulary)) is not None]
