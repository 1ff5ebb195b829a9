"""Dates: normalise the date forms of real texts to ISO values, on the date
elements the reader made and on the dates found in running text.

Input: the tree after the names transform. Output: @when on the date elements
the reader made (docDate, dateline/date, bibl/date), and new date elements
around the dates of running text (ENCODING.md "Names, dates and numbers"; TEI
P5 13.4, att.datable.w3c). Before::

    <dateline><date>December 17, 1924</date></dateline>
    <p>from July 1946 to June 1948 ... by the 1980's ... in 1943.</p>

After::

    <dateline><date when="1924-12-17">December 17, 1924</date></dateline>
    <p><date from="1946-07" to="1948-06">from July 1946 to June 1948</date> ... by the
    <date notBefore="1980" notAfter="1989">1980's</date> ... in <date when="1943">1943</date>.</p>

Recognised in running text: full and partial dates ("17th of October, 1948",
"December 17, 1924", "Feb. 26, 2022", "June 2003"); ranges ("from 1864 to 1876",
"July 1946 to June 1948", "(1864-1876)"); decades ("1980's") and centuries ("21st
Century"); a bare year only where the words around it make it one ("in 1943",
"since 1945", "(1924)", "the 1969 meeting", a citation's ", 1985)"); a day and
month without a year ("On Feb. 24") and a day alone ("on the 24th") only where
the document's own date gives the year and month, with cert="medium". Articles
and prepositions stay outside the date, except the from/between of a range.

The forms made of English words (month names, "in 1943", "the 1980's", "21st
Century", "on the 24th") are read only where the language in force (the
xml:lang of the run's element or its nearest ancestor: the text's language,
stated or detected, or its frame's; transforms/language.py) is English: "in
1500 Fällen" is a count in German, not a year. In other languages only the
forms written without words are read: "2018-11-16", "(1864-1876)", "(1943)"
and a citation's ", 1985)".

A string that is not certainly a date gets no value and no tag (ENCODING.md
principle 2): page and issue numbers, counts ("31 years", "586 cities"),
"2'009", "Vol. 4", "230:997" are never years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..tei.builder import make
from ..tei.dates import MONTHS as MONTHS  # re-exported: the names others import from here
from ..tei.dates import DateValue as DateValue
from ..tei.dates import parse_date as parse_date
from ..tei.language import is_english, run_language
from ..tei.ns import local_name, tei
from ..tei.positions import location_of
from ..tei.textspan import string_value
from .base import Context, Transform
from .dates_words import CLUES as WORD_CLUES
from .dates_words import word_candidates
from .names import Run, default_skip, elements, strings, text_of, text_runs, wrap_spans

Element = etree._Element
DATABLE = ("@when", "@from", "@to", "@notBefore", "@notAfter")

# The parser of whole date strings lives in tei/dates.py (the reader uses it too).


class DatesTransform(Transform):
    """Give every date element the reader made an ISO @when (or report it), then
    recognise the dates of running text (see the module docstring)."""

    name = "dates"
    priority = 300

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        without = " or ".join(DATABLE)
        for element in elements(
            doc, f"//tei:text//tei:date[not({without})] | //tei:docDate[not({without})]"
        ):
            value = parse_date(text_of(element))
            if value is None:
                ctx.reporter.report(
                    "d-001",
                    location_of(element, ctx.shown_as),
                    f'cannot normalise the date "{text_of(element)}"',
                )
                continue
            element.set("when", value.when)
        text = doc.getroot().find(tei("text"))
        if text is not None:
            tag_dates(text, document_date(doc, ctx), ctx.text_language)


def document_date(doc: etree._ElementTree, ctx: Context) -> str | None:
    """When the document was written: its dateline or docDate, else the sidecar's date."""
    for xpath in (
        "//tei:body/tei:docDate/@when",
        "//tei:front/tei:docDate/@when",
        "//tei:body/tei:closer/tei:dateline/tei:date/@when",
        "//tei:body/tei:opener/tei:dateline/tei:date/@when",
        "//tei:titlePage/tei:docDate/@when",
    ):
        found = strings(doc, xpath)
        if found:
            return found[0]
    value = parse_date(ctx.sidecar.date) if ctx.sidecar.date else None
    return value.when if value else None


# -- dates in running text ------------------------------------------------------

