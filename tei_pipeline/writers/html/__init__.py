"""The HTML writer: one standalone HTML5 page for one TEI document.

Stage: writer. Input: a valid TEI tree (ours or another project's). Output:
UTF-8 HTML5 bytes. Page shape (landmarks for screen readers and the Nu checker):

    header   title page of the text (or a title from the teiHeader) + page links
    nav      div[@type='navigation'] of the front (menus of the source page)
    main     the text in reading order, then the notes section
    nav      div[@type='navigation'] of the back
    footer   provenance panel from the teiHeader

The page is built as lxml elements, never by joining strings, so every text is
escaped. The writer only reads the tree: it never repairs the TEI (STYLE.md 1).
Rules live in core.py (text structure), names.py, notes.py and header.py.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from lxml import etree, html

from ...tei.ns import TEI_NS, XPATH_NS, local_name
from ...transforms.base import Context
from ..base import Writer
from . import header as header_rules
from . import notes as note_rules
from .core import GEN, Renderer, add_class, bcp47, main_title_part, sub

__all__ = ["HtmlWriter", "render_page"]

SKIPPED = frozenset({"teiHeader", "standOff"})


class HtmlWriter(Writer):
    """TEI -> one HTML5 page (see the module docstring)."""

    name = "html"
    media_type = "text/html"

    def write(self, doc: etree._ElementTree | etree._Element, ctx: Context | None = None) -> bytes:
        return render_page(doc, ctx)


def stylesheet() -> str:
    return files(__package__).joinpath("style.css").read_text(encoding="utf-8")


def page_lang(tei_root: etree._Element) -> str:
    for path in ("@xml:lang", "tei:text/@xml:lang",
                 "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident"):
        found = tei_root.xpath(path, namespaces=XPATH_NS)
        if found and str(found[0]).strip():
            return bcp47(str(found[0])) or "und"
    return "und"


def render_page(doc: etree._ElementTree | etree._Element, ctx: Context | None = None) -> bytes:
    tei_root = doc.getroot() if isinstance(doc, etree._ElementTree) else doc
    shown_as = ctx.shown_as if ctx is not None else "document"
    r = Renderer(ctx.reporter if ctx is not None else None, shown_as)
    tei_header = next(iter(tei_root.xpath("tei:teiHeader", namespaces=XPATH_NS)), None)
    title = header_rules.main_title(tei_header) or (ctx.doc_id if ctx else "") or "Untitled"

    root = html.Element("html")
    root.set("lang", page_lang(tei_root))
    head = sub(root, "head")
    sub(head, "meta", charset="utf-8")
    sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    sub(head, "title", title)
    sub(head, "style", stylesheet())
    body = sub(root, "body")

    text = next(iter(tei_root.xpath("tei:text", namespaces=XPATH_NS)), None)
    title_page, front_navs, back_navs = _moved_parts(text)
    r.skip = set(front_navs + back_navs)

    top = sub(body, "header", class_="title-block")
    r.h1_part = main_title_part(title_page) if title_page is not None else None
    if r.h1_part is None:
        header_rules.title_block(r, tei_header, top, title)
    if title_page is not None:
        r.render(title_page, top, False)
        r.skip.add(title_page)
    page_nav = sub(top, "nav", aria_label="This page", class_=f"page-nav {GEN}")

    _navs(r, front_navs, body, "Links of the source page (top)")
    main = sub(body, "main", id=r.unique_id("text"))
    for child in tei_root:
        if isinstance(child.tag, str) and local_name(child.tag) not in SKIPPED:
            r.render(child, main, False)
    notes = note_rules.notes_section(r, main)
    _navs(r, back_navs, body, "Links of the source page (bottom)")
    foot = sub(body, "footer")
    panel = header_rules.provenance_panel(r, tei_header, foot)

    ul = sub(page_nav, "ul")
    links = [("Text", main)] + ([("Notes", notes)] if notes is not None else []) + [
        ("About this edition", panel)]
    for label, target in links:
        sub(sub(ul, "li"), "a", label, href=f"#{target.get('id')}")
    return html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html")


def _moved_parts(text: etree._Element | None) -> tuple[Any, list[Any], list[Any]]:
    """The title page (when it opens the text) goes to the header; navigation
    divs of front and back go to <nav>s outside <main>."""
    if text is None:
        return None, [], []
    ns = {"tei": TEI_NS}
    front_navs = text.xpath("tei:front/tei:div[@type='navigation']", namespaces=ns)
    back_navs = text.xpath("tei:back/tei:div[@type='navigation']", namespaces=ns)
    title_page = None
    first = next((c for c in text if isinstance(c.tag, str)), None)
    if first is not None and local_name(first.tag) == "front":
        lead = next((c for c in first if isinstance(c.tag, str)), None)
        if lead is not None and local_name(lead.tag) == "titlePage":
            title_page = lead
    return title_page, front_navs, back_navs


def _navs(r: Renderer, divs: list[Any], body: Any, label: str) -> None:
    if not divs:
        return
    nav = sub(body, "nav", aria_label=label, class_="source-nav")
    for div in divs:
        node = sub(nav, "div")
        add_class(node, "tei-div", "navigation")
        r.decorate(div, node)
        r.children(div, node, False)
