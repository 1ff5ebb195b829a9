"""Validation stage, project rules: run tei-pipeline.sch (package data) on a TEI tree.

Input: an lxml TEI tree. Output: one Finding per failed assert or successful
report, naming the element it is about, the rule (the assert's @id) and the
message written in the .sch for an editor. `validate.Validator` turns findings
into Problems with positions.

The rules are ISO Schematron compiled by lxml.isoschematron to XSLT 1.0, once
per process (module-level cache): compiling costs ~10 ms, a run ~2 ms. The
compiled stylesheet is made cheaper before use, with the same report
(`streamlined`): it walks the document once per pattern, and each walk asked
every assert of every element; an assert written "not(G) or ..." (the form the
.sch uses, see its "Speed" note) cannot fail where G is false, so a rule's
asserts are asked only where one of their G holds.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

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


class Rules:
    """A Schematron's compiled stylesheet, run as isoschematron.Schematron runs it:
    validate() says whether no assert failed, and keeps the SVRL report."""

    def __init__(self, stylesheet: etree._ElementTree) -> None:
        self._transform = etree.XSLT(stylesheet)
        self.validation_report: etree._XSLTResultTree | None = None

    def validate(self, tree: etree._ElementTree) -> bool:
        report = self._transform(tree)
        self.validation_report = report
        return not _FAILED_ASSERTS(report)


_FAILED_ASSERTS = etree.XPath("//svrl:failed-assert", namespaces={"svrl": SVRL_NS})


@cache
def load(path: str) -> Rules:
    """The compiled rules of `path`, compiled once per process."""
    # no svrl:fired-rule per element: the rules' contexts are "*" (see the .sch)
    params = {"generate-fired-rule": "false()"}
    compiled = isoschematron.Schematron(
        etree.parse(path), store_xslt=True, compile_params=params
    ).validator_xslt
    return Rules(streamlined(compiled))


# -- the compiled stylesheet, made cheaper -------------------------------------

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_ACTIVE_PATTERN = f"{{{SVRL_NS}}}active-pattern"


def _xsl(name: str) -> str:
    return f"{{{XSL_NS}}}{name}"


def streamlined(compiled: etree._ElementTree) -> etree._ElementTree:
    """A copy of the stylesheet isoschematron compiled, giving the same report for
    every document with less work:

    - each pattern's svrl:active-pattern also walks the whole document in the
      default mode, where no template writes anything (only "/" and a text()
      that writes nothing are there): that walk is left out;
    - a rule whose every assert is "not(G)" or "not(G) or ..." gets its lets and
      asserts wrapped in one xsl:if on (G1) or (G2) ...: where no G holds every
      test is true and nothing is written, as before.
    A stylesheet not of these shapes is left as it is, part by part."""
    stylesheet = copy.deepcopy(compiled)
    root = stylesheet.getroot()
    default_mode = [t for t in root.iter(_xsl("template")) if t.get("mode") is None]
    if all(t.get("match") in ("/", "text()") for t in default_mode):
        for active in root.iter(_ACTIVE_PATTERN):
            for walk in active.findall(_xsl("apply-templates")):
                if not walk.attrib and len(walk) == 0:
                    active.remove(walk)
    for template in root.iter(_xsl("template")):
        if template.get("mode") is not None:
            _guard_rule(template)
    return stylesheet


def _guard_rule(template: etree._Element) -> None:
    """Wrap a rule template's lets and asserts in an xsl:if on their guards."""
    body = [child for child in template if isinstance(child.tag, str)]
    if len(body) < 2 or body[-1].tag != _xsl("apply-templates") or len(body[-1]):
        return  # not a rule's template: its asserts, then the walk on
    head = body[:-1]
    if any(child.tag not in (_xsl("variable"), _xsl("choose")) for child in head):
        return  # a report, a fired-rule or anything else: left alone
    guards = [_assert_guard(choose) for choose in head if choose.tag == _xsl("choose")]
    if not guards or any(g is None for g in guards):
        return
    wrapper = etree.Element(_xsl("if"), test=" or ".join(f"({g})" for g in guards))
    head[0].addprevious(wrapper)
    wrapper.extend(head)


def _assert_guard(choose: etree._Element) -> str | None:
    """G of an assert compiled as choose/when[@test="not(G) or ..."]/otherwise."""
    children = [child for child in choose if isinstance(child.tag, str)]
    if [child.tag for child in children] != [_xsl("when"), _xsl("otherwise")]:
        return None
    return not_guard(children[0].get("test", ""))


def not_guard(test: str) -> str | None:
    """G when the XPath `test` is "not(G)" or "not(G) or ..." ("or" binds least in
    XPath 1, so the test is true wherever G is false), else None."""
    test = test.strip()
    if not test.startswith("not("):
        return None
    depth, quote = 0, ""
    for index in range(3, len(test)):
        char = test[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                rest = test[index + 1 :]
                return test[4:index] if not rest.strip() or _OR_NEXT.match(rest) else None
    return None


_OR_NEXT = re.compile(r"\s+or\s")


def run(rules: Rules | isoschematron.Schematron, tree: etree._ElementTree) -> list[Finding]:
    """All findings for `tree`, in document order of the rules' reports."""
    if rules.validate(tree):
        return []
    # the report of the run just made (isoschematron keeps it too, with store_report)
    report = cast("etree._XSLTResultTree", rules.validation_report)
    findings = []
    for entry in report.iter(FAILED, REPORTED):
        found = node_at(tree, entry.get("location", ""))
        if found is None:
            continue
        element, attribute = found
        text = " ".join("".join(cast("Iterator[str]", entry.itertext())).split())
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
