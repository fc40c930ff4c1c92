"""The line classifier on text pages: the two samples exactly, and pages they do not cover."""

from __future__ import annotations

import pytest

from harvester.clean.text import TextResult, body, clean_text, lines, span
from harvester.clean.text.lines import TextLine

# --- the samples --------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["000_e2f2c121935323df", "004_39d35f0e286d3120"])
def test_samples_come_out_as_expected(seeds_dir, expected, stem):
    want = expected[stem]
    doc = clean_text((seeds_dir / f"{stem}.txt").read_text(encoding="utf-8"))
    assert doc.text == "\n\n".join(want["paragraphs"])
    for field in ("title", "description", "author", "date"):
        assert getattr(doc, field) == want.get(field), field
    assert doc.tags == want.get("tags", [])
    kept = {line.text for line in doc.lines if line.kept}
    assert not kept & set(want["noise"])


def test_sample_000_names_every_removed_line(seeds_dir):
    doc = clean_text((seeds_dir / "000_e2f2c121935323df.txt").read_text(encoding="utf-8"))
    reasons = {line.text: line.reason for line in doc.removed}
    assert reasons["||"] == "share-bar"
    assert reasons["Connecting Communities, One Page at a Time."] == "banner"
    assert reasons["advertisement"] == reasons["Advertisement"] == "ad-label"
    assert reasons["Donald Trump"] == "caption"
    assert reasons["Also Read"] == "also-read"
    assert reasons["Amin Masoodi 09 January 2026 12:04"] == "byline"
    assert reasons["Trump calls off Venezuela strikes after Caracas frees political prisoners"] \
        == "headline"


def test_every_nonempty_input_line_is_recorded_in_order(seeds_dir):
    raw = (seeds_dir / "000_e2f2c121935323df.txt").read_text(encoding="utf-8")
    doc = clean_text(raw)
    assert [line.text for line in doc.lines] == [r.strip() for r in raw.splitlines() if r.strip()]


# --- a news page with other phrasings -----------------------------------------------------------

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars, ending a "
    "dispute that has divided residents for more than a decade.",
    "Engineers had warned last year that the bridge, built in 1931, could no longer carry "
    "heavy traffic safely, and repairs were estimated at more than 40 million euros.",
    "Cyclists and pedestrians will still be able to cross, the mayor said, adding that a "
    "ferry service would run every twenty minutes during the morning and evening rush.",
    "Shop owners on the eastern bank said they feared losing customers, and several of them "
    "promised to challenge the decision in court before the closure takes effect in June.",
]

NEWS_PAGE = "\n".join([
    "Skip to content", "Home", "World", "Local", "Sport", "Share | Tweet | Email",
    "The Harbour Times — Your city, every day", "ADVERTISEMENT",
    "Council votes to close harbour bridge to cars",
    "The decision ends a decade-long dispute over the 1931 crossing.",
    "By Jane Doe | Jan 9, 2026", "(Image: Getty)", "Jane Doe",
    PARAGRAPHS[0], PARAGRAPHS[1], "Advertisement - scroll to continue",
    "READ MORE: Ferry operator expands timetable", PARAGRAPHS[2], PARAGRAPHS[3],
    "#HarbourBridge #Council #harbourbridge #Council",
    "Related:", "Ferry fares to rise in spring", "New cycle lanes planned for the old town",
    "Leave a Reply", "Great news, finally some peace and quiet on our street!",
    "© 2026 The Harbour Times. All rights reserved.",
])


@pytest.fixture
def news_doc():
    return clean_text(NEWS_PAGE)


def test_news_page_keeps_the_body_verbatim(news_doc):
    assert news_doc.text == "\n\n".join(PARAGRAPHS)


def test_news_page_header_goes_to_metadata(news_doc):
    assert news_doc.title == "Council votes to close harbour bridge to cars"
    assert news_doc.description == "The decision ends a decade-long dispute over the 1931 crossing."
    assert (news_doc.author, news_doc.date) == ("Jane Doe", "2026-01-09")
    assert news_doc.tags == ["HarbourBridge", "Council", "harbourbridge"]


@pytest.mark.parametrize("line, reason", [
    ("Share | Tweet | Email", "share-bar"),
    ("ADVERTISEMENT", "ad-label"),
    ("Advertisement - scroll to continue", "ad-label"),
    ("(Image: Getty)", "caption"),
    ("Jane Doe", "caption"),
    ("READ MORE: Ferry operator expands timetable", "also-read"),
    ("#HarbourBridge #Council #harbourbridge #Council", "hashtags"),
    ("By Jane Doe | Jan 9, 2026", "byline"),
    ("Skip to content", "navigation"),
    ("Great news, finally some peace and quiet on our street!", "comments"),
])
def test_news_page_noise_is_removed_with_its_reason(news_doc, line, reason):
    reasons = {ln.text: ln.reason for ln in news_doc.lines}
    assert reasons[line] == reason


