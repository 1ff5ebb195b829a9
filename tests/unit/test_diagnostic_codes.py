"""Every diagnostic code in diagnostics.CODES is triggered by a small input of its own.

HOW TO ADD A ROW (do it in the same commit as the new code):
  1. Write a trigger: a function `(tmp_path, monkeypatch) -> list[str]` that makes the
     smallest input showing the problem and returns the codes reported. Helpers:
       cli(tmp_path, {"path": text-or-bytes, ...}, ["command", "args"], ...)  runs the
           commands in tmp_path (outside any project unless you write a tei-pipeline.toml)
           and returns every code printed;
       in_project({...}) adds a project file and registers folder to the files;
       transform(SomeTransform, "<body>...</body>") runs one transform on a TEI fragment.
  2. Add `"x-123": your_trigger,` to TRIGGERS below.
A code that no row triggers fails `test_every_code_has_a_row`; a row whose input does
not report its code fails `test_the_code_is_reported`. A code that no stage reports
yet is listed in NOT_REPORTED_YET with a plausible input: its row is a strict xfail,
so the day a stage reports it, the test fails until it is moved to TRIGGERS.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_pipeline import files, pipeline
from tei_pipeline.cli import main
from tei_pipeline.context import Context, Services
from tei_pipeline.diagnostics import CODES
from tei_pipeline.readers import tei as tei_reader
from tei_pipeline.readers.plaintext import PlainTextReader
from tei_pipeline.recognition import Recogniser
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.transforms.base import Transform
from tei_pipeline.transforms.dates import DatesTransform
from tei_pipeline.transforms.header import HeaderTransform
from tests.conftest import REPO, convert_string

Files = dict[str, str | bytes]
Trigger = Callable[[Path, pytest.MonkeyPatch], list[str]]
CODE = re.compile(r"\b([a-z]-\d{3})\b")
INVALID = REPO / "tests" / "fixtures" / "invalid"
TEXT = "A Title\n\nWords of the text.\n"
# a text in Russian with no sidecar: the language is detected (p-102)
RUSSIAN = (
    "Письмо другу\n\nКаждый житель нашего города имеет право свободно выбирать, где ему"
    " жить и работать. Городской совет собирается каждую неделю, обсуждает дороги, школы и"
    " больницы, а потом пишет короткий отчёт для всех, кто хочет знать, что было решено."
    " Мы читаем этот отчёт вечером и спорим о нём до поздней ночи.\n"
)


def cli(tmp_path: Path, files: Files, *commands: list[str]) -> list[str]:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    codes: list[str] = []
    here = os.getcwd()
    os.chdir(tmp_path)  # relative paths in the commands are inside tmp_path
    try:
        for command in commands:
            result = CliRunner().invoke(main, command, catch_exceptions=False)
            codes += CODE.findall(result.output)
    finally:
        os.chdir(here)
    return codes


def in_project(files: Files, register: str | None = None, name: str = "persons.xml") -> Files:
    project: Files = {"tei-pipeline.toml": 'publisher = "P"\n', "sources/t.txt": TEXT}
    if register is not None:
        project[f"sources/registers/{name}"] = register
    return {**project, **files}


def register(entries: str, list_tag: str = "listPerson") -> str:
    return (
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>R</title>'
        f"</titleStmt><publicationStmt><p>R</p></publicationStmt><sourceDesc><p>R</p>"
        f"</sourceDesc></fileDesc></teiHeader><standOff><{list_tag}>{entries}"
        f"</{list_tag}></standOff></TEI>"
    )


def person(entry_id: str, *names: str) -> str:
    return f'<person xml:id="{entry_id}">{"".join(names)}</person>'


def main_name(text: str) -> str:
    return f'<persName type="main">{text}</persName>'


def build_registers(entries: str) -> Trigger:
    return lambda tmp, _: cli(tmp, in_project({}, register(entries)), ["build", "sources", "-q"])


def transform(kind: type[Transform], fragment: str, front: str = "") -> list[str]:
    tree = etree.ElementTree(
        etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text>{front}{fragment}</text></TEI>')
    )
    ctx = Context(shown_as="t.xml", services=Services())
    kind().apply(tree, ctx)
    return [d.code for d in ctx.reporter.diagnostics]


def codes_of(diagnostics: Iterable[object]) -> list[str]:
    return [str(getattr(d, "code", "")) for d in diagnostics]


# -- triggers needing a patched stage (a converter bug cannot come from input) ----------


class _LosingReader(PlainTextReader):
    """A reader with a bug: it drops the last paragraph's words."""

    def read(self, text: str, ctx: Context):  # type: ignore[no-untyped-def]
        document = super().read(text, ctx)
        last = document.tree.findall(f".//{{{TEI_NS}}}p")[-1]
        last.text = "lost"
        return document


