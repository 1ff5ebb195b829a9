"""Validation stage: check a TEI tree against the project schema and official tei_all.

Input: an lxml TEI tree (or a file / bytes, parsed here). Output: a list of
Problem, each with a line, a column, an XPath, a short rule name and a message
in plain words for an editor, e.g.::

    15:7: unknown-element: element "para" is not allowed here (the schema has no
    such element); expected one of: p, div, list, quote, cit, q, bibl, note ...

- `Validator`: the project's customisation, tei-pipeline.xsd (xmlschema) plus the
  rules of tei-pipeline.sch (lxml isoschematron), package data in tei_pipeline/schema/
  read with importlib.resources (the ODD and the tools stay in the top-level schema/). libxml2
  says valid or not (10 ms to load); the xmlschema model, which explains a rejected
  document, is loaded only then, from the same pickle cache as tei_all (1-5 s to build,
  0.2-0.5 s to load). Schema errors are explained by xsd_errors.py, rule failures come
  from schematron.py.
- `TeiAllValidator`: official TEI P5 tei_all.xsd (4.12.0) with xmlschema. Building
  it costs 30-40 s, so the built schema is pickled into the user's cache folder
  ($TEI_PIPELINE_CACHE, else $XDG_CACHE_HOME/tei-pipeline, else ~/.cache/tei-pipeline;
  never into the installed package), keyed on
  the xmlschema version and the sha256 of the XSD files; later processes load
  it in ~0.5 s. (lxml's RELAX NG on tei_all.rng costs 16-20 s in every process
  and reports only "did not validate" style messages, so xmlschema was chosen.)

Positions: lxml's `sourceline` of the offending element (for "unexpected child"
errors, of the child). Columns and attribute positions need the source text,
so they are exact for `validate_file`/`validate_bytes` and 0 for a bare tree.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import re
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING

from lxml import etree

from . import schematron
from .ns import TEI_NS, local_name
from .positions import source_line

# xmlschema (and xsd_errors, which words its errors) is imported only when a
# document is rejected or tei_all is asked for: importing it costs 0.25 s at
# every start of the command, for a model most builds never use
if TYPE_CHECKING:
    import xmlschema

SCHEMA_FILES = ("tei-pipeline.xsd", "xml.xsd", "tei-pipeline.sch")
# A checkout keeps the official schemas beside it (../shared/tei-schemas); an installed
# package has no such neighbour and needs TEI_ALL_SCHEMA (the hint says so).
_CHECKOUT = Path(__file__).resolve().parents[2]
_IN_CHECKOUT = (_CHECKOUT / "pyproject.toml").is_file()
DEFAULT_TEI_ALL: Path | None = _CHECKOUT.parent / "shared" / "tei-schemas" if _IN_CHECKOUT else None
TEI_ALL_HINT = (
    "set TEI_ALL_SCHEMA to a folder holding xsd/tei_all.xsd (TEI P5 4.12.0: the "
    "project's shared/tei-schemas/, or xml/tei/custom/schema/ of "
    "https://www.tei-c.org/Vault/P5/4.12.0/)"
)


@dataclass(frozen=True)
class Problem:
    """One reason a document is not valid.

    line, column: 1-based position of the fault (0 when unknown); xpath: the
    element it is about, as /tei:TEI/tei:text/tei:body/tei:p[2]; rule: a short
    name (unexpected-element, bad-date, dangling-ref ...); message: what is
    wrong, in plain words; source: who found it: "xml" (the parser), "xsd"
    (the project schema), "schematron" (the project rules) or "tei_all".
    """

    line: int
    column: int
    xpath: str
    rule: str
    message: str
    source: str = "xsd"

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.rule}: {self.message}"


class TeiAllSchemaNotFound(FileNotFoundError):
    """The official tei_all schema is not where TEI_ALL_SCHEMA or the default says."""


# --------------------------------------------------------------------------
# The validators
# --------------------------------------------------------------------------


class _FileChecks:
    """What both validators do with files and bytes: parse, then validate(tree)."""

    def validate(
        self, tree: etree._ElementTree | etree._Element, source_text: str | None = None
    ) -> list[Problem]:
        raise NotImplementedError

    def validate_bytes(self, data: bytes) -> list[Problem]:
        tree, problems = parse(data)
        if tree is None:
            return problems
        return self.validate(tree, data.decode("utf-8", errors="replace"))

    def validate_file(self, path: str | os.PathLike[str]) -> list[Problem]:
        return self.validate_bytes(Path(path).read_bytes())


class Validator(_FileChecks):
    """The project schema: tei-pipeline.xsd, then the tei-pipeline.sch rules."""

    def __init__(self, schema_dir: Path | None = None, cache_dir: Path | None = None) -> None:
        self.schema_dir = (schema_dir or package_schema_dir()).resolve()
        self.cache_dir = cache_dir
        self.fast_xsd = _fast_xsd(str(self.schema_dir / "tei-pipeline.xsd"))
        self.rules = schematron.load(str(schematron.schema_path(self.schema_dir)))

    @property
    def xsd(self) -> xmlschema.XMLSchema:
        """The xmlschema model, only needed to explain a document libxml2 rejects:
        loaded at the first such document (from the pickle cache), not at start."""
        cache_dir = str(self.cache_dir or user_cache_dir())
        return _cached_xsd(str(self.schema_dir / "tei-pipeline.xsd"), cache_dir, "project")

    def validate(
        self, tree: etree._ElementTree | etree._Element, source_text: str | None = None
    ) -> list[Problem]:
        """Every problem in `tree`: schema problems first, then rule problems."""
        doc = _as_tree(tree)
        locator = _Locator(source_text)
        # libxml2 says valid or not in about 1 ms; xmlschema (60 ms) only runs
        # to explain a document libxml2 rejects, in words an editor reads.
        found = [] if self.fast_xsd.validate(doc) else _explained(self.xsd, doc)
        problems = [_problem(f, locator, "xsd") for f in found]
        problems += [_problem(f, locator, "schematron") for f in schematron.run(self.rules, doc)]
        return problems


class TeiAllValidator(_FileChecks):
    """Official TEI P5 tei_all (XSD, 4.12.0), built once and cached as a pickle."""

    def __init__(
        self, location: str | os.PathLike[str] | None = None, cache_dir: Path | None = None
    ) -> None:
        self.xsd_path = tei_all_xsd_path(location)
        self.xsd = _tei_all_xsd(str(self.xsd_path), str(cache_dir or user_cache_dir()))

    def validate(
        self, tree: etree._ElementTree | etree._Element, source_text: str | None = None
    ) -> list[Problem]:
        from . import xsd_errors

        locator = _Locator(source_text)
        found = xsd_errors.findings(self.xsd, _as_tree(tree))
        return [_problem(f, locator, "tei_all") for f in found]


def parse(data: bytes) -> tuple[etree._ElementTree | None, list[Problem]]:
    """Parse TEI bytes; (None, problems) when they are not well-formed XML.

    A repeated xml:id is no parse error here: libxml2 would stop at it, but the
    schema rules report it better (with both places), so the parser recovers
    from exactly that error and no other.
    """
    # Entities declared inside the file (<!ENTITY author "Jane Austen">) are expanded;
    # external ones (SYSTEM "file") and external DTDs are never read, nor the network.
    parser = etree.XMLParser(
        recover=True,
        remove_blank_text=False,
        resolve_entities="internal",  # type: ignore[arg-type]  # lxml>=5; stubs predate it
        no_network=True,
        load_dtd=False,
    )
    root = etree.fromstring(data, parser) if data.strip() else None
    errors = [e for e in parser.error_log if e.type_name != "DTD_ID_REDEFINED"]
    if root is None or errors:
        first = errors[0] if errors else None
        message = _parse_words(first) if first else "the file holds no XML"
        line, column = (first.line, first.column) if first else (0, 0)
        return None, [
            Problem(
                line,
                column,
                "/",
                "not-well-formed",
                f"the file is not well-formed XML: {message}",
                "xml",
            )
        ]
    return root.getroottree(), []


def _parse_words(error: etree._LogEntry) -> str:
    """The parser's message; for an unknown entity, also why and what to do."""
    if error.type_name == "ERR_UNDECLARED_ENTITY":
        name = error.message.split("'")[1] if error.message.count("'") >= 2 else "?"
        return (
            f"the entity &{name}; is not declared inside the file (an entity from an "
            "external file or DTD is never read); write its text instead, or declare it "
            f'in the DOCTYPE as <!ENTITY {name} "...">'
        )
    return str(error.message)


