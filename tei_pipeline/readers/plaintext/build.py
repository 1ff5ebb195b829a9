"""From a Layout to the TEI text: front, body and back, every element
carrying the source position of the line it was made from.

Input: a Layout of Blocks. Output: the `text` element. The header is left to
transforms/header.py, which reads this tree (ENCODING.md "The header").
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ...tei.builder import append_text, make, sub
from ...tei.ns import SRC
from ...tei.textspan import string_value
from . import patterns as P
from .front import FrontBuilder, fill_text
from .headings import Heading, Sections, find_heading
from .layout import BOX_EDGE, Layout
from .letters import (
    closer_length,
    dateline_parts,
    is_salutation,
    is_signature,
    postscript_length,
)
from .lines import Block, Line
from .notes_block import note_element, note_elements, trailing_items
from .quotes import quotation_run

Element = etree._Element


class TextBuilder(FrontBuilder):
    """Builds the TEI `text` of one document; `path` is the source as shown in messages."""

    # -- the whole text ---------------------------------------------------

    def text(self, layout: Layout) -> Element:
        text = make("text")
        front = self.front(layout)
        if len(front):
            text.append(front)
        text.append(self.body(layout))
        back = self.back(layout)
        if len(back):
            text.append(back)
        return text

    def front(self, layout: Layout) -> Element:
        front = make("front")
        if layout.frame.front:
            front.append(self.boilerplate(layout.frame.front))
        if layout.fields:
            front.append(self.field_block(layout.fields))
        if layout.title:
            front.append(self.title_page(layout.title))
        for block in layout.front_display:
            for line in block.lines:
                front.append(self.display_line(line, where="front"))
        if layout.front_nav:
            front.append(self.navigation(layout.front_nav))
        if layout.preface:
            div = make("div", type_="preface", src=self.at(layout.preface[0].first))
            self.flow(div, layout.preface)
            front.append(div)
        return front

    def body(self, layout: Layout) -> Element:
        body = make("body")
        for block in layout.opening:
            for line in block.lines:
                body.append(self.display_line(line, where="body"))
        self.flow(body, layout.body, divisions=True)
        if layout.closer:
            body.append(self.closer(layout.closer))
        for block in layout.after_closer:
            body.append(self.figure(block))
        if not any(isinstance(child.tag, str) for child in body):
            body.append(make("p"))  # an empty text still needs a body
        return body

    def back(self, layout: Layout) -> Element:
        back = make("back")
        if layout.back_nav:
            back.append(self.navigation(layout.back_nav))
        if layout.notes:
            div = make("div", type_="notes", src=self.at(layout.notes[0].first))
            for item in trailing_items(layout.notes):
                div.append(note_element(item, self.at(item.line), place="end"))
            back.append(div)
        if layout.frame.back:
            back.append(self.boilerplate(layout.frame.back))
        return back

    def display_line(self, line: Line, where: str) -> Element:
        """A `#` line: a date, an author's name, or a motto (ENCODING.md)."""
        found = P.DISPLAY.match(line.text)
        content = found.group("text") if found else line.text
        at = self.at(line, line.text.index(content))
        if P.is_date_line(content):
            return make("docDate", content, rend="centred", src=at)
        if P.is_name_like(content):
            byline = make("byline", rend="centred", src=at)
            sub(byline, "docAuthor", content, src=at)
            return byline
        if where == "middle":
            return make("p", content, rend="centred", src=at)
        epigraph = make("epigraph", rend="centred", src=at)
        sub(epigraph, "p", content, src=at)
        return epigraph

    def navigation(self, blocks: list[Block]) -> Element:
        div = make("div", type_="navigation", src=self.at(blocks[0].first))
        current: Element | None = None
        for block in blocks:
            if block.kind == "rule":
                div.append(self.milestone(block))
                current = None
                continue
            if current is None:
                current = sub(div, "list", rend="menu", src=self.at(block.first))
            item = sub(current, "item", src=self.at(block.first))
            self.lines_into(item, block.lines, force_breaks=True)
        return div

    # -- running text -----------------------------------------------------

    def flow(self, container: Element, blocks: list[Block], divisions: bool = False) -> None:
        """Paragraphs, lists, quotations, headings and figures, in order."""
        target = container
        sections = Sections()
        index = 0
        while index < len(blocks):
            block = blocks[index]
            # the body's own closer only where the text is one letter: no division after it
            at_end = target is container
            if divisions and (size := closer_length(blocks, index, sections, at_end)):
                target.append(self.closer(blocks[index : index + size]))
                index += size
                if extra := postscript_length(blocks, index, sections):
                    target.append(self.postscript(blocks[index : index + extra]))
                    index += extra
                sections.closed = True  # nothing more may follow in this division
                continue
            greeting = index + 1 < len(blocks) and is_salutation(blocks[index + 1])
            # a dateline opens a division, or the body of a text that is one letter
            if divisions and (target is not container or greeting) and _only_heads(target):
                if (parts := dateline_parts(block, greeting)) is not None:
                    dateline = sub(target, "dateline", parts[0] or None, src=self.at(block.first))
                    if P.is_date_line(parts[1]):  # a day without its year stays words
                        sub(dateline, "date", parts[1], src=self.at(block.first, len(parts[0])))
                    else:
                        append_text(dateline, parts[1])
                    index += 1
                    continue
            heading = find_heading(blocks, index, sections) if divisions else None
            if heading is not None:
                target = self.division(container, heading, sections)
                index += heading.blocks
                continue
            if is_salutation(block) and _only_heads(target):
                salute = make("salute", block.first.text, src=self.at(block.first))
                self.opener(target, salute).append(salute)
                index += 1
                continue
            if block.kind == "attribution":
                self.close_quotation(target, block)
                index += 1
                continue
            index = self.add_block(target, blocks, index)

    def add_block(self, target: Element, blocks: list[Block], index: int) -> int:
        """Add blocks[index] (and any blocks it takes with it); return the next index."""
        block = blocks[index]
        if block.kind == "verse":
            return self.verse(target, blocks, index)
        if size := quotation_run(blocks, index):
            cit = sub(target, "cit", src=self.at(block.first))
            quote = sub(cit, "quote", src=self.at(block.first))
            for paragraph in blocks[index : index + size]:
                quote.append(self.paragraph(paragraph))
            return index + size
        if (
            block.kind == "text"
            and P.introduces_quotation(block.text)
            and index + 1 < len(blocks)
            and blocks[index + 1].kind == "text"
        ):
            target.append(self.paragraph(block))
            quoted = [blocks[index + 1]]
            after = index + 2
            while (
                after < len(blocks)
                and blocks[after].kind == "list"
                and blocks[after - 1].text.endswith(":")
            ):
                quoted.append(blocks[after])
                after += 1
            cit = sub(target, "cit", src=self.at(quoted[0].first))
            quote = sub(cit, "quote", src=self.at(quoted[0].first))
            for block_ in quoted:
                quote.append(self.element_for(block_))
            return after
        if block.kind == "notes":
            notes, after = note_elements(blocks, index, self.at)
            target.extend(notes)
            return after
        if block.kind == "list" and len(target) and _is_list_of_kind(target[-1], block):
            self.fill_list(target[-1], block)
            return index + 1
        target.append(self.element_for(block))
        return index + 1

    def element_for(self, block: Block) -> Element:
        if block.kind == "list":
            kind = "numbered" if P.numbered(block.first.text) else "bulleted"
            element = make("list", rend=kind, src=self.at(block.first))
            self.fill_list(element, block)
            return element
        if block.kind == "figure":
            return self.figure(block)
        if block.kind == "rule":
            return self.milestone(block)
        if block.kind == "display":
            return self.display_block(block)
        if block.kind == "box":
            return self.box(block)
        return self.paragraph(block)

    def box(self, block: Block) -> Element:
        """An ASCII box (a transcriber's note, a notice): one paragraph keeping its
        lines (lb); the frame is recorded as rend="boxed" instead of its | and +."""
        p = make("p", rend="boxed", src=self.at(block.first))
        inner = [line for line in block.lines if not BOX_EDGE.match(line.text)]
        for number, line in enumerate(inner):
            content = line.text[1:-1].strip()
            if number:
                sub(p, "lb", src=self.at(line))
            append_text(p, content)
        return p

    def display_block(self, block: Block) -> Element:
        if len(block.lines) == 1:
            return self.display_line(block.first, where="middle")
        p = make("p", rend="centred", src=self.at(block.first))
        stripped = [_strip_display(line) for line in block.lines]
        self.lines_into(p, stripped, force_breaks=True)
        return p

    def verse(self, target: Element, blocks: list[Block], index: int) -> int:
        """Stanzas in a row: one lg of stanza lgs (or one lg), a line l each; a
        line set further in than its stanza gets rend="indent"."""
        end = index
        while end < len(blocks) and blocks[end].kind == "verse":
            end += 1
        poem = sub(target, "lg", src=self.at(blocks[index].first))
        for block in blocks[index:end]:
            stanza = sub(poem, "lg", src=self.at(block.first)) if end - index > 1 else poem
            base = min(line.indent for line in block.lines)
            for line in block.lines:
                indent = "indent" if line.indent > base else None
                sub(stanza, "l", line.text, rend=indent, src=self.at(line))
        return end

    def division(self, container: Element, heading: Heading, sections: Sections) -> Element:
        parent = sections.parent_for(heading.kind, container)
        first = heading.lines[0]
        div = sub(parent, "div", type_=heading.type, n=heading.n, src=self.at(first))
        head = sub(div, "head", rend=heading.rend, src=self.at(first))
        self.lines_into(head, heading.lines, force_breaks=True)
        sections.opened(heading.kind, div)
        return div

    def fill_list(self, element: Element, block: Block) -> None:
        for number, line, content in self.items([block]):
            item = sub(element, "item", n=number, src=self.at(line))
            fill_text(item, content)

    def items(self, blocks: list[Block]) -> Iterator[tuple[str | None, Line, str]]:
        """(number or None, first line, text) for each list item, continuation lines joined."""
        entries: list[tuple[str | None, Line, str]] = []
        for block in blocks:
            for line in block.lines:
                found = P.list_item(line.text)
                if found is None and entries:
                    number, first, text = entries[-1]
                    entries[-1] = (number, first, text + "\n" + line.text)
                    continue
                number = found.groupdict().get("n") if found else None
                entries.append((number, line, found.group("text") if found else line.text))
        return iter(entries)

    def close_quotation(self, target: Element, block: Block) -> None:
        """An attribution line closes a block quotation that runs back to the
        paragraph introducing it (ending with a colon) or to the start."""
        start = len(target)
        while start > 0 and _quotable(target[start - 1]):
            start -= 1
        quoted = list(target)[start:]
        opened = target[start - 1] if start > 0 else None
        if opened is not None and _open_quotation(opened):
            # a quotation announced by "... said:" runs on to this attribution
            cit, quote = opened, opened[0]
        else:
            cit = make("cit", src=self.at(block.first))
            quote = sub(cit, "quote")
            if quoted and quoted[0].get(SRC):
                quote.set(SRC, quoted[0].get(SRC) or "")
            target.append(cit)
        for element in quoted:
            quote.append(element)
        line = block.first
        found = P.ATTRIBUTION.match(line.text)
        assert found is not None
        cit.append(self.bibl_from_match(found, line, line.text))
        if not len(quote):
            cit.remove(quote)

    def closer(self, blocks: list[Block]) -> Element:
        closer = make("closer", src=self.at(blocks[0].first))
        lines = [line for block in blocks for line in block.lines]
        place: Line | None = None
        for number, line in enumerate(lines):
            dated = number + 1 < len(lines) and P.is_date_line(lines[number + 1].text)
            if dated and not P.is_date_line(line.text) and not P.is_name_like(line.text):
                place = line  # "YASNAYA POLYANA." over its date: one dateline
                continue
            if P.is_date_line(line.text):
                dateline = sub(closer, "dateline", src=self.at(place or line))
                if place is not None:
                    dateline.text, place = place.text + " ", None
                sub(dateline, "date", line.text, src=self.at(line))
                continue
            if number < len(lines) - 1 and not (
                is_signature(line.text) or P.is_name_like(line.text)
            ):
                sub(closer, "salute", line.text, src=self.at(line))  # "Yours truly,"
            else:
                sub(closer, "signed", line.text, src=self.at(line))
        return closer

    def opener(self, target: Element, first: Element) -> Element:
        """The opener a salutation goes into (ENCODING.md: `opener/salute`), taking in
        the datelines right before it: "Vienna, Feb. 22, 1827." over "DEAR SIR,--"."""
        last = target[-1] if len(target) else None
        if last is not None and etree.QName(last).localname == "opener":
            return last
        datelines: list[Element] = []
        for child in reversed(target):
            if not isinstance(child.tag, str) or etree.QName(child).localname != "dateline":
                break
            datelines.insert(0, child)
        opener = make("opener")
        opener.set(SRC, (datelines[0] if datelines else first).get(SRC, ""))
        if datelines:
            datelines[0].addprevious(opener)
            opener.extend(datelines)
        else:
            target.append(opener)
        return opener

    def postscript(self, blocks: list[Block]) -> Element:
        postscript = make("postscript", src=self.at(blocks[0].first))
        for block in blocks:
            postscript.append(self.paragraph(block))
        return postscript

    def figure(self, block: Block) -> Element:
        text = block.text
        found = P.FIGURE.match(text)
        assert found is not None
        line = block.first
        figure = make("figure", src=self.at(line))
        sub(figure, "label", found.group("label"), src=self.at(line))
        if found.group("text"):
            sub(figure, "figDesc", found.group("text"), src=self.at(line, found.start("text")))
        if found.group("credit"):
            sub(
                figure,
                "note",
                found.group("credit"),
                type_="credit",
                src=self.at(line, found.start("credit")),
            )
        return figure

    def milestone(self, block: Block) -> Element:
        return make("milestone", unit="section", rend=block.first.text, src=self.at(block.first))


