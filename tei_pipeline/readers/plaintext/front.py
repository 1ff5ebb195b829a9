"""The parts of a TEI text made before the body: the title page and a
distributor's boilerplate; and the helpers every part of the builder uses
(positions, lines into elements, citations).

Input: TitleLines and Blocks of a Layout. Output: `titlePage` (docTitle,
titlePart, byline/docAuthor, docImprint, docDate) and `div[@type='boilerplate']`.
"""

from __future__ import annotations

import re

from lxml import etree

from ...diagnostics import Location
from ...tei.builder import append_text, make, sub
from . import patterns as P
from .gutenberg import ANY_FIELD, FIELD, field_lines
from .layout import TitleLine
from .lines import Block, Line
from .titlepage import BY_NAME

Element = etree._Element

# A block whose lines (but the last) are this long is prose wrapped by hand:
# its line ends are spaces, not line breaks worth recording.
WRAPPED_PROSE = 50


class BaseBuilder:
    """Positions and line handling shared by every part of the text."""

    def __init__(self, path: str) -> None:
        self.path = path

    def at(self, line: Line, offset: int = 0) -> Location:
        return Location(self.path, line.number, line.column + offset)

    def paragraph(self, block: Block) -> Element:
        p = make("p", src=self.at(block.first))
        self.lines_into(p, block.lines)
        return p

    def lines_into(self, element: Element, lines: list[Line], force_breaks: bool = False) -> None:
        """Lines of a block as the content of element: wrapped prose is joined
        with spaces, short lines (addresses, menus, verse) keep their breaks."""
        wrapped = not force_breaks and all(len(line.text) >= WRAPPED_PROSE for line in lines[:-1])
        append_text(element, lines[0].text)
        for line in lines[1:]:
            if wrapped:
                append_text(element, "\n" + line.text)
            else:
                sub(element, "lb", src=self.at(line))
                append_text(element, line.text)


class FrontBuilder(BaseBuilder):
    """The title page and the boilerplate of a distributor's frame."""

    def field_block(self, blocks: list[Block]) -> Element:
        """The text's own field header ("Title: ...", "Author: ...") as a gloss list."""
        return self.boilerplate(blocks, kind="fields", pattern=ANY_FIELD)

    def boilerplate(
        self, blocks: list[Block], kind: str = "boilerplate", pattern: re.Pattern[str] = FIELD
    ) -> Element:
        """A distributor's header or licence, kept word for word: catalogue fields
        as a gloss list (label and item, TEI Guidelines 3.8), the rest as paragraphs."""
        div = make("div", type_=kind, src=self.at(blocks[0].first))
        gloss: Element | None = None
        for block in blocks:
            fields = field_lines(block, pattern)
            if fields is None:
                div.append(self.paragraph(block))
                gloss = None
                continue
            if gloss is None:  # fields in blocks one after another: one list
                gloss = sub(div, "list", type_="gloss", src=self.at(block.first))
            for line, more in fields:
                found = pattern.match(line.text)
                assert found is not None
                label = line.text[: found.start("value")] if found.group("value") else line.text
                sub(gloss, "label", label.rstrip(), src=self.at(line))
                item = sub(gloss, "item", src=self.at(line, len(label)))
                values = [found.group("value")] if found.group("value") else []
                append_text(item, values[0] if values else "")
                for extra in more:
                    sub(item, "lb", src=self.at(extra))
                    append_text(item, extra.text)
        return div

    # -- front matter -----------------------------------------------------

    def title_page(self, title: list[TitleLine]) -> Element:
        page = make("titlePage", src=self.at(title[0].block.first))
        doc_title: Element | None = None
        byline: Element | None = None
        for part in title:
            line = part.block.lines[part.line_index]
            if part.role in ("main", "sub", "citation"):
                if doc_title is None:
                    doc_title = sub(page, "docTitle", src=self.at(line))
                doc_title.append(self.title_part(part.role, line))
                continue
            doc_title = None
            if part.role == "author" and byline is not None:
                sub(byline, "lb", src=self.at(line))  # "BY" on a line of its own
                sub(byline, "docAuthor", line.text, src=self.at(line))
            elif part.role == "printed" and _continues_imprint(page, part, title):
                sub(page[-1], "lb", src=self.at(line))
                append_text(page[-1], line.text)
            elif part.role == "byword":
                byline = sub(page, "byline", line.text, src=self.at(line))
                continue
            else:
                page.append(self.title_page_line(part.role, line))
            byline = None
        return page

    def title_part(self, role: str, line: Line) -> Element:
        if role == "citation":
            part = make("titlePart", type_="main", src=self.at(line))
            part.append(self.citation(line))
            return part
        return make("titlePart", line.text, type_=role, src=self.at(line))

    def title_page_line(self, role: str, line: Line) -> Element:
        if role == "imprint":
            found = P.MASTHEAD.match(line.text)
            assert found is not None
            imprint = make("docImprint", src=self.at(line))
            sub(imprint, "title", found.group("title"), level="j", src=self.at(line))
            append_text(imprint, line.text[found.end("title") :])
            return imprint
        if role == "date":
            return make("docDate", line.text, src=self.at(line))
        if role == "printed":
            return make("docImprint", line.text, src=self.at(line))
        if role in ("desc", "author"):
            return make("titlePart", line.text, type_="desc", src=self.at(line))
        found = P.BYLINE.match(line.text) or BY_NAME.match(line.text)
        assert found is not None
        byline = make("byline", line.text[: found.start("name")], src=self.at(line))
        sub(byline, "docAuthor", found.group("name"), src=self.at(line, found.start("name")))
        return byline

    def citation(self, line: Line) -> Element:
        """`Author, “Title” (date).` as a bibl, punctuation kept as text."""
        found = P.CITATION.match(line.text)
        assert found is not None
        return self.bibl_from_match(found, line, line.text)

    def bibl_from_match(self, found: re.Match[str], line: Line, text: str) -> Element:
        bibl = make("bibl", src=self.at(line))
        cursor = 0
        for group, name in (
            ("dash", None),
            ("author", "author"),
            ("title", "title"),
            ("date", "date"),
        ):
            if group not in found.re.groupindex or found.group(group) is None:
                continue
            start, end = found.span(group)
            append_text(bibl, text[cursor:start])
            if name is None:
                append_text(bibl, text[start:end])
            else:
                attrs = {"level": "a"} if name == "title" else {}
                sub(bibl, name, text[start:end], src=self.at(line, start), **attrs)
            cursor = end
        append_text(bibl, text[cursor:])
        return bibl


def _continues_imprint(page: Element, part: TitleLine, title: list[TitleLine]) -> bool:
    """A line of the same block as the imprint line above it."""
    before = title[title.index(part) - 1] if title.index(part) else None
    return (
        before is not None
        and before.role == "printed"
        and before.block is part.block
        and len(page) > 0
        and etree.QName(page[-1]).localname == "docImprint"
    )


def fill_text(element: Element, content: str) -> None:
    element.text = content
