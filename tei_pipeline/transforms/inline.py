"""Inline conventions of plain text, recognised inside paragraphs.

Each transform wraps spans of running text (tei/textspan.py); none crosses
markup, and each keeps every source character as text or records what the
convention stood for (ENCODING.md principle 1).

- quotation marks:     “word”            -> “<q>word</q>”   (marks kept as text)
- letter-spacing:      f o r             -> <hi rend="letterspaced">for</hi>
- emphasis:            _word_ / *word*   -> <hi rend="italic">word</hi> / <hi rend="bold">word</hi>
- TeX quotes:          ``word'' `word'   -> ``<q>word</q>'' (marks kept as text)
- editorial insertion: [See X -Author]   -> <note type="editorial" place="inline">See
                                            <bibl>...</bibl></note>
- reference to a work: (See Title.)      -> (See <bibl><title>Title</title></bibl>.)
"""

from __future__ import annotations

import re

from lxml import etree

from ..diagnostics import Location
from ..tei.builder import make, sub
from ..tei.ns import tei, xpath_elements
from ..tei.textspan import string_value, wrap_matches
from .base import Context, Transform

Element = etree._Element

# Elements holding running text in which inline conventions are looked for.
RUNNING_TEXT = (
    "//tei:text//*[self::tei:p or self::tei:item or self::tei:head "
    "or self::tei:titlePart or self::tei:note[@place='foot' or @place='end']]"
)

CURLY_DOUBLE = re.compile(r"“([^“”\n]+)”")
GUILLEMETS = re.compile(r"«\s?([^«»\n]+?)\s?»")
STRAIGHT_DOUBLE = re.compile(r'"([^"\n]+)"')
LETTERSPACED = re.compile(r"(?<![\w.])(?:[^\W\d_] ){2,}[^\W\d_](?![\w.])")
# its last two letters, in every match; a text node without them is not searched
LETTERSPACED_CLUE = re.compile(r" [^\W\d_] [^\W\d_](?!\w)")
BRACKETED = re.compile(r"\[(?!\d+\])([^\[\]\n]{2,})\]")
SEE_REFERENCE = re.compile(r"(?<=\((?:See|see) )([^()]+?)(?=\.?\))")
# A string in the text of every match (its look-behind too): an element without
# it is not searched (textspan.wrap_matches).
CLUES = {
    CURLY_DOUBLE: "“",
    GUILLEMETS: "«",
    STRAIGHT_DOUBLE: '"',
    BRACKETED: "[",
    SEE_REFERENCE: "ee ",
}
SEE_WITH_AUTHOR = re.compile(r"^(?P<see>See\s+)(?P<title>.+?)\s+-\s?(?P<author>[A-Z][^-]+)$")


def running_text(doc: etree._ElementTree) -> list[Element]:
    return xpath_elements(doc, RUNNING_TEXT)


class QuotationsTransform(Transform):
    """Quotation marks around words: a q for the words, the marks kept as text.
    Straight marks are paired only where a paragraph has an even number of them;
    an odd count (a quotation running on into the next paragraph) is left alone."""

    name = "quotations"
    priority = 200

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            wrap_matches(element, CURLY_DOUBLE, _q, group=1, clue=CLUES[CURLY_DOUBLE])
            wrap_matches(element, GUILLEMETS, _q, group=1, clue=CLUES[GUILLEMETS])
            if _outside_notes(element).count('"') % 2 == 0:
                wrap_matches(element, STRAIGHT_DOUBLE, _q, group=1, clue=CLUES[STRAIGHT_DOUBLE])


def _q(match: re.Match[str], where: Location) -> Element:
    return make("q", match.group(1))


