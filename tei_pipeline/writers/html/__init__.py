"""The HTML writer: one standalone HTML5 page for one TEI document, and
(site.py) a static site of many: index, document pages, names, timeline.

Stage: writer. Input: a valid TEI tree (ours or another project's). Output:
UTF-8 HTML5 bytes. Page shape (landmarks for screen readers and the Nu checker):

    a.skip-link  "Skip to the text", the first stop of the keyboard
    nav.site-nav the site's pages (on a site only)
    header       title page of the text (or a title from the teiHeader) + page links
    nav          div[@type='navigation'] of the front (menus of the source page),
                 folded in a <details>, out of the reading flow
    main         the text in reading order, then the notes section
    nav          div[@type='navigation'] of the back, folded
    footer       provenance panel from the teiHeader

The page is built as lxml elements, never by joining strings, so every text is
escaped. The writer only reads the tree: it never repairs the TEI (STYLE.md 1).
Rules live in core.py (text structure), names.py, notes.py and header.py; the
shell (head, skip link, site navigation) in shell.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from ...tei.ns import local_name
from ...transforms.base import Context
from ..base import Writer
from . import header as header_rules
from . import notes as note_rules
from . import shell
from .core import GEN, PageOptions, Renderer, add_class, sub
from .header import xp
from .lang import bcp47
from .shell import stylesheet
from .textstructure import main_title_part

__all__ = ["HtmlWriter", "Page", "PageOptions", "build_page", "render_page", "stylesheet"]

SKIPPED = frozenset({"teiHeader", "standOff"})


class HtmlWriter(Writer):
    """TEI -> one HTML5 page (see the module docstring)."""

    name = "html"
    media_type = "text/html"

    def write(self, doc: etree._ElementTree | etree._Element, ctx: Context | None = None) -> bytes:
        return render_page(doc, ctx)


def page_lang(tei_root: etree._Element) -> str:
    for path in (
        "@xml:lang",
        "tei:text/@xml:lang",
        "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident",
    ):
        found = xp(tei_root, path)
        if found and str(found[0]).strip():
            return bcp47(str(found[0])) or "und"
    return "und"


@dataclass
class Page:
    """One rendered document page: its HTML tree, and what the renderer met
    (names with their entries and ids, dates) for the site's own pages."""

    root: Any
    title: str
    lang: str
    renderer: Renderer

    def tostring(self) -> bytes:
        return shell.tostring(self.root)


def render_page(
    doc: etree._ElementTree | etree._Element,
    ctx: Context | None = None,
    options: PageOptions | None = None,
) -> bytes:
    """The page of one TEI document as HTML5 bytes (see the module docstring)."""
    return build_page(doc, ctx, options).tostring()


def build_page(
    doc: etree._ElementTree | etree._Element,
    ctx: Context | None = None,
    options: PageOptions | None = None,
) -> Page:
    tei_root = doc.getroot() if isinstance(doc, etree._ElementTree) else doc
    options = options or PageOptions()
    shown_as = ctx.shown_as if ctx is not None else "document"
    r = Renderer(ctx.reporter if ctx is not None else None, shown_as, options)
    r.prepare(tei_root)
    tei_header = next(iter(xp(tei_root, "tei:teiHeader")), None)
    title = header_rules.main_title(tei_header) or (ctx.doc_id if ctx else "") or "Untitled"
    lang = page_lang(tei_root)
    root = shell.new_page(title, lang, options)
    body = shell.body_of(root)

    text = next(iter(xp(tei_root, "tei:text")), None)
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

    _navs(r, front_navs, body, "Menu of the source page (top)")
    main = sub(body, "main", id=r.unique_id(shell.SKIP_TARGET))
    for child in tei_root:
        if isinstance(child.tag, str) and local_name(child.tag) not in SKIPPED:
            r.render(child, main, False)
    notes = note_rules.notes_section(r, main)
    _navs(r, back_navs, body, "Menu of the source page (bottom)")
    foot = sub(body, "footer")
    panel = header_rules.provenance_panel(r, tei_header, foot)

    ul = sub(page_nav, "ul")
    links = (
        [("Text", main)]
        + ([("Notes", notes)] if notes is not None else [])
        + [("About this edition", panel)]
    )
    for label, target in links:
        sub(sub(ul, "li"), "a", label, href=f"#{target.get('id')}")
    shell.skip_to(root, main.get("id"))
    if (notes is not None and options.note_previews) or front_navs or back_navs:
        shell.add_script(root, options)
    return Page(root, title, lang, r)


def _moved_parts(text: etree._Element | None) -> tuple[Any, list[Any], list[Any]]:
    """The title page (when it opens the text) goes to the header; navigation
    divs of front and back go to <nav>s outside <main>."""
    if text is None:
        return None, [], []
    front_navs = xp(text, "tei:front/tei:div[@type='navigation']")
    back_navs = xp(text, "tei:back/tei:div[@type='navigation']")
    title_page = None
    first = next((c for c in text if isinstance(c.tag, str)), None)
    if first is not None and local_name(first.tag) == "front":
        lead = next((c for c in first if isinstance(c.tag, str)), None)
        if lead is not None and local_name(lead.tag) == "titlePage":
            title_page = lead
    return title_page, front_navs, back_navs


def _navs(r: Renderer, divs: list[Any], body: Any, label: str) -> None:
    """Menus and link lists of a scraped source page: kept (nothing is lost) in a
    <nav> outside <main>, folded in a <details> so they stay out of the reading flow."""
    if not divs:
        return
    nav = sub(body, "nav", aria_label=label, class_="source-nav")
    fold = sub(nav, "details")
    entries = sum(len(xp(div, ".//tei:item | .//tei:bibl")) for div in divs)
    count = f", {entries} entr{'y' if entries == 1 else 'ies'}" if entries else ""
    summary = sub(fold, "summary", label + count)
    summary.set("class", GEN)
    for div in divs:
        node = sub(fold, "div")
        add_class(node, "tei-div", "navigation")
        r.decorate(div, node)
        r.children(div, node, False)
