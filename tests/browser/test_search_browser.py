"""The site's search in a real browser (headless Chromium through Playwright), served
over HTTP and opened from disk (file://): type a word from a text into the search
box of a page, follow the first hit, land on the paragraph that holds the word;
filter by person; a word of two texts in different shards of the index found in
both, and a filter that narrows it to one; and screenshots of the search page and
the timeline picture into output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import base64
import functools
import gzip
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from tei_pipeline.writers.html import search_index
from tests.browser.test_site_browser import (  # noqa: F401
    QuietHandler,
    built_site,
    open_page,
    served,
    shot,
)
from tests.support import checkers

pytestmark = pytest.mark.checker


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with checkers.launch_browser() as b:  # skips, or fails under CI, without chromium
        yield b


@pytest.fixture(scope="module")
def on_disk(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, bytes]]:
    """The same site as a plain folder, opened with file:// URLs."""
    site, _ = built_site()
    root = tmp_path_factory.mktemp("site-on-disk")
    for path, data in site.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root.as_uri() + "/", site


def a_word_of_a_text(site: dict[str, bytes]) -> str:
    """A long, rare word from the middle of a text's paragraphs (in one text only)."""
    counts: dict[str, set[str]] = {}
    for path, data in sorted(site.items()):
        if not path.endswith(".html") or path in (
            "index.html",
            "names.html",
            "timeline.html",
            "search.html",
        ):
            continue
        for p in html.document_fromstring(data).xpath("//main//p[@id]"):
            for word in re.findall(r"[a-z]{9,}", p.text_content()):
                counts.setdefault(word, set()).add(path)
    rare = sorted(w for w, pages in counts.items() if len(pages) == 1)
    assert rare, "no word to search for"
    return rare[len(rare) // 2]


def search_and_follow(browser: Any, base: str, site: dict[str, bytes], name: str) -> None:
    word = a_word_of_a_text(site)
    page, errors = open_page(browser, base + "index.html", viewport={"width": 390, "height": 844})
    box = page.locator("#site-search-q")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    first = page.locator("#search-results li a").first
    first.wait_for(state="visible")
    assert "result" in page.inner_text("#search-status")
    shot(page, f"search-{name}")
    href = first.get_attribute("href") or ""
    assert re.fullmatch(r"[^/#]+\.html#p\d+", href), href  # the very paragraph
    first.click()
    target = href.split("#", 1)[1]
    page.wait_for_function(f"location.hash === '#{target}'")
    landed = page.eval_on_selector(f"[id='{target}']", "el => [el.tagName, el.textContent]")
    assert landed[0] == "P"
    assert word in landed[1].lower()
    assert page.eval_on_selector(f"[id='{target}']", "el => el.matches(':target')")
    assert errors == []
    page.context.close()


def test_search_over_http_lands_on_the_paragraph(
    served: tuple[str, dict[str, bytes]],  # noqa: F811
    browser: Any,
) -> None:
    search_and_follow(browser, served[0], served[1], "http")


def test_search_from_disk_lands_on_the_paragraph(
    on_disk: tuple[str, dict[str, bytes]], browser: Any
) -> None:
    search_and_follow(browser, on_disk[0], on_disk[1], "file")


def test_filter_by_person_and_decade(on_disk: tuple[str, dict[str, bytes]], browser: Any) -> None:
    base, site = on_disk
    page, errors = open_page(browser, base + "search.html")
    options = page.locator("#search-person option")
    options.nth(1).wait_for(state="attached")
    person = options.nth(1).get_attribute("value") or ""
    page.select_option("#search-person", person)
    page.locator("#search-results li a").first.wait_for(state="visible")
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    pages = {Path(h.split("#")[0]).name for h in hrefs}
    for found in pages:  # every result is a page that names the person
        text = site[found].decode("utf-8")
        assert f'data-pagefind-filter="person">{person}<' in text or found == "names.html"
    decades = page.locator("#search-decade option")
    assert decades.count() > 1
    assert re.fullmatch(r"\d+s( BCE)?", decades.nth(1).get_attribute("value") or "")
    assert errors == []
    page.context.close()


def test_timeline_picture(served: tuple[str, dict[str, bytes]], browser: Any) -> None:  # noqa: F811
    base, _ = served
    for width in (360, 1100):
        page, errors = open_page(
            browser, base + "timeline.html", viewport={"width": width, "height": 800}
        )
        chart = page.locator("svg.timeline-chart")
        box = chart.bounding_box()
        assert box is not None and 0 < box["width"] <= width
        # the axis labels stay readable: at least 10 CSS pixels high
        label = page.locator("svg.timeline-chart text.year").first.bounding_box()
        assert label is not None and label["height"] >= 10
        shot(page, f"timeline-chart-{width}")
        if width == 360:
            mark = page.locator("svg.timeline-chart a").first
            href = mark.get_attribute("href") or ""
            mark.locator("circle, rect").first.click()
            page.wait_for_function(f"location.hash === '#{href.split('#')[1]}'")
        assert errors == []
        page.context.close()


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The site with its index split one page a shard (SHARD_PAGES = 1: the texts
    spread over 8 shards), written to a folder, opened from disk and served."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SHARD_PAGES", 1)
        site, _ = built_site()
    root = tmp_path_factory.mktemp("sharded")
    for path, data in site.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield {
            "site": site,
            "http": f"http://127.0.0.1:{server.server_address[1]}/",
            "file": root.as_uri() + "/",
        }
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def shard_of_page(site: dict[str, bytes], page: str) -> str:
    """The shard whose offline table holds the page's fragment: read from the
    bundle, not from the rule the writer used."""
    for path in site:
        if path.endswith("/pagefind-entry.json"):
            shard = path.split("/")[1]
            offline = site[f"pagefind/{shard}/offline.js"].decode()
            for b64 in re.findall(r'"fragment/[^"]+": "([^"]+)"', offline):
                raw = gzip.decompress(base64.b64decode(b64))
                if json.loads(raw[raw.index(b"{") :])["url"] == f"/{page}":
                    return shard
    raise AssertionError(f"{page} is in no shard")


