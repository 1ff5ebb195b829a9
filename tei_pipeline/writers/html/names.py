"""HTML writer, names and dates (TEI Guidelines ch. 13, namesdates).

Stage: writer. Input: persName, placeName, orgName, name, date elements.
Output: a span with class tei-<name>, or a link to the register page
`index.html#<id>` when @ref points to a register entry ("#id"); a date becomes
`<time datetime="@when">` around the source's own words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from .core import Renderer

REGISTER_PAGE = "index.html"

# HTML "valid date string" forms a TEI @when can take: YYYY, YYYY-MM, YYYY-MM-DD
# (four or more digit years), optionally with a time (HTML 4.2.4 Dates and times).
_DATETIME = re.compile(
    r"^\d{4,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$"
    r"|^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
)


def valid_datetime(value: str) -> bool:
    return bool(_DATETIME.match(value))


def register_href(ref: str | None) -> str | None:
    """'#mao-zedong' -> 'index.html#mao-zedong'; other or several refs -> None."""
    if not ref or not ref.startswith("#") or " " in ref.strip() or len(ref) < 2:
        return None
    return f"{REGISTER_PAGE}{ref.strip()}"


def _name(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    href = register_href(el.get("ref"))
    if href is None or r.link_depth:
        return r.block(el, parent, True, "span", "span")
    r.link_depth += 1
    node = r.block(el, parent, True, "a", "a")
    r.link_depth -= 1
    node.set("href", href)
    return node


def render_persName(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _name(r, el, parent, inline)


def render_placeName(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _name(r, el, parent, inline)


def render_orgName(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _name(r, el, parent, inline)


def render_name(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _name(r, el, parent, inline)


def render_date(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    when = el.get("when")
    if when and valid_datetime(when):
        node = r.block(el, parent, True, "time", "time")
        node.set("datetime", when)
        return node
    node = r.block(el, parent, True, "span", "span")
    for attr in ("when", "from", "to", "notBefore", "notAfter"):
        if el.get(attr):
            node.set(f"data-{attr.lower()}", el.get(attr) or "")
    return node
