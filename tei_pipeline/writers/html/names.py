"""HTML writer, names and dates (TEI Guidelines ch. 13, namesdates).

Stage: writer. Input: persName, placeName, orgName, name, rs and date elements.
Output:
- a name whose @ref points to an entry the page knows ("#id": a person, place
  or organization of the document's standOff, or of the site's register) becomes
  a link `<a href="names.html#id">` around the source's words, with an id of its
  own (its xml:id, or m-<id>, m-<id>-2 ...) so that the register page can link back to it;
  a nested name, or one inside a link, is a span with that id; a name without a
  known entry is a span keeping the @ref as data-ref;
- a date becomes `<time datetime="@when">` around the source's own words; a
  date with @when, @from or @notBefore gets an id (date-N) for the timeline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from ...tei.ns import TEI_NS, local_name

if TYPE_CHECKING:
    from .core import Renderer

# HTML "valid date string" forms a TEI @when can take: YYYY, YYYY-MM, YYYY-MM-DD
# (four or more digit years), optionally with a time (HTML 4.2.4 Dates and times).
_DATETIME = re.compile(
    r"^\d{4,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$"
    r"|^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
)
# The start of a TEI date value (att.datable.w3c, XSD date types): a year of four
# or more digits, optionally negative, then an optional month and day.
_W3C_START = re.compile(r"^(-?)(\d{4,})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")

# Where a date or name is part of a register entry, not of the text's words.
ENTRY_TAGS = frozenset(
    {
        "person",
        "personGrp",
        "place",
        "org",
        "event",
        "listPerson",
        "listPlace",
        "listOrg",
        "listEvent",
    }
)


def valid_datetime(value: str) -> bool:
    return bool(_DATETIME.match(value))


def date_key(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of a TEI date value for sorting, 0 for a missing part;
    None when the value is not a W3C date ("about 1900", "--12-25")."""
    m = _W3C_START.match((value or "").strip())
    if m is None:
        return None
    year = int(m[2]) * (-1 if m[1] else 1)
    return year, int(m[3] or 0), int(m[4] or 0)


def date_start(el: etree._Element) -> str | None:
    """The value a date is placed by on a timeline: @when, else @from, else @notBefore."""
    for attr in ("when", "from", "notBefore", "when-iso", "from-iso", "notBefore-iso"):
        value = el.get(attr)
        if value and date_key(value) is not None:
            return str(value)
    return None


def entry_ref(ref: str | None) -> str | None:
    """'#mao-zedong' -> 'mao-zedong'; a reference to another file, or several refs -> None."""
    ref = (ref or "").strip()
    if len(ref) < 2 or not ref.startswith("#") or " " in ref:
        return None
    return ref[1:]


def register_href(ref: str | None, page: str = "names.html") -> str | None:
    """'#mao-zedong' -> 'names.html#mao-zedong'; other or several refs -> None."""
    entry = entry_ref(ref)
    return f"{page}#{entry}" if entry else None


def in_entry(el: etree._Element) -> bool:
    """Whether the element is part of a register entry (a person's birth date...)."""
    return any(local_name(a.tag) in ENTRY_TAGS for a in el.iterancestors(f"{{{TEI_NS}}}*"))


