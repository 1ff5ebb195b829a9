"""The review loop's two files: candidates.xml, and the registers it is accepted into.

`suggest --format tei` writes the candidates as a TEI register
(sources/registers/candidates.xml: teiHeader + standOff with listPerson,
listPlace, listOrg, as the project's registers are), one entry per real entity:
variants of one person's name ("Angell", "N. Angell", "Norman Angell") are merged
into one entry with a main form and variant forms; a place with one clear
gazetteer reading carries its GeoNames idno, an ambiguous one a note with the
readings; every entry a note saying where it was found. The editor deletes what
is wrong, corrects forms, adds ids. `accept` then moves every entry left into
persons.xml, places.xml or orgs.xml beside it (a form already registered adds
its variants to that entry) and removes the accepted entries from candidates.xml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .files import write_atomic
from .registers import REGISTER_FILES
from .suggest import Candidate, authority
from .tei.builder import make, sub
from .tei.ns import NSMAP, XML_ID, tei
from .transforms.names import text_of

Element = etree._Element
ENTRY = {"person": "person", "place": "place", "org": "org"}
NAME = {"person": "persName", "place": "placeName", "org": "orgName"}
LIST = {"person": "listPerson", "place": "listPlace", "org": "listOrg"}
FILE = dict(zip(("person", "place", "org"), REGISTER_FILES, strict=True))
_INITIAL = re.compile(r"[A-Z]\.")
# notes for the editor's review only: dropped when an entry is accepted
REVIEW_NOTE = "review"


@dataclass
class Group:
    """Candidates that name one entity: the main form first."""

    kind: str
    members: list[Candidate]

    @property
    def main(self) -> Candidate:
        return self.members[0]


def group(candidates: list[Candidate]) -> list[Group]:
    """One group per entity: a shorter person's name joins the one longer name
    it can be a form of (same surname, the other words its initials or words);
    a name that fits two longer names stays apart (which one is it?)."""
    persons = sorted(
        (c for c in candidates if c.kind == "person"),
        key=lambda c: (-_full_words(c.text), -len(c.text.split()), -c.count, c.text),
    )
    groups: list[Group] = []
    for candidate in persons:
        fits = [g for g in groups if _form_of(candidate.text, g.main.text)]
        if len(fits) == 1:
            fits[0].members.append(candidate)
        else:
            groups.append(Group("person", [candidate]))
    groups += [Group(c.kind, [c]) for c in candidates if c.kind != "person"]
    return groups


def _form_of(short: str, full: str) -> bool:
    """Is `short` a shorter form of `full` ("N. Angell", "Angell" of "Norman Angell")?"""
    shorts = re.findall(r"[A-Z]\.|[^\s.]+", short)
    fulls = re.findall(r"[A-Z]\.|[^\s.]+", full)
    if len(shorts) > len(fulls) or shorts == fulls or not shorts or shorts[-1] != fulls[-1]:
        return False
    rest = iter(fulls[:-1])
    return all(any(_same_word(word, other) for other in rest) for word in shorts[:-1])


def _full_words(name: str) -> int:
    """How many words of a name are written out (not initials)."""
    return sum(1 for word in name.split() if not _INITIAL.fullmatch(word))


def _same_word(word: str, other: str) -> bool:
    return word == other or (bool(_INITIAL.fullmatch(word)) and other.startswith(word[0]))


def slug(text: str) -> str:
    """An xml:id from a name: ASCII letters, digits, hyphens (qasem-soleimani)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    ident = "-".join(words) or "name"
    return ident if ident[0].isalpha() else f"n-{ident}"


def candidates_tei(candidates: list[Candidate]) -> bytes:
    """candidates.xml: the candidates as a TEI register for an editor to edit."""
    root = etree.Element(tei("TEI"), nsmap=NSMAP)  # type: ignore[arg-type]
    root.append(
        _header(
            "Candidates for the registers",
            "Names no register knows, proposed by `tei-pipeline suggest`. Delete"
            " the wrong ones, correct the forms, then run `tei-pipeline accept`.",
        )
    )
    standoff = sub(root, "standOff")
    taken: set[str] = set()
    lists: dict[str, Element] = {}
    for entity in group(candidates):
        if entity.kind not in lists:
            lists[entity.kind] = make(LIST[entity.kind])
        lists[entity.kind].append(_entry(entity, taken))
    for kind in ("person", "place", "org"):
        if kind in lists:
            standoff.append(lists[kind])
    return _serialise(root)


