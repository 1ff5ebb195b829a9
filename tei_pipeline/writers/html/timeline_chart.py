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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .core import sub
from .corpus import loose

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


def placements(marks: Iterable[Mark], first: int, last: int) -> Iterator[tuple[float, float, int]]:
    """(x, x of the end, row) of each mark, in the marks' order (sorted by year): each
    goes on the lowest row where it keeps STEP from the end of that row's last mark.
    A mark no drawn row takes gets row MAX_ROWS (it is counted in "+N"): the rows
    above are never drawn, and tracking them made many dates of one year quadratic."""
    ends: list[float] = []
    for mark in marks:
        x = x_of(mark.year, first, last)
        x_end = x_of(mark.end, first, last) if mark.end is not None else x
        row = next((r for r, end in enumerate(ends) if x - end >= STEP), len(ends))
        if row == MAX_ROWS:
            yield round(x, 1), round(x_end, 1), row
            continue
        if row == len(ends):
            ends.append(x_end)
        ends[row] = max(ends[row], x_end)
        yield round(x, 1), round(x_end, 1), row


def layout(marks: list[Mark], first: int, last: int) -> list[tuple[float, float, int]]:
    return list(placements(marks, first, last))


def is_drawn(mark: Mark) -> bool:
    """Whether the picture shows the mark: all but spans longer than MAX_SPAN years."""
    return mark.end is None or mark.end - mark.year <= MAX_SPAN


def drawn(marks: list[Mark]) -> list[Mark]:
    """The marks the picture shows (is_drawn)."""
    return [m for m in marks if is_drawn(m)]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def timeline_chart(marks: list[Mark]) -> Any:
    """The <svg> of the drawn `marks` (sorted by year), or None when none can be drawn."""
    shown = drawn(marks)
    chart = Chart.of(lambda: shown)
    if chart is None:
        return None
    svg = chart.frame()
    for element in chart.elements(lambda: shown):
        svg.append(element)
    return svg


@dataclass
class Chart:
    """The picture's frame: its years, its rows, how many marks and texts; made by
    reading the marks twice (years, then rows), so they need not all be held."""

    first: int
    last: int
    rows: int
    count: int
    texts: int

    @classmethod
    def of(cls, marks: Callable[[], Iterable[Mark]]) -> Chart | None:
        """The frame of the drawn marks `marks()` gives (sorted by year, anew at
        each call), or None when there are none."""
        first: int | None = None
        last, count, texts = 0, 0, set()
        for mark in marks():
            if first is None:
                first = last = mark.year
            last = max(last, mark.year, mark.end or mark.year)
            count += 1
            texts.add(mark.text)
        if first is None:
            return None
        rows = min(max(row for _, _, row in placements(marks(), first, last)) + 1, MAX_ROWS)
        return cls(first, last, rows, count, len(texts))

    @property
    def top(self) -> float:
        return TOP + (LABEL if self.rows == MAX_ROWS else 0)  # room for "+N" above full columns

    @property
    def base(self) -> float:
        return self.top + self.rows * STEP + RADIUS  # the axis line

    def frame(self) -> Any:
        """The <svg> with its title, description and axis, before any mark."""
        first, last = self.first, self.last
        height = self.base + LABEL + 10
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
        sub(
            svg,
            "desc",
            f"{plural(self.count, 'date')} from {plural(self.texts, 'text')}, {span}, one mark "
            "each, placed by year. The list below gives every date with the text's own words.",
            id="chart-desc",
        )
        _axis(svg, first, last, self.base)
        return svg

    def elements(self, marks: Callable[[], Iterable[Mark]]) -> Iterator[Any]:
        """The marks' links, one at a time, then the "+N" of the full columns."""
        overflow: dict[float, int] = {}
        placed = placements(marks(), self.first, self.last)
        for mark, (x, x_end, row) in zip(marks(), placed, strict=True):
            if row >= MAX_ROWS:
                overflow[x] = overflow.get(x, 0) + 1
                continue
            yield self._mark(mark, x, x_end, row)
        for x, count in sorted(overflow.items()):
            yield loose("text", f"+{count}", x=f"{x:g}", y=f"{self.top - 2:g}", class_="more")

    def _mark(self, mark: Mark, x: float, x_end: float, row: int) -> Any:
        link = loose("a", href=mark.href, tabindex="-1")
        sub(link, "title", mark.label)
        cy = self.base - RADIUS - 1.5 - row * STEP
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
        return link


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
