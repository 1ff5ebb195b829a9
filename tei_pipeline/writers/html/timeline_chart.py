"""HTML writer, the picture at the top of timeline.html: the texts' dates by year, as SVG.

Stage: writer. Input: the timeline's entries (year, link to the date's place,
words for a tooltip). Output: an inline <svg> element, made at build time (no
script): a year axis, and one dot per date placed by its year (a bar from first
to last year for a span, such as "between 1901 and 2000"); marks of the same or
nearby years stack upward so none hides another (a dot plot). Each mark links to
the date in its text; an uncertain date is drawn hollow.

Screen readers get the picture as one image (role="img", its <title> and <desc>)
and the same dates as the list below it, so nothing is read twice; the dots are
links for the mouse only (tabindex="-1"), the keyboard reaches the list's links.
The drawing is 360 units wide, the width of a small phone, so its 14-unit labels
stay readable there; wider screens scale it up to the text's measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from .core import sub

WIDTH = 360.0
MARGIN = 22.0  # room for the first and last year's label
RADIUS = 5.0
STEP = 2 * RADIUS + 1.5  # dots closer than this, centre to centre, go on different rows
MAX_ROWS = 12  # beyond this a column shows "+N" and the list holds the rest
TOP = 6.0
LABEL = 14.0  # font size of the axis labels, in drawing units (style.css says the same)
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
MAX_TICKS = 7
# a span longer than this ("the 20th century") would stretch the axis and cover the
# exact dates with long bars: it stays in the list only, and the description says so
MAX_SPAN = 20


@dataclass(frozen=True)
class Mark:
    """One date of a text: its year (and last year, for a span such as 1901-2000),
    where it leads, what its tooltip says."""

    year: int
    href: str
    label: str
    text: str  # which text it comes from (its page)
    unsure: bool = False
    end: int | None = None


def year_label(year: int) -> str:
    return str(year) if year >= 0 else f"{-year} BCE"


def tick_years(first: int, last: int) -> list[int]:
    """Round years for the axis: at most MAX_TICKS multiples of a round step."""
    span = max(last - first, 1)
    step = next((s for s in NICE_STEPS if span // s + 1 <= MAX_TICKS), NICE_STEPS[-1])
    start = -(-first // step) * step  # the first multiple of step at or after first
    return list(range(start, last + 1, step))


def x_of(year: int, first: int, last: int) -> float:
    inner = WIDTH - 2 * MARGIN
    return MARGIN + (inner / 2 if last == first else (year - first) / (last - first) * inner)


def layout(marks: list[Mark], first: int, last: int) -> list[tuple[float, float, int]]:
    """(x, x of the end, row) of each mark, in the marks' order (sorted by year): each
    goes on the lowest row where it keeps STEP from the end of that row's last mark.
    A mark no drawn row takes gets row MAX_ROWS (it is counted in "+N"): the rows
    above are never drawn, and tracking them made many dates of one year quadratic."""
    placed: list[tuple[float, float, int]] = []
    ends: list[float] = []
    for mark in marks:
        x = x_of(mark.year, first, last)
        x_end = x_of(mark.end, first, last) if mark.end is not None else x
        row = next((r for r, end in enumerate(ends) if x - end >= STEP), len(ends))
        if row == MAX_ROWS:
            placed.append((round(x, 1), round(x_end, 1), row))
            continue
        if row == len(ends):
            ends.append(x_end)
        ends[row] = max(ends[row], x_end)
        placed.append((round(x, 1), round(x_end, 1), row))
    return placed


def drawn(marks: list[Mark]) -> list[Mark]:
    """The marks the picture shows: all but spans longer than MAX_SPAN years."""
    return [m for m in marks if m.end is None or m.end - m.year <= MAX_SPAN]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def timeline_chart(marks: list[Mark]) -> Any:
    """The <svg> of the drawn `marks` (sorted by year), or None when none can be drawn."""
    marks = drawn(marks)
    if not marks:
        return None
    first = marks[0].year
    last = max(max(m.year, m.end or m.year) for m in marks)
    placed = layout(marks, first, last)
    rows = min(max(row for _, _, row in placed) + 1, MAX_ROWS)
    top = TOP + (LABEL if rows == MAX_ROWS else 0)  # room for "+N" above full columns
    base = top + rows * STEP + RADIUS  # the axis line
    height = base + LABEL + 10
    svg = etree.Element(
        "svg",
        viewBox=f"0 0 {WIDTH:g} {height:g}",
        role="img",
        width=f"{WIDTH:g}",
        height=f"{height:g}",
    )
    svg.set("class", "timeline-chart")
    svg.set("aria-labelledby", "chart-title chart-desc")
    sub(svg, "title", "The dates the texts give, by year", id="chart-title")
    span = year_label(first) if first == last else f"{year_label(first)} to {year_label(last)}"
    texts = plural(len({m.text for m in marks}), "text")
    sub(
        svg,
        "desc",
        f"{plural(len(marks), 'date')} from {texts}, {span}, one mark each, "
        "placed by year. The list below gives every date with the text's own words.",
        id="chart-desc",
    )
    _axis(svg, first, last, base)
    overflow: dict[float, int] = {}
    for mark, (x, x_end, row) in zip(marks, placed, strict=True):
        if row >= MAX_ROWS:
            overflow[x] = overflow.get(x, 0) + 1
            continue
        link = sub(svg, "a", href=mark.href, tabindex="-1")
        sub(link, "title", mark.label)
        cy = base - RADIUS - 1.5 - row * STEP
        kind = "mark unsure" if mark.unsure else "mark"
        if x_end - x < 1:  # a dot for a day, month or year
            sub(link, "circle", cx=f"{x:g}", cy=f"{cy:g}", r=f"{RADIUS:g}", class_=kind)
        else:  # a bar from the first year of a span to its last
            sub(
                link,
                "rect",
                x=f"{x - RADIUS:g}",
                y=f"{cy - RADIUS:g}",
                width=f"{x_end - x + 2 * RADIUS:g}",
                height=f"{2 * RADIUS:g}",
                rx=f"{RADIUS:g}",
                class_=kind,
            )
    for x, count in sorted(overflow.items()):
        sub(svg, "text", f"+{count}", x=f"{x:g}", y=f"{top - 2:g}", class_="more")
    return svg


def _axis(svg: Any, first: int, last: int, base: float) -> None:
    sub(
        svg,
        "line",
        x1=f"{MARGIN / 2:g}",
        x2=f"{WIDTH - MARGIN / 2:g}",
        y1=f"{base:g}",
        y2=f"{base:g}",
        class_="axis",
    )
    for year in tick_years(first, last) if last > first else [first]:
        x = x_of(year, first, last)
        sub(
            svg,
            "line",
            x1=f"{x:.1f}",
            x2=f"{x:.1f}",
            y1=f"{base:g}",
            y2=f"{base + 4:g}",
            class_="tick",
        )
        sub(svg, "text", year_label(year), x=f"{x:.1f}", y=f"{base + 4 + LABEL:g}", class_="year")
