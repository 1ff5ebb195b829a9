"""Registers, the data: entries, their forms and authority ids, and all files together.

`Registers` is what a run loads once from its project's registers folder
(registers/__init__.py `load_registers`) and hands to the transforms in the run's
services; reader.py parses one file, this module only holds and looks up.

Forms are compared exactly as written (case matters: "US" is not "us"), after
Unicode NFC normalisation and collapsing white space.
"""

from __future__ import annotations

import copy
import enum
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lxml import etree

from ..diagnostics import Diagnostic, Location, Reporter

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
        pairs = {
            (text, claims[0].entry_id)
            for text, claims in self._by_form.items()
            if len({f.entry_id for f in claims}) == 1
        }
        return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))

    def report(self, reporter: Reporter) -> None:
        """Give every problem found to the reporter (the cached parse keeps them)."""
        for problem in self.problems:
            reporter.report(problem.code, problem.location, problem.detail)


def normalise(text: str) -> str:
    """A form as it is compared: NFC, white space collapsed to single spaces, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())
