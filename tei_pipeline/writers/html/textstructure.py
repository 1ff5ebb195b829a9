"""HTML writer, text structure (TEI Guidelines ch. 4, default text structure;
ch. 14, figures): divisions and headings, the title page, docDate, figures,
and the parts of a TEI document that are not its reading text.

Stage: writer. Input: TEI elements. Output: lxml.html elements (see core.py).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...tei.ns import TEI_NS, local_name
from .core import Renderer, add_class, css_token, sub

# --- divisions and headings ---------------------------------------------------------


def heading_level(r: Renderer, el: etree._Element) -> int:
    """h1 is the title; a div's head is h2, one level deeper per enclosing div that
    has its own head, so levels never skip (HTML: headings in order)."""
    div = el.getparent()
    level = 2
    anc = div.getparent() if div is not None else None
    while anc is not None:
        if local_name(anc.tag) in ("div", "div1", "div2", "div3") and r.first_head(anc) is not None:
            level += 1
        anc = anc.getparent()
    return min(level, 6)


def render_div(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    kind = el.get("type") or ""
    if kind == "navigation" and not inline:
        # Navigation of the source page is moved out of <main> by the page builder;
        # met here (nested, or from a test), it still becomes a <nav>.
        node = sub(parent, "nav", aria_label="Navigation of the source")
        add_class(node, "tei-div", "navigation")
        r.children(el, node, False)
        return node
    has_head = r.first_head(el) is not None
    node = r.block(
        el,
        parent,
        inline,
        "section" if has_head else "div",
        "span",
        f"div-{css_token(kind)}" if kind else "",
    )
    return node


def render_head(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    container = el.getparent()
    first_head = container is not None and r.first_head(container) is el
    if (
        inline
        or container is None
        or local_name(container.tag) not in ("div", "div1", "div2", "div3")
        or not first_head
    ):
        return r.block(el, parent, inline, "p", "span")
    return r.block(el, parent, False, f"h{heading_level(r, el)}")


# --- front matter and closers --------------------------------------------------------


def render_titlePage(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "div")


def main_title_part(title_page: etree._Element) -> etree._Element | None:
    """The titlePart shown as h1: the first of type main, else the first one."""
    parts = [p for p in title_page.iter(f"{{{TEI_NS}}}titlePart")]
    for part in parts:
        if part.get("type") == "main":
            return part
    return parts[0] if parts else None


def render_titlePart(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    page = next((a for a in el.iterancestors(f"{{{TEI_NS}}}titlePage")), None)
    if not inline and page is not None and r.h1_part is el:
        return r.block(el, parent, False, "h1")
    kind = el.get("type") or ""
    return r.block(el, parent, inline, "p", "span", "subtitle" if kind == "sub" else "")


def render_docDate(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    from .names import mark_date, valid_datetime

    node = r.block(el, parent, inline, "p", "span")
    when = el.get("when")
    if when and node.tag == "p" and valid_datetime(when):
        # The words stay the words; the machine date goes on a <time> around them.
        wrap = etree.Element("time", datetime=when)
        wrap.text, node.text = node.text, None
        for child in list(node):
            wrap.append(child)
        node.append(wrap)
    mark_date(r, el, node)
    return node


def render_figure(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    if inline:
        return r.block(el, parent, True, "span")
    fig = sub(parent, "figure", class_="tei-figure")
    cap = sub(fig, "figcaption")
    r.children(el, cap, False)
    return fig


def render_graphic(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    # Images are not fetched: the URL is kept as data for a later slice.
    node = sub(parent, "span", class_="tei-graphic")
    if el.get("url"):
        node.set("data-url", el.get("url") or "")
    return node


def render_teiHeader(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return None  # the header is shown in the provenance panel, not in the reading flow


def render_standOff(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return None  # registers and annotations: not part of the reading flow


def render_facsimile(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    # Page images of the source (TEI 11.1): no words to read, and this writer shows
    # no images, so an empty block would be all the page got.
    return None
