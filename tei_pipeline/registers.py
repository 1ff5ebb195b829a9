"""Registers: the project's lists of persons, places and organizations, read from TEI.

Shared data for the transforms: the name recogniser looks up `Registers.forms()`,
and each document's standOff gets copies (`Entry.copy_element()`) of the entries
it names (ENCODING.md, "Names, dates and numbers"; TEI P5 13.3).

Input: register files, each a TEI document whose standOff holds a listPerson,
listPlace or listOrg; by default sources/registers/{persons,places,orgs}.xml.

Output: a frozen `Registers` with one `Entry` per person, place and organization
(id, kind, main and variant forms, life dates, authority ids, its TEI element,
and the file, line and column of the entry and of each form), and the problems
found, as p-0NN diagnostics given to a `Reporter`, one line each::

    sources/registers/persons.xml:116:7: error p-004: xml:id "lenin" is ...; rename ...

Forms are compared exactly as written (case matters: "US" is not "us"), after
Unicode NFC normalisation and collapsing white space. Each file is parsed once per
process: the parse is cached by path, modification time and size.
"""

from __future__ import annotations

import copy
import enum
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from .diagnostics import CODES, Diagnostic, Location, Reporter
from .tei.ns import XML_ID, local_name, tei

REGISTER_DIR = Path(__file__).resolve().parent.parent / "sources" / "registers"
REGISTER_FILES = ("persons.xml", "places.xml", "orgs.xml")


class Kind(enum.StrEnum):
    """What an entry stands for; the value is the TEI element name of the entry."""

    PERSON = "person"
    PLACE = "place"
    ORG = "org"


# The name element that holds the forms of each kind of entry (TEI P5 13.3.1-13.3.4).
NAME_TAGS: Mapping[Kind, str] = MappingProxyType(
    {Kind.PERSON: "persName", Kind.PLACE: "placeName", Kind.ORG: "orgName"}
)
LIST_TAGS = ("listPerson", "listPlace", "listOrg")
FORM_TYPES = ("main", "variant")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class Form:
    """One spelling of an entry's name, as the register gives it.

    `text` is NFC with white space collapsed; `type` is "main" or "variant";
    `cert` is the register's @cert (how sure it is that this form alone names
    this entry), None where the register says nothing.
    """

    text: str
    type: str
    entry_id: str
    location: Location
    cert: str | None = None


@dataclass(frozen=True)
class Idno:
    """An authority id of an entry: `type` as in @type ("wikidata"), `value` its text."""

    type: str
    value: str
    location: Location


@dataclass(frozen=True)
class Entry:
    """One person, place or organization of a register.

    `main` is None only in a register with problems (p-005). `birth` and `death`
    are the ISO values of birth/@when and death/@when. `element` is the entry in
    the cached parse: read it, never change it; use `copy_element()` to put the
    entry into a document.
    """

    id: str
    kind: Kind
    main: Form | None
    variants: tuple[Form, ...]
    birth: str | None
    death: str | None
    idnos: tuple[Idno, ...]
    location: Location
    element: etree._Element = field(repr=False, compare=False)

    @property
    def ref(self) -> str:
        """The value of @ref that points at this entry from a document: "#id"."""
        return f"#{self.id}"

    @property
    def forms(self) -> tuple[Form, ...]:
        """The main form (if any) followed by the variants, in register order."""
        return ((self.main,) if self.main else ()) + self.variants

    def idno(self, type_: str) -> str | None:
        """The first authority id of this type ("wikidata"), or None."""
        return next((i.value for i in self.idnos if i.type == type_), None)

    def copy_element(self) -> etree._Element:
        """A deep copy of the entry's TEI element, without the text that follows it."""
        element = copy.deepcopy(self.element)
        element.tail = None
        return element


@dataclass(frozen=True)
class RegisterFile:
    """One parsed register file: its entries and the problems found in it alone."""

    path: str
    entries: tuple[Entry, ...]
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Registers:
    """All registers together, checked across files (ids and forms are global)."""

    files: tuple[RegisterFile, ...]
    problems: tuple[Diagnostic, ...]
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    _by_form: Mapping[str, tuple[Form, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Entry] = {}
        by_form: dict[str, tuple[Form, ...]] = {}
        for entry in self.entries:
            by_id.setdefault(entry.id, entry)  # the first wins; a later one is a p-004
            for form in entry.forms:
                by_form[form.text] = by_form.get(form.text, ()) + (form,)
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(self, "_by_form", MappingProxyType(by_form))

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of every file, in file order, then document order."""
        return tuple(entry for file in self.files for entry in file.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this xml:id, or None."""
        return self._by_id.get(entry_id)

    def of_kind(self, kind: Kind) -> tuple[Entry, ...]:
        """The entries of one kind, in register order."""
        return tuple(entry for entry in self.entries if entry.kind is kind)

    def form(self, text: str) -> Form | None:
        """The register's form with exactly this text, or None (also when two entries claim it)."""
        claims = self._by_form.get(normalise(text), ())
        return claims[0] if len({f.entry_id for f in claims}) == 1 else None

    def entry_for(self, text: str) -> Entry | None:
        """The one entry a form names, or None if no entry or several claim it."""
        found = self.form(text)
        return self.get(found.entry_id) if found else None

    def forms(self) -> list[tuple[str, str]]:
        """Every (form, entry id) pair, longest form first, then in code-point order.

        Longest first lets a recogniser prefer "J. V. Stalin" to "Stalin". A form
        claimed by two entries (p-008) is left out: a wrong tag is worse than none.
        """
        pairs = {(text, claims[0].entry_id) for text, claims in self._by_form.items()
                 if len({f.entry_id for f in claims}) == 1}
        return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))

    def report(self, reporter: Reporter) -> None:
        """Give every problem found to the reporter (the cached parse keeps them)."""
        for problem in self.problems:
            reporter.report(problem.code, problem.location, problem.detail)


