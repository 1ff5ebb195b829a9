"""HTML writer, notes (TEI Guidelines 3.9 Notes, Annotation, and Indexing).

Stage: writer. Input: note elements. Output:
- a foot note (@place foot/bottom/end..., or a note without @place inside the
  body, as the commentary notes of other projects) becomes a superscript link
  `<sup id="fnref-N"><a href="#fn-N">N</a></sup>` where it stands, and its text
  goes to the notes section `<li id="fn-N">` with a link back; N is @n when it
  is unique and usable, else the note's position;
- an inline editorial note (@place inline, or @type editorial) is shown where it
  stands, in square brackets;
- a credit note (@type credit, e.g. a photo credit in a figure) is a small block.
The marker and the brackets are generated (class "gen"); the note's words are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from ...tei.ns import TEI_NS, local_name

if TYPE_CHECKING:
    from .core import Renderer

FOOT_PLACES = frozenset(
    {
        "foot",
        "bottom",
        "end",
        "endnote",
        "footnote",
        "margin",
        "left",
        "right",
        "top",
        "opposite",
        "overleaf",
    }
)
INLINE_TYPES = frozenset({"editorial", "credit"})


def is_footnote(el: etree._Element) -> bool:
    """Whether a note leaves the reading flow for the notes section."""
    place = el.get("place")
    if place:
        return place in FOOT_PLACES
    if (el.get("type") or "") in INLINE_TYPES:
        return False
    return next(el.iterancestors(f"{{{TEI_NS}}}body"), None) is not None


def render_note(r: Renderer, el: etree._Element, parent: Any, inline: bool) -> Any:
    from .core import GEN, sub

    if is_footnote(el):
        return _marker(r, el, parent)
    if el.get("type") == "credit":
        return r.block(el, parent, inline, "p", "span", "credit")
    node = sub(parent, "span")
    node.set("class", "tei-note note-inline")
    sub(node, "span", "[", class_=GEN)
    r.children(el, node, True)
    sub(node, "span", "]", class_=GEN)
    return node


def _marker(r: Renderer, el: etree._Element, parent: Any) -> Any:
    from .core import GEN, sub

    position = len(r.footnotes) + 1
    n = (el.get("n") or "").strip()
    label = n if n and len(n) <= 8 else str(position)
    key = n if n and n.isalnum() and f"fn-{n}" not in r.used_ids else str(position)
    note_id = r.unique_id(f"fn-{key}")
    ref_id = r.unique_id(f"fnref-{key}")
    r.footnotes.append((el, note_id, label, ref_id))
    sup = sub(parent, "sup", id=ref_id)
    sup.set("class", f"noteref {GEN}")
    if r.link_depth:
        sup.text = label
        return None
    link = sub(sup, "a", label, href=f"#{note_id}", role="doc-noteref")
    link.set("aria-label", f"Note {label}")
    if r.options.note_previews:
        # A copy of the note's words for sighted readers, shown by CSS on hover and
        # focus (no script needed); screen readers follow the link to the note itself.
        preview = sub(sup, "span", class_="note-preview", aria_hidden="true")
        caption = sub(preview, "span", f"Note {label}", class_="note-preview-label")
        caption.tail = " " + preview_text(el)
    return None  # the sup carries a generated id; xml:id goes on the note's li


PREVIEW_CHARS = 500


def preview_text(el: etree._Element) -> str:
    """The note's words without the notes inside it, shortened to PREVIEW_CHARS."""

    def flow(node: etree._Element) -> str:
        out = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str) and local_name(child.tag) != "note":
                out.append(flow(child))
            out.append(child.tail or "")
        return "".join(out)

    text = " ".join(flow(el).split())
    if len(text) > PREVIEW_CHARS:
        text = text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def notes_section(r: Renderer, parent: Any) -> Any:
    """The notes section: one li per foot note, in the order their markers appear;
    notes met inside notes are appended, so every marker has its note."""
    from .core import GEN, sub

    if not r.footnotes:
        return None
    section = sub(parent, "section", id=r.unique_id("notes"), aria_labelledby="notes-heading")
    section.set("class", "notes")
    heading = sub(section, "h2", "Notes", id=r.unique_id("notes-heading"))
    heading.set("class", GEN)
    ol = sub(section, "ol", class_="footnotes")
    done = 0
    while done < len(r.footnotes):
        el, note_id, label, ref_id = r.footnotes[done]
        done += 1
        li = sub(ol, "li", id=note_id, class_="tei-note footnote")
        back = sub(li, "a", label, href=f"#{ref_id}", role="doc-backlink")
        back.set("class", f"backref {GEN}")
        back.set("aria-label", f"Back to the text of note {label}")
        body = sub(li, "div", class_="note-body")
        r.decorate(el, body)
        if has_own_text(el):
            # Mixed content (words with a bibl or list among them): one paragraph,
            # so a bibl inside the sentence does not break it into blocks.
            r.children(el, sub(body, "p"), True)
        else:
            r.children(el, body, False)
    return section


def has_own_text(el: etree._Element) -> bool:
    """Whether words stand directly in the element (not only in its children)."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
