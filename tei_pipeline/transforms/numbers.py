"""Numbers: the numbers of running text, with their plain decimal value.

Input: the tree after the dates transform (years that are dates are already
inside date elements and are left alone). Output: num[@value] around every
number written in digits, in the source's own format, and measure[@quantity]
[@unit] around a number with its unit (ENCODING.md "Names, dates and numbers";
TEI P5 3.6.3 num, 3.6.3 measure). Before::

    <p>4'300'000 troops ... 2'350'000 square kilometres, or 24,5% ... 600 million</p>

After::

    <p><num value="4300000">4'300'000</num> troops ... <measure quantity="2350000"
    unit="km2">2'350'000 square kilometres</measure>, or <num type="percentage"
    value="24.5">24,5%</num> ... <num value="600000000">600 million</num></p>

Choices, each for a reason:

- money: a currency sign before the amount ("$784,600.08", "£1,250") makes a
  measure[@type='currency'] with the currency's name as @unit and the plain value
  as @quantity; the sign is inside the measure, it is part of what was written;
- separators of thousands: ' and ’ (Swiss), "," in English, a no-break or thin
  space; a decimal comma only where it cannot be a thousands separator ("24,5%",
  "2,5 million"); "2,009" is 2009 in English, and left alone in other languages
  (the text's language, stated or detected: transforms/language.py), where it may be 2.009;
- a measure holds its number and unit as text, without a num inside (one
  element, one value: @quantity);
- ordinals ("31st anniversary") stay text: they count places, not amounts;
- never a number: a note marker or a citation number in brackets ("[1]",
  "[2]_"), a day of a month ("September 13", not recognised as a date
  for want of a year), a time ("7 p.m."), an enumerator ("1. The", "; (3) the"),
  a whole number before a fraction ("21 1/2"), "2.500" (2.5 or 2500?), a
  four-digit number that looks like a year but was not recognised as a date (most
  likely a year in a context the date rules do not trust) unless a label says
  what it numbers ("No. 1144", "p. 1203"), digits inside words or identifiers
  ("B52", "COVID-19"), numbers joined by ":" or "/" ("230:997", "3/4":
  references and fractions, ambiguous),
  a house number ("12 Example Street": it names a house, it counts nothing),
  and anything inside idno, date, a name or a list label.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..tei.builder import make
from ..tei.language import is_english, run_language
from ..tei.lookback import LOOKBACK as LOOKBACK  # re-exported: tests read it
from ..tei.lookback import ends_before
from ..tei.ns import local_name, tei
from .base import Context, Transform
from .dates import MONTH_PATTERN
from .names import default_skip, text_runs, wrap_spans

Element = etree._Element

_GROUPED = (
    r"\d{1,3}(?:,\d{3})+\.\d+"  # 784,600.08
    r"|\d{1,3}(?:['’]\d{3})+"  # 4'300'000
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"  # 4 300 000 with a no-break or thin space
    r"|\d{1,3}(?:,\d{3})+(?![,\d])"  # 9,600,000
    r"|\d+\.\d+"  # 24.5
    r"|\d+,\d{1,2}(?=\s?(?:%|per\s?cent\b|percent\b|(?:thousand|million|billion)\b))"
    r"|\d+"
)
_MULTIPLIERS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_UNITS = (
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s*km|km²|km2", "km2"),
    (r"square\s+miles?|sq\.?\s*mi(?:les?)?", "mi2"),
    (r"square\s+met(?:re|er)s?|m²", "m2"),
    (r"kilomet(?:re|er)s?|km", "km"),
    (r"miles?", "mi"),
    (r"hectares?|ha", "ha"),
    (r"acres?", "acre"),
    (r"kilo(?:gram(?:me)?s?)?|kg", "kg"),
    (r"tonnes?|tons?", "t"),
)
# A currency sign before the amount: the unit is the currency's name, not a country's
# code, since "$" is the sign of many dollars (TEI measure[@type='currency']).
CURRENCIES = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen"}
NUMBER = re.compile(
    rf"(?:(?<![\w$£€¥])(?P<currency>[{''.join(CURRENCIES)}]))?"
    r"(?<![\w.,'’:/#\-\u2010\u2011])"
    rf"(?P<number>{_GROUPED})"
    r"(?:(?P<percent>\s?%|\s+per\s?cent\b|\s+percent\b)"
    rf"|\s+(?P<multiplier>{'|'.join(_MULTIPLIERS)})\b)?"
    rf"(?:\s+(?P<unit>{'|'.join(f'(?:{p})' for p, _ in _UNITS)})(?!\w))?"
    r"(?![\w'’%]|[.,:/]\d|[-\u2010\u2011\u2013])"
    r"(?!\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Boulevard"
    r"|Square|Place|Drive|Court|Terrace|Strasse|Straße|Gasse|Platz)\b)"  # a house number
)
DIGIT = re.compile(r"\d")  # in every match of NUMBER
UNIT_CODES = [(re.compile(pattern + r"$"), code) for pattern, code in _UNITS]
YEARLIKE = re.compile(r"[12]\d{3}")
# After these a number numbers something and is never a year ("No. 1144").
NUMBER_LABEL = re.compile(
    r"(?<!\w)(?:No|Nr|Vol|p|pp|(?i:page|pages|issue|number|volume))\.?\s*$|#$"
)
SKIPPED = frozenset({"label", "docDate"})
COMMA_GROUPS = re.compile(r",\d{3}")
AMBIGUOUS_POINT = re.compile(r"\d+\.\d{3}")  # "2.500": 2.5, or 2500 written the German way?
MONTH_BEFORE = re.compile(rf"(?<!\w){MONTH_PATTERN}\s+$")  # "September 13": a day
MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{MONTH_PATTERN}")  # "13 September"
TIME_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|o['’]clock|[ap]m\b)")
FRACTION_AFTER = re.compile(r"\s+\d+/\d+")  # "21 1/2": the whole number is not the amount
LINE_START = re.compile(r"(?:^|\n)\s*$")
ENUMERATOR_AFTER = re.compile(r"[.)]\s")  # "1. The limitation" opening a line
OPENING = re.compile(r"(?:^|\n|[;:,.]\s*|\b(?:and|or)\s+)\s*\($")  # "; (3) the", "and (3) the"


def number_value(text: str) -> Decimal | None:
    """The value of a number as written ("4'300'000", "2,009", "24,5"), or None."""
    cleaned = re.sub(r"['’\u00a0\u202f\u2009]", "", text)
    if re.fullmatch(r"\d+,\d{1,2}", cleaned):  # a decimal comma ("24,5")
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> str:
    """A plain decimal: no exponent, no trailing zeros after the point (TEI teidata.numeric)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_element(match: re.Match[str]) -> Element | None:
    """num or measure for one match of NUMBER, or None where it is not a number to tag."""
    written = match.group("number")
    value = number_value(written)
    if value is None or _not_an_amount(match):
        return None
    if match.group("currency"):
        if match.group("unit") or match.group("percent"):
            return None  # "$5 km", "$5%": not an amount of money as written
        if match.group("multiplier"):
            value = value.scaleb(_MULTIPLIERS[match.group("multiplier")])
        currency = CURRENCIES[match.group("currency")]
        return make("measure", type_="currency", unit=currency, quantity=plain(value))
    if YEARLIKE.fullmatch(written) and not (
        match.group("unit")
        or match.group("percent")
        or match.group("multiplier")
        or ends_before(NUMBER_LABEL, match.string, match.start())
    ):
        return None  # a year the date rules did not take
    if match.group("multiplier"):
        value = value.scaleb(_MULTIPLIERS[match.group("multiplier")])
    if match.group("unit"):
        unit = next(code for pattern, code in UNIT_CODES if pattern.match(match.group("unit")))
        return make("measure", quantity=plain(value), unit=unit)
    if match.group("percent"):
        return make("num", type_="percentage", value=plain(value))
    return make("num", value=plain(value))


