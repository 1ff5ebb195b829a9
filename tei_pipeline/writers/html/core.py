"""HTML writer, core module: the renderer and the rules of the TEI core module.

Stage: writer. Input: TEI elements (any TEI, ours or another project's).
Output: lxml.html elements appended to an HTML parent. All text goes into
element text and tails, never into markup strings, so it is always escaped.

Dispatch is on the TEI local name: `render_<name>(r, el, parent, inline)` in
this module (the TEI core module: paragraphs, lists, quotation, highlighting,
links, numbers), textstructure.py, names.py or notes.py, then the SIMPLE table; anything else is
rendered by `render_unknown`, which keeps the text and reports w-001 once per
element name (Docutils `NodeVisitor.unknown_visit`).

`inline` says the HTML parent only takes phrasing content (p, h1-h6, span,
a ...): block rules then fall back to spans, so a TEI list or quote inside a
paragraph never puts a `ul` or `blockquote` inside a `p`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from lxml import etree

from ...diagnostics import Location, Reporter
from ...tei.ns import TEI_NS, XML_ID, XML_LANG, local_name
from .lang import bcp47 as bcp47  # re-exported: the EPUB writer imports it from here

Handler = Callable[["Renderer", etree._Element, Any, bool], Any]

# HTML elements whose content model is phrasing only.
PHRASING = frozenset(
    """p h1 h2 h3 h4 h5 h6 span a em i b u q cite time sup sub small code
abbr del ins dt label data summary""".split()
)

# TEI names with a simple one-to-one rule: (tag in flow context, tag in phrasing context).
SIMPLE: dict[str, tuple[str, str]] = {
    "text": ("div", "span"),
    "front": ("div", "span"),
    "body": ("div", "span"),
    "back": ("div", "span"),
    "group": ("div", "span"),
    "docImprint": ("p", "span"),
    "docAuthor": ("p", "span"),
    "docEdition": ("p", "span"),
    "byline": ("p", "span"),
    "signed": ("p", "span"),
    "dateline": ("p", "span"),
    "salute": ("p", "span"),
    "opener": ("div", "span"),
    "closer": ("div", "span"),
    "postscript": ("div", "span"),
    "epigraph": ("div", "span"),
    "argument": ("div", "span"),
    "trailer": ("p", "span"),
    "ab": ("p", "span"),
    "lg": ("div", "span"),
    "l": ("p", "span"),
    "address": ("p", "span"),
    "addrLine": ("span", "span"),
    "seg": ("span", "span"),
    "foreign": ("span", "span"),
    "term": ("span", "span"),
    "emph": ("em", "em"),
    "del": ("del", "del"),
    "add": ("ins", "ins"),
    "unclear": ("span", "span"),
    "supplied": ("span", "span"),
    "sic": ("span", "span"),
    "corr": ("span", "span"),
    "abbr": ("abbr", "abbr"),
    "expan": ("span", "span"),
    "title": ("cite", "cite"),
    "author": ("span", "span"),
    "editor": ("span", "span"),
    "publisher": ("span", "span"),
    "pubPlace": ("span", "span"),
    "edition": ("span", "span"),
    "biblScope": ("span", "span"),
    "idno": ("span", "span"),
    "rs": ("span", "span"),
    "c": ("span", "span"),
    "space": ("span", "span"),
    "anchor": ("span", "span"),
    "label": ("p", "span"),
    "figDesc": ("p", "span"),
    "docTitle": ("div", "span"),
    "time": ("span", "span"),
    # parts of names and of register entries (TEI 13.2, 13.3)
    "surname": ("span", "span"),
    "forename": ("span", "span"),
    "roleName": ("span", "span"),
    "addName": ("span", "span"),
    "genName": ("span", "span"),
    "nameLink": ("span", "span"),
    "birth": ("div", "span"),
    "death": ("div", "span"),
    "floruit": ("div", "span"),
    "occupation": ("div", "span"),
    "affiliation": ("div", "span"),
    "sex": ("div", "span"),
    "nationality": ("div", "span"),
    "residence": ("div", "span"),
    "education": ("div", "span"),
    "faith": ("div", "span"),
    "location": ("div", "span"),
    "geo": ("span", "span"),
    "settlement": ("span", "span"),
    "region": ("span", "span"),
    "country": ("span", "span"),
    "district": ("span", "span"),
    "bloc": ("span", "span"),
    "geogName": ("span", "span"),
}

# Generated content (labels, markers, headings the TEI does not hold) carries this
# class, so readers and tests can tell the edition's words from the page's.
GEN = "gen"
_ID_OK = re.compile(r"^[^\s]+$")
_CLASS_BAD = re.compile(r"[^A-Za-z0-9_-]+")


def css_token(value: str) -> str:
    return _CLASS_BAD.sub("-", value).strip("-")


def add_class(node: Any, *names: str) -> None:
    old = (node.get("class") or "").split()
    node.set("class", " ".join(dict.fromkeys(old + [n for n in names if n])))


def last_child(parent: Any) -> Any | None:
    """The last child of `parent`, or None. lxml's len() walks every child, so
    asking it once per child is quadratic; [-1] looks at the end only."""
    try:
        return parent[-1]
    except IndexError:
        return None


def append_text(parent: Any, text: str | None) -> None:
    """Add text at the end of `parent` (its text, or the tail of its last child)."""
    if not text:
        return
    last = last_child(parent)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        node.set(key.rstrip("_").replace("_", "-"), value)
    if text:
        node.text = text
    return node


def is_tei(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag.startswith(f"{{{TEI_NS}}}")


@dataclass(frozen=True)
class PageOptions:
    """How a page is put together. The defaults make one standalone page (CSS and
    script inline); build_site makes pages that share style.css and site.js and
    carry the site's navigation."""

    css_href: str | None = None
    """Link this stylesheet; None puts the CSS inline in a <style>."""
    script_href: str | None = None
    """Link this script (note previews: Escape closes them); None puts it inline."""
    site_links: tuple[tuple[str, str], ...] = ()
    """(label, href) of the site navigation at the top of the page; () for none."""
    current: str = ""
    """href of this page among site_links (marked aria-current)."""
    register_page: str = "names.html"
    """Page holding the register: a name with ref="#id" links to <register_page>#id."""
    register_ids: frozenset[str] | None = None
    """Entries a name may link to; None: the persons, places and organizations
    listed in the document itself (its standOff), since a document is self-contained."""
    note_previews: bool = True
    """Put a preview of each foot note beside its marker, shown on hover and focus."""
    paragraph_ids: bool = False
    """Give each paragraph an id (p1, p2 ... in document order) for search results
    to link to; the site's pages have them, a standalone page and the EPUB need none."""
    search_href: str | None = None
    """The site's search page: a search box in the site navigation leads there."""


