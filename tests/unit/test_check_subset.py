"""schema/check_subset.py catches a weakened project schema: each sabotage below makes the
XSD accept something tei_all rejects, and the check must name it. The real XSD passes."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, TEI_ALL_RNG
from tests.support.subset import load_check_subset

SCHEMA = REPO / "schema"
PACKAGE_SCHEMA = REPO / "tei_pipeline" / "schema"  # the XSD the package validates with
XSD = (PACKAGE_SCHEMA / "tei-pipeline.xsd").read_text(encoding="utf-8")

# (what is weakened, the text replaced, its replacement, what the check must say)
SABOTAGE = [
    (
        "a required child made optional (minOccurs)",
        '<xs:element ref="tei:title" maxOccurs="unbounded"/>',
        '<xs:element ref="tei:title" minOccurs="0" maxOccurs="unbounded"/>',
        "titleStmt: admits the children [(no children)], TEI does not",
    ),
    (
        "a child allowed more often (maxOccurs)",
        '<xs:element ref="tei:titleStmt"/>',
        '<xs:element ref="tei:titleStmt" maxOccurs="2"/>',
        "fileDesc: admits the children [titleStmt, titleStmt",
    ),
    (
        "text allowed where TEI has none (mixed)",
        '<xs:element name="listPerson">\n    <xs:complexType>',
        '<xs:element name="listPerson">\n    <xs:complexType mixed="true">',
        "listPerson: admits text, TEI does not",
    ),
    (
        "an attribute TEI does not have",
        '<xs:attribute name="rend" type="tei:tp.wordList"/>',
        '<xs:attribute name="rend" type="tei:tp.wordList"/><xs:attribute name="colour"/>',
        "attribute colour is not a TEI attribute of",
    ),
    (
        "an attribute TEI requires made optional",
        '<xs:attribute name="ident" type="xs:language" use="required"/>',
        '<xs:attribute name="ident" type="xs:language"/>',
        "language: TEI requires attribute ident, the XSD does not",
    ),
    (
        "a value added to a closed list",
        '<xs:enumeration value="unknown"/>',
        '<xs:enumeration value="unknown"/><xs:enumeration value="certain"/>',
        "@cert: value 'certain' is valid here, not in TEI",
    ),
    (
        "a type widened under its old name (a date type that takes any string)",
        '<xs:restriction base="xs:date">\n          <xs:pattern value="\\d{4}-\\d{2}-\\d{2}"/>',
        '<xs:restriction base="xs:string">\n          <xs:pattern value=".*"/>',
        "@when: value '1948-13' is valid here, not in TEI",
    ),
    (
        "the pointer pattern loosened back to any non-space (xmlschema's lax anyURI)",
        '<xs:pattern value="[A-Za-z][A-Za-z0-9+.\\-]*:\\S*|[^:/?#\\s]+([/?#]\\S*)?|[/?#]\\S*"/>',
        '<xs:pattern value="\\S+"/>',
        "@resp: value '1948-10-17T10:00:00' is valid here, not in TEI",
    ),
]


@pytest.fixture(scope="module")
def subset() -> ModuleType:
    return load_check_subset()


@pytest.fixture(scope="module")
def grammar(subset: ModuleType) -> object:
    return subset.TeiGrammar(TEI_ALL_RNG)


@pytest.mark.parametrize(("what", "old", "new", "expected"), SABOTAGE, ids=[s[0] for s in SABOTAGE])
def test_a_weakened_schema_is_caught(
    subset, grammar, tmp_path: Path, what: str, old: str, new: str, expected: str
) -> None:
    assert XSD.count(old) >= 1, f"the sabotage no longer applies: {old}"
    shutil.copy(PACKAGE_SCHEMA / "xml.xsd", tmp_path / "xml.xsd")
    weakened = tmp_path / "tei-pipeline.xsd"
    weakened.write_text(XSD.replace(old, new, 1), encoding="utf-8")
    problems = subset.check(weakened, grammar=grammar)
    assert any(expected in p for p in problems), (what, problems[:5])


def test_the_project_schema_passes(subset, grammar) -> None:
    assert subset.check(PACKAGE_SCHEMA / "tei-pipeline.xsd", grammar=grammar) == []
