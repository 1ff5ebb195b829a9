"""The timeline's SVG picture: marks by year, stacking, spans, axis, accessibility."""

from __future__ import annotations

import re

import pytest
from lxml import etree, html

from tei_pipeline.writers.html.timeline_chart import (
    MAX_ROWS,
    STEP,
    WIDTH,
    Mark,
    tick_years,
    timeline_chart,
    year_label,
)
from tests.conftest import REPO
from tests.support.cases import read_cases

CASES = REPO / "tests" / "fixtures" / "timeline" / "chart.cases"


def marks_of(spec: str) -> list[Mark]:
    marks = []
    for k, line in enumerate(spec.splitlines()):
        m = re.fullmatch(r"(-?\d+)(?:-(\d+))?( \?)?", line.strip())
        assert m, line
        end = int(m[2]) if m[2] else None
        marks.append(Mark(int(m[1]), f"t.html#date-{k}", line, "t.html", bool(m[3]), end))
    return marks


def drawn_lines(svg: etree._Element | None, marks: list[Mark]) -> str:
    if svg is None:
        return "(no picture)"
    base = float(svg.find("line").get("y1"))
    by_href = {m.href: m for m in marks}
    lines = []
    for link in svg.iter("a"):
        shape = link[1]
        mark = by_href[link.get("href")]
        middle = float(shape.get("cy") or float(shape.get("y")) + float(shape.get("height")) / 2)
        row = round((base - middle - 6) / STEP)
        kind = "dot" if shape.tag == "circle" else "bar"
        hollow = "hollow " if "unsure" in shape.get("class") else ""
        lines.append(f"{hollow}{kind} {mark.year} row {row}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("title", "line", "source", "expected"),
    read_cases(CASES),
    ids=[f"{CASES.name}:{line}" for _, line, _, _ in read_cases(CASES)],
)
def test_chart_cases(title: str, line: int, source: str, expected: str) -> None:
    marks = marks_of(source)
    assert drawn_lines(timeline_chart(marks), marks) == expected, title


def test_chart_is_one_image_for_screen_readers_with_mouse_only_links() -> None:
    marks = marks_of("1917\n1948 ?\n2022")
    svg = timeline_chart(marks)
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg[0].tag == "title" and svg[0].get("id") == "chart-title"
    assert svg[1].tag == "desc" and "3 dates from 1 text, 1917 to 2022" in svg[1].text
    links = list(svg.iter("a"))
    assert [a.get("href") for a in links] == [m.href for m in marks]
    assert all(a.get("tabindex") == "-1" for a in links)  # the keyboard takes the list
    assert [a[0].text for a in links] == ["1917", "1948 ?", "2022"]  # tooltips


def test_marks_stay_inside_the_drawing_and_keep_apart() -> None:
    marks = marks_of("\n".join(str(1900 + k % 30) for k in range(60)))
    svg = timeline_chart(sorted(marks, key=lambda m: m.year))
    assert svg is not None
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert width == WIDTH
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter("circle")]
    assert all(0 < x < width and 0 < y < height for x, y in dots)
    for k, (x, y) in enumerate(dots):
        for x2, y2 in dots[k + 1 :]:
            assert (x - x2) ** 2 + (y - y2) ** 2 >= (STEP - 1.5) ** 2


def test_a_full_column_says_how_many_more_the_list_holds() -> None:
    marks = marks_of("\n".join(["1917"] * (MAX_ROWS + 3) + ["2000"]))
    svg = timeline_chart(marks)
    assert svg is not None
    assert len(list(svg.iter("circle"))) == MAX_ROWS + 1
    assert [t.text for t in svg.iter("text") if t.get("class") == "more"] == ["+3"]
    near_miss = timeline_chart(marks_of("\n".join(["1917"] * MAX_ROWS)))
    assert near_miss is not None
    assert not [t for t in near_miss.iter("text") if t.get("class") == "more"]


def test_one_year_only_is_centred_with_its_label() -> None:
    svg = timeline_chart(marks_of("1948\n1948"))
    assert svg is not None
    assert [c.get("cx") for c in svg.iter("circle")] == ["180", "180"]
    assert [t.text for t in svg.iter("text")] == ["1948"]
    assert "1948, one mark each" in svg[1].text


@pytest.mark.parametrize(
    ("first", "last", "ticks"),
    [
        (1864, 2023, [1875, 1900, 1925, 1950, 1975, 2000]),
        (1917, 1924, [1918, 1920, 1922, 1924]),
        (1917, 1918, [1917, 1918]),
        (-50, 30, [-40, -20, 0, 20]),
    ],
)
def test_axis_years_are_round_and_few(first: int, last: int, ticks: list[int]) -> None:
    assert tick_years(first, last) == ticks


def test_year_labels() -> None:
    assert [year_label(y) for y in (1917, 0, -44)] == ["1917", "0", "44 BCE"]


def test_chart_serializes_as_html_svg() -> None:
    page = html.Element("main")
    svg = timeline_chart(marks_of("1917\n1930-1940"))
    assert svg is not None
    page.append(svg)
    text = html.tostring(page, encoding="unicode")
    assert 'viewBox="0 0 360 ' in text  # the case of viewBox matters in SVG
    assert "<rect " in text and 'rx="5"' in text
