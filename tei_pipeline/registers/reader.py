"""Registers, one file: parse a TEI register and check each entry on its own.

Input: a TEI document whose standOff holds a listPerson, listPlace or listOrg.
Output: a `RegisterFile` with one `Entry` per person, place and organization (id,
kind, main and variant forms, life dates, authority ids, its TEI element, and the
file, line and column of the entry and of each form), and the problems found in
the file alone, as p-0NN diagnostics, one line each::

    sources/registers/persons.xml:116:7: error p-005: entry "lenin" has no main form; add ...
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from ..diagnostics import CODES, Diagnostic, Location
from ..tei.ns import XML_ID, local_name, tei
from .model import (
    FORM_TYPES,
    LIST_TAGS,
    NAME_TAGS,
    WIKIDATA_ID,
    Entry,
    Form,
    Idno,
    Kind,
    RegisterFile,
    normalise,
)


def load_register(path: str | os.PathLike[str]) -> RegisterFile:
    """Parse and check one register file. No cache: a run loads its registers once
    (context.Services), so a file edited between runs is always read afresh."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return RegisterFile(name, (), (problem("p-001", Location(name), _os_message(exc)),))
    root, problems = _parse(name, data)
    if root is None:
        return RegisterFile(name, (), tuple(problems))
    positions = _Positions(name, data, root)
    lists = _register_lists(root)
    if not lists:
        where = positions.of(root)
        return RegisterFile(name, (), (*problems, problem("p-002", where)))
    entries: list[Entry] = []
    for element in _entry_elements(lists):
        entry = _read_entry(element, positions, problems)
        if entry is not None:
            entries.append(entry)
    return RegisterFile(name, tuple(entries), tuple(problems))


def _parse(name: str, data: bytes) -> tuple[etree._Element | None, list[Diagnostic]]:
    """The root element, or None with a p-001 if the file is not well-formed XML.

    libxml2 treats a repeated xml:id as a syntax error; such a file is read again in
    recover mode so that every repeat is reported as p-004 with both positions.
    """
    strict = _parser(recover=False)
    try:
        return etree.fromstring(data, strict, base_url=name), []
    except etree.XMLSyntaxError as exc:
        # The parser's own log, not exc.error_log: that one also holds earlier parses.
        if all(e.type_name == "DTD_ID_REDEFINED" for e in strict.error_log):
            return etree.fromstring(data, _parser(recover=True), base_url=name), []
        line, column = exc.position
        return None, [problem("p-001", Location(name, line, column), exc.msg)]


def _parser(*, recover: bool) -> etree.XMLParser:
    # A fresh parser per parse: lxml parsers keep state and are not shareable.
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True)


def _register_lists(root: etree._Element) -> list[etree._Element]:
    if root.tag != tei("TEI"):
        return []
    return [
        lst
        for so in root.iterchildren(tei("standOff"))
        for lst in so.iterchildren(*(tei(t) for t in LIST_TAGS))
    ]


def _entry_elements(lists: list[etree._Element]) -> list[etree._Element]:
    # iter() also finds entries nested in others (a place within a place).
    tags = [tei(kind.value) for kind in Kind]
    return [element for lst in lists for element in lst.iter(*tags)]


# ---------------------------------------------------------------- one entry


def _read_entry(
    element: etree._Element, positions: _Positions, problems: list[Diagnostic]
) -> Entry | None:
    kind = Kind(local_name(element.tag))
    where = positions.of(element)
    entry_id = (element.get(XML_ID) or "").strip()
    if not entry_id:
        problems.append(problem("p-003", where, f"this {kind.value} has no xml:id"))
        return None
    forms = _read_forms(element, kind, entry_id, positions, problems)
    main, variants = _split_main(forms, entry_id, where, problems)
    return Entry(
        id=entry_id,
        kind=kind,
        main=main,
        variants=variants,
        birth=_when(element, "birth"),
        death=_when(element, "death"),
        idnos=_read_idnos(element, positions, problems),
        location=where,
        element=element,
    )