def normalise(text: str) -> str:
    """A form as it is compared: NFC, white space collapsed to single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def default_register_paths() -> tuple[Path, ...]:
    """The project's registers: sources/registers/{persons,places,orgs}.xml."""
    return tuple(REGISTER_DIR / name for name in REGISTER_FILES)


def load_registers(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    reporter: Reporter | None = None,
) -> Registers:
    """Load and check the registers (by default the project's three) as one whole.

    Problems go to `reporter` if one is given, and are kept in `Registers.problems`.
    """
    if paths is None:
        paths = default_register_paths()
    files = tuple(load_register(path) for path in paths)
    entries = [entry for file in files for entry in file.entries]
    problems = [p for file in files for p in file.problems]
    problems += _duplicate_ids(entries) + _duplicate_forms(entries)
    registers = Registers(files, tuple(problems))
    if reporter is not None:
        registers.report(reporter)
    return registers


# ---------------------------------------------------------------- one file, cached

_CACHE: dict[str, tuple[tuple[int, int], RegisterFile]] = {}


def load_register(path: str | os.PathLike[str]) -> RegisterFile:
    """Parse one register file, or return the parse cached for its path, mtime and size."""
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError as exc:
        return RegisterFile(name, (), (_problem("p-001", Location(name), _os_message(exc)),))
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(name)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    register = _read_register(name)
    _CACHE[name] = (stamp, register)
    return register


def clear_cache() -> None:
    """Forget every cached parse (for tests that rewrite a file within one mtime tick)."""
    _CACHE.clear()


def _read_register(name: str) -> RegisterFile:
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        return RegisterFile(name, (), (_problem("p-001", Location(name), _os_message(exc)),))
    root, problems = _parse(name, data)
    if root is None:
        return RegisterFile(name, (), tuple(problems))
    positions = _Positions(name, data, root)
    lists = _register_lists(root)
    if not lists:
        where = positions.of(root)
        return RegisterFile(name, (), (*problems, _problem("p-002", where)))
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
        return None, [_problem("p-001", Location(name, line, column), exc.msg)]


def _parser(*, recover: bool) -> etree.XMLParser:
    # A fresh parser per parse: lxml parsers keep state and are not shareable.
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True)


def _register_lists(root: etree._Element) -> list[etree._Element]:
    if root.tag != tei("TEI"):
        return []
    return [lst for so in root.iterchildren(tei("standOff"))
            for lst in so.iterchildren(*(tei(t) for t in LIST_TAGS))]


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
        problems.append(_problem("p-003", where, f"this {kind.value} has no xml:id"))
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
            problems.append(_problem("p-009", form.location, detail))
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
        problems.append(_problem("p-007", where, detail))
        return None
    form_type = name.get("type", "")
    if form_type not in FORM_TYPES:
        detail = f'"{text}" has type="{form_type}"' if form_type else f'"{text}" has no type'
        problems.append(_problem("p-010", where, detail))
        form_type = "variant"
    return Form(text, form_type, entry_id, where, name.get("cert"))


def _split_main(
    forms: list[Form], entry_id: str, where: Location, problems: list[Diagnostic]
) -> tuple[Form | None, tuple[Form, ...]]:
    """The main form and the variants; extra main forms are kept as variants."""
    mains = [form for form in forms if form.type == "main"]
    if not mains:
        problems.append(_problem("p-005", where, f'entry "{entry_id}" has no main form'))
        return None, tuple(forms)
    for extra in mains[1:]:
        detail = f'"{extra.text}" is a second main form of "{entry_id}" (after "{mains[0].text}")'
        problems.append(_problem("p-006", extra.location, detail))
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
            problems.append(_problem("p-011", idno.location, detail))
            continue
        idnos.append(idno)
    return tuple(idnos)


# ---------------------------------------------------------------- across files


def _duplicate_ids(entries: list[Entry]) -> list[Diagnostic]:
    first: dict[str, Entry] = {}
    problems: list[Diagnostic] = []
    for entry in entries:
        earlier = first.setdefault(entry.id, entry)
        if earlier is not entry:
            detail = f'xml:id "{entry.id}" is already used at {earlier.location}'
            problems.append(_problem("p-004", entry.location, detail))
    return problems


def _duplicate_forms(entries: list[Entry]) -> list[Diagnostic]:
    first: dict[str, Form] = {}
    problems: list[Diagnostic] = []
    for form in (form for entry in entries for form in entry.forms):
        earlier = first.setdefault(form.text, form)
        if earlier.entry_id != form.entry_id:
            detail = (f'"{form.text}" of "{form.entry_id}" is already a form of '
                      f'"{earlier.entry_id}" at {earlier.location}')
            problems.append(_problem("p-008", form.location, detail))
    return problems


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


def _problem(code: str, location: Location, detail: str = "") -> Diagnostic:
    if code not in CODES:  # as Reporter.report does: a typo must fail loudly
        raise KeyError(f"unknown diagnostic code {code}")
    return Diagnostic(code, location, detail)


def _os_message(exc: OSError) -> str:
    return f"cannot read the file ({exc.strerror or exc})"
