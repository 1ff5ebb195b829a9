"""The plain-text conventions the reader knows, one predicate each.

Every rule here is about a typographic or editorial convention (a bullet, a
`#` marker, a citation line, a dash before an attribution), never about the
words of a particular text. ENCODING.md's table "The text" lists them.
"""

from __future__ import annotations

import re

from ...tei.dates import parse_date

BULLET = re.compile(r"^(?P<mark>[•▪◦‣·●○■□–\-*])\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^(?P<n>\d{1,3})[.)]\s+(?P<text>\S.*)$")
DISPLAY = re.compile(r"^#(?!#)\s*(?P<text>\S.*)$")
RULE = re.compile(r"^(?:[-*_=~•·]\s*){3,}$")
# "IV. Title", "3. Title", "A. Title", "Chapter 2", "Part II: Title"
NUMBERED_HEAD = re.compile(
    r"^(?:(?P<label>(?:Chapter|Part|Section|Book)\s+[IVXLC\d]+)[.:]?\s*|(?P<n>[IVXLC]{1,6}|\d{1,2}|[A-Z])\.\s+)"
    r"(?P<text>[^\s].*)?$"
)
# "Workers Vanguard No. 1144", "The Call, Vol. 2, No. 5"
MASTHEAD = re.compile(
    r"^(?P<title>[A-Z][^,]*?)[,]?\s+(?:(?:Vol\.|Volume)\s*(?P<volume>\d+)[,]?\s*)?"
    r"(?:No\.|Nr\.|Issue|#)\s*(?P<issue>\d+)$"
)
# Stalin, “The October Revolution and the Tactics ...” (1924).
CITATION = re.compile(
    r"^(?P<author>[^,“”\"]{2,80}),\s*[“\"](?P<title>[^”\"]+)[”\"]\s*\((?P<date>[^()]+)\)\.?$"
)
# —V. I. Lenin, “Speech on the International Situation” (8 November 1918)
ATTRIBUTION = re.compile(
    r"^(?P<dash>[—―–]|--)\s*(?P<author>[^,“”\"(]{2,80}?)"
    r"(?:,\s*[“\"](?P<title>[^”\"]+)[”\"])?\s*(?:\((?P<date>[^()]+)\))?\.?$"
)
FIGURE = re.compile(
    r"^(?P<label>(?:Photo|Photograph|Image|Picture|Illustration|Caption|Cartoon|Map|Fig\.|Figure)"
    r"(?:\s+\d+)?\s*:)\s*(?P<text>.*?)\s*(?:\((?P<credit>[^()]+)\))?$"
)
SAYING = re.compile(
    r"\b(?:said|says|say|wrote|writes|write|stated|states|declared|declares|explained|explains|"
    r"noted|notes|observed|observes|remarked|remarks|put it|argued|argues|insisted|insists|"
    r"asserted|asserts|proclaimed|proclaims|added|adds|concluded|concludes|quote|as follows)"
    r"\b[^.!?]*:$"
)  # case matters: "the United States:" is an address, not "states:"
# Formulas editors and publishers use when they speak about the text before it.
EDITORIAL_CUES = re.compile(
    r"\b(?:this edition|the following editions?|has been prepared|have been prepared|"
    r"prepared (?:and revised )?for (?:digital )?publication|(?:we are|we have been) reprinting|"
    r"we reprint|reprinted (?:here|from|with)|first published|originally published|"
    r"was published in|translated (?:from|by)|transcribed (?:from|by)|"
    r"this is (?:an?|the) (?:essay|article|speech|letter|statement|contribution|text|"
    r"excerpt|extract|transcript|translation|chapter|report|address|pamphlet|interview)|"
    r"editor'?s note|publisher'?s note)\b",
    re.IGNORECASE,
)
# "By Jane Doe", "Author: Jane Doe", "President: George Washington"
BYLINE = re.compile(r"^(?P<label>[Bb]y|[A-Z][a-z]+:)\s+(?P<name>\S.*)$")
# a letter's salutation: "Dear Sir,", "MY DEAR SON,--", "Sir:--", "To the People of X:"
SALUTE = re.compile(
    r"^(?:(?:My |MY )?(?:Dear|DEAR|Dearest|DEAREST|Honoured|HONOURED)\b[^.!?]{0,40}|"
    r"(?:Sir|SIR|Sirs|SIRS|Madam|MADAM|Gentlemen|GENTLEMEN|Friends|FRIENDS)|"
    r"(?:To the|TO THE|Fellow[ -]|FELLOW[ -])[^.!?]{2,60})(?:,|:)(?:--|—)?$"
    # any short vocative closed by a comma or colon and a dash: "YOUR MAJESTY,--"
    r"|^[^.!?,:;]{2,50}[,:](?:--|—)$"
)
# a letter's closing formula: "Yours truly,", "Your grateful friend,", "I am, sir,"
CLOSING = re.compile(
    r"^(?:Yours|YOURS|Your|YOUR|Ever|EVER|I am|I remain|Believe me|Faithfully|Sincerely|"
    r"Respectfully|Affectionately|With (?:great |sincere )?(?:respect|regards?|love))\b"
    r"[^.!?]{0,50}[,.]?(?:--|—)?$"
)
# "Q: ...", "MR. SMITH: ..." opens a turn of speech, not a heading
SPEAKER = re.compile(r"^[A-Z][\w.]{0,20}(?: [A-Z][\w.]{0,20})?:\s+\S")
# a sentence ends and another begins: "... the text. Another ..." (not "No. 12", "J. V.")
SENTENCE_BREAK = re.compile(r"[a-z]{2,}\.\d*\s+[A-Z]")
SENTENCE_END = re.compile(r"[.,;:!]$")
INITIAL_OR_NAME = re.compile(
    r"^(?:[A-Z]\.(?:[\s\u2009\u200a]?[A-Z]\.)*|[A-Z][\w'’\-]+|(?:de|van|von|der|da|di|la|le|bin|ibn|al-\w+))$"
)


