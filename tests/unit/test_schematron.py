"""tei/schematron.py: the streamlined stylesheet reports what isoschematron's does."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, isoschematron  # type: ignore[attr-defined]  # no stubs

from tei_pipeline.tei import schematron, validate

REPO = Path(__file__).resolve().parents[2]
SCH = REPO / "tei_pipeline" / "schema" / "tei-pipeline.sch"
INVALID = sorted((REPO / "tests" / "fixtures" / "invalid").glob("*.xml"))


@pytest.mark.parametrize(
    ("test", "guard"),
    [
        ("not(@ref) or count(x) > 1", "@ref"),
        ("not(@from and @notBefore)", "@from and @notBefore"),
        ("not(@n = ')') or @a", "@n = ')'"),
        ("not(@a) and @b", None),
        ("not(@a) = false()", None),
        ("@a or not(@b)", None),
    ],
)
def test_the_guard_of_an_assert(test: str, guard: str | None) -> None:
    assert schematron.not_guard(test) == guard


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_the_streamlined_rules_give_the_same_report(path: Path) -> None:
    plain = isoschematron.Schematron(
        etree.parse(str(SCH)),
        store_report=True,
        compile_params={"generate-fired-rule": "false()"},
    )
    tree, _ = validate.parse(path.read_bytes())  # recovers from a repeated xml:id
    assert tree is not None
    rules = schematron.load(str(SCH))
    assert rules.validate(tree) == plain.validate(tree)
    assert etree.tostring(rules.validation_report) == etree.tostring(plain.validation_report)
