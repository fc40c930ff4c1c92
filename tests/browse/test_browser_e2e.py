"""End to end in a real browser: headless Chromium against ``harvester serve`` on 127.0.0.1.

Chromium is driven over the DevTools protocol (a websocket), with real key presses and mouse
clicks. Install it with ``make browser-deps`` (Debian's ``chromium`` package). The screenshot
goes to the test's temporary folder; with HARVESTER_SCREENSHOT_DIR set (``make screenshot``) it
is also copied there as ``screenshot-document.png``: the README's picture.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import time
from base64 import b64decode
from pathlib import Path

import httpx
import pytest
from browse_samples import FIRST_URL, build_sample_corpus, serving
from websockets.sync.client import connect

from harvester.store import Corpus

CHROMIUM = Path(os.environ.get("HARVESTER_CHROMIUM", "/usr/bin/chromium"))
# Headless as root in a container, with nothing going out but to 127.0.0.1.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
]
WIDTH = 1100
# Generous: a cold Chromium start on a busy 2-core CI machine takes a few seconds.
TIMEOUT = 30.0


class Browser:
    """One headless Chromium tab, driven over the DevTools protocol."""

    def __init__(self, profile: Path):
        profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             f"--window-size={WIDTH},900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.profile = profile
        self.ids = itertools.count(1)
        self.socket = None  # the tab's DevTools websocket, opened by the fixture

    def page_socket_url(self) -> str:
        """Chromium writes its debugging port into the profile once it listens."""
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"chromium exited with {self.process.returncode}")
            if port_file.exists() and port_file.read_text().strip():
                port = port_file.read_text().split()[0]
                targets = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
                pages = [t for t in targets if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.1)
        raise AssertionError("chromium did not open its DevTools port")

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def send(self, method: str, **params) -> dict:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:  # events in between are not needed: pages are awaited by polling
            reply = json.loads(self.socket.recv(timeout=TIMEOUT))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}: {self.js('location.href')}")

    def wait_for_page(self, path: str, **query) -> None:
        """Until the tab shows ``path`` (with these query parameters among others), loaded."""
        checks = [f"location.pathname === {json.dumps(path)}",
                  "document.readyState === 'complete'"]
        checks += [f"new URLSearchParams(location.search).get({json.dumps(k)}) === "
                   f"{json.dumps(v)}" for k, v in query.items()]
        self.wait_for(" && ".join(checks), f"{path} {query}")

    def go(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && "
                      "document.readyState === 'complete'", url)

    def type_and_enter(self, selector: str, text: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)
        enter = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        self.send("Input.dispatchKeyEvent", type="keyDown", text="\r", **enter)
        self.send("Input.dispatchKeyEvent", type="keyUp", **enter)

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element, scrolled into view first."""
        box = self.js(f"""(() => {{
            const node = document.querySelector({json.dumps(selector)});
            node.scrollIntoView({{block: 'center'}});
            // The first line box: a link wrapping over lines has gaps inside its bounds.
            const r = node.getClientRects()[0];
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
        }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, button="left", clickCount=1, **box)

    def screenshot(self, path: Path) -> bytes:
        """The whole page, at the browser's width."""
        self.js("window.scrollTo(0, 0)")
        height = self.js("document.documentElement.scrollHeight")
        self.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=height,
                  deviceScaleFactor=1, mobile=False)
        data = b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        path.write_bytes(data)
        return data


@pytest.fixture
def browser(tmp_path):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: run `make browser-deps` to install Debian's "
                    "chromium (or set HARVESTER_CHROMIUM to a Chromium binary)")
    browser = Browser(tmp_path / "chromium-profile")
    try:
        with connect(browser.page_socket_url(), max_size=None, open_timeout=TIMEOUT) as socket:
            browser.socket = socket
            yield browser
    finally:
        browser.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.slow
