import os
import subprocess
import sys
import time
from pathlib import Path

from harvester.config import CleanSettings
from harvester.model import Document, Failure, Page
from harvester.run.workers import WorkerPool, clean_one, clean_pages


def slow_on_hang(page, _boilerplate=None):
    if b"hang" in page.data:
        time.sleep(30)
    return clean_one(page)


def crash_on_boom(page, _boilerplate=None):
    if b"boom" in page.data:
        os._exit(3)
    return clean_one(page)


def hog_on_hog(page, _boilerplate=None):
    if b"hog" in page.data:
        bytearray(3 * 1024**3)  # beyond the worker's address-space cap
    return clean_one(page)


def text_page(body: str, name: str) -> Page:
    return Page(data=body.encode(), source=name, kind="text")


ARTICLE = ("The council approved the new budget on Tuesday after a long debate about schools, "
           "roads and the future of the old harbour district.")


def test_failures_pass_through_in_order():
    items = [Failure("x", "missing", "no such file"), text_page(ARTICLE, "a")]
    results = list(clean_pages(items, CleanSettings(workers=2)))
    assert [r[1].source for r in results] == ["x", "a"]
    assert isinstance(results[0][1], Failure) and isinstance(results[1][1], Document)


def test_tags_travel_with_their_results_in_input_order():
    jobs = [(f"tag-{n}", text_page(f"{ARTICLE} Number {n}.", f"p{n}")) for n in range(5)]
    jobs.insert(2, ("tag-x", Failure("x", "missing", "no such file")))
    with WorkerPool(CleanSettings(workers=2)) as pool:
        results = list(pool.clean(jobs))
    assert [tag for tag, _item, _result in results] == [tag for tag, _item in jobs]
    assert all(result.source == item.source for _tag, item, result in results)


def test_a_pool_serves_several_batches_and_stops_early_without_waiting():
    with WorkerPool(CleanSettings(workers=1)) as pool:
        first = list(pool.clean([(1, text_page(ARTICLE, "a"))]))
        batch = pool.clean([(n, text_page(ARTICLE, f"b{n}")) for n in range(4)])
        next(batch)
        batch.close()
        again = list(pool.clean([(2, text_page(ARTICLE, "c"))]))
    assert first[0][2].source == "a" and again[0][2].source == "c"


def test_binary_page_is_a_failure_with_reason():
    [(_, result)] = clean_pages([Page(data=b"\x00\x01\x02" * 100, source="b.html")],
                                CleanSettings(workers=0))
    assert isinstance(result, Failure) and result.reason == "binary"


def test_hanging_page_is_cut_and_the_rest_goes_on():
    items = [text_page("hang", "h"), text_page(ARTICLE, "a")]
    start = time.monotonic()
    results = dict((p.source, r) for p, r in clean_pages(
        items, CleanSettings(workers=2, timeout=1.0), cleaner=slow_on_hang))
    assert time.monotonic() - start < 20
    assert results["h"].reason == "clean_timeout"
    assert isinstance(results["a"], Document)


def test_crashing_worker_is_replaced():
    items = [text_page("boom", "x"), text_page(ARTICLE, "a"), text_page(ARTICLE + " Two.", "b")]
    results = dict((p.source, r) for p, r in clean_pages(items, CleanSettings(workers=1),
                                                          cleaner=crash_on_boom))
    assert results["x"].reason == "clean_crashed"
    assert isinstance(results["a"], Document) and isinstance(results["b"], Document)


def test_memory_cap_turns_a_hog_into_a_failure():
    items = [text_page("hog", "m"), text_page(ARTICLE, "a")]
    results = dict((p.source, r) for p, r in clean_pages(
        items, CleanSettings(workers=1, memory_mb=1024), cleaner=hog_on_hog))
    assert results["m"].reason in ("too_complex", "clean_crashed")
    assert isinstance(results["a"], Document)


def html_page() -> Page:
    body = (f"<html lang='en'><head><title>Budget passed | Harbour Times</title></head><body>"
            f"<article><h1>Budget passed</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
            f"</body></html>")
    return Page(data=body.encode(), source="budget.html", kind="html")


def test_a_started_pool_has_every_worker_up():
    with WorkerPool(CleanSettings(workers=2)) as pool:
        assert pool.workers_up == 2
        results = list(pool.clean([(1, text_page(ARTICLE, "a"))]))
    assert results[0][2].source == "a"


def test_a_run_of_one_page_says_nothing_on_standard_error(tmp_path):
    """The page is done before the second worker is up; the run must wait for it before it
    closes the pool (a worker still starting then printed a traceback, in one run of five)."""
    page = tmp_path / "budget.html"
    page.write_bytes(html_page().data)
    script = Path(sys.executable).with_name("harvester")  # as users run it: the worker re-reads it
    command = [str(script)] if script.exists() else [sys.executable, "-m", "harvester"]
    for _ in range(5):
        proc = subprocess.run([*command, "clean", str(page)], capture_output=True, text=True,
                              timeout=120)
        assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
        assert "the new budget" in proc.stdout


def test_text_only_settings_reach_the_workers():
    [(_, full)] = clean_pages([html_page()], CleanSettings(workers=1))
    [(_, bare)] = clean_pages([html_page()], CleanSettings(workers=1), metadata=False)
    assert full.title == "Budget passed" and full.language == "en"
    assert bare.title is None and bare.language is None and bare.text == full.text


def test_text_only_cleaning_loads_neither_the_date_parser_nor_the_language_model():
    """What only the fields need stays out of a run that prints text (its start is shorter)."""
    code = (
        "import sys\n"
        "from harvester.model import Page\n"
        "from harvester.config import CleanSettings\n"
        "from harvester.run.workers import clean_pages\n"
        f"page = Page(data={html_page().data!r}, source='p.html', kind='html')\n"
        "[(_, doc)] = clean_pages([page], CleanSettings(workers=0), metadata=False)\n"
        "assert doc.text, doc\n"
        "print(sorted(m for m in ('dateparser', 'harvester.clean.metadata.read',\n"
        "                         'harvester.clean.language') if m in sys.modules))\n")
    assert python_output(code) == "[]"


def test_pebble_polls_faster_only_while_the_pool_runs():
    import pebble

    from harvester.run.workers import POOL_POLL_SECONDS

    before = pebble.CONSTS.sleep_unit
    with WorkerPool(CleanSettings(workers=1)) as pool:
        seen = pebble.CONSTS.sleep_unit
        results = list(pool.clean([(1, text_page(ARTICLE, "a"))]))
    assert seen == POOL_POLL_SECONDS and pebble.CONSTS.sleep_unit == before
    assert results[0][2].source == "a"


def test_a_long_lived_pool_can_poll_at_its_own_pace():
    import pebble

    before = pebble.CONSTS.sleep_unit
    with WorkerPool(CleanSettings(workers=1), poll_seconds=0.25) as pool:
        seen = pebble.CONSTS.sleep_unit
        results = list(pool.clean([(1, text_page(ARTICLE, "a"))]))
    assert seen == 0.25 and pebble.CONSTS.sleep_unit == before
    assert results[0][2].source == "a"


def test_printing_text_does_not_load_the_cleaner_in_the_runs_own_process():
    code = ("import sys\n"
            "from harvester.run.workers import clean_pages\n"
            "print('harvester.clean' in sys.modules)\n")
    assert python_output(code) == "False"


def python_output(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (what a new process has imported)."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()