def _outside_notes(element: Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if etree.QName(child).localname != "note":
            parts.append(string_value(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ``TeX quotes'' and `single ones' (a backtick inside a word, as in Ch`ien, is no mark)
TEX_DOUBLE = re.compile(r"``(?!`)([^`']+(?:'(?!')[^`']*)*)''")
TEX_SINGLE = re.compile(r"(?<![\w`])`(?!`)([^`'\n]+(?:\n[^`'\n]+)?)'(?![\w'])")
# _underscores_ mark italics, *asterisks* bold, in plain-text editions (Project
# Gutenberg's convention); never inside a word (snake_case, a footnote star).
UNDERSCORED = re.compile(r"(?<![\w_])_(?![\s_])([^_]{1,500}?)(?<![\s_])_(?![\w_])")
STARRED = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]{1,200}?)(?<![\s*])\*(?![\w*])")
CLUES.update({TEX_DOUBLE: "``", TEX_SINGLE: "`", UNDERSCORED: "_", STARRED: "*"})


class TexQuotesTransform(Transform):
    """TeX-style quotation marks: the quoted words in q, the marks kept as text."""

    name = "tex-quotes"
    priority = 201

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            wrap_matches(element, TEX_DOUBLE, _q, group=1, clue=CLUES[TEX_DOUBLE])
            wrap_matches(element, TEX_SINGLE, _q, group=1, clue=CLUES[TEX_SINGLE])


class EmphasisTransform(Transform):
    """`_words_` and `*words*`: the words in hi, the marks recorded in @rend
    (italic for underscores, bold for asterisks), as ENCODING.md principle 1 asks."""

    name = "emphasis"
    priority = 205

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            wrap_matches(element, UNDERSCORED, _italic, clue=CLUES[UNDERSCORED])
            wrap_matches(element, STARRED, _bold, clue=CLUES[STARRED])


def _italic(match: re.Match[str], where: Location) -> Element:
    return make("hi", match.group(1), rend="italic")


def _bold(match: re.Match[str], where: Location) -> Element:
    return make("hi", match.group(1), rend="bold")


class LetterSpacingTransform(Transform):
    """Letter-spaced emphasis (`f o r`): the closed-up word in hi[@rend='letterspaced']."""

    name = "letterspacing"
    priority = 210

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            wrap_matches(
                element,
                LETTERSPACED,
                lambda m, at: make("hi", m.group(0).replace(" ", ""), rend="letterspaced"),
                clue=LETTERSPACED_CLUE,
            )


class EditorialInsertionsTransform(Transform):
    """A bracketed insertion ([See ...]) is an inline editorial note; the
    brackets are what the note element records. `[1]` is a note marker, not this.
    A distributor's frame (div type="boilerplate": "[EBook #42]") is its own
    words, kept as they are: no editor inserted anything there."""

    name = "editorial-insertions"
    priority = 150

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            if not _in_boilerplate(element):
                wrap_matches(element, BRACKETED, _editorial_note, clue=CLUES[BRACKETED])


def _in_boilerplate(element: Element) -> bool:
    return any(
        a.tag == tei("div") and a.get("type") == "boilerplate" for a in element.iterancestors()
    )


def _editorial_note(match: re.Match[str], where: Location) -> Element:
    note = make("note", type_="editorial", place="inline")
    content = match.group(1)
    found = SEE_WITH_AUTHOR.match(content)
    if found is None:
        note.text = content
        return note
    note.text = found.group("see")
    bibl = sub(note, "bibl")
    sub(bibl, "title", found.group("title"))
    title_end, author_start = found.end("title"), found.start("author")
    bibl[-1].tail = content[title_end:author_start]
    sub(bibl, "author", found.group("author"))
    return note


class WorkReferencesTransform(Transform):
    """`(See Title.)` names a work: its title becomes bibl/title."""

    name = "work-references"
    priority = 160

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        for element in running_text(doc):
            wrap_matches(element, SEE_REFERENCE, _reference, clue=CLUES[SEE_REFERENCE])


def _reference(match: re.Match[str], where: Location) -> Element:
    bibl = make("bibl")
    sub(bibl, "title", match.group(1))
    return bibl
