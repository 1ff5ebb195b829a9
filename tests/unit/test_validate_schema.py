"""validate with any project's schema: --schema FILE (RELAX NG, compact syntax, XSD 1.0/1.1,
Schematron with XPath 1 or 2), xml-model PIs, entity safety, and the Schnitzler letters and
TEI Publisher's TEI Lite as other projects' TEI with their own schemas."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_pipeline.cli import main
from tei_pipeline.validation import xmlmodel
from tei_pipeline.validation.kinds import NotASchema, SchemaKind, kind_of
from tests.conftest import CORPORA, REPO
from tests.support.cases import read_cases

FIXTURES = REPO / "tests" / "fixtures"
SCHEMAS = FIXTURES / "schemas"
OWN = SCHEMAS / "own"
LETTERS = CORPORA / "schnitzler-letters"
needs_jing = pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
SHORT = {
    SchemaKind.RELAXNG: "rng",
    SchemaKind.RELAXNG_COMPACT: "rnc",
    SchemaKind.XSD: "xsd",
    SchemaKind.SCHEMATRON: "sch",
    None: "?",
}

VALID = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><title>Letter</title></teiHeader>
  <text><p n="1">Dear friend,</p></text>
</TEI>
"""
# line 2: no title; line 3: para is no element of the schema, n is no integer
INVALID = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader></teiHeader>
  <text><para>Dear friend,</para><p n="one">x</p></text>
</TEI>
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def lines(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip()]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- kinds, xml-model


@pytest.mark.parametrize(
    ("title", "line", "given", "expected"),
    read_cases(FIXTURES / "validation" / "kinds.cases"),
    ids=lambda v: str(v) if isinstance(v, int) else None,
)
def test_kind_is_read_from_the_content(tmp_path, title, line, given, expected):
    name, _, content = given.partition("\n")
    path = write(tmp_path, name, content)
    if expected == "not a schema":
        with pytest.raises(NotASchema):
            kind_of(path)
    else:
        assert kind_of(path).value == expected, title


@pytest.mark.parametrize(
    ("title", "line", "given", "expected"),
    read_cases(FIXTURES / "validation" / "xml-model.cases"),
    ids=lambda v: str(v) if isinstance(v, int) else None,
)
def test_xml_model_references(title, line, given, expected):
    tree = etree.fromstring(given.encode()).getroottree()
    refs = xmlmodel.references(tree, Path("/data/letters/letter.xml"))
    shown = [f"{SHORT[r.kind]} {r.href} -> {'URL' if r.path is None else r.path}" for r in refs]
    assert "\n".join(shown) == expected, title


# --------------------------------------------------------------------------- --schema


@needs_jing
@pytest.mark.parametrize("schema", ["letter.rng", "letter.rnc"])
def test_relaxng_xml_and_compact_syntax(tmp_path, schema):
    good, bad = write(tmp_path, "good.xml", VALID), write(tmp_path, "bad.xml", INVALID)
    assert run("validate", "--schema", str(OWN / schema), str(good)).exit_code == 0
    result = run("validate", "--schema", str(OWN / schema), str(bad))
    assert result.exit_code == 1
    found = lines(result)
    assert any(
        f"{bad}:2:" in x and '"teiHeader" incomplete' in x and '"title"' in x for x in found
    ), found
    assert any(f"{bad}:3:" in x and '"para"' in x for x in found), found
    assert all(" error v-001: " in x for x in found), found


def test_xsd_named_xml_with_line_column_and_expected(tmp_path):
    good, bad = write(tmp_path, "good.xml", VALID), write(tmp_path, "bad.xml", INVALID)
    schema = str(OWN / "letter.xsd.xml")
    assert run("validate", "--schema", schema, str(good)).exit_code == 0
    result = run("validate", "--schema", schema, str(bad))
    assert result.exit_code == 1
    assert lines(result) == [
        f'{bad}:2:3: error v-001: element "teiHeader" is incomplete; expected one of: title',
        f'{bad}:3:37: error v-001: attribute "n" on "p" has the value "one", which is not a number',
        f'{bad}:3:9: error v-001: element "para" is not allowed here (the schema has no such '
        "element); expected one of: p",
    ]


def test_schematron_xpath1(tmp_path):
    empty = write(tmp_path, "empty.xml", VALID.replace("Dear friend,", " "))
    schema = str(OWN / "rules-xpath1.sch")
    assert run("validate", "--schema", schema, str(write(tmp_path, "v.xml", VALID))).exit_code == 0
    result = run("validate", "--schema", schema, str(empty))
    assert lines(result) == [f"{empty}:3:9: error v-003: a paragraph is empty"]


