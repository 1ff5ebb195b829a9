"""HTML writer, the timeline of a site (timeline.html): every dated date of the
texts in order (TEI Guidelines 13.4, dates; att.datable).

Stage: writer. Input: the dates met while rendering the document pages (a date
or docDate with @when, @from or @notBefore, outside register entries). Output:
timeline.html: a picture of the dates by year (timeline_chart.py), then the
dates sorted by that value and grouped by decade; each line gives the date in
plain words, the text's own words in their context, linked to their place
(`doc.html#date-N`), and the text they come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any, BinaryIO

from .core import PageOptions, sub
from .corpus import context_line, doc_link, loose, site_page, write_page, write_within
from .names import date_key, valid_datetime
from .timeline_chart import MAX_SPAN, Chart, Mark, is_drawn, plural

if TYPE_CHECKING:
    from .spool import Spool
    from .summary import DateLine, DocSummary

UNSURE = frozenset({"low", "medium", "unknown"})


Dated = tuple[tuple[int, int, int], "DocSummary", "DateLine"]


def decade(year: int) -> str:
    start = year - year % 10
    return f"{start}s" if year >= 0 else f"{-start} BCE"


def write_timeline(out: BinaryIO, spool: Spool, options: PageOptions) -> None:
    """timeline.html (see the module docstring) to `out`, from the spooled summaries:
    read in date order three times (the picture's frame and its marks, without
    the words in context; the list), one date at a time, each decade's section
    written as its dates come."""
    dates, texts = spool.dated_count()
    intro = (
        f"Every date the texts give, in order: {plural(dates, 'date')} from "
        f"{plural(texts, 'text')}. "
        "Each line shows the text's own words; follow it to read them in place."
    )
    root, main = site_page("Timeline", options, "Timeline", intro)
    if not dates:
        sub(main, "p", "The texts give no dates with a normalised value.")
        write_page(out, root, main, lambda xf: None)
        return

    def marks() -> Iterator[Mark]:
        return (m for m in (_mark(e) for e in spool.timeline(kwic=False)) if is_drawn(m))

    def fill(xf: Any) -> None:
        chart = Chart.of(marks)
        if chart is not None:
            svg = chart.frame()
            write_within(xf, svg, svg, lambda xf: _each(xf, chart.elements(marks)))
            left_out = dates - chart.count
            note = (
                "Each dot is a date, placed by its year; a bar is a span of years, a "
                "hollow mark an uncertain date. Follow one to read it in place."
            )
            if left_out:
                note += (
                    f" {left_out} of the dates span more than {MAX_SPAN} years (such as a "
                    "century): they are in the list, not in the picture."
                )
            xf.write(loose("p", note, class_="chart-note"))
        _decades(xf, spool.timeline())

    write_page(out, root, main, fill)


def _decades(xf: Any, entries: Iterable[Dated]) -> None:
    """The dates in order, a section for each decade (their years are sorted, so
    a decade's dates come together), one date at a time."""
    for k, (label, group) in enumerate(groupby(entries, lambda e: decade(e[0][0])), start=1):
        section = loose("section", class_="decade", aria_labelledby=f"decade-{k}")
        sub(section, "h2", label, id=f"decade-{k}")
        ol = sub(section, "ol", class_="timeline")
        lines = (_line(page, mark) for _, page, mark in group)
        write_within(xf, section, ol, partial(_each, elements=lines))


def _each(xf: Any, elements: Iterable[Any]) -> None:
    for element in elements:
        xf.write(element)


def _mark(entry: Dated) -> Mark:
    key, page, mark = entry
    label = f"{mark.phrase}: {page.title}"
    unsure = mark.cert in UNSURE
    last = date_key(mark.last) if mark.last else None
    end = last[0] if last is not None and last[0] > key[0] else None
    return Mark(key[0], f"{page.file}#{mark.html_id}", label, page.file, unsure, end)


def _line(page: DocSummary, mark: DateLine) -> Any:
    li = loose("li")
    when = sub(li, "p", class_="when")
    value = mark.start or ""
    node = (
        sub(when, "time", mark.phrase, datetime=value)
        if valid_datetime(value)
        else (sub(when, "span", mark.phrase))
    )
    if mark.cert in UNSURE:
        node.tail = " "
        sub(when, "span", "(uncertain)", class_="cert")
    what = sub(li, "div", class_="what")
    context_line(what, mark.kwic, f"{page.file}#{mark.html_id}", page.lang)
    source = sub(what, "p", "in ", class_="source")
    doc_link(source, page)
    return li
