"""Every block of an HTML page ends in the record: kept, or removed with a named reason; the
header goes to the fields; reader comments are kept on request."""

import json

import pytest
from typer.testing import CliRunner

from harvester.clean import clean_page
from harvester.cli import app
from harvester.config import parse_config
from harvester.model import Page

BODY = [
    "The city council approved the long-debated harbour plan on Tuesday evening, ending a "
    "dispute that had divided the old fishing district for almost a decade.",
    "Under the plan, the derelict warehouses along the north quay will become housing, a school "
    "and a public market, while the working piers stay with the fishing cooperative.",
    "Opponents said they would keep watching how the money is spent, but welcomed the promise "
    "that no resident of the district would be moved against their will.",
]
COMMENT = "Great news for the district, finally the old warehouses along the quay will go."
PAGE = f"""<html><head><title>Harbour plan approved | Valley Times</title></head><body>
<div class="breaking-bar"><a href="/live">Live: storm warning for the coast</a></div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept</div>
<article><h1>Harbour plan approved</h1>
<p class="byline">By Jane Doe, 3 March 2026</p>
<p>{BODY[0]}</p>
<figure><img src="quay.jpg"><figcaption>The north quay at dawn.</figcaption></figure>
<p>{BODY[1]}</p><p>{BODY[2]}</p>
<p class="post-tags">#harbour #council</p>
<div class="newsletter">Sign up for our newsletter</div></article>
<div class="related"><h3>Related</h3><ul>
<li><a href="/a">Another story about the council and its budget</a></li></ul></div>
<div id="comments"><h3>2 comments</h3><div class="comment"><p>{COMMENT}</p></div></div>
<footer>© 2026 Valley Times. All rights reserved.</footer></body></html>"""


def clean(**options):
    page = Page(data=PAGE.encode(), source="harbour.html", url="https://valleytimes.example/a",
                kind="html")
    return clean_page(page, **options)


@pytest.fixture(scope="module")
def doc():
    return clean()


def test_the_text_is_the_body_alone(doc):
    assert doc.paragraphs == BODY


@pytest.mark.parametrize("text, reason", [
    ("Live: storm warning for the coast", "breaking-news"),
    ("Home News Sport", "navigation"),
    ("We use cookies to improve your experience. Accept", "cookie-notice"),
    ("Harbour plan approved", "headline"),
    ("By Jane Doe, 3 March 2026", "byline"),
    ("The north quay at dawn.", "caption"),
    ("#harbour #council", "hashtags"),
    ("Sign up for our newsletter", "newsletter"),
    ("Another story about the council and its budget", "related"),
    (COMMENT, "comments"),
    ("© 2026 Valley Times. All rights reserved.", "footer"),
])
def test_each_block_has_its_reason(doc, text, reason):
    assert (text, reason) in [(line.text, line.reason) for line in doc.lines]


def test_every_block_of_the_page_is_in_the_record_in_page_order(doc):
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Live: storm warning for the coast"
    assert texts[-1] == "© 2026 Valley Times. All rights reserved."
    assert texts.index("The north quay at dawn.") == texts.index(BODY[0]) + 1
    assert all(line.reason for line in doc.removed)


def test_the_header_goes_to_the_fields(doc):
    assert doc.title == "Harbour plan approved"
    assert doc.author == "Jane Doe"
    assert doc.date == "2026-03-03"


def test_hashtags_in_a_classed_paragraph_are_tags(doc):
    assert doc.tags[:2] == ["harbour", "council"]


def test_the_text_is_the_same_without_metadata(doc):
    bare = clean(metadata=False)
    assert bare.text == doc.text and bare.lines == doc.lines


def test_comments_are_left_out_by_default(doc):
    assert doc.comments == "" and COMMENT not in doc.text


def test_comments_on_request_go_to_their_field():
    kept = clean(comments=True)
    assert COMMENT in kept.comments
    assert COMMENT not in kept.text
    assert kept.paragraphs == BODY


def test_clean_command_prints_comments_in_json(tmp_path):
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "--json", "--comments", "--workers", "0",
                                      str(tmp_path / "harbour.html")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert COMMENT in record["comments"] and COMMENT not in record["text"]
    plain = CliRunner().invoke(app, ["clean", "--json", "--workers", "0",
                                     str(tmp_path / "harbour.html")])
    assert "comments" not in json.loads(plain.stdout)


def test_explain_shows_removed_chrome_and_comments(tmp_path):
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", "--comments", str(tmp_path / "harbour.html")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "- [cookie-notice] We use cookies to improve your experience. Accept" in lines
    assert "- [footer] © 2026 Valley Times. All rights reserved." in lines
    assert f"  {COMMENT}" in lines[lines.index("# comments:") + 1:]


def test_config_turns_comments_on(tmp_path):
    config = parse_config({"clean": {"comments": True}}, base=tmp_path)
    assert config.clean.comments is True
    assert parse_config({}, base=tmp_path).clean.comments is False
