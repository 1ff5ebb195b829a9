"""Registers: a project's lists of persons, places and organizations, read from TEI.

Shared data for the transforms: the name recogniser looks up `Registers.forms()`,
and each document's standOff gets copies (`Entry.copy_element()`) of the entries
it names (ENCODING.md, "Names, dates and numbers"; TEI P5 13.3).

Input: the register files of one project, <project>/sources/registers/
{persons,places,orgs}.xml (`register_paths`); never another project's.
Output: a frozen `Registers` (model.py), checked within each file (reader.py) and
across files here (an xml:id or a form used twice).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Diagnostic, Reporter
from .model import (
    FORM_TYPES,
    LIST_TAGS,
    NAME_TAGS,
    REGISTER_FILES,
    Entry,
    Form,
    Idno,
    Kind,
    RegisterFile,
    Registers,
    normalise,
)
from .reader import load_register, problem


def register_paths(folder: Path) -> tuple[Path, ...]:
    """The register files of a registers folder: persons.xml, places.xml, orgs.xml
    (those that exist; an empty project may lack some)."""
    return tuple(folder / name for name in REGISTER_FILES if (folder / name).is_file())


def load_registers(
    paths: Iterable[str | os.PathLike[str]],
    reporter: Reporter | None = None,
) -> Registers:
    """Load and check the registers given as one whole (ids and forms are shared).

    Problems go to `reporter` if one is given, and are kept in `Registers.problems`.
    There is no default: a run loads its own project's registers (context.Services).
    """
    files = tuple(load_register(path) for path in paths)
    entries = [entry for file in files for entry in file.entries]
    problems = [p for file in files for p in file.problems]
    problems += _duplicate_ids(entries) + _duplicate_forms(entries)
    registers = Registers(files, tuple(problems))
    if reporter is not None:
        registers.report(reporter)
    return registers


# ---------------------------------------------------------------- across files


def _duplicate_ids(entries: list[Entry]) -> list[Diagnostic]:
    first: dict[str, Entry] = {}
    problems: list[Diagnostic] = []
    for entry in entries:
        earlier = first.setdefault(entry.id, entry)
        if earlier is not entry:
            detail = f'xml:id "{entry.id}" is already used at {earlier.location}'
            problems.append(problem("p-004", entry.location, detail))
    return problems


def _duplicate_forms(entries: list[Entry]) -> list[Diagnostic]:
    first: dict[str, Form] = {}
    problems: list[Diagnostic] = []
    for form in (form for entry in entries for form in entry.forms):
        earlier = first.setdefault(form.text, form)
        if earlier.entry_id != form.entry_id:
            detail = (
                f'"{form.text}" of "{form.entry_id}" is already a form of '
                f'"{earlier.entry_id}" at {earlier.location}'
            )
            problems.append(problem("p-008", form.location, detail))
    return problems


__all__ = [
    "FORM_TYPES",
    "LIST_TAGS",
    "NAME_TAGS",
    "REGISTER_FILES",
    "Entry",
    "Form",
    "Idno",
    "Kind",
    "RegisterFile",
    "Registers",
    "load_register",
    "load_registers",
    "normalise",
    "register_paths",
]
