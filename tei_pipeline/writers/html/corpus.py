"""HTML writer, the documents of a site as rendered, for the pages about all of
them (index, names, timeline).

Stage: writer. Input: rendered document pages (build_page). Output: SitePage
records, the short context of a word on a page (key word in context), and the
site's page shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from lxml import etree, html

from . import header as header_rules
from . import shell
from .core import GEN, PageOptions, sub
from .lang import direction

# HTML elements that end a context snippet: the snippet stays inside one of them.
BLOCKS = frozenset(
    """p li dd dt td th h1 h2 h3 h4 h5 h6 blockquote figcaption figure div
section main header footer nav article body""".split()
)


@dataclass(eq=False)
class SitePage:
    """One document of the site: its file name, TEI root and rendered page
    (compared and hashed by identity)."""

    file: str
    tei: etree._Element
    page: Any  # writers.html.Page

    @property
    def title(self) -> str:
        return str(self.page.title)

    @property
    def lang(self) -> str:
        return str(self.page.lang)

    def header(self) -> etree._Element | None:
        return self.tei.find("{http://www.tei-c.org/ns/1.0}teiHeader")

    def subtitle(self) -> str:
        subs = [
            t
            for t in header_rules.xp(self.header(), "tei:fileDesc/tei:titleStmt/tei:title")
            if t.get("type") == "sub"
        ]
        return header_rules.plain(subs[0]) if subs else ""

    def authors(self) -> list[str]:
        found = header_rules.xp(self.header(), "tei:fileDesc/tei:titleStmt/tei:author")
        return [a for a in (header_rules.plain(x) for x in found) if a]


def _is_gen(el: Any) -> bool:
    return GEN in (el.get("class") or "").split()


@dataclass
class BlockWords:
    """The words of one block as kwic reads them (generated content left out),
    and where each element's words start and end in them."""

    text: str
    spans: dict[Any, tuple[int, int]]


class Contexts:
    """The words of each block, read once: a page quoting N names of one block
    (a register list, a long paragraph) would otherwise walk the block N times."""

    def __init__(self) -> None:
        self.blocks: dict[Any, BlockWords] = {}

    def of(self, block: Any) -> BlockWords:
        if block not in self.blocks:
            self.blocks[block] = block_words(block)
        return self.blocks[block]


def block_of(node: Any) -> Any:
    """The nearest block element holding `node` (the node itself if none does)."""
    block = node.getparent()
    while block is not None and block.tag not in BLOCKS:
        block = block.getparent()
    return node if block is None else block


def block_words(block: Any) -> BlockWords:
    """Walk the block once: its text, tails and a space for each <br>, with the
    generated elements in it (and their content) left out, but not their tails."""
    pieces: list[str] = []
    size = 0
    starts: dict[Any, int] = {}
    spans: dict[Any, tuple[int, int]] = {}
    skipping = None
    for event, el in etree.iterwalk(block, events=("start", "end")):
        piece = ""
        if skipping is not None:
            if event != "end" or el is not skipping:
                continue
            skipping = None
            piece = el.tail or ""
        elif event == "start":
            if el is not block and _is_gen(el):
                skipping = el
                continue
            starts[el] = size
            piece = " " if el.tag == "br" else el.text or ""
        else:
            spans[el] = (starts[el], size)
            if el is not block:
                piece = el.tail or ""
        pieces.append(piece)
        size += len(piece)
    return BlockWords("".join(pieces), spans)


def kwic(node: Any, width: int = 70, contexts: Contexts | None = None) -> tuple[str, str, str]:
    """(before, words, after): the words of `node` with up to `width` characters
    of its block on either side, cut at word boundaries. Generated content (note
    markers and previews) is left out, unless `node` is generated or inside
    generated content (then `kwic_walk` says what is shown). `contexts` keeps the
    words of each block for the next node of the same block."""
    block = block_of(node)
    found = (contexts or Contexts()).of(block)
    if node not in found.spans:
        return kwic_walk(node, block, width)
    start, end = found.spans[node]
    text = found.text
    before, after = words_before(text, start, width), words_after(text, end, width)
    if len(before) > width:
        before = "…" + before[-width:].split(" ", 1)[-1]
    if len(after) > width:
        after = after[:width].rsplit(" ", 1)[0] + "…"
    return (
        before + (" " if text[start - 1 : start].isspace() and before else ""),
        " ".join(text[start:end].split()),
        ((" " if text[end : end + 1].isspace() and after else "") + after),
    )


def words_before(text: str, end: int, width: int) -> str:
    """The whitespace-collapsed words of text[:end], or at least their last `width`
    + 1 characters: the words of a stretch ending at `end` are a suffix of the
    words of all, so the stretch grows only until it is long enough."""
    size = 2 * width + 32
    while True:
        start = max(0, end - size)
        words = " ".join(text[start:end].split())
        if start == 0 or len(words) > width:
            return words
        size *= 2


def words_after(text: str, start: int, width: int) -> str:
    """As words_before, for text[start:]: a prefix of its collapsed words."""
    size = 2 * width + 32
    while True:
        end = min(len(text), start + size)
        words = " ".join(text[start:end].split())
        if end == len(text) or len(words) > width:
            return words
        size *= 2


