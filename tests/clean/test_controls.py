"""Lines of a page's controls: buttons, players, app prompts and form labels, in several
languages; and the story's own lines that share their words."""

from __future__ import annotations

import pytest

from harvester.clean import controls, rules
from harvester.clean.text import read_text


@pytest.mark.parametrize("line", [
    "Skip this ad", "Report this ad", "Listen to the article", "Turn on push notifications",
    "Download the free app", "Open in app", "View all photos", "Show 12 comments",
    "Become a subscriber", "Already a member? Sign in", "Enter your e-mail",
    "Artikel anhören", "Jetzt die App herunterladen", "Bildergalerie öffnen", "Ihre E-Mail-Adresse",
    "Écouter l'article", "Écouter cet article", "Télécharger l'application",
    "Votre adresse e-mail", "Diesen Artikel anhören", "Escucha este artículo",
    "Escucha el artículo", "Descarga la app", "Tu correo electrónico",
    "Ascolta l'articolo", "Scarica l'app", "Posłuchaj artykułu", "Pobierz aplikację",
    "Ouça a matéria", "Baixe o aplicativo", "Luister naar het artikel", "Download de app",
])
def test_control_lines_in_languages(line):
    assert controls.CONTROL.search(line)
    assert rules.noise_reason(line) in ("navigation", "ad-label", "promo")


@pytest.mark.parametrize("line", [
    # A word that is not the interface's makes it the story's.
    "Watch the sunrise over the bay", "Open the door and listen", "The story of the app",
    "Get out of the car", "Your children deserve better", "Download speeds doubled in May",
    # One word is no control; a sentence is longer than one.
    "Video", "Play",
    "Listen to the article the minister wrote for the paper in May, and you will see why "
    "the party split",
])
def test_lines_of_the_story_are_not_controls(line):
    assert not controls.CONTROL.search(line)


@pytest.mark.parametrize("line", [
    "File photo", "Stock image", "Representative image", "Symbolbild", "Photo d'illustration",
    "Foto de archivo", "Photo 2 of 14", "Bild 3 von 9", "Image caption: Rescuers at the site",
    "Image source: Getty Images",
])
def test_picture_labels(line):
    assert controls.PICTURE_LABEL.search(line)
    assert rules.noise_reason(line) == "caption"


def test_a_sentence_about_a_photo_is_no_picture_label():
    assert not controls.PICTURE_LABEL.search("The file photo showed him in 1998.")


@pytest.mark.parametrize("line", ["WATCH: Flood waters rise in the old town",
                                  "VIDEO: The moment the bridge opened",
                                  "IN PICTURES: A winter on the island"])
def test_media_teasers(line):
    assert controls.MEDIA_TEASER.search(line)
    assert rules.noise_reason(line) in ("also-read", "caption")  # "Video:" is a credit word too


def test_a_line_that_starts_with_watch_is_prose_without_a_colon():
    assert rules.noise_reason("Watch closely, the coach told his players before the match.") is None


def test_controls_are_page_rules_only():
    # Like the promo rules: an extractor's main text (page=False) is not judged by them.
    assert rules.noise_reason("Listen to the article", page=False) is None


def test_a_text_page_read_without_noise_rules_names_no_line_by_rule():
    text = "Skip this ad\n\n" + "\n\n".join(
        "The council met on Monday and agreed to rebuild the bridge over the river next year."
        for _ in range(4))
    with_rules = read_text(text, model=False)
    without = read_text(text, model=False, noise_rules=False)
    assert with_rules.lines[0].rule == "ad-label"
    assert all(line.rule is None for line in without.lines)


def test_a_player_button_under_the_byline_is_not_taken_for_the_headline():
    body = ("Un incendie s'est déclaré vers 2 heures du matin dans un immeuble de six étages, "
            "obligeant l'évacuation d'une quarantaine d'habitants du quartier.")
    text = "\n".join(["Menu", "Incendie à Marseille : un immeuble évacué dans la nuit",
                      "Par Julien Moreau", "Écouter cet article", body, body.replace("2", "3"),
                      body.replace("six", "sept")])
    result = read_text(text)
    assert result.fields["title"] == "Incendie à Marseille : un immeuble évacué dans la nuit"
    assert result.fields["author"] == "Julien Moreau"