MONTH_PATTERN = _M = (
    r"(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct"
    r"|Nov|Dec)\.?(?![a-z])"
)
# "_" around a date is emphasis ("_19th November, 1909_"), not part of a word.
_D = r"(?<![^\W_]|[.,'’:/])[0-3]?\d(?:st|nd|rd|th|d)?(?![^\W_])"  # "3d", "2d" in older texts
_Y = r"(?<![^\W_]|[.,'’:/])[12]\d{3}(?![^\W_]|['’]|[.,:/]\d|[-–]\d)"
_DMY = rf"{_D}\s+(?:day\s+of\s+|of\s+)?{_M},?\s+{_Y}"
_MDY = rf"(?<![^\W_]){_M}\s+{_D},?\s+{_Y}"
_MY = rf"(?<![^\W_]){_M},?\s+(?:of\s+)?{_Y}"
_MONTHLY = rf"(?:{_DMY}|{_MDY}|{_MY})"
_ANY = rf"(?:{_MONTHLY}|{_Y})"
_TO = r"(?:to|until|till|through|[-–—])"
_CONTEXT = (
    r"(?<!\w)(?i:in|since|of|by|until|till|before|after|during|around|circa|c\.|ca\."
    r"|year|spring|summer|autumn|fall|winter|early|late|mid-?|end of|beginning of)\s+"
)
_EVENTS = (
    r"(?:meeting|congress|conference|elections?|revolution|war|uprising|strike|edition"
    r"|constitution|treaty|agreement|crisis|coup|plenum|session|campaign|programme"
    r"|program|manifesto|resolution|declaration|speech|report|census|budget)"
)
# Centuries from the eleventh on: "our first century", "a second century of
# progress" count a nation's or a movement's centuries, not the calendar's.
_ORDINAL_WORDS = {
    w: n
    for n, w in enumerate(
        "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth twentieth twenty-first".split(),
        start=11,
    )
}
_CENTURY_WORD = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
# A plural word after a number makes it a count, not a year ("in 1500 cases");
# these words ending in s are not such plurals.
_COUNTED = frozenset(
    "men women people children persons feet police cattle sheep fish "
    "personnel staff head strong more less".split()
)
_MAY_BEFORE = re.compile(
    r"(?<!\w)(?i:in|since|of|by|until|till|before|after|from|to|early|late"
    r"|mid-?)\s+$"
)
_NOT_PLURAL = frozenset(
    "as is was has his its this thus us always perhaps whereas across "
    "besides unless towards afterwards".split()
)


@dataclass(frozen=True)
class DateForm:
    """One way of writing a date in running text and how to read it; each of the
    `clues` is found in every text the pattern matches (cheap tests before the costly
    one: the patterns try every position of a text, a clue is one fast scan);
    `english`: the form is made of English words, and read only in English texts."""

    name: str
    pattern: re.Pattern[str]
    clues: tuple[re.Pattern[str], ...]
    english: bool


# Every form but the century needs a digit, and most paragraphs have none; the
# forms with a month need the first three letters of one (_M is case-sensitive).
_DIGIT = re.compile(r"\d")
_MONTH = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_CENTURY = re.compile("entury")
_WITH_MONTH = (_DIGIT, _MONTH)

# The last of each row: is the form made of English words? (Else it is read in
# a text of any language.)
FORMS_INLINE = [
    DateForm(name, re.compile(pattern), clues, english)
    for name, pattern, clues, english in (
        (
            "range",
            rf"(?<!\w)(?:(?i:from)\s+(?P<a>{_ANY})\s+{_TO}\s+(?P<b>{_ANY})"
            rf"|(?i:between)\s+(?P<a2>{_ANY})\s+and\s+(?P<b2>{_ANY}))",
            (_DIGIT,),
            True,
        ),
        ("range", rf"(?P<a>{_MONTHLY})\s+{_TO}\s+(?P<b>{_MONTHLY})", _WITH_MONTH, True),
        ("range", r"\((?P<span>(?P<a>[12]\d{3})\s*[-–]\s*(?P<b>[12]\d{3}))\)", (_DIGIT,), False),
        ("full", _MONTHLY, _WITH_MONTH, True),
        (
            "full",  # 2018-11-16
            r"(?<![\w.,'’:/-])[12]\d{3}-[01]\d-[0-3]\d(?![\w'’]|[.,:/-]\d)",
            (_DIGIT,),
            False,
        ),
        (
            "day-month",
            rf"(?<!\w)(?i:on|since|until|till|by|before|after|from|to|of)\s+(?:the\s+)?"
            rf"(?P<span>{_D}\s+(?:of\s+)?{_M}|{_M}\s+{_D})",
            _WITH_MONTH,
            True,
        ),
        # "1900s" may mean a decade or a century: only a decade not ending in 00
        ("decade", r"(?<![\w'’])(?P<decade>1\d[1-9]0|20[1-9]0)['’]?s(?!\w)", (_DIGIT,), True),
        (
            "century",
            rf"(?<!\w)(?:(?P<n>1[1-9]|2[01])(?:st|nd|rd|th)|(?P<w>(?i:{_CENTURY_WORD})))"
            r"[\s-]+[Cc]entury(?!\w)",
            (_CENTURY,),
            True,
        ),
        ("year", rf"{_CONTEXT}(?P<span>{_Y})", (_DIGIT,), True),
        ("year", rf"\((?P<span>{_Y})\)", (_DIGIT,), False),
        ("year", rf",\s*(?P<span>{_Y})(?=\s*[);\]]|\.?\s*$)", (_DIGIT,), False),
        (
            "year",
            rf"(?<!\w)(?i:the)\s+(?P<span>{_Y})(?=\s+(?:{_EVENTS}\b|[A-Z][a-z]*[a-rt-z]\b))",
            (_DIGIT,),
            True,
        ),
    )
]
_CLUES = frozenset(clue for form in FORMS_INLINE for clue in form.clues)


