"""Projects (project.py, context.Services, commands_init.py): one run, one project.

Input: small projects written to tmp folders (outside this repository, so no
project of ours is above them), tests/fixtures/project/settings.cases.
Output: pass or fail. Covered: the project file is found at or above the folder
or file given; its registers and no other's are used; a text in no project gets
no registers, an unpublished publicationStmt and c-005; precedence of settings;
a wrong project file is reported with file:line and the allowed fields; init.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_pipeline.cli import main
from tei_pipeline.commands_init import LAYOUT
from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.errors import PipelineError
from tei_pipeline.pipeline import convert_file
from tei_pipeline.project import (
    PROJECT_FILE,
    SHARED_FIELDS,
    Project,
    ProjectSettings,
    find_project,
    settings_for,
)
from tei_pipeline.tei.ns import XPATH_NS
from tei_pipeline.tei.validate import Validator
from tests.conftest import REPO, TEI_ALL_RNG
from tests.support import checkers
from tests.support.cases import read_cases

CASES = REPO / "tests" / "fixtures" / "project" / "settings.cases"


def register(kind: str, entry_id: str, form: str) -> str:
    lists = {
        "person": ("listPerson", "persName"),
        "place": ("listPlace", "placeName"),
        "org": ("listOrg", "orgName"),
    }
    list_tag, name_tag = lists[kind]
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        f"<title>R</title></titleStmt><publicationStmt><p>R</p></publicationStmt>"
        f"<sourceDesc><p>R</p></sourceDesc></fileDesc></teiHeader><standOff><{list_tag}>"
        f'<{kind} xml:id="{entry_id}"><{name_tag} type="main">{form}</{name_tag}></{kind}>'
        f"</{list_tag}></standOff></TEI>"
    )


def make_project(root: Path, toml: str = 'publisher = "P"\n', person: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / PROJECT_FILE).write_text(toml, encoding="utf-8")
    registers = root / "sources" / "registers"
    registers.mkdir(parents=True)
    if person:
        entry_id = person.lower().replace(" ", "-")
        (registers / "persons.xml").write_text(register("person", entry_id, person), "utf-8")
    return root / "sources"


def text(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"A Title\n\n{body}\n", encoding="utf-8")
    return path


def xp(tei: bytes, path: str) -> list[object]:
    return list(etree.fromstring(tei).xpath(path, namespaces=XPATH_NS))  # type: ignore[arg-type]


def string(tei: bytes, path: str) -> str:
    return str(etree.fromstring(tei).xpath(f"string({path})", namespaces=XPATH_NS))


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- precedence: defaults < project file < sidecar < command line ----------------------


@pytest.mark.parametrize(
    ("title", "line", "source", "expected"),
    read_cases(CASES),
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else None,
)
def test_settings_precedence(title: str, line: int, source: str, expected: str) -> None:
    layers = tomllib.loads(source)
    project = Project(Path("/p"), ProjectSettings(**layers.get("project", {})))
    sidecar = Sidecar(**layers.get("sidecar", {}))
    settings = settings_for(project, sidecar, layers.get("cli"))
    values = settings.model_dump(include=set(SHARED_FIELDS), exclude_none=True)
    shown = "\n".join(f'{k} = "{v}"' for k, v in sorted(values.items()))
    assert shown == expected, f"{CASES.name}:{line}: {title}"


# -- finding the project ---------------------------------------------------------------


def test_the_project_is_found_from_a_subfolder_and_from_a_file(tmp_path: Path) -> None:
    sources = make_project(tmp_path / "proj", person="Jane Roe")
    deep = text(sources / "letters" / "1850", "a.txt", "Jane Roe wrote.")
    for start in (deep, deep.parent, sources, tmp_path / "proj"):
        project = find_project(start)
        assert project is not None and project.root == (tmp_path / "proj").resolve()
    conversion = convert_file(deep, "a.txt")  # convert's default: the text's own project
    assert xp(conversion.tei, "//tei:body//tei:persName/@ref") == ["#jane-roe"]


def test_near_miss_a_project_below_or_beside_is_not_the_texts(tmp_path: Path) -> None:
    make_project(tmp_path / "below" / "inner")
    (tmp_path / "dir-named" / PROJECT_FILE).mkdir(parents=True)  # a folder, not a file
    assert find_project(tmp_path / "below") is None
    assert find_project(tmp_path / "dir-named") is None


def test_only_the_projects_own_registers_are_used(tmp_path: Path) -> None:
    make_project(tmp_path / "a", person="Jane Roe")
    sources_b = make_project(tmp_path / "b", person="John Doe")
    path = text(sources_b, "t.txt", "Jane Roe met John Doe; Lenin was not there.")
    tei = convert_file(path, "t.txt").tei
    assert xp(tei, "//tei:body//tei:persName/@ref") == ["#john-doe"]
    assert xp(tei, "//tei:standOff//tei:person/@xml:id") == ["john-doe"]


def test_suggest_knows_the_names_of_the_projects_own_registers_only(tmp_path: Path) -> None:
    make_project(tmp_path / "a", person="Jane Roe")
    sources_b = make_project(tmp_path / "b", person="John Doe")
    text(
        sources_b,
        "t.txt",
        "Yesterday the committee heard from Jane Roe about the strike, "
        "and later the committee wrote to Jane Roe and to John Doe again.",
    )
    result = run("suggest", str(sources_b))
    assert result.exit_code == 0, result.output
    assert "Jane Roe" in result.output  # known only to project a
    assert "John Doe" not in result.output


# -- a text in no project --------------------------------------------------------------


def test_a_text_outside_any_project_is_unpublished_untagged_and_warned(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    text(folder, "a.txt", "Lenin spoke in Moscow.")
    text(folder, "b.txt", "Stalin wrote.")
    result = run("build", str(folder), "-o", str(tmp_path / "out"), "-q", "-f", "tei")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "c-005" in line]
    assert len(warnings) == 1  # once per run, not once per text
    assert warnings[0].startswith(f"{folder / 'a.txt'}: warning c-005: ")
    assert "tei-pipeline init" in warnings[0]
    tei_file = tmp_path / "out" / "tei" / "a.xml"
    tei = tei_file.read_bytes()
    assert xp(tei, "//tei:publicationStmt/tei:publisher") == []
    assert string(tei, "//tei:publicationStmt/tei:p").startswith("Unpublished")
    # no register: no name is linked; the recogniser's guesses say whose they are
    names = "//tei:body//tei:persName | //tei:body//tei:placeName"
    assert all(n.get("resp") == "#recogniser" for n in xp(tei, names))
    assert Validator().validate_file(tei_file) == []
    if checkers.tool_available("jing") and TEI_ALL_RNG.exists():
        assert checkers.jing(TEI_ALL_RNG, [tei_file]) == []


def test_near_miss_a_sidecar_publisher_publishes_a_text_outside_any_project(
    tmp_path: Path,
) -> None:
    path = text(tmp_path / "loose", "a.txt", "Words.")
    path.with_suffix(".toml").write_text('publisher = "Me"\n', encoding="utf-8")
    conversion = convert_file(path, "a.txt")
    assert string(conversion.tei, "//tei:publicationStmt/tei:publisher") == "Me"
    assert [d.code for d in conversion.reporter.diagnostics].count("c-005") == 1


def test_near_miss_a_project_without_a_publisher_is_unpublished_without_a_warning(
    tmp_path: Path,
) -> None:
    sources = make_project(tmp_path / "proj", 'name = "Letters"\n')
    conversion = convert_file(text(sources, "a.txt", "Words."), "a.txt")
    statement = string(conversion.tei, "//tei:publicationStmt/tei:p")
    assert statement.startswith("Unpublished") and "project file" in statement
    assert "outside" not in statement
    assert "c-005" not in [d.code for d in conversion.reporter.diagnostics]


# -- a wrong project file --------------------------------------------------------------


def test_a_wrong_project_field_is_reported_with_its_line_and_the_allowed_fields(
    tmp_path: Path,
) -> None:
    sources = make_project(tmp_path / "proj", 'publisher = "P"\n\npublsher = "typo"\n')
    text(sources, "a.txt", "Words.")
    result = run("build", str(sources), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert f'{PROJECT_FILE}:3:1: error c-006: unknown field "publsher"' in line
    assert "allowed fields are: name, publisher, licence" in line
    assert not (tmp_path / "out").exists()


def test_a_project_file_that_is_not_toml_stops_the_run_with_its_position(
    tmp_path: Path,
) -> None:
    (tmp_path / PROJECT_FILE).write_text('publisher = "P\n', encoding="utf-8")
    with pytest.raises(PipelineError) as error:
        Services.for_path(tmp_path)
    assert error.value.diagnostic.code == "c-007"
    assert error.value.diagnostic.location.line == 1


# -- init ------------------------------------------------------------------------------


def test_init_makes_a_project_that_builds_without_a_sidecar(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "new"))
    assert result.exit_code == 0, result.output
    for _, target in LAYOUT:
        assert (tmp_path / "new" / target).is_file()
    registers = sorted((tmp_path / "new" / "sources" / "registers").glob("*.xml"))
    assert [p.name for p in registers] == ["orgs.xml", "persons.xml", "places.xml"]
    assert all(Validator().validate_file(p) == [] for p in registers)
    settings = tomllib.loads((tmp_path / "new" / PROJECT_FILE).read_text(encoding="utf-8"))
    assert set(settings) <= set(ProjectSettings.model_fields)
    built = run("build", str(tmp_path / "new" / "sources"), "-o", str(tmp_path / "out"), "-q")
    assert built.exit_code == 0, built.output
    assert built.output.strip() == ""  # no warning: the example is in its project
    tei = (tmp_path / "out" / "tei" / "example.xml").read_bytes()
    assert xp(tei, "//tei:body//tei:persName/@ref") == ["#mary-wollstonecraft"]
    assert xp(tei, "//tei:body//tei:head") and xp(tei, "//tei:note[@place='foot']")


def test_init_refuses_to_overwrite_a_project(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    persons = tmp_path / "sources" / "registers" / "persons.xml"
    persons.write_text("edited", encoding="utf-8")
    (tmp_path / PROJECT_FILE).unlink()  # near miss: only the registers are left
    (tmp_path / "sources" / "example.txt").unlink()
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"{persons}: error c-008: persons.xml is already there; choose another folder, "
        "or edit the tei-pipeline.toml that is there"
    ]
    assert persons.read_text(encoding="utf-8") == "edited"
