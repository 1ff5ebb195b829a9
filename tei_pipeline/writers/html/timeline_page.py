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

from typing import TYPE_CHECKING, Any

from .core import PageOptions, sub
from .corpus import context_line, doc_link, site_page
from .names import date_key, valid_datetime
from .timeline_chart import MAX_SPAN, Mark, drawn, timeline_chart

if TYPE_CHECKING:
    from .summary import DateLine, DocSummary

UNSURE = frozenset({"low", "medium", "unknown"})


Dated = tuple[tuple[int, int, int], int, "DocSummary", "DateLine"]


def timeline_entries(pages: list[DocSummary]) -> list[Dated]:
    """(sort key, position, page, date mark), in time order; dates on the same
    day keep the order of the documents and of the text."""
    found: list[Dated] = []
    for page in pages:
        for mark in page.dates:
            key = date_key(mark.start)
            if key is not None:
                found.append((key, len(found), page, mark))
    return sorted(found, key=lambda item: (item[0], item[1]))


def decade(year: int) -> str:
    start = year - year % 10
    return f"{start}s" if year >= 0 else f"{-start} BCE"


def timeline_page(pages: list[DocSummary], options: PageOptions) -> Any:
    """timeline.html (see the module docstring), from the documents' summaries."""
    entries = timeline_entries(pages)
    texts = len({id(page) for _, _, page, _ in entries})
    dates = f"{len(entries)} date{'s' if len(entries) != 1 else ''}"
    intro = (
        f"Every date the texts give, in order: {dates} from {texts} "
        f"text{'s' if texts != 1 else ''}. "
        "Each line shows the text's own words; follow it to read them in place."
    )
    root, main = site_page("Timeline", options, "Timeline", intro)
    if not entries:
        sub(main, "p", "The texts give no dates with a normalised value.")
        return root
    marks = [_mark(entry) for entry in entries]
    chart = timeline_chart(marks)
    if chart is not None:
        main.append(chart)
    if chart is not None:
        left_out = len(marks) - len(drawn(marks))
        note = (
            "Each dot is a date, placed by its year; a bar is a span of years, a hollow "
            "mark an uncertain date. Follow one to read it in place."
        )
        if left_out:
            note += (
                f" {left_out} of the dates span more than {MAX_SPAN} years (such as a "
                "century): they are in the list, not in the picture."
            )
        sub(main, "p", note, class_="chart-note")
    groups: dict[str, list[Any]] = {}
    for entry in entries:
        groups.setdefault(decade(entry[0][0]), []).append(entry)
    for k, (label, items) in enumerate(groups.items(), start=1):
        section = sub(main, "section", class_="decade", aria_labelledby=f"decade-{k}")
        sub(section, "h2", label, id=f"decade-{k}")
        ol = sub(section, "ol", class_="timeline")
        for _, _, page, mark in items:
            _line(ol, page, mark)
    return root


def _mark(entry: Dated) -> Mark:
    key, _, page, mark = entry
    label = f"{mark.phrase}: {page.title}"
    unsure = mark.cert in UNSURE
    last = date_key(mark.last) if mark.last else None
    end = last[0] if last is not None and last[0] > key[0] else None
    return Mark(key[0], f"{page.file}#{mark.html_id}", label, page.file, unsure, end)


def _line(ol: Any, page: DocSummary, mark: DateLine) -> None:
    li = sub(ol, "li")
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