def _entry(entity: Group, taken: set[str]) -> Element:
    entry = make(ENTRY[entity.kind])
    ident, number = slug(entity.main.text), 2
    while ident in taken:
        ident, number = f"{slug(entity.main.text)}-{number}", number + 1
    taken.add(ident)
    entry.set(XML_ID, ident)
    for index, member in enumerate(entity.members):
        sub(entry, NAME[entity.kind], member.text, type_="main" if index == 0 else "variant")
    geonames = entity.main.geonames
    if geonames is not None:
        sub(entry, "idno", str(geonames.geonames_id), type_="geonames")
    elif note := authority(entity.main):
        sub(
            entry,
            "note",
            f"Gazetteer readings ({note}); add the right one as an idno.",
            type_=REVIEW_NOTE,
        )
    found = [p for m in entity.members for p in m.positions]
    cert = max((m.cert for m in entity.members), key=("low", "medium", "high").index)
    sub(
        entry,
        "note",
        f"Found {len(found)} times (machine certainty {cert}): "
        + " ".join(str(p) for p in found[:20])
        + (" …" if len(found) > 20 else ""),
        type_=REVIEW_NOTE,
    )
    return entry


def _header(title: str, description: str) -> Element:
    header = make("teiHeader")
    desc = sub(header, "fileDesc")
    sub(sub(desc, "titleStmt"), "title", title)
    sub(sub(desc, "publicationStmt"), "p", "Part of this project's registers.")
    sub(sub(desc, "sourceDesc"), "p", description)
    return header


def _serialise(root: Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# -- accept ---------------------------------------------------------------------


@dataclass
class Accepted:
    """What accept did: entries added and forms merged, per register file."""

    added: dict[str, int]
    merged: dict[str, int]


def accept(candidates_file: Path) -> Accepted:
    """Move every entry of candidates_file into the registers beside it (see the
    module docstring); the file is removed once nothing is left in it."""
    root = etree.parse(str(candidates_file), _parser()).getroot()
    folder = candidates_file.parent
    result = Accepted({}, {})
    for kind in ("person", "place", "org"):
        entries = list(root.iter(tei(ENTRY[kind])))
        if not entries:
            continue
        target = folder / FILE[kind]
        register = _register_root(target, kind)
        listing = register.find(f".//{tei(LIST[kind])}")
        assert listing is not None
        for entry in entries:
            for note in entry.findall(f"{tei('note')}[@type='{REVIEW_NOTE}']"):
                entry.remove(note)
            into = _entry_with_form(register, kind, entry)
            if into is None:
                _unique_id(register, entry)
                listing.append(entry)
                result.added[target.name] = result.added.get(target.name, 0) + 1
            else:
                _merge(into, entry, kind)
                result.merged[target.name] = result.merged.get(target.name, 0) + 1
        write_atomic(target, _serialise(register))
    candidates_file.unlink()
    return result


def _register_root(path: Path, kind: str) -> Element:
    if path.exists():
        return etree.parse(str(path), _parser()).getroot()
    root = etree.Element(tei("TEI"), nsmap=NSMAP)  # type: ignore[arg-type]
    root.append(
        _header(
            f"Register of {kind}s" if kind != "person" else "Register of persons",
            "Entries accepted from tei-pipeline suggest by an editor.",
        )
    )
    sub(sub(root, "standOff"), LIST[kind])
    return root


def _forms(entry: Element, kind: str) -> list[str]:
    return [" ".join(text_of(n).split()) for n in entry.iter(tei(NAME[kind]))]


def _entry_with_form(register: Element, kind: str, entry: Element) -> Element | None:
    wanted = set(_forms(entry, kind))
    for existing in register.iter(tei(ENTRY[kind])):
        if wanted & set(_forms(existing, kind)):
            return existing
    return None


def _merge(into: Element, entry: Element, kind: str) -> None:
    known = set(_forms(into, kind))
    last = list(into.iter(tei(NAME[kind])))[-1]
    for name in entry.iter(tei(NAME[kind])):
        text = " ".join(text_of(name).split())
        if text not in known:
            variant = make(NAME[kind], text)
            variant.set("type", "variant")
            last.addnext(variant)
            last, known = variant, known | {text}


def _unique_id(register: Element, entry: Element) -> None:
    taken = {e.get(XML_ID) for e in register.iter() if e.get(XML_ID)}
    base = entry.get(XML_ID) or "entry"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    entry.set(XML_ID, ident)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(remove_blank_text=True)