def test_news_page_related_teasers_and_footer_are_dropped(news_doc):
    kept = {ln.text for ln in news_doc.lines if ln.kept}
    for line in ("Ferry fares to rise in spring", "New cycle lanes planned for the old town",
                 "© 2026 The Harbour Times. All rights reserved.", "Related:"):
        assert line not in kept


def test_german_byline_and_ad_label():
    page = "\n".join([
        "Startseite", "Politik", "Anzeige", "Stadtrat sperrt alte Hafenbrücke für Autos",
        "Von Max Mustermann, 09.01.2026", "Foto: dpa",
        "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke für den Autoverkehr "
        "zu sperren, und damit einen jahrelangen Streit beendet.",
        "Werbung",
        "Fußgänger und Radfahrer dürfen die Brücke weiter nutzen, sagte die Bürgermeisterin "
        "am Abend vor Journalisten im Rathaus.",
        "Lesen Sie auch", "Mehr zum Thema",
    ])
    doc = clean_text(page)
    assert doc.title == "Stadtrat sperrt alte Hafenbrücke für Autos"
    assert (doc.author, doc.date) == ("Max Mustermann", "2026-01-09")
    assert doc.paragraphs[0].startswith("Der Stadtrat hat am Dienstag")
    assert doc.paragraphs[1].startswith("Fußgänger und Radfahrer")
    assert len(doc.paragraphs) == 2
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert reasons["Werbung"] == reasons["Anzeige"] == "ad-label"
    assert reasons["Foto: dpa"] == "caption"
    assert reasons["Lesen Sie auch"] == "also-read"


def test_byline_with_wire_agency_and_iso_time():
    page = "\n".join([
        "Oil prices slide after Caracas deal", "Jane Doe, Reuters — 2026-01-09 14:00",
        PARAGRAPHS[0], PARAGRAPHS[1],
    ])
    doc = clean_text(page)
    assert (doc.title, doc.author, doc.date) == (
        "Oil prices slide after Caracas deal", "Jane Doe", "2026-01-09")
    assert doc.text == "\n\n".join(PARAGRAPHS[:2])


def test_page_without_header_keeps_every_paragraph_and_has_no_metadata():
    doc = clean_text("\n".join(PARAGRAPHS))
    assert doc.text == "\n\n".join(PARAGRAPHS)
    assert (doc.title, doc.author, doc.date, doc.description) == (None, None, None, None)


def test_indented_rendering_separates_sidebar_from_body():
    body = [f"        {p}" for p in PARAGRAPHS]
    sidebar = ["  Most read", "    * Ferry fares to rise in spring",
               "    * New cycle lanes planned", "    * Weather: storm warning for the coast"]
    doc = clean_text("\n".join(["  Menu", "    * Home", "    * News", *body, *sidebar]))
    assert doc.text == "\n\n".join(PARAGRAPHS)


def test_list_introduced_by_the_article_is_kept():
    page = "\n".join([
        PARAGRAPHS[0], PARAGRAPHS[1], "The council listed three conditions:",
        "  * a ferry every twenty minutes", "  * new bike racks", "  * a review in 2027",
        PARAGRAPHS[2],
    ])
    doc = clean_text(page)
    assert "* new bike racks" in doc.paragraphs


# --- extracted text (from an HTML extractor) ---------------------------------------------------

def test_extracted_text_only_loses_noise_lines():
    extracted = "\n".join([
        "Short intro.", PARAGRAPHS[0], "Advertisement", "A short line", "Also read: Ferries",
        PARAGRAPHS[1], "#Bridge #Council", "Wir verwenden Cookies auf dieser Seite.",
    ])
    doc = clean_text(extracted, extracted=True)
    assert doc.paragraphs == ["Short intro.", PARAGRAPHS[0], "A short line", PARAGRAPHS[1],
                              "Wir verwenden Cookies auf dieser Seite."]
    assert doc.tags == ["Bridge", "Council"]
    assert doc.title is None


# --- site-wide boilerplate --------------------------------------------------------------------

class KnownLines:
    def __init__(self, lines):
        self.lines = set(lines)

    def is_boilerplate(self, line: str) -> bool:
        return line in self.lines


def test_site_boilerplate_lines_are_removed_with_their_reason():
    tagline = "Independent news from the harbour since 1890, every single day of the year."
    doc = clean_text("\n".join([PARAGRAPHS[0], tagline, PARAGRAPHS[1]]),
                     boilerplate=KnownLines([tagline]))
    assert doc.text == "\n\n".join(PARAGRAPHS[:2])
    assert [ln.reason for ln in doc.lines] == [None, "site-boilerplate", None]