def tei_all_xsd_path(location: str | os.PathLike[str] | None = None) -> Path:
    """tei_all.xsd from `location`, $TEI_ALL_SCHEMA or ../shared/tei-schemas/."""
    given = location or os.environ.get("TEI_ALL_SCHEMA") or DEFAULT_TEI_ALL
    if given is None:
        raise TeiAllSchemaNotFound(
            f"official TEI schema not found (TEI_ALL_SCHEMA is not set); {TEI_ALL_HINT}"
        )
    base = Path(given)
    path = base if base.suffix == ".xsd" else base / "xsd" / "tei_all.xsd"
    if not path.is_file():
        raise TeiAllSchemaNotFound(f"official TEI schema not found at {path}; {TEI_ALL_HINT}")
    return path


# --------------------------------------------------------------------------
# Loading, once per process
# --------------------------------------------------------------------------

_EXTRACTED = ExitStack()  # files of a zipped install, kept on disk until the process ends


@cache
def package_schema_dir() -> Path:
    """The folder of the package's schema files, as real files: xmlschema follows the
    XSD's import of xml.xsd by path. An ordinary install is already a folder; a zipped
    one is extracted once per process."""
    folder = files("tei_pipeline") / "schema"
    if isinstance(folder, Path):
        return folder
    extracted = Path(_EXTRACTED.enter_context(TemporaryDirectory(prefix="tei-pipeline-schema-")))
    for name in SCHEMA_FILES:
        (extracted / name).write_bytes((folder / name).read_bytes())
    return extracted