def _name(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    from .core import Mention

    entry = entry_ref(el.get("ref"))
    known = entry is not None and entry in r.register_ids and not in_entry(el)
    if not known or r.link_depth:
        node = r.block(el, parent, True, "span", "span")
    else:
        r.link_depth += 1
        node = r.block(el, parent, True, "a", "a")
        r.link_depth -= 1
        node.set("href", f"{r.options.register_page}#{entry}")
    if known and entry is not None:
        node.set("id", r.id_for(el, f"m-{entry}"))
        r.mentions.append(Mention(entry, node.get("id"), el, node))
    elif el.get("ref"):
        node.set("data-ref", el.get("ref") or "")
    return node


def render_persName(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _name(r, el, parent, inline)


# All names render alike. rs, a "referencing string" (TEI 13.2.1), is a name in
# other words ("the Chairman"): it links like a name when its @ref points to an entry.
render_placeName = render_orgName = render_name = render_rs = render_persName


# --- register entries inside the text (other projects keep them in back) -----------

LIST_LABELS = {
    "listPerson": "Persons",
    "listPlace": "Places",
    "listOrg": "Organizations",
    "listBibl": "Works",
    "listEvent": "Events",
}


def render_listPerson(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return _register_list(r, el, parent, inline)


render_listPlace = render_listOrg = render_listEvent = render_listBibl = render_listPerson


def _register_list(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    """A register list in the back of a text (as the Schnitzler letters keep
    theirs) is data about the text, not its words to read: kept whole (nothing is
    lost) but folded in a <details>, each entry one line. Elsewhere (a list of
    works in a menu or a bibliography) it is an ordinary block."""
    from .core import GEN, sub

    holder = el.getparent()
    parent_name = local_name(holder.tag) if holder is not None else ""
    if inline or parent_name != "back":
        return r.block(el, parent, inline, "div", "span")
    fold = sub(parent, "details", class_=f"tei-{local_name(el.tag)} register-list")
    entries = [c for c in el if isinstance(c.tag, str) and local_name(c.tag) not in ("head",)]
    name = LIST_LABELS.get(local_name(el.tag), "Entries")
    sub(fold, "summary", f"{name} named in this text ({len(entries)})", class_=GEN)
    r.children(el, fold, False)
    return fold


def render_person(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "p", "span", "entry-line")


def render_place(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "p", "span", "entry-line")


def render_org(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "p", "span", "entry-line")


def render_event(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    return r.block(el, parent, inline, "p", "span", "entry-line")


def render_date(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    when = el.get("when")
    if when and valid_datetime(when):
        node = r.block(el, parent, True, "time", "time")
        node.set("datetime", when)
    else:
        node = r.block(el, parent, True, "span", "span")
        for attr in ("when", "from", "to", "notBefore", "notAfter"):
            if el.get(attr):
                node.set(f"data-{attr.lower()}", el.get(attr) or "")
    mark_date(r, el, node)
    return node


def mark_date(r: Renderer, el: etree._Element, node: Any) -> None:
    """Give a dated date of the text an id and record it for the timeline."""
    from .core import DateMark

    if date_start(el) is None or in_entry(el):
        return
    node.set("id", r.id_for(el, f"date-{len(r.dates) + 1}"))
    r.dates.append(DateMark(node.get("id"), el, node))


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(value: str | None) -> str:
    """'1948-10-17' -> '17 October 1948', '1948-10' -> 'October 1948', '-0044' ->
    '44 BCE'; a value that is not a W3C date is returned as it is."""
    key = date_key(value)
    if key is None:
        return (value or "").strip()
    year, month, day = key
    shown = f"{-year} BCE" if year < 0 else str(year)
    if month:
        shown = f"{MONTHS[month - 1]} {shown}"
        if day:
            shown = f"{day} {shown}"
    return shown


def date_phrase(el: etree._Element) -> str:
    """What a TEI date says in plain words: one date, a span, or the bounds of a
    date not known exactly (@notBefore/@notAfter, TEI 13.4.1)."""
    when, start, end = el.get("when"), el.get("from"), el.get("to")
    low, high = el.get("notBefore"), el.get("notAfter")
    if when:
        return human_date(when)
    if start or end:
        if start and end:
            return f"{human_date(start)} – {human_date(end)}"
        return f"from {human_date(start)}" if start else f"until {human_date(end)}"
    if low and high:
        return f"between {human_date(low)} and {human_date(high)}"
    if low or high:
        return f"not before {human_date(low)}" if low else f"not after {human_date(high)}"
    return " ".join("".join(str(t) for t in el.itertext()).split())
