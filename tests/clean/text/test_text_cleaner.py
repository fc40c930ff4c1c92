"""The line classifier on text pages: the two samples exactly, and pages they do not cover."""

from __future__ import annotations

import pytest

from harvester.clean import meta
from harvester.clean.text import TextResult, body, clean_text, header, header_shapes, lines, span
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


# --- the header: bylines blogs print, and lines that are never the headline -----------------------

GERMAN_BODY = [
    "Am Samstag haben wir die Beete im Schrebergarten umgegraben und die ersten Kartoffeln "
    "gesetzt, obwohl der Boden nach dem langen Regen noch ziemlich schwer war.",
    "Die Nachbarin meinte, wir seien zwei Wochen zu früh dran, aber bei dem milden Wetter "
    "wollten wir einfach nicht länger warten und haben es trotzdem gewagt.",
    "Jetzt hoffen wir auf ein paar trockene Tage, damit die Saatkartoffeln nicht faulen und "
    "wir im Sommer wieder genug für die ganze Familie ernten können.",
]


@pytest.mark.parametrize("line, author, date", [
    # published and updated date glued together, a comment count glued to the name
    ("Posted on 3. März 20213. März 2021 Author Lena Vogt2 Kommentare", "Lena Vogt", "2021-03-03"),
    ("Veröffentlicht am 04/05/2018 von Jonas Keller", "Jonas Keller", "2018-05-04"),
    ("März 7, 2016 · von wanderfalke77 · in Reisen · 3 Kommentare", "wanderfalke77", "2016-03-07"),
    ("Tobias Brandt 14. Mai 2019 14. Mai 2019Gartenpraxis", "Tobias Brandt", "2019-05-14"),
    ("Geschrieben von Sina Berger am Freitag, 6. März 2020", "Sina Berger", "2020-03-06"),
    ("By theo_k on 2019-08-02 | 5 Comments", "theo_k", "2019-08-02"),
    ("am 2. April 2018 von Karl Heinz Brückner in Vereinsleben", "Karl Heinz Brückner",
     "2018-04-02"),
    ("Mi 11 Nov 2020", None, "2020-11-11"),
    ("7. Oktober 2017 / 21:15", None, "2017-10-07"),
])
def test_blog_bylines_are_parsed(line, author, date):
    assert meta.parse_byline(line) == (author, date)


@pytest.mark.parametrize("line", [
    "Die Reise von Anna Schmidt",  # "von" inside a title, no date: no byline
    "Geschichten von Oma",
    "12/25/2020 Weihnachtsmarkt",  # month first: no date read, so no byline
])
def test_lines_with_by_words_that_are_not_bylines(line):
    assert meta.parse_byline(line) is None


def test_dates_with_slashes_glued_or_day_first():
    assert meta.find_date("13/04/2019")[0] == "2019-04-13"
    assert meta.find_date("04/13/2019") is None
    assert meta.find_date("Nina Roth05.06.2021 - 10:00 Uhr")[0] == "2021-06-05"
    assert meta.strip_dates("1. Mai 20192. Mai 2019 Text", "#") == "## Text"
    assert meta.find_date("Artikelnummer 2019123") is None


@pytest.mark.parametrize("line, reason", [
    ("Zum Video", "navigation"),
    ("Download the free guide", "navigation"),
    ("Startseite » Reisen » Italien", "navigation"),
    ("Kommentar (erforderlich)", "navigation"),
    ("@lena_schreibt", "navigation"),
    ("[deutsch] [français]", "navigation"),
    ("Liebe Leserinnen und Leser,", "navigation"),
    ("Facebook Twitter WhatsApp E-Mail", "share-bar"),
    ("Foto: Maria Lange", "caption"),
    ("Kostenlos lesen bis 18:30 Uhr", "byline"),
    ("* Post author By Mara Lind", "byline"),
    ("4 Kommentare", "byline"),
    ("Veröffentlicht am 3. März 2021", "byline"),
])
def test_header_lines_that_are_not_headlines(line, reason):
    assert header_shapes.header_reason(line) == reason
    assert not header_shapes.is_headline(line)


@pytest.mark.parametrize("line", [
    "Zur Geschichte der alten Mühle am Bach",  # "Zur" opening a longer headline
    "Warum Radfahrer im Winter mehr Licht brauchen",
    "»neu.gedacht« – ein Podcast über Städte",  # guillemets, not a breadcrumb
    "Facebook and Twitter fined in France",  # two network names are no share bar
    "Am 21. März 2021 haben wir im Garten die ersten Beete angelegt, und es hat sich gelohnt.",
])
def test_headlines_and_text_are_not_header_lines(line):
    assert header_shapes.header_reason(line) is None