def user_cache_dir() -> Path:
    """Where built schemas are cached: $TEI_PIPELINE_CACHE, else the XDG user cache."""
    if explicit := os.environ.get("TEI_PIPELINE_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-pipeline"


def _explained(schema: xmlschema.XMLSchema, doc: etree._ElementTree) -> list[schematron.Finding]:
    """Why the project XSD rejects `doc`, in words (xsd_errors.py)."""
    from . import xsd_errors

    return list(xsd_errors.findings(schema, doc, ids_by_rules=True))


@cache
def _fast_xsd(path: str) -> etree.XMLSchema:
    """The same project XSD in libxml2: a quick yes/no before the slow, clear check."""
    return etree.XMLSchema(etree.parse(path))


@cache
def _tei_all_xsd(path: str, cache_dir: str) -> xmlschema.XMLSchema:
    """tei_all from the pickle cache, or built (30-40 s) and then cached."""
    return _cached_xsd(path, cache_dir, "tei_all")


@cache
def _cached_xsd(path: str, cache_dir: str, name: str) -> xmlschema.XMLSchema:
    """The XSD at `path` from the pickle cache, or built and then cached under `name`
    (tei_all takes 30-40 s to build, the project schema 1-5 s, a pickle 0.2-0.5 s)."""
    import xmlschema

    pickled = Path(cache_dir) / f"{name}-xmlschema{xmlschema.__version__}-{_xsd_key(path)}.pickle"
    if pickled.is_file():
        try:
            with pickled.open("rb") as stream:
                schema = pickle.load(stream)  # only our own file, named by the hash
            if isinstance(schema, xmlschema.XMLSchema):
                return schema
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a broken or foreign cache entry is rebuilt below
    schema = xmlschema.XMLSchema(path)
    _store(pickled, schema, name)
    return schema


def _xsd_key(path: str) -> str:
    """sha256 over the XSD files of the tei_all set (main file and companions)."""
    digest = hashlib.sha256()
    for file in sorted(Path(path).parent.glob("*.xsd")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:24]


def _store(pickled: Path, schema: xmlschema.XMLSchema, name: str) -> None:
    """Write the pickle under a temporary name, then rename: never a half file."""
    try:
        pickled.parent.mkdir(parents=True, exist_ok=True)
        partial = pickled.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(schema, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(pickled)
        for stale in pickled.parent.glob(f"{name}-xmlschema*.pickle"):
            if stale != pickled:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout still validates, only more slowly next time


def _as_tree(tree: etree._ElementTree | etree._Element) -> etree._ElementTree:
    return tree.getroottree() if isinstance(tree, etree._Element) else tree


def _problem(finding: schematron.Finding, locator: _Locator, source: str) -> Problem:
    if finding.text:
        line, column = locator.text(finding.element, finding.text)
    else:
        line, column = locator.element(finding.element, finding.attribute)
    return Problem(line, column, xpath_of(finding.element), finding.rule, finding.message, source)


# --------------------------------------------------------------------------
# Positions and paths
# --------------------------------------------------------------------------


def xpath_of(element: etree._Element) -> str:
    """/tei:TEI/tei:text/tei:body/tei:p[2]: a position among same-named siblings."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        steps.append(_step(node))
        node = node.getparent()
    return "/" + "/".join(reversed(steps))


def _step(node: etree._Element) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    name = (
        f"tei:{local_name(tag)}"
        if tag.startswith(f"{{{TEI_NS}}}")
        else f"*[local-name()='{local_name(tag)}']"
    )
    parent = node.getparent()
    if parent is None:
        return name
    same = [s for s in parent if s.tag == node.tag]
    return name if len(same) == 1 else f"{name}[{same.index(node) + 1}]"


class _Locator:
    """Line and column of elements, attributes and text in the source text.

    lxml gives each element its line (where its start tag ends); the column is
    found by finding that start tag in the line, counting same-named elements
    that start earlier on it. Without the source text: (sourceline, 0).
    """

    def __init__(self, text: str | None) -> None:
        self.text_ = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)] if text else []

    def element(self, element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
        line = source_line(element) or 0
        offset = self._tag_offset(element)
        if offset is None:
            return line, 0
        if attribute:
            close = self.text_.find(">", offset) if self.text_ else -1
            text = self.text_ or ""
            found = re.compile(rf"\s{re.escape(attribute)}\s*=").search(
                text, offset, close if close > 0 else len(text)
            )
            if found:
                offset = found.start() + 1
        return self._position(offset)

    def text(self, element: etree._Element, snippet: str) -> tuple[int, int]:
        start = self._tag_offset(element)
        if start is None or not self.text_ or not snippet:
            return source_line(element) or 0, 0
        found = self.text_.find(snippet[:30], start)
        return self._position(found if found >= 0 else start)

    def _tag_offset(self, element: etree._Element) -> int | None:
        line = source_line(element)
        if not self.text_ or not line or line > len(self.starts):
            return None
        earlier = 0
        for other in element.getroottree().iter(element.tag):
            if other is element:
                break
            earlier += source_line(other) == line
        qname = (
            f"{element.prefix}:{local_name(element.tag)}"
            if element.prefix
            else local_name(element.tag)
        )
        pattern = re.compile(rf"<{re.escape(qname)}[\s/>]")
        end = self.starts[line] if line < len(self.starts) else len(self.text_)
        hits = [m.start() for m in pattern.finditer(self.text_, self.starts[line - 1], end)]
        if len(hits) > earlier:
            return hits[earlier]
        # A start tag over several lines: lxml's line is where it ends.
        before = [m.start() for m in pattern.finditer(self.text_, 0, self.starts[line - 1])]
        return before[-1] if before else None

    def _position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1
