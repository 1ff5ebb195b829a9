"""Date strings -> ISO values (att.datable.w3c, TEI P5 13.4): the parser the
plain-text reader (a docDate line), the header (an edition's date), citations
and the dates transform share. A whole string that is certainly a date gets its
value; anything else gets None (ENCODING.md principle 2).

Moved unchanged from transforms/dates.py, which re-exports these names.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

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
