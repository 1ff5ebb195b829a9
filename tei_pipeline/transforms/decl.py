"""The editorial declaration: what was done to this document, and only that.

Input: the TEI text as the reader and earlier transforms left it, and what the
run reported. Output: `encodingDesc/editorialDecl`, one sentence per decision
that this document shows (TEI Guidelines 2.3.3): no footnote sentence without
notes, no quotation sentence without quotations.
"""

from __future__ import annotations

from lxml import etree

from ..tei.builder import make, sub
from ..tei.ns import xpath_elements
from .base import Context

Element = etree._Element

# (what the text must contain, what was done): the interpretation clauses
INTERPRETATION = (
    ("//tei:text//tei:note[@n]", "footnote markers were moved into note/@n at the marker's place"),
    (
        "//tei:text//*[@rend='centred']",
        'a leading # (a centred display line) is recorded as rend="centred"',
    ),
    ("//tei:text//tei:list[@rend]", "the bullets and numbers of lists are recorded in list/@rend"),
    (
        "//tei:text//tei:hi[@rend='letterspaced']",
        'letter-spaced words are closed up in hi/@rend="letterspaced"',
    ),
    (
        "//tei:text//tei:div[@type='boilerplate']",
        "the distributor's header and licence are kept word for word as "
        'div type="boilerplate", their catalogue fields as a gloss list',
    ),
    (
        "//tei:text//tei:div[@type='fields']",
        'the text\'s own field header ("Title: ...") is a gloss list in div type="fields"',
    ),
    (
        "//tei:text//tei:p[@rend='boxed']",
        'an ASCII box is a paragraph with rend="boxed" that keeps its lines (lb)',
    ),
    ("//tei:text//tei:head[@rend]", "the underline of a heading is recorded in head/@rend"),
    (
        "//tei:text//tei:hi[@rend='italic' or @rend='bold']",
        'words between underscores are hi rend="italic", between asterisks hi rend="bold"',
    ),
    (
        "//tei:text//tei:lg",
        "indented lines that each begin with a capital are verse, l in lg; "
        'a line set further in has rend="indent"',
    ),
    ("//tei:text//tei:div[@type='letter']", 'each numbered letter is a div type="letter"'),
)
DECODED = {"r-007": "the encoding its header declares", "r-008": "Windows-1252"}


def has(doc: etree._ElementTree, xpath: str) -> bool:
    return bool(xpath_elements(doc, xpath))


def editorial_decl(doc: etree._ElementTree, ctx: Context) -> Element:
    decl = make("editorialDecl")
    for name, text in (
        ("normalization", _normalization(doc, ctx)),
        ("quotation", _quotation(doc)),
        ("hyphenation", "Hyphens are kept as in the source; no line-end hyphenation was removed."),
        ("segmentation", _segmentation(doc)),
        ("interpretation", _interpretation(doc)),
    ):
        if text:
            sub(sub(decl, name), "p", text)
    return decl


def _normalization(doc: etree._ElementTree, ctx: Context) -> str:
    text = "The text is kept as in the source."
    if has(doc, "//tei:text//*[@when or @from or @to or @notBefore or @notAfter]"):
        text += " Dates carry normalized ISO values in attributes beside the source's own words."
    codes = [d.code for d in ctx.reporter.diagnostics if d.code in DECODED]
    if codes:
        text += f" The source is not UTF-8; it was read as {DECODED[codes[0]]}."
    return text


def _quotation(doc: etree._ElementTree) -> str:
    parts = []
    if has(doc, "//tei:text//tei:q"):
        parts.append(
            "Quotation marks of the source are kept as text; the quoted words are marked with q."
        )
    if has(doc, "//tei:text//tei:cit"):
        parts.append("Block quotations are cit/quote, with their attribution in bibl.")
    return " ".join(parts)


def _segmentation(doc: etree._ElementTree) -> str:
    text = "Paragraphs follow the blank lines of the source; a line holding only spaces is blank."
    if has(doc, "//tei:text//tei:lb"):
        text += " Lines of short-line blocks (menus, addresses) are marked with lb."
    return text


def _interpretation(doc: etree._ElementTree) -> str:
    clauses = [clause for xpath, clause in INTERPRETATION if has(doc, xpath)]
    if not clauses:
        return ""
    text = "; ".join(clauses) + "."
    return text[0].upper() + text[1:]