def kwic_walk(node: Any, block: Any, width: int) -> tuple[str, str, str]:
    """kwic by one walk of the block for this node alone: a generated node keeps its
    own words; a node inside generated content is not met, all words come before."""
    parts: dict[str, list[str]] = {"before": [], "inside": [], "after": []}
    bucket = "before"
    skipping = None
    for event, el in etree.iterwalk(block, events=("start", "end")):
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                parts[bucket].append(el.tail or "")
            continue
        if event == "start":
            if el is not block and el is not node and _is_gen(el):
                skipping = el
                continue
            if el is node:
                bucket = "inside"
            parts[bucket].append(" " if el.tag == "br" else el.text or "")
        else:
            if el is node:
                bucket = "after"
            if el is not block:
                parts[bucket].append(el.tail or "")
    before, inside, after = (
        " ".join("".join(parts[k]).split()) for k in ("before", "inside", "after")
    )
    if len(before) > width:
        before = "…" + before[-width:].split(" ", 1)[-1]
    if len(after) > width:
        after = after[:width].rsplit(" ", 1)[0] + "…"
    space_before = bool(parts["before"]) and "".join(parts["before"])[-1:].isspace()
    space_after = bool(parts["after"]) and "".join(parts["after"])[:1].isspace()
    return (
        before + (" " if space_before and before else ""),
        inside,
        ((" " if space_after and after else "") + after),
    )


def site_page(title: str, options: PageOptions, heading: str, intro: str = "") -> tuple[Any, Any]:
    """A page of the site about all documents: shell, header with h1 and intro,
    and an empty main to fill. Returns (html root, main)."""
    root = shell.new_page(title, "en", options)
    body = shell.body_of(root)
    top = sub(body, "header", class_="title-block")
    sub(top, "h1", heading)
    if intro:
        sub(top, "p", intro, class_="intro")
    main = sub(body, "main", id=shell.SKIP_TARGET)
    shell.skip_to(root, shell.SKIP_TARGET)
    return root, main


Fill = Callable[[Any], None]  # writes the content of an element to an lxml htmlfile


def write_page(out: BinaryIO, root: Any, holder: Any, fill: Fill) -> None:
    """Write the page `root` to `out`, the bytes shell.tostring gives, with `holder`
    (an element of root) filled as it is written by `fill`: one entry's subtree at
    a time, so a page about thousands of documents is never one tree."""
    with etree.htmlfile(out, encoding="utf-8") as xf:
        xf.write_doctype("<!DOCTYPE html>")
        write_within(xf, root, holder, fill)


def write_within(xf: Any, el: Any, holder: Any, fill: Fill) -> None:
    """Write `el` (and its tail) to the htmlfile `xf`: its children as they are,
    then, inside `holder` (el or one of its descendants), after the children it
    has, what `fill(xf)` writes."""
    path = {holder, *holder.iterancestors()}
    with xf.element(el.tag, dict(el.attrib)):
        if el.text:
            xf.write(el.text)
        for child in el:
            if child in path:
                write_within(xf, child, holder, fill)
            else:
                xf.write(child)
        if el is holder:
            fill(xf)
    if el.tail:
        xf.write(el.tail)


def loose(tag: str, text: str | None = None, **attrs: str) -> Any:
    """An element made on its own, to be written whole (core.sub, without a parent:
    a scratch one, dropped with it)."""
    return sub(html.Element("div"), tag, text, **attrs)


class Linked(Protocol):
    """A document as the corpus pages link to it (a SitePage or its summary)."""

    @property
    def file(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def lang(self) -> str: ...


def doc_link(parent: Any, page: Linked, fragment: str = "", text: str | None = None) -> Any:
    """A link to a document page (or a place in it), marked with the document's language."""
    link = sub(
        parent,
        "a",
        text if text is not None else page.title,
        href=page.file + (f"#{fragment}" if fragment else ""),
    )
    if page.lang not in ("en", "und") and text is None:
        link.set("lang", page.lang)
        if direction(page.lang) == "rtl":  # isolated, so an English page keeps its order
            link.set("dir", "rtl")
    return link


def kwic_line(
    parent: Any,
    node: Any,
    href: str,
    lang: str = "en",
    tag: str = "p",
    contexts: Contexts | None = None,
) -> Any:
    """A context line: '…words before <a>the words</a> words after…', in the
    language of the document it comes from."""
    return context_line(parent, kwic(node, contexts=contexts), href, lang, tag)


def context_line(
    parent: Any, words_in_context: tuple[str, str, str], href: str, lang: str = "en", tag: str = "p"
) -> Any:
    """kwic_line of a context already read (a document summary keeps it)."""
    before, words, after = words_in_context
    line = sub(parent, tag, before or None, class_="kwic")
    if lang not in ("en", "und"):
        line.set("lang", lang)
        if direction(lang) == "rtl":
            line.set("dir", "rtl")
    link = sub(line, "a", words or "(here)", href=href)
    link.tail = after or None
    return line
