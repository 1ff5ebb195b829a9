"""The validation stage: the project schema and rules (tei/validate.py), with
each problem reported at its place in the *source*.

Inside the pipeline the tree still carries tp:src positions; validation runs on
a stripped copy (the schema knows no tp: attributes) and each problem's XPath
finds the original element, whose position is the source line and column.
For TEI files (`tei-pipeline validate`) lxml's line numbers are used.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree

from ..diagnostics import Diagnostic, Location
from ..tei.ns import XPATH_NS
from ..tei.positions import location_of
from ..tei.validate import Problem, TeiAllValidator, Validator
from ..transforms.base import Context
from ..transforms.strip_internal import strip_internal


def code_for(problem: Problem) -> str:
    """v-001 for what the grammar rejects, v-002 for a project rule."""
    return "v-002" if problem.source == "schematron" else "v-001"


def validate_in_pipeline(doc: etree._ElementTree, ctx: Context) -> int:
    """Validate a converted tree; report each problem at its source position."""
    stripped = copy.deepcopy(doc)
    strip_internal(stripped)
    problems = ctx.services.validator.validate(stripped)
    for problem in problems:
        ctx.reporter.report(code_for(problem), _source_location(doc, problem, ctx), problem.message)
    return len(problems)


def _source_location(doc: etree._ElementTree, problem: Problem, ctx: Context) -> Location:
    try:
        # a problem's xpath is the path to an element (validate.xpath_of)
        found = (
            cast("list[object]", doc.xpath(problem.xpath, namespaces=XPATH_NS))
            if problem.xpath
            else []
        )
    except etree.XPathError:
        found = []
    if found and isinstance(found[0], etree._Element):
        return location_of(found[0], ctx.shown_as)
    return Location(ctx.shown_as)


@dataclass(frozen=True)
class FileReport:
    """The result for one file of `tei-pipeline validate`."""

    path: str
    diagnostics: list[Diagnostic]
    readable: bool = True

    @property
    def valid(self) -> bool:
        return self.readable and not self.diagnostics


def xml_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the .xml files inside the folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.xml") if p.is_file())
        else:
            yield path


def validate_file(path: Path, shown_as: str, tei_all: bool) -> FileReport:
    validator: Validator | TeiAllValidator = TeiAllValidator() if tei_all else Validator()
    if not path.exists():
        missing = Diagnostic("r-004", Location(shown_as), "no such file")
        return FileReport(shown_as, [missing], False)
    try:
        problems = validator.validate_file(path)
    except OSError as exc:
        detail = f"cannot read the file ({exc.strerror})"
        return FileReport(shown_as, [Diagnostic("r-004", Location(shown_as), detail)], False)
    diagnostics = [
        Diagnostic(
            "r-005" if problem.source == "xml" else code_for(problem),
            Location(shown_as, problem.line, problem.column),
            problem.message,
        )
        for problem in problems
    ]
    unreadable = any(
        problem.source == "xml" and problem.rule != "unique-id" for problem in problems
    )
    return FileReport(shown_as, diagnostics, not unreadable)