def lost_words(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setitem(pipeline.READERS, "plaintext", _LosingReader)
    return codes_of(convert_string(TEXT).reporter.diagnostics)


def too_large_to_recognise(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A text over the recogniser's limit (made small here): no model is loaded."""
    monkeypatch.setattr(pipeline, "MAX_RECOGNISED_CHARS", len(TEXT) - 1)
    source = tmp / "t.txt"
    source.write_text(TEXT, encoding="utf-8")
    services = Services(recogniser=Recogniser())
    conversion = pipeline.convert_file(source, "t.txt", services=services)
    assert services.recogniser is not None and not services.recogniser._loaded
    return codes_of(conversion.reporter.diagnostics)


def text_over_the_limit(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(files, "MAX_TEXT_BYTES", len(TEXT) - 1)
    return cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt"])


def tei_over_the_limit(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(tei_reader, "MAX_TEI_BYTES", 10)
    return cli(tmp, {"t.xml": TEI_WITH.format("<p>Hi</p>")}, ["render", "t.xml", "-o", "o"])


def converter_bug(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    def broken(self: object, doc: object, ctx: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(DatesTransform, "apply", broken)
    return cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt"])


def missing_package(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    def broken(self: object, doc: object, ctx: object) -> None:
        raise ModuleNotFoundError("No module named 'py3langid'", name="py3langid")

    monkeypatch.setattr(DatesTransform, "apply", broken)
    return cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt"])


# -- validation against other projects' schemas (tests/fixtures/schemas/own) -------------

OWN_SCHEMAS = REPO / "tests" / "fixtures" / "schemas" / "own"
LETTER = (
    f'<TEI xmlns="{TEI_NS}">\n  <teiHeader><title>Letter</title></teiHeader>\n'
    '  <text><p n="1">Dear friend,</p></text>\n</TEI>\n'
)


def xml_model(href: str) -> str:
    ns = "http://relaxng.org/ns/structure/1.0"
    return f'<?xml-model href="{href}" type="application/xml" schematypens="{ns}"?>\n'


def fragile_rule(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    rule = (
        (OWN_SCHEMAS / "rules-xpath2.sch")
        .read_text(encoding="utf-8")
        .replace("($n castable as xs:integer and xs:integer($n) gt 0)", "xs:integer($n) gt 0")
    )
    files: Files = {"fragile.sch": rule, "d.xml": LETTER.replace('n="1"', 'n="one"')}
    return cli(tmp, files, ["validate", "--schema", "fragile.sch", "d.xml"])


# -- the archive: a build first, then a bag, then a change to the bag -------------------

BUILT: Files = {"tei-pipeline.toml": 'publisher = "P"\n', "sources/t.txt": TEXT}
BUILD = ["build", "sources", "-o", "out", "-q", "-f", "tei", "-f", "html"]
ARCHIVE = ["archive", "out", "--sources", "sources", "-o", "bag"]


def bag_then(change: Callable[[Path], None]) -> Trigger:
    def trigger(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
        cli(tmp, BUILT, BUILD, ARCHIVE)
        change(tmp / "bag")
        return cli(tmp, {}, ["archive", "--check", "bag"])

    return trigger


def _flip_a_byte(bag: Path) -> None:
    target = bag / "data" / "tei" / "t.xml"
    target.write_bytes(target.read_bytes().replace(b"Words", b"Wards"))


def source_changed_after_build(tmp: Path, _: pytest.MonkeyPatch) -> list[str]:
    cli(tmp, BUILT, BUILD)
    (tmp / "sources" / "t.txt").write_text(TEXT + "\nA new line.\n", encoding="utf-8")
    return cli(tmp, {}, ARCHIVE)


def pagefind_missing(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import pagefind_bin

    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: Path("/nonexistent/pagefind"))
    return cli(tmp, BUILT, ["build", "sources", "-o", "out", "-q", "-f", "html"])


TEI_WITH = (
    f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title>'
    "</titleStmt><publicationStmt><p>T</p></publicationStmt><sourceDesc><p>T</p>"
    "</sourceDesc></fileDesc></teiHeader><text><body>{}</body></text></TEI>"
)

TRIGGERS: dict[str, Trigger] = {
    "r-007": lambda tmp, _: cli(
        tmp,
        {"t.txt": b"A Title\n\nCharacter set encoding: ISO-8859-1\n\nCaf\xe9.\n"},
        ["convert", "t.txt"],
    ),
    "r-008": lambda tmp, _: cli(tmp, {"t.txt": b"A Title\n\nCaf\xe9.\n"}, ["convert", "t.txt"]),
    "r-002": lambda tmp, _: cli(tmp, {"t.txt": ""}, ["convert", "t.txt"]),
    "r-003": lambda tmp, _: cli(tmp, {"t.txt": "A Title\n\nA\x07b.\n"}, ["convert", "t.txt"]),
    "r-004": lambda tmp, _: cli(tmp, {}, ["convert", "missing.txt"]),
    "r-005": lambda tmp, _: cli(tmp, {"t.xml": "<TEI"}, ["validate", "t.xml"]),
    "r-006": lambda tmp, _: cli(tmp, {"t.xml": "<html/>"}, ["render", "t.xml", "-o", "o"]),
    "c-001": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT, "t.toml": 'language = "en\n'}, ["convert", "t.txt"]
    ),
    "c-002": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT, "t.toml": 'colour = "red"\n'}, ["convert", "t.txt"]
    ),
    "c-003": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT, "t.toml": 'title = "Another Title"\n'}, ["convert", "t.txt"]
    ),
    "c-004": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT, "t.toml": b'publisher = "Caf\xe9"\n'}, ["convert", "t.txt"]
    ),
    "c-005": lambda tmp, _: cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt"]),
    "c-006": lambda tmp, _: cli(
        tmp, in_project({"tei-pipeline.toml": 'colour = "red"\n'}), ["build", "sources", "-q"]
    ),
    "c-007": lambda tmp, _: cli(
        tmp, in_project({"tei-pipeline.toml": 'publisher = "P\n'}), ["build", "sources", "-q"]
    ),
    "c-008": lambda tmp, _: cli(tmp, {}, ["init", "p"], ["init", "p"]),
    "c-009": lambda tmp, _: cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt", "--set", "x=1"]),
    "h-001": lambda tmp, _: cli(
        tmp,
        {
            "t.txt": "A long first line that is a sentence, with a "
            "full stop. And another sentence.\n"
        },
        ["convert", "t.txt"],
    ),
    "p-001": build_registers("<person>"),
    "p-002": lambda tmp, _: cli(
        tmp, in_project({}, f'<TEI xmlns="{TEI_NS}"/>'), ["build", "sources", "-q"]
    ),
    "p-003": build_registers(f"<person>{main_name('Nobody')}</person>"),
    "p-004": build_registers(person("a", main_name("A")) + person("a", main_name("B"))),
    "p-005": build_registers(person("a", '<persName type="variant">A</persName>')),
    "p-006": build_registers(person("a", main_name("A"), main_name("B"))),
    "p-007": build_registers(person("a", main_name("A"), '<persName type="variant"/>')),
    "p-008": build_registers(person("a", main_name("Same")) + person("b", main_name("Same"))),
    "p-009": build_registers(
        person(
            "a",
            main_name("A"),
            '<persName type="variant">B</persName><persName type="variant">B</persName>',
        )
    ),
    "p-010": build_registers(person("a", main_name("A"), "<persName>B</persName>")),
    "p-011": build_registers(person("a", main_name("A"), '<idno type="wikidata">12</idno>')),
    "p-101": lambda tmp, _: cli(
        tmp,
        {"t.txt": TEXT, "t.toml": 'language = "sw"\n'},
        ["convert", "t.txt", "--report-level", "info"],
    ),
    "p-102": lambda tmp, _: cli(tmp, {"t.txt": RUSSIAN}, ["convert", "t.txt"]),
    "p-103": too_large_to_recognise,
    "n-003": lambda tmp, _: cli(
        tmp,
        {
            "t.txt": "One claim[1]. Another[2]. Again[1].\n\nFOOTNOTES:\n\n"
            "[1] The note.\n\n[2] Two.\n"
        },
        ["convert", "t.txt"],
    ),
    "n-001": lambda tmp, _: cli(
        tmp,
        {"t.txt": "A letter with no marker.\n\n[Footnote 2: A lost note.]\n\nMore text.\n"},
        ["convert", "t.txt"],
    ),
    "d-001": lambda tmp, _: transform(DatesTransform, "<body><p><date>sometime</date></p></body>"),
    "v-001": lambda tmp, _: cli(tmp, {}, ["validate", str(INVALID / "unknown-element.xml")]),
    "v-002": lambda tmp, _: cli(tmp, {}, ["validate", str(INVALID / "dangling-ref.xml")]),
    "v-100": lost_words,
    "x-001": converter_bug,
    "x-007": missing_package,
    "x-002": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT, "out/tei": "a file, not a folder"}, ["build", ".", "-o", "out", "-q"]
    ),
    "x-003": lambda tmp, _: cli(
        tmp, {"s/a b.txt": TEXT, "s/a-b.txt": TEXT}, ["build", "s", "-o", "out", "-q", "-f", "tei"]
    ),
    "x-004": lambda tmp, _: cli(tmp, {"t.txt": TEXT}, ["convert", "t.txt", "-o", "t.txt"]),
    "x-005": lambda tmp, _: cli(
        tmp,
        {"t.xml": TEI_WITH.format("<p>Hi</p>"), "o/keep": "x"},
        ["render", "t.xml", "--to", "epub", "-o", "o"],
    ),
    "r-009": lambda tmp, _: cli(
        tmp,
        {"t.xml": TEI_WITH.format("<div>" * 130 + "<p>deep</p>" + "</div>" * 130)},
        ["render", "t.xml", "-o", "o"],
    ),
    "r-010": text_over_the_limit,
    "r-011": tei_over_the_limit,
    "a-001": lambda tmp, _: cli(tmp, {"site/x.html": "x"}, ["archive", "site", "-o", "bag"]),
    "a-002": lambda tmp, _: cli(
        tmp, {**BUILT, "mine/letter.txt": "mine"}, BUILD, ARCHIVE[:-1] + ["mine"]
    ),
    "a-003": bag_then(_flip_a_byte),
    "a-004": bag_then(lambda bag: (bag / "data" / "tei" / "t.xml").unlink()),
    "a-005": bag_then(lambda bag: (bag / "data" / "added.txt").write_text("later\n")),
    "a-006": source_changed_after_build,
    "a-007": lambda tmp, _: cli(tmp, {"notabag/x.txt": "x"}, ["archive", "--check", "notabag"]),
    "w-002": pagefind_missing,
    "v-003": lambda tmp, _: cli(
        tmp,
        {"d.xml": LETTER.replace("Dear friend,", " ")},
        ["validate", "--schema", str(OWN_SCHEMAS / "rules-xpath1.sch"), "d.xml"],
    ),
    "v-004": lambda tmp, _: cli(
        tmp, {"d.xml": xml_model("https://example.org/tei_all.rng") + LETTER}, ["validate", "d.xml"]
    ),
    "v-005": lambda tmp, _: cli(
        tmp, {"d.xml": xml_model("../meta/gone.rng") + LETTER}, ["validate", "d.xml"]
    ),
    "v-006": lambda tmp, _: cli(
        tmp,
        {"notes.xml": "<notes/>", "d.xml": xml_model("notes.xml") + LETTER},
        ["validate", "d.xml"],
    ),
    "v-007": fragile_rule,
    # nothing listens on port 9 of this machine: the scheduler cannot be reached
    "x-006": lambda tmp, _: cli(
        tmp, BUILT, ["build", "sources", "-o", "out", "-q", "--scheduler", "tcp://127.0.0.1:9"]
    ),
    "w-001": lambda tmp, _: cli(
        tmp,
        {"t.xml": TEI_WITH.format("<p><said>Hi</said></p>")},
        ["render", "t.xml", "-o", "o", "--report-level", "info"],
    ),
}

