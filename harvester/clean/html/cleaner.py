"""The HTML cleaner: a page's HTML in, a ``Cleaned`` result out (``clean_page`` makes the
``Document``).

Steps, each in its module of this package:

1. ``parse``: one lxml parse shared by every step, checked against the page's own text.
2. ``blocks.page_blocks``: one walk of the tree for the page's text blocks, the record every
   later step reads and annotates; ``containers.find_containers``: the navigation, footer,
   share, related, newsletter... containers, each with its reason.
3. ``metadata.fields.page_fields`` (unless only the text is asked for): title, author, date,
   description and tags, read on the whole page before anything is taken out of it.
4. ``containers.remove_*`` then ``extraction.main_text``: the containers, the link lists, media,
   form controls and program code leave the tree, and trafilatura finds the main text (and,
   when asked, the reader comments) in the rest.
5. ``lead.lead_lines``: page paragraphs just before and between trafilatura's lines.
6. ``containers.line_reasons`` and ``structure.line_reasons``: lines judged by their container
   and their block (captions, linked teasers, trailers, the page rules).
7. ``header.header_reasons``: the headline, standfirst and byline leave the text for their
   fields.
8. ``verdicts.with_page_blocks``: every page block no line came from goes into the record where
   it stood, with a reason.
9. the line rules every cleaner shares (share bars, ad labels, teasers, site-wide boilerplate).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harvester.clean import rules
from harvester.clean.html import containers as prune
from harvester.clean.html import header, structure, verdicts
from harvester.clean.html.blocks import page_blocks
from harvester.clean.html.extraction import main_text
from harvester.clean.html.lead import lead_candidates, lead_lines
from harvester.clean.html.parse import MAX_PAGE_CHARS, parse_with_length, render_without_tree
from harvester.clean.metadata.canonical import canonical_url
from harvester.clean.text import clean_text
from harvester.errors import CleaningError
from harvester.model import Document, Line


@dataclass
class Cleaned:
    """What a cleaner found on one page, before it becomes a ``Document``."""

    lines: list[Line]
    tags: list[str] = field(default_factory=list)
    title: str | None = None
    description: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    comments: str = ""
    canonical_url: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(line.text for line in self.lines if line.kept)

    def document(self, source: str = "", url: str | None = None) -> Document:
        doc = Document(text=self.text, source=source, url=url, title=self.title,
                       description=self.description, author=self.author, date=self.date,
                       tags=list(self.tags), language=self.language, lines=list(self.lines))
        if self.comments:
            doc.comments = self.comments
        doc.canonical_url = self.canonical_url
        return doc


def clean_html(html: str, *, url: str | None = None, boilerplate=None, metadata: bool = True,
               comments: bool = False) -> Document:
    """``html_result`` as a ``Document`` (for callers that clean HTML they hold)."""
    return html_result(html, url=url, boilerplate=boilerplate, metadata=metadata,
                       comments=comments).document(url=url)


def html_result(html: str, *, url: str | None = None, boilerplate=None, metadata: bool = True,
                comments: bool = False) -> Cleaned:
    """Clean one HTML page. Raises ``CleaningError`` if no extraction is possible.

    ``metadata=False``: the text and its lines only, with no title, author, date, description,
    tags or language, as printing the text needs; it takes about a third less CPU time.
    ``comments``: keep the reader comments (``Cleaned.comments``), never in the text.
    """
    if len(html) > MAX_PAGE_CHARS:
        raise CleaningError(f"page of {len(html):,} characters is over the {MAX_PAGE_CHARS:,} "
                            "the cleaner takes", reason="page_too_large")
    tree, page_chars = parse_with_length(html)
    if tree is None:
        return clean_unparsable(html, boilerplate)
    blocks = page_blocks(tree)
    found, outside = prune.find_containers(tree, page_chars)
    paragraphs = lead_candidates(blocks)
    head = header.PageHead.of(tree)
    try:
        fields = page_fields(tree, url, paragraphs) if metadata else None
        canonical = canonical_url(tree, url) if metadata else None
        # with comments asked for, their sections stay for the extractor to find
        prune.remove_containers([c for c in found if not (comments and c.reason == "comments")])
        prune.remove_link_lists(tree, blocks)
        prune.remove_never_text(tree)
        extracted = main_text(tree, url, comments=comments)
    except RecursionError as exc:
        raise CleaningError("page nested too deeply for the extractor", reason="too_deep") from exc
    lines = [" ".join(line.split()) for line in extracted.text.splitlines() if line.strip()]
    lines = lead_lines(lines, paragraphs)
    reasons = prune.line_reasons(lines, found, outside)
    place = structure.Placement.of(lines, blocks)
    reasons = structure.line_reasons(lines, place, reasons)
    reasons, header_lines = header.header_reasons(lines, reasons, place.found, head)
    lines, reasons = verdicts.with_page_blocks(lines, reasons, place, found)
    result = classify(lines, reasons, boilerplate)
    result.comments = extracted.comments
    result.canonical_url = canonical
    if fields is not None:
        copy_metadata(fields, result)
        result.description = result.description or header_lines.get("standfirst")
    return result


def page_fields(tree, url: str | None, paragraphs: list[str]):
    """``metadata.fields.page_fields``, imported when first needed: with it come htmldate's
    date parser and the language model, which printing text never needs (start-up:
    docs/performance.md)."""
    from harvester.clean.metadata.fields import page_fields as read_fields

    return read_fields(tree, url, paragraphs)


def classify(lines: list[str], reasons: list[str | None], boilerplate) -> Cleaned:
    """Run the shared line rules on the lines not yet dropped; keep every line in the record."""
    kept = [line for line, reason in zip(lines, reasons) if reason is None]
    doc = clean_text("\n".join(kept), boilerplate=boilerplate, extracted=True)
    verdicts_of_kept = iter(doc.lines)
    merged = []
    for line, reason in zip(lines, reasons):
        merged.append(Line(line, reason) if reason is not None
                      else next(verdicts_of_kept, Line(line)))
    tags = list(doc.tags)
    for line in merged:
        if line.reason == "hashtags":
            tags.extend(t for t in rules.hashtags(line.text) if t not in tags)
    return Cleaned(lines=merged, tags=tags, title=doc.title, description=doc.description,
                   author=doc.author, date=doc.date, language=doc.language)


def copy_metadata(result, cleaned: Cleaned) -> None:
    cleaned.title = result.title or cleaned.title
    cleaned.author = result.author or cleaned.author
    cleaned.date = result.date or cleaned.date
    cleaned.description = result.description or cleaned.description
    tags = [t for t in (result.tags or []) + (result.categories or []) if t]
    cleaned.tags = cleaned.tags or list(dict.fromkeys(tags))  # the page's hashtags first
    cleaned.language = result.language or cleaned.language


def clean_unparsable(html: str, boilerplate) -> Cleaned:
    """A page no tree holds whole: its visible text, cleaned as a text page."""
    text = render_without_tree(html)
    if not text.strip():
        raise CleaningError("page has no visible text the HTML parser could read",
                            reason="unparsable_html")
    doc = clean_text(text, boilerplate=boilerplate)
    return Cleaned(lines=doc.lines, tags=doc.tags, title=doc.title, description=doc.description,
                   author=doc.author, date=doc.date, language=doc.language)
