"""Link lists no class names (menus, teaser grids, tag clouds) taken out before extraction."""

from __future__ import annotations

import lxml.html

from harvester.clean.html.blocks import page_blocks
from harvester.clean.html.containers import remove_link_lists

# a page with this much prose has its link lists taken out (``LINK_LIST_MIN_PROSE``)
PROSE = ("The city council approved the long-debated harbour plan on Tuesday evening, ending a "
         "dispute that had divided the old fishing district for almost a decade. Work on the "
         "new quays starts in spring and should be finished within three years.")


def links(count: int, words: str = "Another story from our pages") -> str:
    return "".join(f'<li><a href="/s/{i}">{words} {i}</a></li>' for i in range(count))


def clean(body: str):
    tree = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    removed = remove_link_lists(tree, page_blocks(tree))
    return removed, " ".join(tree.text_content().split())


def test_a_long_list_of_links_goes_and_the_article_stays():
    removed, text = clean(f'<div><ul class="x">{links(10)}</ul></div>'
                          f'<article><p>{PROSE}</p></article>')
    assert removed == 1
    assert "Another story" not in text and PROSE in text


def test_short_lists_and_lists_of_plain_text_stay():
    plain = "".join(f"<li>Step {i}: stir the sauce and wait</li>" for i in range(10))
    removed, text = clean(f"<ul>{links(7)}</ul><ol>{plain}</ol><p>{PROSE}</p>")
    assert removed == 0
    assert "Another story from our pages 6" in text and "Step 9" in text


def test_an_element_holding_prose_is_never_removed_however_many_links():
    removed, text = clean(f"<div><p>{PROSE}</p><ul>{links(40)}</ul></div>")
    assert removed == 1  # the list inside goes, the element around the paragraph stays
    assert PROSE in text


def test_a_list_inside_a_removed_one_is_counted_once():
    inner = f"<ul>{links(10)}</ul>"
    removed, text = clean(f"<div>{inner}{links(9)}</div><p>{PROSE}</p>")
    assert removed == 1 and text == PROSE


def test_media_and_form_controls_go_and_the_text_after_them_stays():
    from harvester.clean.html.containers import remove_never_text

    tree = lxml.html.fromstring(
        "<html><head><meta name='x' content='y'><link rel='stylesheet' href='a.css'>"
        "<style>p { color: red }</style><script>var tracker = 1;</script>"
        "<script type='application/ld+json'>{\"articleBody\": \"Kept\"}</script></head>"
        "<body><p>Before <button>Show all 17 steps</button>after the button.</p>"
        "<select><option>Paperback</option><option>E-book</option></select>"
        "<svg><text>Chart label</text></svg><video><source src='a.mp4'>No video</video>"
        "<p>Under a picture: <picture><img src='a.jpg' alt='A harbour'></picture>the end.</p>"
        "</body></html>")
    remove_never_text(tree)
    text = " ".join(tree.text_content().split())
    # text_content joins blocks; the JSON-LD data stay (trafilatura reads them)
    assert text == '{"articleBody": "Kept"}Before after the button.Under a picture: the end.'


def test_a_page_of_links_alone_keeps_them():
    removed, text = clean(f"<h1>Reading list</h1><ul>{links(20)}</ul>")
    assert removed == 0 and "Another story from our pages 19" in text


def test_a_reading_list_page_keeps_its_list_in_the_clean_text():
    from harvester.clean import clean_page
    from harvester.model import Page

    items = "".join(f'<li><a href="/docs/{i}">Chapter {i}: how the harbour plan came to be '
                    f"approved</a></li>" for i in range(20))
    html = (f"<html><head><title>Reading list</title></head><body><main><h1>Reading list</h1>"
            f"<ul>{items}</ul></main></body></html>")
    doc = clean_page(Page(data=html.encode(), source="list.html", kind="html"))
    assert "Chapter 19: how the harbour plan came to be approved" in doc.text