def test_search_open_a_document_and_expand_its_removed_lines(tmp_path, browser):
    sample = build_sample_corpus(tmp_path / "corpus.db")
    with Corpus(sample.path, read_only=True) as corpus:
        doc = corpus.document(sample.first)
    removed = json.loads(doc["removed"])

    with serving(sample.path) as base:
        # Search for a word of the first sample with the table's search box.
        browser.go(f"{base}/corpus/documents")
        browser.type_and_enter("input[name=_search]", "Foro")
        browser.wait_for_page("/corpus/documents", _search="Foro")
        found = browser.js("[...document.querySelectorAll('td.col-title a')]"
                           ".map(a => [a.textContent, a.getAttribute('href')])")
        assert sorted(found) == sorted([[doc["title"], f"/corpus/documents/{sample.first}"],
                                        [doc["title"], f"/corpus/documents/{sample.copy}"]])
        excerpts = browser.js("[...document.querySelectorAll('td.col-text')]"
                              ".map(td => td.textContent.trim())")
        assert len(excerpts) == 2 and all(e.endswith("…") and len(e) < 300 for e in excerpts)

        # Open the document: its article, metadata, link to the original.
        browser.click(f"td.col-title a[href='/corpus/documents/{sample.first}']")
        browser.wait_for_page(f"/corpus/documents/{sample.first}")
        assert browser.js("document.querySelector('article h1').textContent") == doc["title"]
        shown = browser.js("[...document.querySelectorAll('.hv-text p')]"
                           ".map(p => p.innerText)")
        assert shown == doc["text"].split("\n\n")
        assert browser.js("document.querySelector('.hv-original a').href") == FIRST_URL
        assert browser.js("document.querySelector('.hv-story li a').getAttribute('href')") \
            == f"/corpus/documents/{sample.second}"

        # The removed lines are collapsed until their summary is clicked.
        table_shown = "document.querySelector('details.hv-removed table').checkVisibility()"
        details_height = "document.querySelector('details.hv-removed').offsetHeight"
        assert browser.js("document.querySelector('details.hv-removed').open") is False
        assert browser.js(table_shown) is False
        closed_height = browser.js(details_height)
        browser.click("details.hv-removed summary")
        browser.wait_for("document.querySelector('details.hv-removed').open", "details open")
        assert browser.js(table_shown) is True
        assert browser.js(details_height) > closed_height + 10 * len(removed)
        rows = browser.js("[...document.querySelectorAll('details.hv-removed tr')]"
                          ".map(tr => [tr.cells[0].innerText, tr.cells[1].innerText])")
        assert rows == [[item["reason"], item["line"]] for item in removed]

        shot = browser.screenshot(tmp_path / "document.png")
    width, height = png_size(shot)
    assert width == WIDTH and height > 900
    if os.environ.get("HARVESTER_SCREENSHOT_DIR"):
        target = Path(os.environ["HARVESTER_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp_path / "document.png", target / "screenshot-document.png")


@pytest.mark.slow
def test_plain_word_search_the_reading_list_and_a_story_page(tmp_path, browser):
    sample = build_sample_corpus(tmp_path / "corpus.db")
    with serving(sample.path) as base:
        # The home page's search box takes plain words with punctuation.
        browser.go(f"{base}/")
        browser.type_and_enter("form.hv-searchbox input[name=q]", "oil, Venezuela")
        browser.wait_for_page("/-/search", q="oil, Venezuela")
        found = browser.js("[...document.querySelectorAll('.hv-results > li')]"
                           ".map(li => Number(li.dataset.documentId))")
        assert sorted(found) == sorted([sample.first, sample.second])  # the copy folded in
        marked = browser.js("[...document.querySelectorAll('.hv-results mark')]"
                            ".map(m => m.textContent.toLowerCase())")
        assert marked and set(marked) <= {"oil", "venezuela"}

        # The reading list, one click away, with the story of the first article.
        browser.click(".hv-nav a[href='/-/reading-list']")
        browser.wait_for_page("/-/reading-list")
        listed = browser.js("[...document.querySelectorAll('.hv-reading-list > li')]"
                            ".map(li => Number(li.dataset.documentId))")
        assert sorted(listed) == sorted([sample.first, sample.second])
        browser.click(f".hv-reading-list li[data-document-id='{sample.first}'] a.hv-story-link")
        browser.wait_for_page(f"/-/story/{sample.first}")
        articles = browser.js("[...document.querySelectorAll('.hv-story-documents > li')]"
                              ".map(li => Number(li.dataset.documentId))")
        assert articles == [sample.first, sample.second]
        assert browser.js("document.querySelector('.hv-copies-list a').textContent") \
            == "mirror.example"

        # From the story to a document and back to its original's name.
        browser.click(".hv-copies-list a")
        browser.wait_for_page(f"/corpus/documents/{sample.copy}")
        note = browser.js("document.querySelector('.hv-duplicate-of').innerText")
        assert "valley-times.example, 2026-01-09" in note