def test_headline_above_a_blog_byline_with_glued_dates():
    doc = clean_text("\n".join([
        "* Start", "* Über mich", "Suche nach:",
        "Kartoffeln setzen im März",
        "Posted on 3. März 20213. März 2021 Author Lena Vogt2 Kommentare",
        *GERMAN_BODY,
    ]))
    assert (doc.title, doc.author, doc.date) == (
        "Kartoffeln setzen im März", "Lena Vogt", "2021-03-03")
    assert doc.text == "\n\n".join(GERMAN_BODY)
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert reasons["Posted on 3. März 20213. März 2021 Author Lena Vogt2 Kommentare"] == "byline"


def test_name_over_a_date_line_is_the_author_not_the_headline():
    doc = clean_text("\n".join([
        "Menü", "Garten", "Kartoffeln setzen im März", "Lena Vogt", "3. März 2021", *GERMAN_BODY,
    ]))
    assert (doc.title, doc.author, doc.date) == (
        "Kartoffeln setzen im März", "Lena Vogt", "2021-03-03")


def test_labels_credits_and_comment_counts_are_passed_over():
    doc = clean_text("\n".join([
        "Startseite", "Kartoffeln setzen im März", "Zum Video", "4 Kommentare",
        "Foto: Maria Lange", *GERMAN_BODY,
    ]))
    assert doc.title == "Kartoffeln setzen im März"
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert (reasons["Zum Video"], reasons["4 Kommentare"], reasons["Foto: Maria Lange"]) == (
        "navigation", "byline", "caption")


def test_no_headline_rather_than_a_caption_or_byline():
    doc = clean_text("\n".join([
        "Newsletter abonnieren", "Gartenfreunde vor dem Vereinsheim. Foto: Maria Lange",
        "am 2. April 2018 von Karl Heinz Brückner in Vereinsleben", *GERMAN_BODY,
    ]))
    assert doc.title is None
    assert (doc.author, doc.date) == ("Karl Heinz Brückner", "2018-04-02")


def test_photo_credit_under_the_byline_is_no_headline():
    doc = clean_text("\n".join([
        "Blog", "Frühbeet aus Paletten", "6. März 2020 · by gartenlena · in Gemüse",
        "Jonas Keller", *GERMAN_BODY,
    ]))
    assert (doc.title, doc.author) == ("Frühbeet aus Paletten", "gartenlena")
    assert {ln.text: ln.reason for ln in doc.lines}["Jonas Keller"] == "caption"


def test_one_word_over_a_byline_is_no_headline():
    doc = clean_text("\n".join(["Gartentipps", "6. März 2020 · by gartenlena · in Gemüse",
                                *GERMAN_BODY]))
    assert doc.title is None
    assert doc.date == "2020-03-06"


def test_byline_under_a_lone_paragraph_is_its_footer_not_a_header():
    lead = GERMAN_BODY[0]
    doc = clean_text("\n".join([
        "Kartoffeln setzen im März", lead, "Von Lena Vogt am 03.03.2021 um 09:07 Uhr",
        "Bisher keine Kommentare", "Kommentar schreiben",
    ]))
    assert lead in doc.paragraphs


# --- a date apart from any byline ---------------------------------------------------------------

def test_date_in_a_breadcrumb_line_far_over_the_headline():
    menu = [f"Rubrik {n}" for n in range(8)]
    doc = clean_text("\n".join([
        "Startseite", "Kultur | 18.03.2020", *menu, "Kartoffeln setzen im März", *GERMAN_BODY,
    ]))
    assert doc.title == "Kartoffeln setzen im März" and doc.date == "2020-03-18"
    assert doc.text == "\n\n".join(GERMAN_BODY)  # the dateline gives the date, nothing more


def test_dateline_in_the_body_when_the_header_has_none():
    body = [*GERMAN_BODY, *GERMAN_BODY]
    doc = clean_text("\n".join([
        "Kartoffeln setzen im März", *body[:4], "Stand: 04.05.2022 PDF drucken", *body[4:],
    ]))
    assert doc.date == "2022-05-04" and doc.author is None


def test_a_date_in_a_sentence_or_out_of_reach_is_no_dateline():
    sentence = ("Am 21. Mai 2022 wird der Stadtrat über den Antrag abstimmen, den die "
                "Gartenfreunde im vergangenen Herbst eingereicht haben.")
    doc = clean_text("\n".join(["Kartoffeln setzen im März", sentence, *GERMAN_BODY]))
    assert doc.date is None
    far = ["2. November 2022", *(f"Menüpunkt {n}" for n in range(header.DATE_REACH_ABOVE))]
    doc = clean_text("\n".join([*far, "Kartoffeln setzen im März", *GERMAN_BODY]))
    assert doc.title == "Kartoffeln setzen im März" and doc.date is None
