"""The line classifier: finds the article in a page's visible text.

A page saved as text is the article between the site's chrome: menus and banners above,
teasers, comments and footers below, ad labels and share bars inside. Every line becomes one
record (``lines.TextLine``) that the steps read and give a verdict:

1. ``lines.split_lines``: the non-empty lines with their indentation.
2. the noise rules of ``rules.py``, which hold wherever a line stands; then the lines the site
   repeats across its pages (``boilerplate``).
3. ``span.find_article``: the run of lines densest in prose, its lead and a closing list.
4. ``comments.mark_comments``: the readers' comment section ends the body.
5. ``header.read_header``: headline, standfirst, byline and captions above the body go to the
   fields.
6. ``body.mark_outside`` and ``body.mark_inside``: lines around the article, chrome inside.
7. ``model.apply``: the line model reads every line's features and the verdicts so far, and
   turns a verdict where it is sure (a removal named by the rule or by the line's place).

The result (``TextResult``) gives the ``Document``. Text an extractor already cut from its
page (``extracted=True``) only goes through steps 1 and 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harvester.clean import rules
from harvester.clean.text import body, header
from harvester.clean.text import comments as comment_section
from harvester.clean.text import model as line_model
from harvester.clean.text import span as spans
from harvester.clean.text.lines import TextLine, split_lines, uses_stopwords
from harvester.model import Document, Line, Reason

__all__ = ["TextLine", "TextResult", "clean_text", "read_text", "split_lines"]


@dataclass
class TextResult:
    """Every line with its verdict, the fields read off the header, and whether the caller
    keeps the readers' comments."""

    lines: list[TextLine]
    fields: dict = field(default_factory=dict)
    keep_comments: bool = False
    span: spans.Span | None = None  # the article's lines as the layout steps placed it
    contents: frozenset[int] = frozenset()  # the lines of its tables of contents

    @property
    def text(self) -> str:
        return "\n\n".join(ln.text for ln in self.lines if ln.reason is None)

    @property
    def tags(self) -> list[str]:
        """Tags of the hashtag lines, in order of first appearance, without repeats."""
        tags: list[str] = []
        for ln in self.lines:
            if ln.reason == Reason.HASHTAGS:
                tags.extend(t for t in rules.hashtags(ln.text) if t not in tags)
        return tags

    @property
    def comments(self) -> str:
        return comment_section.comment_text(self.lines) if self.keep_comments else ""

    def to_document(self) -> Document:
        lines = [Line(ln.text, ln.reason, ln.note) for ln in self.lines]
        return Document(text=self.text, source="", tags=self.tags, comments=self.comments,
                        lines=lines, **self.fields)


def read_text(text: str, *, boilerplate=None, extracted: bool = False,
              comments: bool = False, model: bool = True,
              noise_rules: bool = True) -> TextResult:
    """Classify every line of ``text``. ``comments``: keep the readers' comments apart (in
    ``TextResult.comments``) instead of only removing them. ``model=False``: the rule-based
    steps' verdicts only, without the line model's last word. ``noise_rules=False``: the
    layout steps without the noise rules (the line model's training reads the noise set's
    pages so, to learn noise the rules have no words for)."""
    lines = split_lines(text)
    page = not extracted
    for line in lines:
        line.reason = line.rule = rules.noise_reason(line.text, page=page) if noise_rules else None
    # Before the layout steps: a line the site prints on every page is not this page's
    # headline or byline, and should not pull the article span towards it.
    mark_boilerplate(lines, boilerplate)
    result = TextResult(lines, keep_comments=comments)
    if page:
        result.fields, result.span, result.contents = find_article(lines)
        if model:
            line_model.apply(lines, result.span, contents=result.contents)
    return result


def find_article(lines: list[TextLine]) -> tuple[dict, spans.Span | None, frozenset[int]]:
    """Place the article among the lines, mark everything around and inside it; its fields,
    the span and the lines of its tables of contents."""
    found = spans.find_article(lines, uses_stopwords(lines))
    if found is None:
        return {}, None, frozenset()
    end = spans.extend_list(lines, found.end)
    start = spans.find_lead(lines, found.start)
    span = comment_section.mark_comments(lines, spans.Span(start, end, found.body_indent))
    fields, start = header.read_header(lines, span.start)
    span = spans.Span(start, max(start, span.end), span.body_indent)
    body.mark_outside(lines, span)
    contents = frozenset(body.contents_entries(lines, span))
    body.mark_inside(lines, span, contents)
    return fields, span, contents


def mark_boilerplate(lines: list[TextLine], boilerplate) -> None:
    """Lines the site repeats across its pages, as ``boilerplate`` (learned per site from other
    documents) knows them. Only lines still kept are asked about."""
    if boilerplate is None:
        return
    for line in lines:
        if not line.reason and boilerplate.is_boilerplate(line.text):
            line.reason = Reason.SITE_BOILERPLATE


def clean_text(text: str, *, boilerplate=None, extracted: bool = False,
               comments: bool = False) -> Document:
    """Classify every line of ``text`` and return the article with its metadata."""
    return read_text(text, boilerplate=boilerplate, extracted=extracted,
                     comments=comments).to_document()