def bullet(text: str) -> re.Match[str] | None:
    return BULLET.match(text)


def numbered(text: str) -> re.Match[str] | None:
    return NUMBERED.match(text)


def list_item(text: str) -> re.Match[str] | None:
    return BULLET.match(text) or NUMBERED.match(text)


def is_rule(text: str) -> bool:
    return bool(RULE.match(text))


def is_date_line(text: str) -> bool:
    """A line that is nothing but a date, as in a dateline."""
    return parse_date(text.rstrip(".")) is not None and len(text) <= 40


def is_name_like(text: str) -> bool:
    """A line that could be a person's name: 1-5 capitalised words or initials, no sentence."""
    parts = re.split(r"[\s\u2009\u200a]+", text.strip())
    if not 1 <= len(parts) <= 5 or any(ch.isdigit() for ch in text):
        return False
    return all(INITIAL_OR_NAME.match(part) for part in parts)


def is_short_line(text: str, limit: int = 12) -> bool:
    return 0 < len(text.split()) <= limit


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


# A heading does not end on a word that needs more words after it.
_OPEN_ENDINGS = frozenset(
    "a an the of to and or but in on at for by with from as see is are was "
    "were that which who this these".split()
)


def is_byline(text: str) -> bool:
    found = BYLINE.match(text)
    return found is not None and is_name_like(found.group("name"))


def is_heading_text(text: str) -> bool:
    """Short, capitalised, not a sentence: the shape of a heading or a menu entry."""
    words = text.split()
    return (
        is_short_line(text)
        and (text[0].isupper() or text[0].isdigit())
        and not ends_sentence(text)
        and not text.endswith("?")
        and words[-1].lower() not in _OPEN_ENDINGS
        and not text.endswith(("—", "–", "-"))  # speech broken off, not a title
        and not SPEAKER.match(text)
    )


def is_menu_entry(text: str) -> bool:
    """A short line of a web page's link list: a label, a title, or `Name:`."""
    stripped = text.rstrip(":?")
    return (
        is_short_line(text, 10)
        and not re.search(r"[.,;!]$", stripped)
        and not is_date_line(text)
        and not FIGURE.match(text)
    )


def introduces_quotation(text: str) -> bool:
    """A paragraph ending "... said:" announces that a quotation follows."""
    last_sentence = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    return bool(SAYING.search(last_sentence))
