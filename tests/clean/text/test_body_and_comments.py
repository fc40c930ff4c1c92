"""Short lines inside the body, tables, and the readers' comments on text pages."""

from __future__ import annotations

from harvester.clean.text import clean_text, read_text
from harvester.model import Reason

BODY = [
    "The regional council approved the new cycling plan on Monday evening after a debate that "
    "lasted well into the night and drew more than two hundred residents to the town hall.",
    "Under the plan, the main road through the old town will lose one of its car lanes to a "
    "protected cycle track, and the speed limit will fall to twenty miles an hour next spring.",
    "Opponents argued that the change would push traffic into the narrow side streets, while "
    "shop owners worried that their customers would no longer find a place to park nearby.",
    "The council said it would review the scheme after one year and publish the traffic counts "
    "it collects, so that residents can judge for themselves whether the plan has worked.",
]
MENU = ["Home", "News", "Local", "Sport", "Weather"]


def page(*middle: str, tail: tuple[str, ...] = ()) -> str:
    return "\n".join([*MENU, BODY[0], BODY[1], *middle, BODY[2], BODY[3], *tail])


def test_list_items_copied_without_bullets_between_paragraphs_are_kept():
    items = ["Wider pavements", "Two new crossings", "Forty bicycle stands", "More benches"]
    doc = clean_text(page("The plan at a glance:", *items))
    for item in items:
        assert item in doc.paragraphs
    assert "Home" not in doc.paragraphs


def test_a_subheading_and_a_score_line_between_paragraphs_are_kept():
    doc = clean_text(page("What happens next", "Votes: 31-12"))
    assert "What happens next" in doc.paragraphs
    assert "Votes: 31-12" in doc.paragraphs


def test_ad_slots_between_paragraphs_are_removed_and_the_items_around_them_kept():
    doc = clean_text(page("Wider pavements", "Story continues below advertisement",
                          "Two new crossings"))
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert reasons["Story continues below advertisement"] == Reason.AD_LABEL
    assert reasons["Wider pavements"] is None and reasons["Two new crossings"] is None


def test_a_table_of_contents_between_lead_and_body_is_not_spared():
    doc = clean_text(page("Contents", "The vote", "The plan", "What happens next"))
    assert "The plan" not in doc.paragraphs


def test_a_markdown_table_stays_whole():
    table = ["| Street | Lanes before | Lanes after |", "|---|---|---|",
             "| High Street | 2 | 1 |", "| Bridge Road | 4 | 3 |"]
    doc = clean_text(page(*table))
    assert "\n\n".join(table) in doc.text


COMMENTS = (
    "3 Comments",
    "Jane Walker",
    "2 hours ago",
    "About time too. The old road was dangerous for anyone on a bike, and my children "
    "will finally be able to ride to school without me worrying all morning.",
    "Reply",
    "Tom B.",
    "5 hours ago",
    "This will only move the traffic jams into our street, which nobody at the council "
    "seems to have thought about for even a minute.",
    "Like · Reply · Report",
)


def test_a_comment_section_is_removed_as_comments():
    doc = clean_text(page(tail=COMMENTS))
    assert doc.text == "\n\n".join(BODY)
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert reasons[COMMENTS[3]] == Reason.COMMENTS
    assert doc.comments == ""


def test_comments_are_kept_apart_when_asked():
    doc = clean_text(page(tail=COMMENTS), comments=True)
    assert doc.text == "\n\n".join(BODY)
    assert doc.comments == "\n\n".join([COMMENTS[1], COMMENTS[3], COMMENTS[5], COMMENTS[7]])


def test_a_comment_thread_without_a_heading_is_found_by_its_furniture():
    doc = clean_text(page(tail=COMMENTS[1:]))
    assert doc.text == "\n\n".join(BODY)
    assert COMMENTS[3] not in doc.text


def test_a_one_word_subheading_like_response_does_not_open_the_comments():
    doc = clean_text(page("Response", tail=()))
    assert doc.text.endswith(BODY[3])
    assert BODY[2] in doc.paragraphs


def test_a_timetable_is_not_a_comment_thread():
    times = ["Warm up 11:00", "Contest 12:00", "Awards 18:30", "Party 23:00"]
    doc = clean_text(page(tail=("The schedule of the day:", *times, BODY[0][:120] + ".")))
    assert not [ln for ln in doc.lines if ln.reason == Reason.COMMENTS]


def test_the_result_gives_every_line_a_record():
    result = read_text(page("What happens next"))
    assert [ln.text for ln in result.lines][:5] == MENU
    assert result.to_document().text == result.text


def test_clean_page_passes_the_comments_choice_to_text_pages():
    from harvester.clean import clean_page
    from harvester.model import Page

    data = page(tail=COMMENTS).encode()
    kept = clean_page(Page(data=data, source="saved.txt", kind="text"), comments=True)
    dropped = clean_page(Page(data=data, source="saved.txt", kind="text"))
    assert COMMENTS[3] in kept.comments and COMMENTS[3] not in kept.text
    assert dropped.comments == ""


def test_the_storys_closing_credit_after_its_last_paragraph_is_kept():
    """Too short for the prose run, the credit stands just below it; the footer under it is
    the page's."""
    doc = clean_text(page(tail=("Advertisement", "Mit Material von dpa", "© 2026 Harbour Times",
                                "Reuters contributed to this report")))
    assert doc.paragraphs[-1] == "Mit Material von dpa"
    assert "Reuters contributed to this report" not in doc.paragraphs  # below the footer


RESULTS = ["1.    Berg, Anna       1993    LG Nord     13,04    sec.",
           "2.    Wolf, Maike      1992    LG Süd      13,32    sec.",
           "3.    Kranz, Lena      1993    LG Nord     13,37    sec."]


def test_a_table_laid_out_with_spaces_inside_the_body_stays_whole():
    body = "\n".join(BODY[:2])
    rows = "\n".join("        " + row for row in RESULTS)  # deeper than the body, as rendered
    text = "\n".join([*MENU, body, rows, BODY[2], BODY[3]])
    result = read_text(text, model=False)
    kept = {ln.text for ln in result.lines if ln.kept}
    assert set(RESULTS) <= kept
    assert set(RESULTS) <= set(clean_text(text).paragraphs)


def test_one_line_spaced_like_a_table_row_is_no_table():
    text = "\n".join([*BODY[:2], "        Home    News    Sport", *BODY[2:]])
    result = read_text(text, model=False)
    [menu] = [ln for ln in result.lines if ln.text.startswith("Home")]
    assert not menu.kept
