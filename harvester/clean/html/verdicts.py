"""A verdict for every text block of the page, not only for the lines the extractor returns.

trafilatura returns the article and leaves the rest of the page out without saying why. Here
each page block no line of the main text came from is named by what the page itself says
about it, most specific first:

1. the boilerplate container it sat in (``containers.find_containers``: ``<nav>``, a cookie
   banner, a share bar, a newsletter box...), with that container's reason;
2. the words of its ancestors' classes and ids and their ARIA roles that name chrome without
   being safe to remove before extraction (``menu``, ``sidebar``, ``breaking``, ``caption``);
3. its own tag (``figcaption``, ``<nav>``/``<footer>``/``<aside>`` wrappers too large to count
   as containers) and its share of link text (menus and teaser lists);
4. where it stands: before the article (``page-header``), after it (``after-article``) or
   inside it (``not-main-text``: the extractor judged it apart from the article).

The removed blocks are merged with the main text's lines in page order, so ``explain`` shows
the whole page, line by line, with a reason for every line left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from harvester.clean import rules
from harvester.clean.html.blocks import Block
from harvester.clean.html.containers import CONTAINER_ROLES, CONTAINER_TAGS, attribute_words
from harvester.clean.html.structure import Placement

# Class and id words that name a page region: used to name blocks already left out, never to
# take anything out of the tree (several hold article text on some sites: "widget", "teaser").
REGION_WORDS = {
    "menu": "navigation", "nav": "navigation", "navbar": "navigation", "navigation": "navigation",
    "masthead": "navigation", "topbar": "navigation", "breadcrumb": "navigation",
    "pagination": "navigation", "pager": "navigation",
    "breaking": "breaking-news", "ticker": "breaking-news", "alert": "breaking-news",
    "sidebar": "sidebar", "widget": "sidebar", "rail": "sidebar",
    "caption": "caption", "figcaption": "caption", "credit": "caption",
    "teaser": "related", "related": "related", "recommended": "related", "more": "related",
    "trending": "related", "popular": "related", "outbrain": "related", "taboola": "related",
    "comment": "comments", "comments": "comments", "disqus": "comments", "replies": "comments",
    "newsletter": "newsletter", "subscribe": "newsletter", "signup": "newsletter",
    "cookie": "cookie-notice", "consent": "cookie-notice", "gdpr": "cookie-notice",
    "ad": "ad-label", "ads": "ad-label", "advert": "ad-label", "advertisement": "ad-label",
    "sponsored": "ad-label", "footer": "footer", "copyright": "footer",
    "share": "share-bar", "social": "share-bar", "tags": "tags", "byline": "byline",
    "author": "byline", "header": "page-header",
}
ROLE_REASONS = {**CONTAINER_ROLES, "banner": "page-header", "dialog": "cookie-notice",
                "alertdialog": "cookie-notice", "menu": "navigation", "menubar": "navigation"}
# A block with this share of link text is a menu entry or a teaser (as ``structure``'s teaser
# rule: more link text than plain text).
LINKED_SHARE = 0.5
# A shorter block found inside the text ("Share", "Photo") may be there by chance.
MIN_INSIDE_CHARS = 30
# Beyond this many ancestors a region's name says nothing about a block (page wrappers).
MAX_REGION_DEPTH = 12


class RegionNames:
    """The region reason of each element (rule 2 above), worked out once per element."""

    def __init__(self, owners: dict, stop) -> None:
        self.owners = owners  # container element -> reason
        self.stop = stop  # the article body: regions above it hold the article too
        self.memo: dict = {}

    def of(self, element) -> str | None:
        chain = []
        found = None
        for depth, candidate in enumerate((element, *element.iterancestors())):
            if candidate in self.memo:
                found = self.memo[candidate]
                break
            if candidate is self.stop or depth > MAX_REGION_DEPTH:
                break
            chain.append(candidate)
            found = self.owners.get(candidate) or _region_reason(candidate)
            if found is not None:
                break
        for seen in chain:
            self.memo[seen] = found
        return found


def _region_reason(element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in CONTAINER_TAGS:
        return CONTAINER_TAGS[tag]
    role = element.get("role")
    if role in ROLE_REASONS:
        return ROLE_REASONS[role]
    if not (element.get("class") or element.get("id")):
        return None
    for word in sorted(attribute_words(element)):
        if word in REGION_WORDS:
            return REGION_WORDS[word]
    return None


def block_reason(block: Block, regions: RegionNames, where: str) -> str:
    """Why ``block`` is not in the text; ``where``: before / inside / after the article."""
    if block.tag == "figcaption":
        return "caption"
    if rules.HASHTAG_LINE.match(block.text):  # read as tags, whatever holds them
        return "hashtags"
    reason = regions.of(block.element) if block.element is not None else None
    if reason is None and block.chrome:
        reason = CONTAINER_TAGS[block.chrome]
    if reason is None and block.link_density >= LINKED_SHARE:
        reason = "navigation" if where == "before" or block.tag == "li" else "related"
    if reason is None:
        reason = {"before": "page-header", "after": "after-article"}.get(where, "not-main-text")
    return reason


def taken_blocks(lines: Sequence[str], place: Placement) -> None:
    """Mark the blocks the main text's lines come from (``Block.taken``): matched line by line,
    or else found inside the text (the extractor joined inline blocks into one line)."""
    for block in place.found:
        if block is not None:
            block.taken = True
    text = "\n".join(lines)
    for block in place.blocks:
        if not block.taken and len(block.text) >= MIN_INSIDE_CHARS and block.text in text:
            block.taken = True


def with_page_blocks(lines: list[str], reasons: list[str | None], place: Placement,
                     containers: Sequence) -> tuple[list[str], list[str | None]]:
    """``lines`` and ``reasons`` with every page block not in them put where it stood in the
    page, each with its reason (``block_reason``)."""
    taken_blocks(lines, place)
    positions = [b.position for b in place.found if b is not None]
    first, last = (min(positions), max(positions)) if positions else (0, -1)
    regions = RegionNames({c.element: c.reason for c in containers}, place.main)
    extra: list[Block] = []
    for block in place.blocks:
        if block.taken:
            continue
        where = "before" if block.position < first else "after" if block.position > last \
            else "inside"
        block.reason = block_reason(block, regions, where)
        extra.append(block)
    if not extra:
        return lines, reasons
    out_lines: list[str] = []
    out_reasons: list[str | None] = []
    position, k = -1, 0
    for line, reason, block in zip(lines, reasons, place.found):
        # a line without a block stands where the line before it stood
        position = block.position if block is not None else position
        while k < len(extra) and extra[k].position < position:
            out_lines.append(extra[k].text)
            out_reasons.append(extra[k].reason)
            k += 1
        out_lines.append(line)
        out_reasons.append(reason)
    for block in extra[k:]:
        out_lines.append(block.text)
        out_reasons.append(block.reason)
    return out_lines, out_reasons
