"""The site-wide boilerplate learner, on a realistic stream of one site's pages."""

from harvester.clean.sitewide import SiteBoilerplate, learnable_keys, line_key
from harvester.config import CleanSettings
from harvester.model import Page
from harvester.run.counts import Counts
from harvester.run.ingest import clean_into
from harvester.store import Corpus

TAGLINE = "The Harbour Times: independent local news since 1901"
NEWSLETTER = ("The Morning Briefing from the Harbour Times: every weekday at seven, "
              "read by our editors")
FOOTER = "Harbour Times Media Group, 12 Quay Street, Porthaven PH1 2AB"

ARTICLES = [
    ("The city council approved the harbour plan on Tuesday evening, ending a dispute that had "
     "divided the old fishing district for almost a decade.",
     "Under the plan, the derelict warehouses along the north quay will become housing, a school "
     "and a public market, while the working piers stay with the fishing cooperative."),
    ("Ferry services to the islands will resume on Monday after engineers finished repairs to the "
     "damaged pier, the port authority said in a statement.",
     "Passengers with cancelled tickets can rebook without charge until the end of the month, "
     "and extra sailings have been added for the weekend."),
    ("A local bakery has won the national bread award for the second year running, beating more "
     "than four hundred entries from across the country.",
     "The owners said the prize belonged to their staff, who start work at three every morning "
     "to have the first loaves ready when the market opens."),
    ("Heavy rain flooded several streets near the river overnight, and the fire brigade pumped "
     "water from a dozen cellars before dawn.",
     "The weather service expects the rain to ease by Thursday but warned that the river will "
     "stay high for several days."),
    ("The museum reopened its maritime gallery after a two-year renovation that restored the "
     "painted ceiling and added a room for children.",
     "Admission stays free on Sundays, and the gallery's model ships can now be seen from all "
     "sides for the first time since the building opened."),
    ("Students at the harbour school raised enough money to rebuild the town's old rowing boat, "
     "which will race again at the summer regatta.",
     "Their teacher said the project taught more about physics and teamwork than a year of "
     "lessons, and that the boat would be named after the school's founder."),
]


def page(number: int, first: str, second: str, site: str = "harbourtimes.example") -> Page:
    text = "\n\n".join([TAGLINE, first, NEWSLETTER, second, FOOTER])
    return Page(data=text.encode(), source=f"https://{site}/news/{number}",
                url=f"https://{site}/news/{number}", kind="text")


def reasons_by_line(corpus: Corpus, url: str) -> dict[str, str]:
    import json

    row = corpus.db.execute("SELECT removed FROM documents WHERE url = ?", [url]).fetchone()
    return {item["line"]: item["reason"] for item in json.loads(row[0])}


def test_line_key_folds_case_spacing_and_numbers():
    assert line_key("© 2025  Harbour Times") == line_key("© 2026 harbour times")
    assert line_key("12 comments") == line_key("3 comments")
    assert line_key("Harbour Times") != line_key("Harbor Times")


def test_long_lines_are_never_learned():
    paragraph = " ".join(["word"] * 60)
    assert learnable_keys([paragraph, "Short footer line"]) == {line_key("Short footer line")}
    assert not SiteBoilerplate("s", frozenset({line_key(paragraph)})).is_boilerplate(paragraph)


def test_recurring_template_lines_are_learned_and_removed(tmp_path):
    pages = [page(i, *article) for i, article in enumerate(ARTICLES)]
    with Corpus(tmp_path / "c.db") as corpus:
        clean_into(corpus, pages, Counts(), CleanSettings(workers=0))
        late = reasons_by_line(corpus, pages[-1].url)
        texts = [row["text"] for row in corpus.db.query("SELECT text FROM documents ORDER BY id")]
    # Learned from the first three pages, the template is gone from the last one ...
    for line in (TAGLINE, NEWSLETTER, FOOTER):
        assert late.get(line) == "site-boilerplate", line
        assert line not in texts[-1]
    # ... and every article paragraph is still there: it helps and does not harm.
    for text, (first, second) in zip(texts, ARTICLES):
        assert first in text and second in text


def test_nothing_is_learned_from_too_few_pages(tmp_path):
    pages = [page(i, *article) for i, article in enumerate(ARTICLES[:3])]
    with Corpus(tmp_path / "c.db") as corpus:
        clean_into(corpus, pages, Counts(), CleanSettings(workers=0))
        reasons = reasons_by_line(corpus, pages[-1].url)
    assert "site-boilerplate" not in reasons.values()


def test_a_line_repeated_inside_one_article_is_not_boilerplate(tmp_path):
    quote = "“We will not give up the harbour,” the mayor said."
    first, second = ARTICLES[0]
    body = "\n\n".join([first, quote, second, quote, quote])
    pages = [Page(data=body.encode(), source=f"https://one.example/{i}",
                  url=f"https://one.example/{i}", kind="text") for i in range(1)]
    with Corpus(tmp_path / "c.db") as corpus:
        clean_into(corpus, pages, Counts(), CleanSettings(workers=0))
        text = corpus.db.execute("SELECT text FROM documents").fetchone()[0]
    assert text.count(quote) == 3


def test_duplicates_do_not_teach_and_sites_do_not_mix(tmp_path):
    same = page(0, *ARTICLES[0])
    copies = [Page(data=same.data, source=f"https://harbourtimes.example/copy/{i}",
                   url=f"https://harbourtimes.example/copy/{i}", kind="text") for i in range(5)]
    other_site = [page(i, *article, site="othersite.example") for i, article in
                  enumerate(ARTICLES[:1])]
    with Corpus(tmp_path / "c.db") as corpus:
        clean_into(corpus, [same, *copies], Counts(), CleanSettings(workers=0))
        assert corpus.site_line_keys("harbourtimes.example", min_docs=1, min_share=0)[0] == 1
        for i, article in enumerate(ARTICLES[1:4], start=1):
            clean_into(corpus, [page(i, *article)], Counts(), CleanSettings(workers=0))
        clean_into(corpus, other_site, Counts(), CleanSettings(workers=0))
        reasons = reasons_by_line(corpus, other_site[0].url)
    assert "site-boilerplate" not in reasons.values()