# Codes in CODES that no stage reports yet, each with the input that should report it.
NOT_REPORTED_YET: dict[str, Trigger] = {
    # retired: a text that is not UTF-8 is now read (r-007 by its declared encoding,
    # r-008 as Windows-1252), never refused; kept so the code is never reused
    "r-001": lambda tmp, _: cli(tmp, {"t.txt": b"A Title\n\nCaf\xe9.\n"}, ["convert", "t.txt"]),
    # citations.parse_citation never fills Citation.leftovers, so header.py never reports it
    "h-003": lambda tmp, _: transform(
        HeaderTransform,
        "<body><p>Text.</p></body>",
        '<front><div type="preface"><p>Made from the following editions:</p>'
        "<list><item>Zork wibble frobnitz</item></list></div></front>",
    ),
    "h-002": lambda tmp, _: cli(
        tmp, {"t.txt": TEXT}, ["convert", "t.txt", "--report-level", "info"]
    ),
    "n-002": lambda tmp, _: cli(
        tmp, {"t.txt": "A Title\n\nText.\n\n  1. one\n  2. two\n"}, ["convert", "t.txt"]
    ),
    "e-001": lambda tmp, _: cli(
        tmp, {"t.xml": TEI_WITH.format("")}, ["render", "t.xml", "--to", "epub", "-o", "t.epub"]
    ),
}


def test_every_code_has_a_row() -> None:
    rows = set(TRIGGERS) | set(NOT_REPORTED_YET)
    assert sorted(set(CODES) - rows) == [], "add a row for each new code (see the top)"
    assert sorted(rows - set(CODES)) == [], "a row for a code that is not in CODES"
    assert not set(TRIGGERS) & set(NOT_REPORTED_YET)


ROWS = [pytest.param(code, trigger, id=code) for code, trigger in TRIGGERS.items()] + [
    pytest.param(
        code,
        trigger,
        id=code,
        marks=pytest.mark.xfail(strict=True, reason="no stage reports this code yet"),
    )
    for code, trigger in NOT_REPORTED_YET.items()
]


@pytest.mark.parametrize(("code", "trigger"), ROWS)
def test_the_code_is_reported(
    code: str, trigger: Trigger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code in trigger(tmp_path, monkeypatch)
