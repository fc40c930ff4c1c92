"""Language detection, and the uncompressed copy of py3langid's model that spares its slow load."""

from __future__ import annotations

import pytest
from py3langid import langid

from harvester.clean import language
from harvester.clean.language import default_cache, detect_language, load_model

SAMPLES = {
    "en": "The city council approved the long-debated harbour plan on Tuesday evening, ending "
          "a dispute that had divided the old fishing district for almost a decade.",
    "de": "Der Gemeinderat hat am Dienstagabend den lange umstrittenen Hafenplan genehmigt und "
          "damit einen Streit beendet, der das alte Fischerviertel fast zehn Jahre lang spaltete.",
    "fr": "Le conseil municipal a approuvé mardi soir le plan du port, longtemps débattu, mettant "
          "fin à un différend qui divisait le vieux quartier des pêcheurs depuis près de dix ans.",
    "pl": "Rada miasta zatwierdziła we wtorek wieczorem długo dyskutowany plan portu, "
          "kończąc spór, który od prawie dekady dzielił starą dzielnicę rybacką.",
}


@pytest.fixture
def unloaded(monkeypatch):
    """py3langid with no model loaded in this process (restored after the test)."""
    monkeypatch.setattr(language._LOADED, "identifier", None)


def scores() -> dict[str, tuple[str, float]]:
    return {code: load_model().classify(text) for code, text in SAMPLES.items()}


def test_the_first_load_leaves_a_copy_that_later_loads_read_instead(
        unloaded, tmp_path, monkeypatch):
    load_model(tmp_path)
    first = scores()
    assert {code: lang for code, (lang, _score) in first.items()} == {c: c for c in SAMPLES}
    copies = [p for p in tmp_path.iterdir() if p.name.startswith("py3langid-")]
    assert len(copies) == 1 and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]

    def packed_model_read(*args, **kwargs):
        raise AssertionError("the packed model was read although a copy exists")

    monkeypatch.setattr(language._LOADED, "identifier", None)
    monkeypatch.setattr(langid.LanguageIdentifier, "from_model_file", packed_model_read)
    load_model(tmp_path)
    assert scores() == first  # the same languages with the same scores


def test_a_cache_folder_that_cannot_be_written_only_means_the_slow_load(unloaded, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    load_model(blocked)
    assert detect_language(SAMPLES["de"]) == "de"
    assert blocked.read_text() == "a file where the cache folder should be"


def test_a_damaged_copy_is_passed_over(unloaded, tmp_path, monkeypatch):
    load_model(tmp_path)
    expected = scores()
    (copy,) = tmp_path.iterdir()
    (copy / "ptc.npy").write_bytes(b"not an array")
    monkeypatch.setattr(language._LOADED, "identifier", None)
    load_model(tmp_path)
    assert scores() == expected

    def packed_model_read(*args, **kwargs):
        raise AssertionError("the damaged copy was not replaced")

    # and replaced: the next process reads the copy again
    monkeypatch.setattr(language._LOADED, "identifier", None)
    monkeypatch.setattr(langid.LanguageIdentifier, "from_model_file", packed_model_read)
    load_model(tmp_path)
    assert scores() == expected


def test_detection_loads_the_model_from_the_default_cache(unloaded, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache() == tmp_path / "harvester"
    assert detect_language(SAMPLES["fr"]) == "fr"
    assert [p.name for p in (tmp_path / "harvester").iterdir()][0].startswith("py3langid-")


def test_without_a_home_folder_the_model_is_read_packed(unloaded, monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("pathlib.Path.home", no_home)
    assert default_cache() is None
    assert detect_language(SAMPLES["pl"]) == "pl"


def test_text_too_short_to_tell_has_no_language():
    assert detect_language("Breaking news") is None


def test_py3langid_module_state_is_left_alone(unloaded, tmp_path):
    before = langid.IDENTIFIER
    load_model(tmp_path)
    assert detect_language(SAMPLES["de"]) == "de"
    assert langid.IDENTIFIER is before