@dataclass
class Mention:
    """A name that points to a register entry, as rendered on this page."""

    entry_id: str
    html_id: str
    tei: etree._Element
    node: Any


@dataclass
class DateMark:
    """A normalised date of the text (date or docDate with @when, @from or
    @notBefore), as rendered on this page."""

    html_id: str
    tei: etree._Element
    node: Any


def entity_ids(tei_root: etree._Element) -> frozenset[str]:
    """xml:ids of the persons, places and organizations a document lists."""
    found = tei_root.xpath(
        "//tei:person/@xml:id | //tei:personGrp/@xml:id | //tei:place/@xml:id | //tei:org/@xml:id",
        namespaces={"tei": TEI_NS},
    )
    return frozenset(str(v) for v in cast(list[Any], found))


class Renderer:
    """State of one page: handlers, ids in use, footnotes waiting, reported names,
    and what the site pages need: the names and dates met, with their HTML ids."""

    def __init__(
        self,
        reporter: Reporter | None = None,
        shown_as: str = "document",
        options: PageOptions | None = None,
    ) -> None:
        from . import lists_quotes, names, notes, textstructure

        self.handlers: dict[str, Handler] = {}
        for module in (names, notes, textstructure, lists_quotes, sys.modules[__name__]):
            for attr, fn in vars(module).items():
                if attr.startswith("render_") and attr != "render_unknown":
                    self.handlers[attr[len("render_") :]] = fn
        self.reporter = reporter
        self.shown_as = shown_as
        self.used_ids: set[str] = set()
        # Per id base, the number tried last: ids are only ever added, so the ones
        # below it are still taken, and the k-th "m-lenin" costs one step, not k.
        self.id_counters: dict[str, int] = {}
        self.heads: dict[etree._Element, etree._Element | None] = {}  # see first_head
        self.reported: set[str] = set()
        self.link_depth = 0
        self.skip: set[etree._Element] = set()  # rendered elsewhere (title page, navs)
        self.h1_part: etree._Element | None = None
        self.footnotes: list[tuple[etree._Element, str, str, str]] = []  # note, id, label, ref id
        self.options = options or PageOptions()
        self.reserved: set[str] = set()  # the TEI's own xml:ids: generated ids avoid them
        self.register_ids: frozenset[str] = self.options.register_ids or frozenset()
        self.mentions: list[Mention] = []
        self.dates: list[DateMark] = []
        self.paragraphs = 0  # block paragraphs met, for their ids

    def prepare(self, tei_root: etree._Element) -> None:
        """Reserve the document's xml:ids (they stay the HTML ids of their elements,
        so links into the TEI keep working) and learn which entries names may link to."""
        ids = cast(list[Any], tei_root.xpath("//@xml:id"))
        self.reserved = {str(v) for v in ids if _ID_OK.match(str(v))}
        if self.options.register_ids is None:
            self.register_ids = entity_ids(tei_root)

    # --- ids -------------------------------------------------------------------
    def unique_id(self, wanted: str) -> str:
        """A new HTML id made from `wanted`, numbered when taken or reserved."""
        base = css_token(wanted) or "id"
        k = self.id_counters.get(base, 1)
        candidate = base if k == 1 else f"{base}-{k}"
        while candidate in self.used_ids or candidate in self.reserved:
            k += 1
            candidate = f"{base}-{k}"
        self.id_counters[base] = k
        self.used_ids.add(candidate)
        return candidate

    def id_for(self, el: etree._Element, wanted: str) -> str:
        """The element's own xml:id when it is free, else a new id from `wanted`."""
        xml_id = el.get(XML_ID)
        if xml_id and _ID_OK.match(xml_id) and xml_id not in self.used_ids:
            self.used_ids.add(xml_id)
            return str(xml_id)
        return self.unique_id(wanted)

    def first_head(self, el: etree._Element) -> etree._Element | None:
        """The first head child of `el`, looked up once per element: every heading
        asks it of each enclosing div, which would rescan a div of N divs N times."""
        if el not in self.heads:
            self.heads[el] = next((c for c in el if local_name(c.tag) == "head"), None)
        return self.heads[el]

    # --- traversal -------------------------------------------------------------
    def children(self, el: etree._Element, parent: Any, inline: bool) -> None:
        """Render the text and child nodes of `el` into `parent`."""
        append_text(parent, el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.render(child, parent, inline)
            append_text(parent, child.tail)

    def render(self, el: etree._Element, parent: Any, inline: bool) -> Any:
        if el in self.skip:
            return None
        name = local_name(el.tag)
        handler = self.handlers.get(name) if is_tei(el) else None
        if handler is not None:
            node = handler(self, el, parent, inline)
        elif is_tei(el) and name in SIMPLE:
            node = render_simple(self, el, parent, inline)
        else:
            node = render_unknown(self, el, parent, inline)
        if node is not None:
            self.decorate(el, node)
        return node

    def decorate(self, el: etree._Element, node: Any) -> None:
        """Carry xml:id, xml:lang and @rend over to the HTML element."""
        xml_id = el.get(XML_ID)
        if (
            xml_id
            and _ID_OK.match(xml_id)
            and xml_id not in self.used_ids
            and node.get("id") is None
        ):
            self.used_ids.add(xml_id)
            node.set("id", xml_id)
        lang = el.get(XML_LANG)
        if lang is not None:
            html_lang = bcp47(lang)
            node.set("lang" if html_lang is not None else "data-lang", html_lang or lang)
        rend = el.get("rend")
        if rend:
            add_class(node, *(f"rend-{css_token(t)}" for t in rend.split() if css_token(t)))

    def block(
        self,
        el: etree._Element,
        parent: Any,
        inline: bool,
        tag: str,
        inline_tag: str = "span",
        *classes: str,
    ) -> Any:
        """The common rule: one HTML element (`tag`, or `inline_tag` in phrasing
        context) with class tei-<name>, children rendered inside it."""
        node = sub(parent, inline_tag if inline else tag)
        add_class(node, f"tei-{local_name(el.tag)}", *classes)
        self.children(el, node, inline or node.tag in PHRASING)
        return node

    def note_unknown(self, el: etree._Element) -> None:
        name = local_name(el.tag) or "?"
        if self.reporter is None or name in self.reported:
            return
        self.reported.add(name)
        line = el.sourceline if isinstance(el.sourceline, int) else 0
        self.reporter.report(
            "w-001",
            Location(self.shown_as, line),
            f"<{name}> has no HTML rule; its text is shown plainly",
        )


def render_simple(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    tag, inline_tag = SIMPLE[local_name(el.tag)]
    return r.block(el, parent, inline, tag, inline_tag)


def render_unknown(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    """No rule: keep the text and children in a div/span, report w-001 once per name."""
    r.note_unknown(el)
    return r.block(el, parent, inline, "div", "span")


def render_p(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    node = r.block(el, parent, inline, "p")
    if r.options.paragraph_ids and not inline and node.tag == "p" and node.get("id") is None:
        r.paragraphs += 1
        node.set("id", r.unique_id(f"p{r.paragraphs}"))
    return node


def render_num(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    # TEI 3.6.3 Numbers: the words stay the words, the normalised @value goes on an
    # HTML <data value> around them (HTML 4.5.15 The data element).
    value = (el.get("value") or "").strip()
    if not value:
        return r.block(el, parent, True, "span", "span")
    node = r.block(el, parent, True, "data", "data")
    node.set("value", value)
    return node


def render_measure(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    node = r.block(el, parent, True, "span", "span")
    for attr in ("quantity", "unit", "commodity"):
        if el.get(attr):
            node.set(f"data-{attr}", el.get(attr) or "")
    return node


def render_lb(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return sub(parent, "br")


def render_pb(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    # The page number is shown by CSS from data-n: it is not the edition's text.
    node = sub(parent, "span", class_="tei-pb")
    if el.get("n"):
        node.set("data-n", el.get("n") or "")
    return node


def render_milestone(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    if inline:
        return sub(parent, "span", class_="tei-milestone")
    return sub(parent, "hr", class_="tei-milestone")
