"""The HTML cleaner on pages built like real ones: the article kept, the site's chrome gone."""

from __future__ import annotations

import lxml.html
import pytest

from harvester.clean.html import containers as prune
from harvester.clean.html import extraction, lead, structure
from harvester.clean.html import parse as parse_module
from harvester.clean.html.blocks import page_blocks
from harvester.clean.html.cleaner import clean_html
from harvester.clean.html.lead import lead_lines
from harvester.clean.html.parse import parse

ARTICLE = [
    "The river authority confirmed on Tuesday that the old weir will be removed next spring, "
    "ending a dispute between anglers, boat clubs and the town council that began in 2019.",
    "Engineers expect the work to take eleven weeks. During that time the towpath between the "
    "mill and the railway bridge stays closed, and a ferry will carry walkers across the water.",
    "Residents who attended the meeting said they welcomed the decision, although several asked "
    "whether the council would pay for new fish ladders upstream, as promised in its plan.",
    "The authority said the ladders were part of a separate project and would be put out to "
    "tender in the autumn, once the survey of the riverbed has been completed by its divers.",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Old weir to be removed next spring | Riverside Gazette</title>
<meta property="og:title" content="Old weir to be removed next spring">
<meta name="author" content="Maren Holt">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<meta name="description" content="The river authority ends a five-year dispute.">
<meta property="article:tag" content="Rivers">
</head><body>
<div class="cookie-consent">We use cookies to improve your experience. Accept all cookies</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">Local news</a></nav>
<main><article>
<h1>Old weir to be removed next spring</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
<a href="#">Email this story</a></div>
<p>{}</p>
<p>{}</p>
<div class="newsletter-box">Sign up for our morning briefing and never miss a story.</div>
<p>{}</p>
<p>{}</p>
</article>
<section class="related-stories"><h2>Read more</h2><ul>
<li><a href="/a">Council approves new cycle lanes on the bridge road</a></li>
<li><a href="/b">Flood defences tested in overnight exercise</a></li></ul></section>
</main>
<aside class="sidebar"><h3>Most popular</h3><ol><li><a href="/c">Bakery wins national award</a></li>
<li><a href="/d">School fete raises record sum</a></li></ol></aside>
<footer><p>Copyright 2024 Riverside Gazette. All rights reserved.</p>
<a href="/imprint">Imprint</a> <a href="/privacy">Privacy policy</a></footer>
</body></html>""".format(*ARTICLE)

JUNK = ["Share on Facebook", "Email this story", "Sign up for our morning briefing",
        "Council approves new cycle lanes", "Bakery wins national award", "Accept all cookies",
        "All rights reserved", "Privacy policy", "Weather"]


@pytest.fixture(scope="module")
def doc():
    return clean_html(PAGE, url="https://gazette.example/news/old-weir")


HEADLINE = "Old weir to be removed next spring"


def test_article_paragraphs_kept_in_order(doc):
    # the extractor keeps the article's own <h1> as its first line: it goes to the title
    assert doc.paragraphs == ARTICLE
    assert doc.lines[[line.text for line in doc.lines].index(HEADLINE)].reason == "headline"


@pytest.mark.parametrize("junk", JUNK)
def test_chrome_is_gone(doc, junk):
    assert junk not in doc.text


def test_metadata(doc):
    assert doc.title == "Old weir to be removed next spring"
    assert doc.author == "Maren Holt"
    assert doc.date == "2024-03-05"
    assert doc.description == "The river authority ends a five-year dispute."
    assert "Rivers" in doc.tags


def test_language_is_detected_from_the_clean_text():
    # <html lang> is often a template's default; clean_page detects it from the text instead
    from harvester.clean import clean_page
    from harvester.model import Page

    doc = clean_page(Page(data=PAGE.encode(), source="weir.html", kind="html"))
    assert doc.language == "en"


def test_every_line_has_a_verdict(doc):
    kept = [line.text for line in doc.lines if line.kept]
    assert kept == ARTICLE
    assert all(line.reason for line in doc.removed)


@pytest.mark.parametrize("text, reason", [
    ("We use cookies to improve your experience. Accept all cookies", "cookie-notice"),
    ("Share on Facebook Share on X Email this story", "share-bar"),
    ("Sign up for our morning briefing and never miss a story.", "newsletter"),
    ("Council approves new cycle lanes on the bridge road", "related"),
    ("Bakery wins national award", "sidebar"),
    ("Copyright 2024 Riverside Gazette. All rights reserved.", "footer"),
    ("Home", "navigation"),
])
def test_chrome_left_out_by_the_extractor_is_in_the_record(doc, text, reason):
    # every block of the page ends in the record, the boilerplate with a named reason
    assert (text, reason) in [(line.text, line.reason) for line in doc.lines]


def test_the_record_follows_the_page_order(doc):
    texts = [line.text for line in doc.lines]
    assert texts.index("Home") < texts.index(HEADLINE) < texts.index(ARTICLE[0])
    assert texts.index(ARTICLE[3]) < texts.index("Bakery wins national award") \
        < texts.index("Imprint Privacy policy")


# A page whose article element itself carries share, related and newsletter chrome between
# paragraphs, the way many CMS templates nest it, with other wording than the page above.
NESTED_CHROME = """<html><head><title>Harvest festival returns</title></head><body>
<div id="page"><div class="content"><article class="post">
<h1>Harvest festival returns</h1>
<p>{}</p>
<div class="social-sharing"><span>Teilen:</span> <a href="#">Facebook</a> <a href="#">WhatsApp</a>
<a href="#">Pinterest</a></div>
<p>{}</p>
<div id="newsletterSignup"><b>Nichts mehr verpassen!</b> Jetzt den Newsletter abonnieren.</div>
<p>{}</p>
<div class="yarpp-related"><h3>Das könnte Sie auch interessieren</h3>
<a href="/x">Weinfest im Tal abgesagt</a> <a href="/y">Neue Bäckerei am Markt</a></div>
<p>{}</p>
</article></div></div></body></html>""".format(*ARTICLE)


def test_chrome_inside_the_article_element_is_dropped():
    doc = clean_html(NESTED_CHROME)
    assert doc.paragraphs == ARTICLE
    assert doc.title == "Harvest festival returns"
    for junk in ("WhatsApp", "Nichts mehr verpassen", "Weinfest im Tal", "interessieren"):
        assert junk not in doc.text


# --- containers -------------------------------------------------------------------------------

def element(html: str):
    return lxml.html.fragment_fromstring(html)


@pytest.mark.parametrize("html, reason", [
    ('<div class="c-share-bar">x</div>', "share-bar"),
    ('<div id="relatedPosts">x</div>', "related"),
    ('<div class="newsletter_signup">x</div>', "newsletter"),
    ('<div role="navigation">x</div>', "navigation"),
    ('<aside>x</aside>', "sidebar"),
    ('<div class="sharedtemplate">x</div>', None),  # a word must be whole
    ('<div class="article-body">x</div>', None),
])
def test_container_reason(html, reason):
    assert prune.container_reason(element(html)) == reason


def test_wrapper_named_like_chrome_but_holding_prose_is_not_a_container():
    wrapper = element('<div class="post category-newsletter"><p>' + "A sentence of prose. " * 12
                      + "</p></div>")
    assert prune.holds_prose(wrapper)
    tree = lxml.html.fromstring("<html><body>" + lxml.html.tostring(wrapper, encoding="unicode")
                                + "<p>" + "Other text. " * 40 + "</p></body></html>")
    containers, _outside = prune.find_containers(tree, 10_000)
    assert containers == []


def test_removed_containers_leave_the_tree_with_their_tail_text():
    tree = lxml.html.fromstring(
        "<html><body><p>Lead paragraph.</p><div class='share-bar'>Share on X</div> tail stays"
        "<nav>Home News</nav><p>Last paragraph.</p></body></html>")
    containers, _outside = prune.find_containers(tree, 10_000)
    assert [c.reason for c in containers] == ["share-bar", "navigation"]
    prune.remove_containers(containers)
    prune.remove_containers(containers)  # again: already out, nothing happens
    assert prune.collapse(tree.text_content()) == "Lead paragraph. tail staysLast paragraph."


def test_container_lines_never_reach_the_main_text():
    # a share bar inside the article element, which trafilatura alone keeps
    article = "".join(f"<p>{line}</p>" for line in ARTICLE)
    html = (f"<html><body><article><h1>Harbour wall funded</h1>{article}"
            "<div class='social-share'><p>Share this story with your friends on every network "
            "you use</p></div></article></body></html>")
    doc = clean_html(html)
    assert "Share this story" not in doc.text
    assert ARTICLE[-1] in doc.text


def test_removed_containers_inside_the_article_are_listed_where_they_stood():
    html = ("<html><body><nav>Home News Sport Weather</nav><article><h1>Harbour wall funded</h1>"
            f"<p>{ARTICLE[0]}</p><div class='share-buttons'><p>Share on the networks</p></div>"
            + "".join(f"<p>{line}</p>" for line in ARTICLE[1:])
            + "</article><footer>Imprint and contact</footer></body></html>")
    doc = clean_html(html)
    texts = [line.text for line in doc.lines]
    at = texts.index("Share on the networks")
    assert doc.lines[at].reason == "share-bar"
    assert texts[at - 1] == ARTICLE[0] and texts[at + 1] == ARTICLE[1]
    # chrome outside the article is in the record too, each with its reason
    assert doc.lines[texts.index("Home News Sport Weather")].reason == "navigation"
    assert doc.lines[texts.index("Imprint and contact")].reason == "footer"
    assert "Share on the networks" not in doc.text


def test_line_also_outside_containers_stays():
    containers = [prune.Container("Home > News > Old weir to be removed", "navigation")]
    outside = "Old weir to be removed The river authority confirmed"
    reasons = prune.line_reasons(["Old weir to be removed", "News"], containers, outside)
    assert reasons == [None, "navigation"]


# --- lead paragraphs ---------------------------------------------------------------------------

LEAD = ("In a surprise move, the council has voted to fund the new harbour wall in full, two "
        "years earlier than its own plan foresaw.")


def test_lead_paragraph_before_the_main_text_is_added():
    lines = ARTICLE[1:]
    paragraphs = ["Menu", LEAD] + ARTICLE[1:]
    assert lead_lines(lines, paragraphs) == [LEAD] + ARTICLE[1:]


def test_short_lines_and_lines_far_before_are_not_added():
    far = "A long paragraph that sits well above the article, in some other box of the page. " * 2
    lines = ARTICLE[2:]
    paragraphs = [far, "x" * 10, "Short label", "Another label"] + ARTICLE[2:]
    assert lead_lines(lines, paragraphs) == ARTICLE[2:]


def test_paragraph_between_main_text_lines_is_inserted_in_place():
    lines = [ARTICLE[0], ARTICLE[2]]
    assert lead_lines(lines, [ARTICLE[0], ARTICLE[1], ARTICLE[2]]) == ARTICLE[:3]


def test_lead_run_longer_than_a_skipped_paragraph_or_two_is_not_inserted():
    # a column of reader comments between the article and a line the extractor also kept
    comments = [f"Reader comment number {n}: " + "I think the council should have waited. " * 3
                for n in range(lead.MAX_GAP + 1)]
    lines = [ARTICLE[0], ARTICLE[3]]
    assert lead_lines(lines, [ARTICLE[0], *comments, ARTICLE[3]]) == lines


# --- page blocks --------------------------------------------------------------------------------

def test_blocks_cut_at_block_tags_and_measure_link_text():
    tree = lxml.html.fromstring(
        "<html><body><div>Intro <a href='/x'>a link</a> and <b>bo</b>ld<!-- note -->text"
        "<p>First paragraph<br>after a break</p><script>var hidden = 1;</script>tail of div"
        "<nav><a href='/'>Home</a></nav></div>"
        "<ul><li><a href='/t'>Teaser title</a></li><li>Plain item</li></ul>"
        "<h2>Heading</h2></body></html>")
    got = [(b.text, b.tag, round(b.link_density, 2)) for b in page_blocks(tree)]
    assert got == [
        ("Intro a link and boldtext", "div", 0.24),  # inline tags join without a space
        ("First paragraph", "p", 0.0),
        ("after a break", "p", 0.0),
        ("tail of div", "div", 0.0),  # script text is never a block
        ("Home", "nav", 1.0),  # <nav> text is, marked as chrome (below)
        ("Teaser title", "li", 1.0),
        ("Plain item", "li", 0.0),
        ("Heading", "h2", 0.0),
    ]
    assert [b.chrome for b in page_blocks(tree)] == ["", "", "", "", "nav", "", "", ""]


# --- structure: lines judged by the block they come from ---------------------------------------

TEASER = "Council approves new cycle lanes on the bridge road after a long debate"
STRUCTURED = """<html><body><div id="page"><article><div class="body">
<h1>Old weir to be removed next spring</h1>
<p>{0}</p>
<figure><img src="w.jpg"><figcaption>The weir seen from the mill bridge</figcaption></figure>
<p>{1}</p>
<p><a href="/cycle-lanes">{teaser}</a></p>
<ul><li><a href="/report.pdf">Full report of the river authority as a PDF document</a></li></ul>
<p>{2}</p>
<p>{3}</p>
</div></article>
<div class="box">Get our free weekly email about the river</div>
</div></body></html>""".format(*ARTICLE, teaser=TEASER)


def judge(lines: list[str], tree) -> list[str | None]:
    """``structure.line_reasons`` on lines no earlier step has dropped."""
    place = structure.Placement.of(lines, page_blocks(tree))
    return structure.line_reasons(lines, place, [None] * len(lines))


def structured_reasons(lines: list[str]) -> dict[str, str | None]:
    tree = lxml.html.fromstring(STRUCTURED)
    reasons = judge(lines, tree)
    return dict(zip(lines, reasons))


def test_caption_linked_teaser_and_trailer_are_dropped():
    lines = [HEADLINE, ARTICLE[0], "The weir seen from the mill bridge", ARTICLE[1], TEASER,
             "- Full report of the river authority as a PDF document", ARTICLE[2], ARTICLE[3],
             "Get our free weekly email about the river"]
    reasons = structured_reasons(lines)
    assert reasons["The weir seen from the mill bridge"] == "caption"
    assert reasons[TEASER] == "related"
    assert reasons["Get our free weekly email about the river"] == "after-article"
    # link lists in the article are its sources; the article's own lines all stay
    assert reasons["- Full report of the river authority as a PDF document"] is None
    assert all(reasons[line] is None for line in [HEADLINE, *ARTICLE])


def test_long_line_after_the_body_is_not_a_trailer():
    more = ("The council's spokesman added that the ferry would run every twenty minutes and "
            "that tickets bought for the towpath car park stay valid during the works.")
    html = STRUCTURED.replace("Get our free weekly email about the river", more)
    tree = lxml.html.fromstring(html)
    lines = [HEADLINE, *ARTICLE, more]
    reasons = judge(lines, tree)
    assert reasons == [None] * len(lines)


def test_one_huge_paragraph_is_not_taken_for_the_article_body():
    tree = lxml.html.fromstring("<html><body><p>" + ARTICLE[0] * 20 + "</p><p>The end.</p>"
                                "</body></html>")
    lines = [ARTICLE[0] * 20, "The end."]
    assert judge(lines, tree) == [None, None]


def test_page_rules_that_hold_on_main_text_apply():
    tree = lxml.html.fromstring("<html><body><div><p>{}</p><p>{}</p></div></body></html>"
                                .format(*ARTICLE))
    signup = "Sign up for our newsletter and never miss a story from the riverside."
    lines = [ARTICLE[0], signup, ARTICLE[1]]
    reasons = judge(lines, tree)
    assert reasons[0] is None and reasons[2] is None
    assert reasons[1] in structure.PAGE_RULE_REASONS


def test_block_of_lines_matches_exact_prefix_and_list_items():
    tree = lxml.html.fromstring(f"<html><body><p>{ARTICLE[0]}</p>"
                                "<ul><li>An item of a list</li></ul></body></html>")
    blocks = page_blocks(tree)
    found = structure.block_of_lines([ARTICLE[0], ARTICLE[0][:60], "- An item of a list", "x"],
                                     blocks)
    assert [b.tag if b else None for b in found] == ["p", "p", "li", None]


# --- fast extraction, full extraction for short texts -------------------------------------------

def test_full_extraction_runs_only_when_the_fast_text_is_short(monkeypatch):
    calls = []
    real = extraction.trafilatura.bare_extraction

    def recording(tree, **kwargs):
        calls.append(kwargs.get("fast", False))
        return real(tree, **kwargs)

    monkeypatch.setattr(extraction.trafilatura, "bare_extraction", recording)
    long_page = PAGE.replace("</p>", " " + ARTICLE[3] + "</p>")  # main text of 1,400 chars
    clean_html(long_page)
    assert calls == [True]
    calls.clear()
    clean_html("<html><body><article><p>" + ARTICLE[0] + "</p></article></body></html>")
    assert calls == [True, False]


def test_text_only_cleaning_keeps_every_line_and_leaves_the_fields_empty(doc):
    bare = clean_html(PAGE, url="https://gazette.example/news/old-weir", metadata=False)
    assert bare.lines == doc.lines and bare.text == doc.text
    assert (bare.title, bare.author, bare.date, bare.description, bare.tags) == (
        None, None, None, None, [])


@pytest.mark.parametrize("page", [
    PAGE,
    # an encoding declaration in a decoded page: lxml takes it as bytes only
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><body><p>Grüße</p><p>x</p></body></html>',
    # a self-closing <html/> and a doctype on the first line, both repaired first
    '<!DOCTYPE html><html/>\n<body><p>One</p><p>Two</p></body>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/x.dtd">\n'
    '<html><body><p>One</p></body></html>',
    # control characters, which XML does not allow, are deleted
    "<html><body><p>Bell\x07 and\x0b form\ufffe feeds</p><p>x\x1f</p></body></html>",
    # no "html" at the start and one element: not taken for a page
    "<p>A fragment only</p>",
    "Plain words, no markup at all.",
])
def test_load_tree_reads_a_page_as_trafilatura_does(page):
    import trafilatura

    ours, theirs = parse_module.load_tree(page), trafilatura.load_html(page)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
        assert isinstance(ours, lxml.html.HtmlElement)  # text_content() and the rest


def test_short_window_starting_inside_a_comment_is_checked_again_in_full():
    # The last 16,000 characters begin inside a comment, whose words then look like the last
    # visible run; the tree has no comments, so only the full window shows the page is whole.
    comment = "<!-- " + "an editor's note about the layout " * 1_000 + "-->"
    page = f"<html><body><p>{ARTICLE[0]}</p>{comment}</body></html>"
    short_tail = parse_module.visible_tail(page, parse_module.SHORT_TAIL_WINDOW)
    assert short_tail and short_tail not in "".join(ARTICLE[0].split())
    tree = parse(page)
    assert tree is not None and ARTICLE[0] in tree.text_content()


def test_tail_missing_from_the_short_window_is_looked_for_in_the_full_one():
    # The page ends with 20,000 characters of markup without text: the short window holds no
    # visible run, the full one finds the article's last paragraph, which the tree has.
    page = f"<html><body><p>{ARTICLE[0]}</p>" + "<i></i>" * 3_000 + "</body></html>"
    words = parse_module.load_tree(page).text_content().split()
    assert not parse_module.is_truncated(words, page)
    assert parse_module.is_truncated(words[:-3], page)


def test_a_hashtag_line_above_the_headline_does_not_keep_it_in_the_text():
    page = PAGE.replace("<h1>", '<p class="topic">#Rivers #Gazette</p>\n<h1>', 1)
    doc = clean_html(page, url="https://gazette.example/news/old-weir")
    assert HEADLINE not in doc.text
    reasons = {line.text: line.reason for line in doc.lines}
    assert reasons[HEADLINE] == "headline"
    assert reasons["#Rivers #Gazette"] == "hashtags"
