"""Tables of contents between an article's lead and its body, on text pages."""

from __future__ import annotations

import pytest

from harvester.clean.text import contents, read_text
from harvester.clean.text.lines import split_lines
from harvester.model import Reason

MENU = ["Home", "News", "Travel", "Food", "Contact"]
HEADLINE = "Twelve walks along the northern coast"
INTRO = [
    "The northern coast has some of the finest walking in the country, from sheltered "
    "estuaries to exposed headlands where the wind rarely drops below a strong breeze.",
    "We asked our readers for their favourite routes and walked each of them again this "
    "spring, noting where to park, where to eat and which stretches are best avoided.",
]
# Sixteen sections: a table of them is long enough to part the two paragraphs above from
# the body, which then weigh too little to join it (span.SECOND_RUN_SHARE).
SECTIONS = ["The harbour loop", "Lighthouse point", "The old railway line", "Seal bay",
            "The dune path", "Castle hill", "Smugglers cove", "The salt marsh", "Puffin rock",
            "The long beach", "Chapel headland", "The river mouth", "Windmill ridge",
            "The fishing village", "Black cliffs", "The estuary path"]


def section_text(name: str) -> str:
    return (f"{name} starts from the car park by the church and follows the waymarked path for "
            f"about six kilometres, with two steep climbs and a long flat stretch by the sea; "
            f"allow three hours and bring water, as the cafe on the way closes in winter.")


def guide(entries: list[str], heading: str | None = None) -> str:
    body = []
    for name in SECTIONS:
        body += [name, section_text(name)]
    table = ([heading] if heading else []) + entries
    return "\n".join([*MENU, HEADLINE, *INTRO, *table, *body])


def verdicts(text: str, **options) -> dict[str, Reason | None]:
    return {line.text.strip(): line.reason for line in read_text(text, **options).lines}


@pytest.mark.parametrize("heading", [None, "Contents", "Inhaltsverzeichnis"])
def test_the_lead_above_a_table_of_contents_is_the_articles(heading):
    entries = [f"{n}. {name}" for n, name in enumerate(SECTIONS, 1)]
    result = read_text(guide(entries, heading))
    got = {line.text.strip(): line.reason for line in result.lines}
    assert all(got[paragraph] is None for paragraph in INTRO)
    assert all(got[entry] == Reason.NAVIGATION for entry in entries)
    layout = verdicts(guide(entries, heading), model=False)
    assert all(layout[name] is None for name in SECTIONS[1:])  # the body's own subheadings
    assert result.fields.get("title") == HEADLINE
    assert got["Travel"] is not None


def test_a_list_whose_items_do_not_come_back_below_is_no_table_of_contents():
    """A menu between the same paragraphs and the body: the layout steps do not take what
    stands above it for the article's lead (the line model may still keep it)."""
    menu = [f"* {item}" for item in ("Weather", "Tides", "Webcams", "Events", "Shop", "Maps",
                                     "Hotels", "Camping", "Buses", "Trains", "Ferries",
                                     "Parking", "Tours", "Guides", "Gifts", "Jobs")]
    got = verdicts(guide(menu), model=False)
    assert all(got[item] is not None for item in menu)
    assert all(got[paragraph] is not None for paragraph in INTRO)


def test_entries_are_matched_without_bullets_numbers_or_case():
    assert contents.entry_key("* 2. Sir Ian McKellen") == "sir ian mckellen"
    assert contents.entry_key("  3) The dune path:") == "the dune path"
    assert contents.entry_key("Seal Bay") == "seal bay"


def test_two_echoed_entries_are_not_enough():
    lines = split_lines("\n".join(["Contact us", "About us", "Our shop", "Contact us",
                                   "A paragraph of prose under the heading, as a body has it.",
                                   "About us",
                                   "A paragraph of prose under the heading, as a body has it."]))
    last = contents.subheadings(lines, len(lines))
    assert set(last) == {"contact us", "about us"}
    assert not contents.echoed_block(lines, 0, 3, last)
