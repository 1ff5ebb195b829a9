"""The pages about all documents written as streams: the page writer gives the
bytes a whole tree gives, and the spool gives each page its lines in its order."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from tei_pipeline.writers.html import shell
from tei_pipeline.writers.html.core import PageOptions, sub
from tei_pipeline.writers.html.corpus import loose, site_page, write_page, write_within
from tei_pipeline.writers.html.spool import Spool
from tei_pipeline.writers.html.summary import DateLine, DocSummary, MentionLine
from tests.conftest import REPO
from tests.support.cases import read_cases

FIXTURES = REPO / "tests" / "fixtures" / "corpus"
MENTIONS = read_cases(FIXTURES / "mentions.cases")
DATES = read_cases(FIXTURES / "dates.cases")


def documents(source: str) -> list[tuple[str, list[str]]]:
    found = []
    for line in source.splitlines():
        name, _, items = line.partition(":")
        found.append((name.strip(), items.split()))
    return found


@pytest.mark.parametrize(
    ("title", "line", "source", "expected"),
    MENTIONS,
    ids=[f"mentions.cases:{line}" for _, line, _, _ in MENTIONS],
)
def test_mention_order(title: str, line: int, source: str, expected: str) -> None:
    with Spool() as spool:
        for name, entries in documents(source):
            summary = DocSummary(name, file=f"{name}.html", title=name)
            summary.mentions = [
                MentionLine(e, f"m-{e}-{k}", ("", str(k), "")) for k, e in enumerate(entries, 1)
            ]
            spool.add(summary)
        shown = []
        for wanted in expected.splitlines():
            entry = wanted.split(":")[0]
            per_doc: dict[str, list[str]] = {}
            for page, mention in spool.mentions(entry):
                per_doc.setdefault(page.name, []).append(mention.kwic[1])
            lines = " ".join(f"{d}({' '.join(k)})" for d, k in per_doc.items())
            shown.append(f"{entry}: {lines or '-'}")
    assert "\n".join(shown) == expected, title


@pytest.mark.parametrize(
    ("title", "line", "source", "expected"),
    DATES,
    ids=[f"dates.cases:{line}" for _, line, _, _ in DATES],
)
def test_date_order(title: str, line: int, source: str, expected: str) -> None:
    with Spool() as spool:
        for name, values in documents(source):
            summary = DocSummary(name, file=f"{name}.html", title=name)
            summary.dates = [
                DateLine(f"date-{k}", v, v, "", None, ("", v, "")) for k, v in enumerate(values, 1)
            ]
            spool.add(summary)
        shown = [
            f"{mark.start} {page.name}({mark.html_id.removeprefix('date-')})"
            for _, page, mark in spool.timeline()
        ]
    assert "\n".join(shown) == expected, title


def test_a_spooled_head_keeps_no_lines() -> None:
    summary = DocSummary("a", title="A")
    summary.mentions = [MentionLine("mao", "m-mao", ("", "Mao", ""))]
    summary.dates = [DateLine("date-1", "1917", "1917", "", None, ("", "1917", ""))]
    with Spool() as spool:
        head = spool.add(summary)
    assert (head.title, head.mentions, head.dates) == ("A", [], [])
    assert summary.mentions, "the summary given is left as it was"


def streamed(root: object, holder: object, items: list[str]) -> bytes:
    out = io.BytesIO()

    def fill(xf: object) -> None:
        for text in items:
            xf.write(loose("li", text, class_="item"))  # type: ignore[attr-defined]

    write_page(out, root, holder, fill)
    return out.getvalue()


def page_with_list() -> tuple[object, object, object]:
    options = PageOptions(site_links=(("Texts", "index.html"),), current="index.html")
    root, main = site_page("Títle & <more>", options, "Heading", "An intro.")
    main.text = "before the list "
    sub(main, "p", "first", class_="kept").tail = " between "
    ol = sub(main, "ol", class_="doc-list")
    ol.tail = " after the list"
    sub(main, "p", "last")
    return root, main, ol


def test_a_streamed_page_is_the_bytes_of_the_whole_tree() -> None:
    items = ["one", "two & three", "ünïcode"]
    root, _, ol = page_with_list()
    got = streamed(root, ol, items)
    for text in items:
        sub(ol, "li", text, class_="item")
    assert got == shell.tostring(root)


def test_the_fill_comes_after_the_children_the_holder_has() -> None:
    root, main, _ = page_with_list()
    got = streamed(root, main, ["appended"])
    sub(main, "li", "appended", class_="item")
    assert got == shell.tostring(root)
    # near miss: the same item placed before the holder's children is other bytes
    root2, main2, _ = page_with_list()
    main2.insert(0, loose("li", "appended", class_="item"))
    main2[0].tail, main2.text = main2.text, None
    assert got != shell.tostring(root2)


def test_write_within_a_nested_holder_writes_the_tail_once() -> None:
    section = loose("section", class_="decade")
    sub(section, "h2", "1910s")
    ol = sub(section, "ol")
    section.tail = "tail"
    out = io.BytesIO()
    with etree.htmlfile(out, encoding="utf-8") as xf, xf.element("div"):
        write_within(xf, section, ol, lambda xf: xf.write(loose("li", "x")))
    assert out.getvalue() == (
        b'<div><section class="decade"><h2>1910s</h2><ol><li>x</li></ol></section>tail</div>'
    )
