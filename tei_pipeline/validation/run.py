"""Validation, the `validate` command's run: which schemas apply to which file, and the result.

Input: TEI files; the schemas given with --schema (RELAX NG, XSD, Schematron,
all of which apply), or --tei-all, or neither. Output: a checks.schema.FileReport
per file, in the order given.

Without --schema a file is checked against the schemas its xml-model PIs and
xsi:schemaLocation name, when they are local files; when they are URLs (never
fetched) or missing, an info or warning line says so and the project schema
is used instead. A file that names no schema gets the project schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from lxml import etree

from ..checks.schema import FileReport
from ..diagnostics import Diagnostic, Location
from ..errors import PipelineError
from ..readers.tei import EXCESSIVE_DEPTH, check_size, depth_refusal, too_deep
from ..tei.positions import source_line
from ..tei.validate import Problem, TeiAllValidator, Validator, _Locator, _problem, parse
from . import xmlmodel
from .grammars import RelaxNgChecker, XsdChecker
from .kinds import NotASchema, SchemaKind, kind_of
from .schematron2 import RuleFailed, SchematronChecker

# cli._guarded: runs the work, turns a bug into PipelineError x-001 naming the file
Guard = Callable[[Callable[[], None], str], None]


class TreeChecker(Protocol):
    def check(self, tree: etree._ElementTree, text: str) -> list[Problem]: ...


@dataclass
class _Doc:
    path: Path
    shown: str
    tree: etree._ElementTree | None = None
    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    readable: bool = True


class _Rules:
    """A Schematron checker with the TreeChecker interface."""

    def __init__(self, path: Path) -> None:
        self.rules = SchematronChecker(path)

    def check(self, tree: etree._ElementTree, text: str) -> list[Problem]:
        locator = _Locator(text)
        return [_problem(f, locator, "rules") for f in self.rules.findings(tree)]


class _Default:
    """The project schema and rules, or official tei_all."""

    def __init__(self, tei_all: bool) -> None:
        self.validator: Validator | TeiAllValidator = TeiAllValidator() if tei_all else Validator()
        self.name = "official tei_all" if tei_all else "the project schema"

    def check(self, tree: etree._ElementTree, text: str) -> list[Problem]:
        return self.validator.validate(tree, text)


Checker = TreeChecker | RelaxNgChecker


class Checkers:
    """Every schema used in one run, loaded once (jing runs once per RELAX NG schema)."""

    def __init__(self, tei_all: bool) -> None:
        self.tei_all = tei_all
        self._default: _Default | None = None
        self._loaded: dict[tuple[Path, SchemaKind | None], Checker] = {}

    def default(self) -> _Default:
        if self._default is None:
            self._default = _Default(self.tei_all)  # may raise TeiAllSchemaNotFound
        return self._default

    def described(self) -> str:
        """What the files were checked against, for the summary line."""
        named = "the schemas they name" if self._loaded else ""
        default = self._default.name if self._default else ""
        return " or ".join(w for w in (named, default) if w) or "the project schema"

    def load(self, path: Path, wanted: SchemaKind | None = None) -> Checker:
        """The checker for the schema in `path`; NotASchema says why there is none."""
        key = (path.resolve(), wanted)
        if key not in self._loaded:
            self._loaded[key] = _make(key[0], kind_of(key[0], wanted))
        return self._loaded[key]


def _make(path: Path, kind: SchemaKind) -> Checker:
    if kind is SchemaKind.XSD:
        return XsdChecker(path)
    if kind is SchemaKind.SCHEMATRON:
        return _Rules(path)
    return RelaxNgChecker(path, kind)


def validate_paths(
    files: list[tuple[Path, str]], schemas: list[Checker], checkers: Checkers, guard: Guard
) -> list[FileReport]:
    """Check each (path, shown-as) file; `schemas` empty means xml-model or the default."""
    docs = [_read(path, shown) for path, shown in files]
    plans: list[list[Checker]] = [[] for _ in docs]
    for doc, plan in zip(docs, plans, strict=True):
        if doc.tree is not None:
            _safely([doc], partial(_plan, doc, plan, schemas, checkers), guard)
    _run_relaxng(docs, plans, guard)
    for doc, plan in zip(docs, plans, strict=True):
        for checker in plan:
            if not isinstance(checker, RelaxNgChecker):
                _safely([doc], partial(_check, doc, checker), guard)
    return [FileReport(d.shown, d.diagnostics, d.readable) for d in docs]


def _plan(doc: _Doc, plan: list[Checker], schemas: list[Checker], checkers: Checkers) -> None:
    plan.extend(schemas or _named(doc, checkers))


def _check(doc: _Doc, checker: TreeChecker) -> None:
    _record(doc, checker.check(_tree(doc), doc.text))


def _read(path: Path, shown: str) -> _Doc:
    doc = _Doc(path, shown)
    if not path.exists():
        doc.diagnostics.append(Diagnostic("r-004", Location(shown), "no such file"))
        doc.readable = False
        return doc
    try:
        check_size(path, shown)
        data = path.read_bytes()
    except OSError as exc:
        detail = f"cannot read the file ({exc.strerror})"
        doc.diagnostics.append(Diagnostic("r-004", Location(shown), detail))
        doc.readable = False
        return doc
    except PipelineError as refused:  # over the size limit (r-011)
        doc.diagnostics.append(refused.diagnostic)
        doc.readable = False
        return doc
    doc.tree, problems = parse(data)
    doc.text = data.decode("utf-8", errors="replace")
    _refuse_deep(doc, problems)
    _record(doc, problems)
    doc.readable = doc.tree is not None
    return doc


def _refuse_deep(doc: _Doc, problems: list[Problem]) -> None:
    """The render command's depth limit (r-009) for validate too, whether the
    parser stopped at its own limit or read the file."""
    if problems and EXCESSIVE_DEPTH in problems[0].message:
        refusal = depth_refusal(doc.shown, problems[0].line, problems[0].column)
        doc.diagnostics.append(refusal.diagnostic)
        problems.clear()
    elif doc.tree is not None and (deep := too_deep(doc.tree.getroot())) is not None:
        doc.diagnostics.append(depth_refusal(doc.shown, source_line(deep) or 1).diagnostic)
        doc.tree = None


def _named(doc: _Doc, checkers: Checkers) -> list[Checker]:
    """The schemas the document names for itself, or the default with a line saying why."""
    found: list[Checker] = []
    used: list[str] = []
    skipped: list[tuple[Location, str, str]] = []
    for ref in xmlmodel.references(_tree(doc), doc.path):
        where = Location(doc.shown, ref.line, 1)
        if ref.path is None:
            skipped.append((where, "v-004", f"the schema {ref.href} is a URL and was not fetched"))
        elif not ref.path.is_file():
            skipped.append(
                (where, "v-005", f"the schema {ref.href} does not exist (looked for {ref.path})")
            )
        else:
            try:
                found.append(checkers.load(ref.path, ref.kind))
                used.append(ref.href)
            except NotASchema as error:
                doc.diagnostics.append(Diagnostic("v-006", where, str(error)))
                doc.readable = False
    if not found and doc.readable:
        found.append(checkers.default())
        used.append(checkers.default().name)
    for where, code, what in skipped:
        doc.diagnostics.append(
            Diagnostic(code, where, f"{what}; checked against {' and '.join(used)} instead")
        )
    return found


def _run_relaxng(docs: list[_Doc], plans: list[list[Checker]], guard: Guard) -> None:
    """One jing run per RELAX NG schema, for all documents that use it."""
    schemas = {id(c): c for plan in plans for c in plan if isinstance(c, RelaxNgChecker)}
    for schema in schemas.values():
        users = [d for d, plan in zip(docs, plans, strict=True) if schema in plan]
        by_path: dict[Path, list[Problem]] = {}
        _safely(users, partial(_jing_run, schema, users, by_path), guard)
        for doc in users:
            _record(doc, by_path.get(doc.path, []))


def _jing_run(schema: RelaxNgChecker, users: list[_Doc], into: dict[Path, list[Problem]]) -> None:
    into.update(schema.check_many([(d.path, _tree(d), d.text) for d in users]))


def _safely(docs: list[_Doc], work: Callable[[], None], guard: Guard) -> None:
    """Run work; a schema that cannot be used, or a bug, becomes a line for each document."""

    def checked() -> None:
        try:
            work()
        except NotASchema as error:
            _fail(docs, Diagnostic("v-006", Location(""), str(error)))
        except RuleFailed as error:
            _fail(
                docs,
                Diagnostic(
                    "v-007",
                    Location(""),
                    f"a rule of the Schematron schema failed on this file: {error}",
                ),
            )

    try:
        guard(checked, docs[0].shown)
    except PipelineError as error:
        _fail(docs, error.diagnostic)


def _fail(docs: list[_Doc], diagnostic: Diagnostic) -> None:
    for doc in docs:
        doc.diagnostics.append(Diagnostic(diagnostic.code, Location(doc.shown), diagnostic.detail))
        doc.readable = False


def _record(doc: _Doc, problems: list[Problem]) -> None:
    for problem in problems:
        doc.diagnostics.append(
            Diagnostic(
                code_for(problem),
                Location(doc.shown, problem.line, problem.column),
                problem.message,
            )
        )


def code_for(problem: Problem) -> str:
    """r-005 for the parser, v-002 the project rules, v-003 another schema's rules, else v-001."""
    return {"xml": "r-005", "schematron": "v-002", "rules": "v-003"}.get(problem.source, "v-001")


def _tree(doc: _Doc) -> etree._ElementTree:
    assert doc.tree is not None  # only parsed documents get a plan
    return doc.tree