def _any_clue() -> re.Pattern[str] | None:
    """A pattern found in every run where some date form, inline or in words, can
    match: the first clue of each inline form, and the clue of the forms in words
    that every one of them needs last (dates_words.CLUES). A run without it is
    skipped; None (no run skipped) if an inline form has no clue at all."""
    if not all(form.clues for form in FORMS_INLINE):
        return None
    needed = {form.clues[0].pattern for form in FORMS_INLINE} | {WORD_CLUES[-1].pattern}
    return re.compile("|".join(f"(?:{pattern})" for pattern in sorted(needed)))


_ANY_CLUE = _any_clue()
_WORDLESS = [form for form in FORMS_INLINE if not form.english]
ORDINAL_DAY = re.compile(
    r"(?<!\w)(?i:on)\s+the\s+(?P<span>(?P<d>[0-3]?\d)(?:st|nd|rd|th))"
    r"(?=\s*[,.;:!?)]|\s*$)"
)
# In every text node where ORDINAL_DAY matches, so in the root's whole text
_ORDINAL_CLUE = re.compile(r"\d(?:st|nd|rd|th)")


def tag_dates(root: Element, written: str | None = None, language: str = "en") -> None:
    """Wrap the dates of root's running text in date elements with ISO values;
    `written` is the document's own date, for dates that leave out the year.
    Each run follows the xml:lang in force where it stands (`language` where
    none is): outside English only the forms without words (module docstring)."""
    for run in text_runs(root, _skip):
        if _ANY_CLUE is not None and _ANY_CLUE.search(run.text) is None:
            continue  # most runs: no form can match, in any language
        english = is_english(run_language(run, language))
        forms = FORMS_INLINE if english else _WORDLESS
        spans = []
        for start, end, attrs in _choose(_candidates(run.text, written, forms, english)):
            date = make("date")
            for name, value in attrs.items():
                date.set(name, value)
            spans.append((start, end, date))
        if spans:
            wrap_spans(run, spans)
    if written and len(written) == 10 and _ORDINAL_CLUE.search(string_value(root)):
        _tag_days(root, written, language)


def _skip(element: Element) -> bool:
    return default_skip(element) or local_name(element.tag) == "docDate"


Candidate = tuple[int, int, dict[str, str]]


def _candidates(
    text: str, written: str | None, forms: list[DateForm], english: bool
) -> list[Candidate]:
    found: list[Candidate] = []
    held = {clue for clue in _CLUES if clue.search(text)}
    for form in forms:
        if not held.issuperset(form.clues):
            continue
        for match in form.pattern.finditer(text):
            attrs = _READERS[form.name](match, written)
            if attrs is None or (form.name in ("year", "range") and _is_count(text, match.end())):
                continue
            group = "span" if match.groupdict().get("span") else 0
            found.append((match.start(group), match.end(group), attrs))
    if english:  # month words in capitals, years in words
        found.extend(c for c in word_candidates(text) if not _is_count(text, c[1]))
    return found


