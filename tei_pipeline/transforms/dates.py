"""Dates: normalise the date forms of real texts to ISO values, and set them on
the date elements the reader made (docDate, dateline/date, bibl/date).

Before::

    <dateline><date>December 17, 1924</date></dateline>

After::

    <dateline><date when="1924-12-17">December 17, 1924</date></dateline>

A string that is not certainly a date gets no value (ENCODING.md principle 2).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from lxml import etree

from ..tei.ns import XPATH_NS
from ..tei.positions import location_of
from .base import Context, Transform

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
FORMS = [
    re.compile(rf"^(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}-(?P<nmonth>\d\d)(?:-(?P<nday>\d\d))?$"),
    re.compile(rf"^{_YEAR}$"),
]


@dataclass(frozen=True)
class DateValue:
    """A normalised date: an ISO string of day, month or year precision."""

    when: str


def parse_date(text: str) -> DateValue | None:
    """The ISO value of a whole string that is a date, or None."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .")
    for form in FORMS:
        found = form.match(cleaned)
        if found:
            return _value(found)
    return None


def _value(found: re.Match[str]) -> DateValue | None:
    parts = found.groupdict()
    year = int(parts["year"])
    if not 1000 <= year <= 2199:
        return None
    month = _month_number(parts)
    if month is None:
        return DateValue(f"{year:04d}") if "month" not in parts and "nmonth" not in parts else None
    day_text = parts.get("day") or parts.get("nday")
    if not day_text:
        return DateValue(f"{year:04d}-{month:02d}")
    day = int(day_text)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return DateValue(f"{year:04d}-{month:02d}-{day:02d}")


def _month_number(parts: dict[str, str | None]) -> int | None:
    if parts.get("nmonth"):
        number = int(parts["nmonth"] or 0)
        return number if 1 <= number <= 12 else None
    name = parts.get("month")
    return MONTHS.get(name.lower()) if name else None


class DatesTransform(Transform):
    """Give every date element the reader made an ISO @when, or report it."""

    name = "dates"
    priority = 300

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in doc.xpath("//tei:text//tei:date[not(@when)] | //tei:docDate[not(@when)]",
                                 namespaces=XPATH_NS):
            value = parse_date("".join(element.itertext()))
            if value is None:
                ctx.reporter.report("d-001", location_of(element, ctx.shown_as),
                                    f'cannot normalise the date "{"".join(element.itertext())}"')
                continue
            element.set("when", value.when)