def _read_forms(
    element: etree._Element,
    kind: Kind,
    entry_id: str,
    positions: _Positions,
    problems: list[Diagnostic],
) -> list[Form]:
    forms: list[Form] = []
    seen: set[str] = set()
    for name in element.iterchildren(tei(NAME_TAGS[kind])):
        form = _read_form(name, entry_id, positions, problems)
        if form is None:
            continue
        if form.text in seen:
            detail = f'"{form.text}" is listed twice in entry "{entry_id}"'
            problems.append(problem("p-009", form.location, detail))
            continue
        seen.add(form.text)
        forms.append(form)
    return forms


def _read_form(
    name: etree._Element, entry_id: str, positions: _Positions, problems: list[Diagnostic]
) -> Form | None:
    where = positions.of(name)
    text = normalise("".join(t for t in name.itertext() if isinstance(t, str)))
    if not text:
        detail = f'an empty {local_name(name.tag)} in "{entry_id}"'
        problems.append(problem("p-007", where, detail))
        return None
    form_type = name.get("type", "")
    if form_type not in FORM_TYPES:
        detail = f'"{text}" has type="{form_type}"' if form_type else f'"{text}" has no type'
        problems.append(problem("p-010", where, detail))
        form_type = "variant"
    return Form(text, form_type, entry_id, where, name.get("cert"))


def _split_main(
    forms: list[Form], entry_id: str, where: Location, problems: list[Diagnostic]
) -> tuple[Form | None, tuple[Form, ...]]:
    """The main form and the variants; extra main forms are kept as variants."""
    mains = [form for form in forms if form.type == "main"]
    if not mains:
        problems.append(problem("p-005", where, f'entry "{entry_id}" has no main form'))
        return None, tuple(forms)
    for extra in mains[1:]:
        detail = f'"{extra.text}" is a second main form of "{entry_id}" (after "{mains[0].text}")'
        problems.append(problem("p-006", extra.location, detail))
    return mains[0], tuple(form for form in forms if form is not mains[0])


def _when(element: etree._Element, tag: str) -> str | None:
    child = element.find(tei(tag))
    return child.get("when") if child is not None else None


def _read_idnos(
    element: etree._Element, positions: _Positions, problems: list[Diagnostic]
) -> tuple[Idno, ...]:
    idnos: list[Idno] = []
    for child in element.iterchildren(tei("idno")):
        idno = Idno(child.get("type", ""), normalise(child.text or ""), positions.of(child))
        if idno.type == "wikidata" and not WIKIDATA_ID.fullmatch(idno.value):
            detail = f'"{idno.value}" is not a Wikidata id'
            problems.append(problem("p-011", idno.location, detail))
            continue
        idnos.append(idno)
    return tuple(idnos)


# ---------------------------------------------------------------- positions


class _Positions:
    """File, line and column of each element's start tag.

    lxml gives only the line (`sourceline`); the column is found by counting the
    start tags of the same name on that line, in document order. The element list
    keeps lxml's proxies alive, so the same element maps to the same key.
    """

    def __init__(self, path: str, data: bytes, root: etree._Element) -> None:
        self._path = path
        lines = data.decode("utf-8", errors="replace").splitlines()
        self._elements = [e for e in root.iter() if isinstance(e.tag, str)]
        self._columns: dict[etree._Element, int] = {}
        seen: dict[tuple[int, str], int] = {}
        for element in self._elements:
            line = _line(element)
            qname = _qname(element)
            nth = seen.get((line, qname), 0)
            seen[(line, qname)] = nth + 1
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            self._columns[element] = _tag_column(text, qname, nth)

    def of(self, element: etree._Element) -> Location:
        return Location(self._path, _line(element), self._columns.get(element, 1))


def _line(element: etree._Element) -> int:
    line = element.sourceline  # None for elements made in memory
    return line if isinstance(line, int) else 0


def _qname(element: etree._Element) -> str:
    name = local_name(element.tag)
    return f"{element.prefix}:{name}" if element.prefix else name


def _tag_column(line: str, qname: str, nth: int) -> int:
    """1-based column of the nth start tag `<qname` on the line; 1 if not found."""
    starts = [m.start() for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>]|$)", line)]
    return starts[nth] + 1 if nth < len(starts) else 1


def problem(code: str, location: Location, detail: str = "") -> Diagnostic:
    if code not in CODES:  # as Reporter.report does: a typo must fail loudly
        raise KeyError(f"unknown diagnostic code {code}")
    return Diagnostic(code, location, detail)


def _os_message(exc: OSError) -> str:
    return f"cannot read the file ({exc.strerror or exc})"
