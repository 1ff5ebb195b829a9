"""HTML writer, lists, quotations and phrase-level typography: list/item,
cit/quote/q/bibl, hi and ref (TEI P5 3.8 Lists, 3.3 Quotation, 3.3.2 Emphasis,
3.7 Simple Links). Split from core.py; the Renderer finds the handlers here by
their render_<name> names, as it does in core, names, notes and textstructure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from ...tei.ns import local_name
from .core import add_class, append_text, last_child, sub

if TYPE_CHECKING:
    from .core import Renderer


def render_list(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    if inline:
        return r.block(el, parent, True, "span")
    ordered = (el.get("type") or "") in ("ordered", "numbered") or (el.get("rend") or "") in (
        "numbered",
        "ordered",
    )
    outer = (
        sub(parent, "div", class_="tei-list-wrap")
        if any(local_name(c.tag) == "head" for c in el)
        else parent
    )
    ul = sub(outer, "ol" if ordered else "ul")
    add_class(ul, "tei-list")
    append_list_text(ul, el.text)
    pending: list[etree._Element] = []  # labels wait for their item
    for child in el:
        if not isinstance(child.tag, str):
            append_list_text(ul, child.tail)
            continue
        name = local_name(child.tag)
        if name == "head" and outer is not parent and last_child(ul) is None:
            r.block(child, outer, False, "p", "span", "list-head").addnext(ul)
        elif name == "label":
            pending.append(child)
        else:
            li = sub(ul, "li")
            for label in pending:
                r.block(label, li, True, "span", "span", "label")
                append_text(li, label.tail)
            pending = []
            if name == "item":
                add_class(li, "tei-item")
                r.decorate(child, li)
                r.children(child, li, False)
            else:
                r.render(child, li, False)
        append_list_text(ul, child.tail)
    if pending:
        li = sub(ul, "li")
        for label in pending:
            r.block(label, li, True, "span", "span", "label")
    return ul


def append_list_text(ul: Any, text: str | None) -> None:
    """Text directly in a list: whitespace is dropped, words go into the last item."""
    if text and text.strip():
        target = last_child(ul)
        if target is None:
            target = sub(ul, "li")
        append_text(target, text)


def render_item(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    # An item outside a list (foreign TEI): a plain block.
    return r.block(el, parent, inline, "div")


# --- quotation ----------------------------------------------------------------------


def render_cit(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    if inline:
        return r.block(el, parent, True, "span")
    fig = sub(parent, "figure", class_="tei-cit")
    append_text(fig, el.text)
    kids = [c for c in el if isinstance(c.tag, str)]
    # figcaption must be the first or last child: the trailing bibls go into it.
    tail_bibls: list[etree._Element] = []
    for child in reversed(kids):
        if local_name(child.tag) in ("bibl", "ref"):
            tail_bibls.insert(0, child)
        else:
            break
    cap = None
    for child in el:
        if isinstance(child.tag, str) and child in tail_bibls:
            if cap is None:
                cap = sub(fig, "figcaption")
            r.render(child, cap, True)
            append_text(cap, child.tail)
            continue
        if isinstance(child.tag, str):
            r.render(child, fig, False)
        append_text(fig, child.tail)
    return fig


def render_quote(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "blockquote", "q")


BLOCKY = frozenset("p list lg l ab cit quote div table figure".split())


def render_q(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    if not inline and any(local_name(c.tag) in BLOCKY for c in el):
        return r.block(el, parent, False, "blockquote")
    return r.block(el, parent, True, "q", "q")


def render_bibl(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "p", "span")


def render_hi(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    rend = (el.get("rend") or "").split()
    tag = "span"
    for token, html_tag in (
        ("italic", "i"),
        ("italics", "i"),
        ("bold", "b"),
        ("sup", "sup"),
        ("superscript", "sup"),
        ("sub", "sub"),
        ("subscript", "sub"),
        ("underline", "u"),
    ):
        if token in rend:
            tag = html_tag
            break
    return r.block(el, parent, True, tag, tag)


def render_ref(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    target = el.get("target") or ""
    if r.link_depth or not target.startswith(("http://", "https://")):
        node = r.block(el, parent, inline, "span", "span")
        if target:
            node.set("data-target", target)
        return node
    r.link_depth += 1
    node = r.block(el, parent, True, "a", "a")
    node.set("href", target)
    r.link_depth -= 1
    return node
