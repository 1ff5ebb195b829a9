"""The review loop: suggest lists the names no register knows (typed, counted,
every position, context, GeoNames ids), writes them as candidates.xml, and accept
moves them into the registers, after which a rebuild links every mention.

A small project of our own (a tei-pipeline.toml) with no register at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_pipeline.accept import _form_of, group
from tei_pipeline.commands_suggest import accept as accept_command
from tei_pipeline.commands_suggest import suggest as suggest_command
from tei_pipeline.context import Services
from tei_pipeline.diagnostics import Location
from tei_pipeline.pipeline import convert_file
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.suggest import Candidate, suggest
from tests.conftest import tree_of, xp

TEXTS = {
    "visit.txt": "A Visit\n\nMargaret Oyelaran reached Nairobi in March 1950 with the envoy.\n"
    "Oyelaran met Senator Hartwell there, and Oyelaran wrote home.\n",
    "letter.txt": "Another Letter\n\nSenator Hartwell wrote from Kenya to M. Oyelaran about"
    " the International Labour Organization and Springfield.\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "tei-pipeline.toml").write_text(
        'name = "Test"\npublisher = "Us"\nlicence = "CC BY 4.0"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    sources = tmp_path / "sources"
    (sources / "registers").mkdir(parents=True)
    for name, text in TEXTS.items():
        (sources / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("TEI_PIPELINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return sources


def services_of(sources: Path, recogniser: Recogniser) -> Services:
    services = Services.for_path(sources)
    services.recogniser = recogniser
    return services


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(cache=FindingsCache(None))


def found(sources: Path, recogniser: Recogniser) -> dict[str, Candidate]:
    texts = sorted(sources.glob("*.txt"))
    paths = [(p, f"sources/{p.name}") for p in texts]
    return {c.text: c for c in suggest(paths, services_of(sources, recogniser))}


def test_names_of_a_project_without_register_are_tagged(project: Path, recogniser) -> None:
    conversion = convert_file(
        project / "visit.txt", "sources/visit.txt", services=services_of(project, recogniser)
    )
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
    tree = tree_of(conversion)
    names = {"".join(e.itertext()): e for e in xp(tree, "//tei:body//*[@resp='#recogniser']")}
    assert names["Margaret Oyelaran"].tag.endswith("persName")
    assert names["Nairobi"].get("ref", "").startswith("#geonames-")
    assert not xp(tree, "//tei:body//*[@resp='#recogniser'][contains(., 'March')]")


def test_candidates_are_typed_counted_and_every_position_is_right(
    project: Path, recogniser
) -> None:
    candidates = found(project, recogniser)
    assert candidates["Oyelaran"].kind == "person" and candidates["Oyelaran"].count == 2
    assert candidates["Nairobi"].kind == "place" and candidates["Nairobi"].geonames is not None
    springfield = candidates["Springfield"]
    assert springfield.geonames is None and len(springfield.readings) > 1  # ambiguous
    for candidate in candidates.values():
        for where in candidate.positions:
            line = (project / Path(where.path).name).read_text().split("\n")[where.line - 1]
            assert line[where.column - 1 :].startswith(candidate.text), (candidate.text, where)
    assert "Nairobi in March" in candidates["Nairobi"].context


def test_suggest_json_lists_the_names(project: Path) -> None:
    result = CliRunner().invoke(suggest_command, ["--format", "json", "sources"])
    assert result.exit_code == 0, result.output
    listed = {item["text"]: item for item in json.loads(result.stdout)}
    assert {"text", "type", "count", "positions"} <= set(listed["Margaret Oyelaran"])
    assert listed["Margaret Oyelaran"]["type"] == "person"
    assert listed["Senator Hartwell" if "Senator Hartwell" in listed else "Hartwell"]["count"] == 2
    assert listed["Nairobi"]["positions"] == ["sources/visit.txt:3:27"]


def test_variants_of_one_name_are_merged_and_doubtful_ones_are_not() -> None:
    where = Location("a.txt", 1, 1)
    names = [
        Candidate(t, "person", "medium", [where])
        for t in ("Norman Angell", "Angell", "N. Angell", "Jane Smith", "John Smith", "Smith")
    ]
    groups = {g.main.text: [m.text for m in g.members] for g in group(names)}
    assert groups["Norman Angell"][0] == "Norman Angell"  # the main form
    assert sorted(groups["Norman Angell"]) == ["Angell", "N. Angell", "Norman Angell"]
    assert groups["Smith"] == ["Smith"]  # Jane or John?
    assert not _form_of("M. Angell", "Norman Angell")


def test_accepted_candidates_link_every_mention_on_rebuild(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(suggest_command, ["--format", "tei", "sources"]).exit_code == 0
    candidates = project / "registers" / "candidates.xml"
    persons = etree.parse(str(candidates))
    entry = xp(persons, "//tei:person[tei:persName[@type='main']='Margaret Oyelaran']")[0]
    variants = {n.text for n in xp(entry, "tei:persName[@type='variant']")}
    assert variants == {"Oyelaran", "M. Oyelaran"}
    result = runner.invoke(accept_command, [])
    assert result.exit_code == 0, result.stderr
    assert not candidates.exists()
    assert (project / "registers" / "persons.xml").exists()
    rebuild = services_of(project, Recogniser(cache=FindingsCache(None)))  # the new registers
    assert rebuild.registers.entries
    for name in TEXTS:
        conversion = convert_file(project / name, f"sources/{name}", services=rebuild)
        assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
        tree = tree_of(conversion)
        assert not xp(tree, "//tei:body//*[@resp='#recogniser']"), name
        names = xp(
            tree, "//tei:body//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
        )
        assert names and all(n.get("ref") for n in names)


def test_accept_without_candidates_says_what_to_do(project: Path) -> None:
    result = CliRunner().invoke(accept_command, [])
    assert result.exit_code == 2
    assert "suggest --format tei" in result.stderr and "Traceback" not in result.stderr