def _not_an_amount(match: re.Match[str]) -> bool:
    """A number that is a day, a time, an enumerator, or ambiguous."""
    text, end = match.string, match.end()
    # before the digits, so a currency sign is seen ("$1,000. The" is no enumerator)
    start = match.start("number")

    def before(pattern: re.Pattern[str]) -> bool:
        return ends_before(pattern, text, start)

    return bool(
        AMBIGUOUS_POINT.fullmatch(match.group("number"))
        or before(MONTH_BEFORE)
        or MONTH_AFTER.match(text, end)
        or TIME_AFTER.match(text, end)
        or FRACTION_AFTER.match(text, end)
        or (before(LINE_START) and ENUMERATOR_AFTER.match(text, end))
        or (before(OPENING) and text.startswith(")", end))
        or (text[start - 1 : start] == "[" and text.startswith("]", end))  # a marker: [1]
    )


def tag_numbers(root: Element, language: str = "en") -> None:
    """Wrap the numbers of root's running text (see the module docstring). Outside
    English a comma before three digits may be a decimal comma ("2,009" = 2.009 in
    German), so such a number is left alone. Each run follows the xml:lang in
    force where it stands (`language` where none is)."""
    for run in text_runs(root, _skip):
        if DIGIT.search(run.text) is None:
            continue  # most paragraphs have no digit; NUMBER would try every position
        english = is_english(run_language(run, language))
        spans = []
        for match in NUMBER.finditer(run.text):
            if not english and COMMA_GROUPS.search(match.group("number")):
                continue
            element = number_element(match)
            if element is not None:
                spans.append((match.start(), match.end(), element))
        wrap_spans(run, spans)


def _skip(element: Element) -> bool:
    return default_skip(element) or local_name(element.tag) in SKIPPED


class NumbersTransform(Transform):
    """Numbers and measures in running text (see the module docstring)."""

    name = "numbers"
    priority = 320

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        text = doc.getroot().find(tei("text"))
        if text is not None:
            tag_numbers(text, ctx.text_language)
