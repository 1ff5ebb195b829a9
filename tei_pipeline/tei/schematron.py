"""Validation stage, project rules: run tei-pipeline.sch (package data) on a TEI tree.

Input: an lxml TEI tree. Output: one Finding per failed assert or successful
report, naming the element it is about, the rule (the assert's @id) and the
message written in the .sch for an editor. `validate.Validator` turns findings
into Problems with positions.

The rules are ISO Schematron compiled by lxml.isoschematron to XSLT 1.0, once
per process (module-level cache): compiling costs ~10 ms, a run ~5 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron  # type: ignore[attr-defined]  # no stubs

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
FAILED = f"{{{SVRL_NS}}}failed-assert"
REPORTED = f"{{{SVRL_NS}}}successful-report"


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place.

    element: the element the rule's context matched (the parent, when the
    context was an attribute); attribute: that attribute's name, else None;
    text: stray text that is itself the fault (schema errors only), else "".
    Schema errors are reported as findings too (xsd_errors.py).
    """

    element: etree._Element
    attribute: str | None
    rule: str
    message: str
    text: str = ""


@cache
def load(path: str) -> isoschematron.Schematron:
    """The compiled rules of `path`, compiled once per process."""
    # no svrl:fired-rule per element: the rules' contexts are "*" (see the .sch)
    params = {"generate-fired-rule": "false()"}
    return isoschematron.Schematron(etree.parse(path), store_report=True, compile_params=params)


def run(rules: isoschematron.Schematron, tree: etree._ElementTree) -> list[Finding]:
    """All findings for `tree`, in document order of the rules' reports."""
    if rules.validate(tree):
        return []
    report = rules.validation_report
    findings = []
    for entry in report.iter(FAILED, REPORTED):
        found = node_at(tree, entry.get("location", ""))
        if found is None:
            continue
        element, attribute = found
        text = " ".join("".join(entry.itertext()).split())
        findings.append(Finding(element, attribute, entry.get("id") or "rule", text))
    return findings


def node_at(tree: etree._ElementTree, location: str) -> tuple[etree._Element, str | None] | None:
    """The element (and attribute) an SVRL @location XPath names."""
    try:
        nodes = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(nodes, list) or not nodes:
        return None
    node = nodes[0]
    if isinstance(node, etree._Element):
        return node, None
    # An attribute result is a "smart string" that knows its element.
    parent = getattr(node, "getparent", lambda: None)()
    if isinstance(parent, etree._Element):
        return parent, str(getattr(node, "attrname", "")) or None
    return None


def schema_path(schema_dir: Path) -> Path:
    return schema_dir / "tei-pipeline.sch"