def test_schematron_xpath2_runs_in_saxon(tmp_path):
    schema = str(OWN / "rules-xpath2.sch")
    assert run("validate", "--schema", schema, str(write(tmp_path, "v.xml", VALID))).exit_code == 0
    bad = write(tmp_path, "bad.xml", VALID.replace(">Letter<", ">letter<").replace('"1"', '"0"'))
    result = run("validate", "--schema", schema, str(bad))
    assert result.exit_code == 1
    assert lines(result) == [
        f"{bad}:2:14: error v-003: a title starts with a capital letter",
        f"{bad}:3:3: error v-003: paragraph numbers are positive",
    ]


@needs_jing
def test_several_schemas_all_apply(tmp_path):
    bad = write(tmp_path, "bad.xml", INVALID.replace("x</p>", " </p>"))
    result = run(
        "validate",
        "--schema",
        str(OWN / "letter.rng"),
        "--schema",
        str(OWN / "rules-xpath1.sch"),
        str(bad),
    )
    codes = [x.split(" error ")[1][:5] for x in lines(result)]
    assert "v-001" in codes and codes[-1] == "v-003", lines(result)


@pytest.mark.parametrize("content", ['<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "not xml"])
def test_a_file_that_is_no_schema_is_one_line_exit_2(tmp_path, content):
    schema = write(tmp_path, "schema.rng", content)
    result = run("validate", "--schema", str(schema), str(write(tmp_path, "v.xml", VALID)))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1


def test_tei_all_missing_is_one_line_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_ALL_SCHEMA", str(tmp_path / "nowhere"))
    result = run("validate", "--tei-all", str(write(tmp_path, "v.xml", VALID)))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert "official TEI schema not found" in result.stderr and "TEI_ALL_SCHEMA" in result.stderr
    assert "x-001" not in result.output and "Traceback" not in result.output


# --------------------------------------------------------------------------- xml-model


def _pi(href: str, ns: str = "http://relaxng.org/ns/structure/1.0") -> str:
    return f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'


@needs_jing
def test_xml_model_rng_and_schematron_both_apply(tmp_path):
    shutil.copy(OWN / "letter.rng", tmp_path / "letter.rng")
    shutil.copy(OWN / "rules-xpath2.sch", tmp_path / "rules.sch")
    prolog = _pi("../letter.rng") + _pi("../rules.sch", "http://purl.oclc.org/dsdl/schematron")
    good = write(tmp_path, "texts/good.xml", prolog + VALID)
    assert run("validate", str(good)).exit_code == 0, run("validate", str(good)).output
    bad = write(
        tmp_path,
        "texts/bad.xml",
        prolog
        + INVALID.replace("<teiHeader></teiHeader>", "<teiHeader><title>x</title></teiHeader>"),
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    found = lines(result)
    assert any(":5:" in x and "v-001" in x and '"para"' in x for x in found), found
    assert any(":4:" in x and "v-003: a title starts with a capital letter" in x for x in found), (
        found
    )
    assert "against the schemas they name" in result.stderr


@needs_jing
def test_embedded_schematron_of_a_relaxng_schema(tmp_path):
    shutil.copy(OWN / "embedded.rng", tmp_path / "odd.rng")
    prolog = _pi("odd.rng") + _pi("odd.rng", "http://purl.oclc.org/dsdl/schematron")
    long_title = VALID.replace(">Letter<", ">A letter with a rather long title<").replace(
        ' n="1"', ""
    )
    result = run("validate", str(write(tmp_path, "t.xml", prolog + long_title)))
    assert lines(result) == [
        f"{tmp_path / 't.xml'}:4:14: error v-003: a title has at most 20 characters"
    ]


def test_xml_model_url_is_not_fetched_and_says_what_was_used(tmp_path):
    url = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
    doc = write(tmp_path, "d.xml", _pi(url) + VALID)
    result = run("validate", str(doc))
    assert lines(result)[0] == (
        f"{doc}:1:1: info v-004: the schema {url} is a URL and was not fetched; checked against "
        "the project schema instead; validation never uses the network: save the schema beside "
        "the file and point the xml-model href at it, or give it with --schema"
    )
    assert result.exit_code == 1  # the project schema wants far more than this tiny letter


def test_xml_model_missing_local_file_warns_and_uses_project_schema(tmp_path):
    doc = write(tmp_path, "d.xml", _pi("../meta/gone.rng") + VALID)
    first = lines(run("validate", str(doc)))[0]
    assert first.startswith(f"{doc}:1:1: warning v-005: the schema ../meta/gone.rng does not exist")
    assert "checked against the project schema instead" in first


def test_xml_model_naming_no_schema_is_v006_exit_2(tmp_path):
    write(tmp_path, "notes.xml", "<notes/>")
    result = run("validate", str(write(tmp_path, "d.xml", _pi("notes.xml") + VALID)))
    assert result.exit_code == 2
    assert " error v-006: " in lines(result)[0] and "not a schema" in lines(result)[0]


def test_without_xml_model_the_project_schema_is_used(tmp_path):
    example = REPO / "schema" / "examples"
    files = sorted(example.glob("*.xml"))[:1]
    if not files:
        pytest.skip("no example TEI in schema/examples")
    result = run("validate", str(files[0]))
    assert result.exit_code == 0, result.output
    assert "valid against the project schema." in result.stderr


# --------------------------------------------------------------------------- entities

ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE TEI [
<!ENTITY who "Jane Austen">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><title>&who;</title></teiHeader>
  <text><p>&who; &amp; her letters</p></text>
</TEI>
"""


@pytest.mark.parametrize("schema", [None, "letter.xsd.xml", "rules-xpath2.sch"])
def test_internal_entities_are_expanded_never_x001(tmp_path, schema):
    doc = write(tmp_path, "austen.xml", ENTITIES)
    args = ["--schema", str(OWN / schema)] if schema else []
    result = run("validate", *args, str(doc))
    assert "x-001" not in result.output and "Traceback" not in result.output
    if schema:
        assert result.exit_code == 0, result.output


@needs_jing
def test_internal_entities_with_jing(tmp_path):
    doc = write(tmp_path, "austen.xml", ENTITIES)
    result = run("validate", "--schema", str(OWN / "letter.rng"), str(doc))
    assert result.exit_code == 0, result.output


def test_external_entity_is_never_read(tmp_path):
    secret = write(tmp_path, "secret.txt", "SECRET-CONTENT")
    doc = write(
        tmp_path,
        "ext.xml",
        ENTITIES.replace('<!ENTITY who "Jane Austen">', f'<!ENTITY who SYSTEM "{secret}">'),
    )
    result = run("validate", "--schema", str(OWN / "letter.xsd.xml"), str(doc))
    assert result.exit_code == 2
    assert lines(result)[0].startswith(f"{doc}:6:") and "r-005" in lines(result)[0]
    assert "&who; is not declared inside the file" in lines(result)[0]
    assert "SECRET-CONTENT" not in result.output


# --------------------------------------------------------------------------- other projects


def _schnitzler(tmp_path: Path, names: list[str]) -> list[Path]:
    """Letters and their schemas laid out as in schnitzler-briefe-data: editions/ beside meta/."""
    meta = tmp_path / "meta"
    shutil.copytree(SCHEMAS / "schnitzler-briefe", meta)
    (tmp_path / "editions").mkdir()
    return [Path(shutil.copy(LETTERS / n, tmp_path / "editions" / n)) for n in names]


needs_letters = pytest.mark.skipif(not LETTERS.is_dir(), reason="no Schnitzler letters in shared/")


@needs_letters
def test_schnitzler_letters_pass_their_own_xsd(tmp_path):
    letters = _schnitzler(tmp_path, GOOD_LETTERS)
    xsd = tmp_path / "meta" / "schnitzler-briefe-schema.xsd"
    result = run("validate", "--schema", str(xsd), *map(str, letters))
    assert result.exit_code == 0, result.output
    assert f"{len(letters)} of {len(letters)} files valid against" in result.stderr


@needs_letters
def test_schnitzler_xml_model_applies_xsd_and_xpath2_schematron(tmp_path):
    """Through their xml-model PI (Schematron, XPath 2) and xsi:schemaLocation (XSD 1.1).

    Every letter of the corpus breaks one rule of the project's own, newer Schematron:
    the title type="iso-date" has no @level. That real finding, at its place, is all.
    """
    letters = _schnitzler(tmp_path, GOOD_LETTERS)
    result = run("validate", *map(str, letters))
    assert result.exit_code == 1
    assert lines(result) == [
        f"{letter}:6:13: error v-003: Das Attribut @level des tei:title muss vorhanden sein."
        for letter in letters
    ]


@needs_letters
def test_a_broken_schnitzler_letter_fails_with_line_and_column(tmp_path):
    (letter,) = _schnitzler(tmp_path, GOOD_LETTERS[:1])
    text = letter.read_text(encoding="utf-8")
    # the XSD: an element the schema does not know; the Schematron: a TEI id off its pattern
    text = text.replace("<funder>", "<sponsor>", 1).replace("</funder>", "</sponsor>", 1)
    text = text.replace(f'xml:id="{letter.stem}"', 'xml:id="letter-1"', 1)
    letter.write_text(text, encoding="utf-8")
    result = run("validate", str(letter))
    assert result.exit_code == 1
    found = lines(result)
    sponsor = next(n for n, x in enumerate(text.splitlines(), 1) if "<sponsor>" in x)
    assert any(
        x.startswith(f"{letter}:{sponsor}:") and '"sponsor"' in x and " v-001: " in x for x in found
    ), found
    assert any(x.startswith(f"{letter}:1:") and " v-003: " in x and "L00000" in x for x in found), (
        found
    )


@needs_jing
def test_tei_publisher_teilite_rng(tmp_path):
    schema = tmp_path / "teilite.rng"
    schema.write_bytes(gzip.decompress((SCHEMAS / "tei-publisher" / "teilite.rng.gz").read_bytes()))
    lite = write(tmp_path, "lite.xml", TEI_LITE)
    assert run("validate", "--schema", str(schema), str(lite)).exit_code == 0
    bad = write(tmp_path, "bad.xml", TEI_LITE.replace("<title>Lite</title>", ""))
    result = run("validate", "--schema", str(schema), str(bad))
    assert result.exit_code == 1
    assert lines(result) == [
        f'{bad}:5:30: error v-001: element "titleStmt" incomplete; missing required element "title"'
    ]


TEI_LITE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Lite</title></titleStmt>
      <publicationStmt><p>Test data.</p></publicationStmt>
      <sourceDesc><p>Written for this test.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text><div><p>A paragraph.</p></div></text>
</TEI>
"""
GOOD_LETTERS = ["L00001.xml", "L00010.xml", "L00019.xml"]  # no problem but the one above


def test_a_rule_that_fails_at_run_time_is_v007_not_a_traceback(tmp_path, capfd):
    rule = (
        (OWN / "rules-xpath2.sch")
        .read_text(encoding="utf-8")
        .replace("($n castable as xs:integer and xs:integer($n) gt 0)", "xs:integer($n) gt 0")
    )
    schema = write(tmp_path, "fragile.sch", rule)
    doc = write(tmp_path, "d.xml", VALID.replace('n="1"', 'n="one"'))
    result = run("validate", "--schema", str(schema), str(doc))
    assert result.exit_code == 2
    assert lines(result) == [
        f"{doc}: error v-007: a rule of the Schematron schema failed on this file: Cannot "
        'convert string "one" to an integer; a value here makes the rule fail (the message '
        "says which); correct the value, or tell the schema's authors"
    ]
    assert "FORG0001" not in capfd.readouterr().err  # Saxon's own trace is kept out


@needs_jing
def test_tei_publisher_teilite_rng_and_its_embedded_tei_rules(tmp_path):
    """TEI's own embedded Schematron (XPath 2), taken from the ODD-made RELAX NG by xml-model."""
    schema = tmp_path / "teilite.rng"
    schema.write_bytes(gzip.decompress((SCHEMAS / "tei-publisher" / "teilite.rng.gz").read_bytes()))
    prolog = _pi("teilite.rng") + _pi("teilite.rng", "http://purl.oclc.org/dsdl/schematron")
    doc = write(
        tmp_path,
        "d.xml",
        prolog
        + TEI_LITE.split("\n", 1)[1].replace(
            "<p>A paragraph.</p>", '<p>A <ref target="#x" cRef="y">ref</ref>.</p>'
        ),
    )
    result = run("validate", str(doc))
    assert result.exit_code == 1
    assert lines(result) == [
        f"{doc}:11:19: error v-003: Only one of the attributes @target' "
        "and @cRef' may be supplied on ref"
    ]


def test_without_jing_relaxng_runs_in_lxml_and_compact_syntax_says_what_it_needs(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("tei_pipeline.validation.grammars.shutil.which", lambda name: None)
    bad = write(tmp_path, "bad.xml", INVALID)
    result = run("validate", "--schema", str(OWN / "letter.rng"), str(bad))
    assert result.exit_code == 1
    assert lines(result) and all(x.startswith(f"{bad}:") and " v-001: " in x for x in lines(result))
    result = run("validate", "--schema", str(OWN / "letter.rnc"), str(bad))
    assert result.exit_code == 2 and "needs jing" in result.stderr
