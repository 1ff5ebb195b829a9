"""HTML writer, header (TEI Guidelines ch. 2, the TEI header).

Stage: writer. Input: the teiHeader. Output: the page's <title>, the title
block shown when the text has no title page, and the provenance panel: the
source editions (sourceDesc), the digital source and its sha256, who encoded
the text and how (respStmt, editorialDecl), the licence. Everything here is
generated from the header (class "gen"), none of it is the text's own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from ...tei.ns import local_name
from ...tei.textspan import collapsed
from ...tei.xpath import nodes

if TYPE_CHECKING:
    from .core import Renderer


xp = nodes  # tei/xpath.py: what an XPath with the tei: prefix selects ([] for None)
plain = collapsed  # tei/textspan.py: the element's text, whitespace runs collapsed


def main_title(header: etree._Element | None) -> str:
    """The title of this text: titleStmt/title[@type='main'], else the title of
    the item itself (@level a or m, TEI 2.2.1), else the first title that names
    neither a series or journal (@level s, j) nor something else (@type), else
    the first title."""
    titles = xp(header, "tei:fileDesc/tei:titleStmt/tei:title")
    for chosen in (
        [t for t in titles if t.get("type") == "main"],
        [t for t in titles if t.get("level") in ("a", "m") and not t.get("type")],
        [t for t in titles if t.get("level") not in ("s", "j") and not t.get("type")],
        titles,
    ):
        if chosen:
            return plain(chosen[0])
    return ""


def title_block(r: Renderer, header: etree._Element | None, parent: Any, fallback: str) -> None:
    """h1 from titleStmt and the authors, for texts without a title page."""
    from .core import GEN, sub

    h1 = sub(parent, "h1", main_title(header) or fallback)
    h1.set("class", GEN)
    authors = [plain(a) for a in xp(header, "tei:fileDesc/tei:titleStmt/tei:author")]
    if any(authors):
        sub(parent, "p", ", ".join(a for a in authors if a), class_=f"author {GEN}")


def bibl_text(bibl: etree._Element) -> str:
    """A structured bibl (parts without punctuation between them) as one line;
    a bibl that carries its own punctuation is kept as written."""
    if (bibl.text or "").strip() or any((c.tail or "").strip() for c in bibl):
        return plain(bibl)
    parts = []
    for child in bibl:
        if not isinstance(child.tag, str) or local_name(child.tag) in ("note", "idno"):
            continue
        text = plain(child)
        if local_name(child.tag) == "biblScope" and child.get("unit") and text:
            text = {"volume": "Vol. ", "issue": "No. ", "page": "p. "}.get(
                child.get("unit") or "", ""
            ) + text
        if text:
            parts.append(text)
    return ", ".join(parts) + ("." if parts else "")


def provenance_panel(r: Renderer, header: etree._Element | None, parent: Any) -> Any:
    """The panel saying where the text comes from and what was done to it."""
    from .core import GEN, sub

    box = sub(
        parent,
        "section",
        id=r.unique_id("provenance"),
        aria_labelledby="provenance-heading",
        class_=f"provenance {GEN}",
    )
    sub(box, "h2", "About this edition", id=r.unique_id("provenance-heading"))
    _sources(header, box)
    _digital(header, box)
    _encoding(header, box)
    _licence(header, box)
    return box


def _section(box: Any, title: str) -> Any:
    from .core import sub

    sec = sub(box, "section", class_="panel-part")
    sub(sec, "h3", title)
    return sec


def _sources(header: etree._Element | None, box: Any) -> None:
    from .core import sub

    bibls = [
        b
        for b in xp(header, "tei:fileDesc/tei:sourceDesc//tei:bibl")
        if b.get("type") != "digitalSource" and b.getparent().tag != b.tag
    ]
    bibls += xp(header, "tei:fileDesc/tei:sourceDesc//tei:biblStruct")
    if not bibls:
        return
    ol = sub(_section(box, "Source editions"), "ol", class_="sources")
    for bibl in bibls:
        sub(ol, "li", bibl_text(bibl))


def _digital(header: etree._Element | None, box: Any) -> None:
    from .core import sub

    digital = xp(header, "tei:fileDesc/tei:sourceDesc//tei:bibl[@type='digitalSource']")
    hashes = xp(header, "tei:fileDesc/tei:sourceDesc//tei:idno[@type='sha256']")
    if not digital and not hashes:
        return
    sec = _section(box, "Digital source")
    for bibl in digital:
        name = plain(next(iter(xp(bibl, "tei:title")), None))
        if name:
            p = sub(sec, "p", "File: ")
            sub(p, "code", name)
    for idno in hashes:
        p = sub(sec, "p", "SHA-256 of the source: ")
        sub(p, "code", plain(idno), class_="sha256")


def _encoding(header: etree._Element | None, box: Any) -> None:
    from .core import sub

    resps = xp(header, "tei:fileDesc/tei:titleStmt/tei:respStmt")
    decls = xp(header, "tei:encodingDesc/tei:editorialDecl/*")
    editions = xp(header, "tei:fileDesc/tei:editionStmt/tei:edition")
    if not (resps or decls or editions):
        return
    sec = _section(box, "Encoding")
    for edition in editions:
        sub(sec, "p", plain(edition))
    if resps:
        ul = sub(sec, "ul", class_="resp")
        for resp in resps:
            what = "; ".join(plain(x) for x in xp(resp, "tei:resp"))
            who = ", ".join(plain(x) for x in xp(resp, "tei:name|tei:persName|tei:orgName"))
            sub(ul, "li", ": ".join(x for x in (what, who) if x))
    if decls:
        dl = sub(sec, "dl", class_="editorial")
        for decl in decls:
            sub(dl, "dt", local_name(decl.tag).capitalize())
            sub(dl, "dd", plain(decl))


def _licence(header: etree._Element | None, box: Any) -> None:
    from .core import sub

    licences = xp(header, "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
    availability = xp(header, "tei:fileDesc/tei:publicationStmt/tei:availability")
    if not licences and not availability:
        return
    sec = _section(box, "Licence")
    for licence in licences or availability:
        p = sub(sec, "p", plain(licence))
        target = licence.get("target") or ""
        if target.startswith(("http://", "https://")):
            p.text = (p.text or "") + " "
            sub(p, "a", target, href=target)
