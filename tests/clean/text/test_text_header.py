"""The text cleaner's header: bylines as blogs print them, lines that are never the headline,
and dates apart from any byline."""

from __future__ import annotations

import pytest

from harvester.clean import meta
from harvester.clean.text import clean_text, header, header_shapes

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
