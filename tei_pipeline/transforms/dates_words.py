"""Dates in words and odd forms, for the dates transform (transforms/dates.py).

Input: the text of a run. Output: candidate spans with their ISO attributes,
which dates.py weighs against its own (the longest wins). Forms, each a
convention of printed English:

- a day as an ordinal word: "the ninth of March, 1862", "June fourth, 1899";
- a legal date with the year in words: "the tenth day of May, in the year of
  our Lord one thousand seven hundred and ninety-one" (1791-05-10);
- a month in capitals, abbreviated or not, with or without its period:
  "OCT. 3, 1851", "FEBRUARY 2, 1900";
- "before the 10th of May, 1791": @notAfter 1791-05-09, the latest day it
  allows, with the word "before" inside the date (it is what makes it a limit);
- a year misread by OCR with the letter l for the digit 1 ("March 9, l862"):
  read as 1862 with cert="low", only inside a full date with a month.

Before::

    <p>on the ninth of March, 1862 ... OCT. 3, 1851 ... before the 2d of June, 1800</p>

After::

    <p>on the <date when="1862-03-09">ninth of March, 1862</date> ... <date
    when="1851-10-03">OCT. 3, 1851</date> ... <date notAfter="1800-06-01">before
    the 2d of June, 1800</date></p>
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator

_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ORDINAL_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_ORDINAL_TEENS = (
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
    "eighteenth nineteenth".split()
)

CARDINALS: dict[str, int] = {w: n for n, w in enumerate(_UNITS, start=1)}
CARDINALS.update({w: n for n, w in enumerate(_TEENS, start=10)})
CARDINALS.update(_TENS)
ORDINALS: dict[str, int] = {w: n for n, w in enumerate(_ORDINAL_UNITS, start=1)}
ORDINALS.update({w: n for n, w in enumerate(_ORDINAL_TEENS, start=10)})
ORDINALS.update({"twentieth": 20, "thirtieth": 30})
for _unit, _value in zip(_ORDINAL_UNITS, range(1, 10), strict=True):
    ORDINALS[f"twenty-{_unit}"] = 20 + _value
ORDINALS["thirty-first"] = 31

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9


def _words(names: list[str]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


def _month_forms() -> str:
    names = (
        [calendar.month_name[n] for n in range(1, 13)]
        + [calendar.month_abbr[n] for n in range(1, 13) if n != 5]
        + ["Sept"]
    )
    return _words(names + [name.upper() for name in names])


# A month as in running text or in capitals ("OCT."); not "may" or "march" in
# lower case, which are verbs.
_M = rf"(?P<month>{_month_forms()})\.?(?![A-Za-z])"
_HYPHEN_OR_SPACE = r"[-\s]"
_ORD = rf"(?i:{_words([w.replace('-', _HYPHEN_OR_SPACE) for w in ORDINALS])})"
_DIGIT_DAY = r"[0-3]?\d(?:st|nd|rd|th|d)?"
_DAY = rf"(?P<day>{_ORD}|{_DIGIT_DAY})(?![^\W_])"
_NUMBER_WORD = rf"(?i:{_words(list(CARDINALS))})"
_TENS_UNITS = rf"{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})?"
_YEAR_WORDS = (
    rf"(?:{_NUMBER_WORD}\s+thousand(?:[\s,]+{_NUMBER_WORD}\s+hundred)?"
    rf"|{_NUMBER_WORD}\s+hundred)(?:,?\s+(?:and\s+)?{_TENS_UNITS})?"
)
_YEAR_DIGITS = r"(?<![^\W_])(?=[\dl]{4}(?![^\W_]))[1l](?=[\dl]*\d)[\dl]{3}"
_YEAR = (
    r"(?:(?i:in\s+the\s+year\s+(?:of\s+our\s+lord\s+)?))?"
    rf"(?P<year>{_YEAR_DIGITS}|{_YEAR_WORDS})"
)
_BEFORE = r"(?P<before>(?<![^\W_])(?i:before)\s+(?:the\s+)?)?"
# Every form has a month (its first three letters, as written or in capitals) and
# a year in digits or with "hundred" or "thousand": a text without them is skipped
# after fast scans. The month first: its plain letters are found faster than the
# year's words in any case, and most paragraphs name no month.
CLUES = (
    re.compile("|".join(f"{m[:3].title()}|{m[:3].upper()}" for m in MONTHS if len(m) == 3)),
    re.compile(r"\d|(?i:hundred|thousand)"),
)
FORMS = [
    re.compile(rf"{_BEFORE}(?<![^\W_]){_DAY}\s+(?:(?i:day)\s+)?(?i:of)\s+{_M},?\s+{_YEAR}"),
    re.compile(rf"{_BEFORE}(?<![^\W_]){_M}\s+{_DAY}(?:\s+day)?,?\s+{_YEAR}"),
]


def year_value(text: str) -> tuple[int, bool] | None:
    """A year written in digits (perhaps with l for 1: then True) or in words."""
    if text[0] in "1l" and len(text) == 4 and text.replace("l", "1").isdigit():
        return int(text.replace("l", "1")), "l" in text
    words = [w for w in re.split(r"[\s,-]+", text.lower()) if w and w != "and"]
    total, current = 0, 0
    for word in words:
        if word == "thousand":
            total, current = total + current * 1000, 0
        elif word == "hundred":
            current *= 100
        elif word in CARDINALS:
            current += CARDINALS[word]
        else:
            return None
    return total + current, False


def day_value(text: str) -> int | None:
    word = re.sub(r"[-\s]+", "-", text.lower())
    if word in ORDINALS:
        return ORDINALS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


def word_candidates(text: str) -> Iterator[tuple[int, int, dict[str, str]]]:
    """(start, end, attributes) of every date of these forms in text."""
    if not all(clue.search(text) for clue in CLUES):
        return
    for form in FORMS:
        for found in form.finditer(text):
            attrs = _attributes(found)
            if attrs is not None:
                start = found.start("before") if found["before"] else found.start("day")
                start = min(start, found.start("month"))
                yield start, found.end(), attrs


def _attributes(found: re.Match[str]) -> dict[str, str] | None:
    year = year_value(found["year"])
    day = day_value(found["day"])
    month = MONTHS.get(found["month"].lower().rstrip("."))
    if year is None or day is None or month is None or not 1000 <= year[0] <= 2199:
        return None
    if not 1 <= day <= calendar.monthrange(year[0], month)[1]:
        return None
    date = datetime.date(year[0], month, day)
    # "before the 6th" ends on the 5th: @notAfter is the latest possible day (TEI att.datable)
    attrs = (
        {"notAfter": (date - datetime.timedelta(days=1)).isoformat()}
        if found["before"]
        else {"when": date.isoformat()}
    )
    if year[1]:
        attrs["cert"] = "low"  # "l862": the letter l where the digit 1 was meant
    return attrs