def _choose(candidates: list[Candidate]) -> list[Candidate]:
    """The longest of overlapping candidates, leftmost first."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if not chosen or candidate[0] >= chosen[-1][1]:
            chosen.append(candidate)
    return chosen


def _is_count(text: str, end: int) -> bool:
    """Is the number before `end` followed by a plural noun ("1500 cases")?"""
    after = re.match(r"\s+([a-z]+)\b", text[end:])
    if after is None:
        return False
    word = after.group(1)
    return word in _COUNTED or (word.endswith("s") and word not in _NOT_PLURAL)


def _read_full(match: re.Match[str], written: str | None) -> dict[str, str] | None:
    value = parse_date(_plain_ordinals(match.group(0)))
    if value is None:
        return None
    if (
        match.group(0).startswith("May")
        and len(value.when) == 7
        and not _MAY_BEFORE.search(match.string, 0, match.start())
    ):
        return None  # "May 1945" after a preposition; a sentence may begin "May 2000 ..."
    return {"when": value.when}


def _read_range(match: re.Match[str], written: str | None) -> dict[str, str] | None:
    parts = match.groupdict()
    first = parse_date(_plain_ordinals(parts.get("a") or parts.get("a2") or ""))
    last = parse_date(_plain_ordinals(parts.get("b") or parts.get("b2") or ""))
    if first is None or last is None or not first.when < last.when:
        return None
    if not all(1000 <= int(v.when[:4]) <= 2100 for v in (first, last)):
        return None
    return {"from": first.when, "to": last.when}


def _read_day_month(match: re.Match[str], written: str | None) -> dict[str, str] | None:
    """A day and month whose year is the document's: only a day not after the
    document was written, in its year (so "On Feb. 24" in a text of Feb. 26, 2022)."""
    if not written or len(written) < 7:
        return None
    value = parse_date(f"{_plain_ordinals(match.group('span'))} {written[:4]}")
    if value is None or value.when[: len(written)] > written:
        return None
    return {"when": value.when, "cert": "medium"}


def _plain_ordinals(text: str) -> str:
    """ "4th day of July" -> "4th of July", "3d of March" -> "3 of March", "August
    of 1974" -> "August 1974", for parse_date."""
    text = re.sub(r"(?<=[a-z.])\s+of\s+(?=\d{4})", " ", text)  # "August of 1974"
    return re.sub(r"(?<=\d)d\b", "", re.sub(r"\bday\s+of\b", "of", text))


def _read_decade(match: re.Match[str], written: str | None) -> dict[str, str]:
    start = int(match.group("decade"))
    return {"notBefore": f"{start:04d}", "notAfter": f"{start + 9:04d}"}


def _read_century(match: re.Match[str], written: str | None) -> dict[str, str]:
    number = int(match.group("n")) if match.group("n") else _ORDINAL_WORDS[match.group("w").lower()]
    return {"notBefore": f"{(number - 1) * 100 + 1:04d}", "notAfter": f"{number * 100:04d}"}


def _read_year(match: re.Match[str], written: str | None) -> dict[str, str] | None:
    year = int(match.group("span"))
    return {"when": f"{year:04d}"} if 1000 <= year <= 2100 else None


_READERS = {
    "range": _read_range,
    "full": _read_full,
    "day-month": _read_day_month,
    "decade": _read_decade,
    "century": _read_century,
    "year": _read_year,
}


def _tag_days(root: Element, written: str, language: str) -> None:
    """ "on the 24th": a day of the month the text last named, when that month is
    the month the document was written in and the day is not after it (English)."""
    for run in text_runs(root, _skip):
        spans = []
        if _DIGIT.search(run.text) is None or not is_english(run_language(run, language)):
            continue
        for match in ORDINAL_DAY.finditer(run.text):
            day = int(match.group("d"))
            if not 1 <= day <= int(written[8:10]):
                continue
            if _month_before(run, match.start()) != written[:7]:
                continue
            spans.append(
                (
                    match.start("span"),
                    match.end("span"),
                    make("date", when=f"{written[:8]}{day:02d}", cert="medium"),
                )
            )
        wrap_spans(run, spans)


def _month_before(run: Run, offset: int) -> str | None:
    """The year and month of the last dated element before `offset` in the document."""
    index, _ = run.locate(offset)
    slot = run.slots[index]
    query = "preceding::*[self::tei:date or self::tei:docDate][@when]"
    if slot.is_tail:
        query += " | descendant-or-self::*[self::tei:date or self::tei:docDate][@when]"
    found = elements(slot.owner, query)
    when = found[-1].get("when", "") if found else ""
    return when[:7] if len(when) >= 7 else None