def test_lines_repeated_within_one_article_are_not_boilerplate():
    doc = clean_text("\n".join([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0]]),
                     boilerplate=KnownLines([]))
    assert doc.paragraphs == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0]]


# --- the steps, on plain lists -----------------------------------------------------------------

def test_split_lines_strips_and_keeps_indentation():
    records = lines.split_lines("  a\n\n    b  \n")
    assert [(r.indent, r.text) for r in records] == [(2, "a"), (4, "b")]


def test_article_span_is_the_heaviest_run():
    assert span.article_span([-1, 5, -2, 4, -10, 3]) == (1, 4)
    assert span.article_span([-1, -2]) is None


def test_join_runs_takes_a_second_heavy_run_but_not_a_light_one():
    scores = [100, 100, -50, 120, -50, -50, -50, 5]
    assert span.join_runs(scores, 0, 2) == (0, 4)


def test_prose_and_chrome_lines():
    assert lines.is_prose(lines.profile(PARAGRAPHS[0]))
    assert not lines.is_prose(lines.profile("Home"))
    tag_cloud = " ".join(["Alltag Architektur Auto Bahn Basel Baum Baustelle Beton"] * 4)
    assert not lines.is_prose(lines.profile(tag_cloud))


def test_short_runs_of_menu_lines():
    records = [TextLine(t) for t in [PARAGRAPHS[0], "Home", "News", "Sport", PARAGRAPHS[1]]]
    assert body.short_runs(records, 0, 5) == [(1, 4)]


def test_collect_tags_dedupes_in_order():
    records = [TextLine("#a #b", reason="hashtags"), TextLine("x"),
               TextLine("#b #c", reason="hashtags")]
    assert TextResult(records).tags == ["a", "b", "c"]


# --- layout signals: lead, subheadings, captions, standfirst ------------------------------------

def test_a_lead_of_two_sentences_stays_in_the_text_and_is_the_description():
    lead = ("Residents will need a permit to park near the market from May. The council says "
            "the scheme pays for itself within two years.")
    doc = clean_text("\n".join([
        "Menu", "Parking permits come to the market district", lead, "By Ann Lee | 3 March 2026",
        PARAGRAPHS[0], PARAGRAPHS[1],
    ]))
    assert doc.description == lead
    assert doc.paragraphs == [lead, PARAGRAPHS[0], PARAGRAPHS[1]]
    assert doc.title == "Parking permits come to the market district"


def test_a_lead_cut_off_by_a_table_of_contents_is_found_again():
    lead = ("Growing beans on a balcony takes little more than a deep pot, a sunny wall and "
            "some patience, as this guide to the most common questions shows.")
    contents = ["  * Which beans suit a balcony", "  * How deep should the pot be",
                "  * When to sow", "  * Watering", "  * Harvest", "  * Pests"]
    page = "\n".join([
        "Home", "Garden", "Balcony beans: the complete growing guide", "4 min read", lead,
        "Contents",
        *contents, "When to sow", *[f"{p}" for p in PARAGRAPHS],
    ])
    doc = clean_text(page)
    assert doc.paragraphs[0] == lead
    assert doc.title == "Balcony beans: the complete growing guide"
    assert not set(doc.paragraphs) & {c.strip() for c in contents}


def test_a_subheading_indented_apart_from_the_body_is_kept():
    page = "\n".join([
        "    " + PARAGRAPHS[0], "    " + PARAGRAPHS[1],
        "  What happens to the ferry", "    " + PARAGRAPHS[2], "    " + PARAGRAPHS[3],
    ])
    doc = clean_text(page)
    assert doc.paragraphs == [PARAGRAPHS[0], PARAGRAPHS[1], "What happens to the ferry",
                              PARAGRAPHS[2], PARAGRAPHS[3]]


def test_a_box_heading_over_its_own_teaser_stays_out():
    teaser = ("Harbour authority plans a new pier for cruise ships, with construction due to "
              "begin after the summer season ends.")
    page = "\n".join([
        "    " + PARAGRAPHS[0], "    " + PARAGRAPHS[1],
        "        Ports", "        New pier for cruise ships", "        " + teaser,
        "    " + PARAGRAPHS[2], "    " + PARAGRAPHS[3],
    ])
    reasons = {ln.text: ln.reason for ln in clean_text(page).lines}
    assert reasons["New pier for cruise ships"] == "aside"


def test_captions_between_paragraphs_are_removed():
    doc = clean_text("\n".join([
        PARAGRAPHS[0], "The bridge at dawn on Monday. © Marta Ruiz / Harbour Photo Agency",
        PARAGRAPHS[1], "Cyclists queue at the eastern ramp (K. Olsen / City Archive)",
        PARAGRAPHS[2],
    ]))
    assert doc.paragraphs == PARAGRAPHS[:3]
    assert {ln.reason for ln in doc.removed} == {"caption"}