def _only_heads(element: Element) -> bool:
    """A division (or body) with nothing but its opening so far: a salutation may
    open it (TEI model.divTop)."""
    names = [etree.QName(child).localname for child in element if isinstance(child.tag, str)]
    opening = ("head", "opener", "dateline", "byline", "docDate", "docAuthor", "epigraph")
    return all(name in opening for name in names)


def _quotable(element: Element) -> bool:
    """Blocks a quotation closed by an attribution may take in: not the
    paragraph that introduces it, not headings or display lines."""
    name = etree.QName(element).localname
    if name == "p":
        text = string_value(element).rstrip()
        return not text.endswith(":") and element.get("rend") != "centred"
    return name in ("list",)


def _open_quotation(element: Element) -> bool:
    """A cit made by "... said:" that no attribution has closed yet."""
    return (
        etree.QName(element).localname == "cit"
        and len(element) == 1
        and etree.QName(element[0]).localname == "quote"
    )


def _is_list_of_kind(element: Element, block: Block) -> bool:
    kind = "numbered" if P.numbered(block.first.text) else "bulleted"
    return etree.QName(element).localname == "list" and element.get("rend") == kind


def _strip_display(line: Line) -> Line:
    found = P.DISPLAY.match(line.text)
    if not found:
        return line
    raw = line.raw.replace("#", " ", 1)
    return Line(line.number, raw)
