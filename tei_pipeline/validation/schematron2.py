"""Validation, ISO Schematron of any project: XPath 1 rules with lxml, XPath 2/3 with Saxon.

Input: a Schematron schema (or a RELAX NG schema with embedded Schematron, as
TEI ODDs make them) and parsed TEI trees. Output: schematron.Findings.

lxml's isoschematron compiles to XSLT 1 / XPath 1 only. A schema with
queryBinding="xslt2" or "xslt3" (most real TEI projects: matches(), every ...
satisfies, xs:date()) is compiled with the same ISO skeleton that lxml ships,
and the resulting stylesheet runs in SaxonC-HE (PyPI saxonche), which
evaluates XPath 3.1. Compiled once per schema file and process.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree, isoschematron  # type: ignore[attr-defined]  # no stubs

from ..tei import schematron
from ..tei.schematron import Finding
from .kinds import RNG_NS, SCH_NS, NotASchema

SKELETON = Path(isoschematron.__file__).parent / "resources" / "xsl" / "iso-schematron-xslt1"
XSLT1_BINDINGS = {"", "xslt", "xslt1", "exslt"}
# The XSLT 2 binding of ISO Schematron (Annex) makes the xs: prefix available.
XS_NS = "http://www.w3.org/2001/XMLSchema"


class SchematronChecker:
    """The rules of one Schematron schema, ready to run on many documents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        schema = _schema_tree(path)
        binding = (schema.getroot().get("queryBinding") or "").strip().lower()
        self.xpath2 = binding not in XSLT1_BINDINGS
        self._rules: Any = _saxon_rules(schema) if self.xpath2 else _lxml_rules(schema, path)

    def findings(self, tree: etree._ElementTree) -> list[Finding]:
        if not self.xpath2:
            return schematron.run(self._rules, tree)
        report = self._rules(etree.tostring(tree, encoding="unicode"))
        return _findings(tree, report)


def _schema_tree(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        raise NotASchema(f"the Schematron schema {path} is not well-formed XML: {error}") from error
    root = tree.getroot()
    if root.tag == f"{{{RNG_NS}}}grammar" or root.tag == f"{{{RNG_NS}}}element":
        return _embedded(root, path)
    return tree


def _embedded(grammar: etree._Element, path: Path) -> etree._ElementTree:
    """The Schematron rules embedded in a RELAX NG schema, as one Schematron schema.

    TEI ODD processors put sch:ns and sch:pattern elements in the grammar; their
    rules use XPath 2, so the schema gets queryBinding xslt2.
    """
    schema = etree.Element(f"{{{SCH_NS}}}schema", queryBinding="xslt2", nsmap={"sch": SCH_NS})
    for tag in ("ns", "let", "pattern"):
        for node in grammar.iter(f"{{{SCH_NS}}}{tag}"):
            schema.append(copy.deepcopy(node))
    if not len(schema.findall(f"{{{SCH_NS}}}pattern")):
        raise NotASchema(f"{path} is a RELAX NG schema with no embedded Schematron rules")
    return schema.getroottree()


@cache
def _compiler() -> tuple[etree.XSLT, etree.XSLT, etree.XSLT]:
    return tuple(
        etree.XSLT(etree.parse(str(SKELETON / name)))  # type: ignore[return-value]
        for name in ("iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt1.xsl")
    )


def _lxml_rules(schema: etree._ElementTree, path: Path) -> isoschematron.Schematron:
    try:
        return isoschematron.Schematron(schema, store_report=True)
    except etree.LxmlError as error:
        raise NotASchema(f"the Schematron schema {path} cannot be compiled: {error}") from error


def _saxon_rules(schema: etree._ElementTree) -> Any:
    """A function: document text -> SVRL report tree, compiled with the ISO skeleton."""
    schema = copy.deepcopy(schema)
    root = schema.getroot()
    prefixes = {ns.get("prefix") for ns in root.iter(f"{{{SCH_NS}}}ns")}
    if "xs" not in prefixes:
        root.insert(0, etree.Element(f"{{{SCH_NS}}}ns", prefix="xs", uri=XS_NS))
    root.set("queryBinding", "xslt1")  # the skeleton's own check; Saxon runs XPath 3.1
    include, expand, compile_ = _compiler()
    stylesheet = compile_(expand(include(schema)))
    stylesheet.getroot().set("version", "3.0")
    return _saxon_executable(etree.tostring(stylesheet, encoding="unicode"))


def _saxon_executable(stylesheet: str) -> Any:
    try:
        from saxonche import PySaxonApiError  # type: ignore[import-not-found]  # no stubs
    except ImportError as error:  # pragma: no cover - saxonche is a dependency
        raise NotASchema(
            "this Schematron schema needs XPath 2 (queryBinding xslt2); "
            "install saxonche (pip install saxonche)"
        ) from error
    processor = _processor()
    try:
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)
    except PySaxonApiError as error:
        first = str(error).strip().splitlines()[:2]
        raise NotASchema(
            "a rule of the Schematron schema cannot be compiled: " + " ".join(first)
        ) from error

    def run(document: str) -> etree._Element:
        node = processor.parse_xml(xml_text=document)
        try:
            with _quiet_stderr():  # Saxon prints its own trace of a failing rule there
                report = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as error:
            raise RuleFailed(" ".join(str(error).split())) from error
        return etree.fromstring((report or "").encode("utf-8"))

    return run


class RuleFailed(RuntimeError):
    """A rule raised an error on this document (e.g. xs:integer('one')): no finding, a fault."""


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """File descriptor 2 to /dev/null: the Saxon library writes there, not to sys.stderr."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@cache
def _processor() -> Any:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


def _findings(tree: etree._ElementTree, report: etree._Element) -> list[Finding]:
    found = []
    for entry in report.iter(schematron.FAILED, schematron.REPORTED):
        node = schematron.node_at(tree, entry.get("location", ""))
        if node is not None:
            text = " ".join("".join(str(t) for t in entry.itertext()).split())
            found.append(Finding(node[0], node[1], entry.get("id") or "rule", text))
    return found