def a_word_of_two_shards(site: dict[str, bytes]) -> tuple[str, str, str]:
    """A word in exactly two texts' paragraphs, the two texts in different shards."""
    counts: dict[str, set[str]] = {}
    for path, data in sorted(site.items()):
        if path.endswith(".html") and b"data-pagefind-body" in data and path != "names.html":
            for p in html.document_fromstring(data).xpath("//main//p[@id]"):
                for word in re.findall(r"[a-z]{7,}", p.text_content()):
                    counts.setdefault(word, set()).add(path)
    for word, pages in sorted(counts.items()):
        if len(pages) == 2:
            one, other = sorted(pages)
            if shard_of_page(site, one) != shard_of_page(site, other):
                return word, one, other
    raise AssertionError("no word in two texts of different shards")


def results(page: Any) -> set[str]:
    page.wait_for_function(
        "!/Searching|Loading/.test(document.getElementById('search-status').textContent)"
    )
    hrefs = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    return {Path(h.split("#")[0]).name for h in hrefs}


@pytest.mark.parametrize("how", ["http", "file"])
def test_the_shards_are_searched_as_one(sharded: dict[str, Any], browser: Any, how: str) -> None:
    site = sharded["site"]
    shards = json.loads(site["pagefind/shards.js"].decode().split("=", 1)[1].rstrip(";\n "))
    assert len(shards) > 2  # several shards of texts and the names page's own
    word, one, other = a_word_of_two_shards(site)
    page, errors = open_page(browser, f"{sharded[how]}search.html?q={word}")
    assert {one, other} <= results(page)  # and more: Pagefind finds the word's stem
    title = (
        html.document_fromstring(site[one])
        .xpath("//main/div[@hidden]/span[@data-pagefind-filter='text']")[0]
        .text
    )
    page.select_option("#search-text", title)  # the filter narrows it to that text
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert results(page) == {one}
    assert "1 result" in page.inner_text("#search-status")
    assert errors == []
    page.context.close()
