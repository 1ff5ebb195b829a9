"""The installed package works on its own (issue 9): build the wheel, install it
into a fresh virtual environment in a temporary folder outside the repository,
and there make a project with `tei-pipeline init`, add a register entry and a
text naming it, then build, validate and render.

It checks that everything the package reads is package data (schema, CSS, JS,
init's files), that the registers used are the project's own (no name of this
repository's registers appears), and that the output is valid.

Not skipped anywhere: it needs only pip and the package index the Makefile's
pip uses. The dependency wheels are kept in a wheelhouse in the user cache
(TEI_PIPELINE_CACHE or ~/.cache/tei-pipeline), so a second run takes ~15 s, not ~60 s.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.tei.ns import XPATH_NS
from tei_pipeline.tei.validate import user_cache_dir
from tests.conftest import REPO, SHARED

TEI_ALL = Path(os.environ.get("TEI_ALL_SCHEMA") or SHARED / "tei-schemas")
PERSON = """      <person xml:id="olympe-de-gouges">
        <persName type="main">Olympe de Gouges</persName>
        <persName type="variant">de Gouges</persName>
      </person>
"""
# Lenin and Moscow are in this repository's registers, not in the new project's.
TEXT = """On Rights

Olympe de Gouges wrote in Paris, as Lenin later wrote in Moscow.
"""


def pip(python: Path, *args: str, cwd: Path) -> None:
    result = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return [*project["build-system"]["requires"], *project["project"]["dependencies"]]


def wheelhouse() -> Path:
    """Wheels of the build and run dependencies, made once per set of requirements."""
    wanted = requirements()
    key = hashlib.sha256("\n".join(wanted).encode()).hexdigest()[:16]
    house = user_cache_dir() / f"test-wheelhouse-{key}"
    if not (house / ".complete").exists():
        pip(Path(sys.executable), "wheel", "-w", str(house), *wanted, "wheel", cwd=REPO)
        (house / ".complete").touch()
    return house


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    assert not work.resolve().is_relative_to(REPO.resolve())
    house = wheelhouse()
    source = work / "src"  # build from a copy: setuptools writes build/ into its source
    shutil.copytree(
        REPO / "tei_pipeline", source / "tei_pipeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    offline = ("--no-index", "--find-links", str(house))
    pip(
        Path(sys.executable),
        "wheel",
        "--no-deps",
        *offline,
        "-w",
        str(work / "dist"),
        str(source),
        cwd=work,
    )
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True, timeout=300)
    python = work / "venv" / "bin" / "python"
    wheel = next((work / "dist").glob("tei_pipeline-*.whl"))
    pip(python, "install", *offline, str(wheel), cwd=work)
    return python.parent


def run(
    bin_dir: Path, *args: str, cwd: Path, tei_all: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TEI_ALL_SCHEMA")}
    if tei_all:
        env["TEI_ALL_SCHEMA"] = tei_all
    return subprocess.run(
        [str(bin_dir / "tei-pipeline"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def repo_register_ids() -> set[str]:
    ids: set[str] = set()
    for path in (REPO / "sources" / "registers").glob("*.xml"):
        ids.update(
            str(i)
            for i in etree.parse(str(path)).xpath("//tei:standOff//@xml:id", namespaces=XPATH_NS)
        )
    return ids


def test_the_installed_wheel_builds_validates_and_renders_a_project_of_its_own(
    installed: Path, tmp_path: Path
) -> None:
    made = run(installed, "init", "proj", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    persons = tmp_path / "proj" / "sources" / "registers" / "persons.xml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            "    </listPerson>", PERSON + "    </listPerson>"
        ),
        encoding="utf-8",
    )
    (tmp_path / "proj" / "sources" / "rights.txt").write_text(TEXT, encoding="utf-8")

    built = run(installed, "build", "proj/sources", "-o", "out", "-q", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "x-001" not in built.stderr and "c-005" not in built.stderr
    tei = (tmp_path / "out" / "tei" / "rights.xml").read_text(encoding="utf-8")
    assert '<persName ref="#olympe-de-gouges">Olympe de Gouges</persName>' in tei
    assert "<publisher>The editors of My edition</publisher>" in tei  # the project file
    # nothing of this repository's registers: Lenin and Moscow are not linked to
    # them (the recogniser may propose them, with resp="#recogniser", never a register @ref)
    leaked = {i for i in repo_register_ids() if re.search(rf'"#?{re.escape(i)}"', tei)}
    assert leaked == set()
    assert "Lenin later wrote in Moscow" in re.sub(r"<[^>]+>", "", tei)
    assert not re.search(r'<persName ref="#[^"]*">Lenin<', tei)

    valid = run(installed, "validate", "out/tei", cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert "2 of 2 files valid" in valid.stderr

    # official tei_all is not package data: without TEI_ALL_SCHEMA, one plain line
    missing = run(installed, "validate", "--tei-all", "out/tei", cwd=tmp_path)
    assert missing.returncode == 2 and "x-001" not in missing.stderr
    assert missing.stderr.startswith("error: official TEI schema not found")
    assert "TEI_ALL_SCHEMA" in missing.stderr and len(missing.stderr.splitlines()) == 1
    if TEI_ALL.is_dir():
        official = run(
            installed, "validate", "--tei-all", "out/tei", cwd=tmp_path, tei_all=str(TEI_ALL)
        )
        assert official.returncode == 0, official.stdout + official.stderr

    html = run(
        installed, "render", "out/tei/rights.xml", "--to", "html", "-o", "page", cwd=tmp_path
    )
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "page" / "rights.html").read_text(encoding="utf-8")
    assert "Olympe de Gouges" in page and "</html>" in page
    epub = run(
        installed, "render", "out/tei/rights.xml", "--to", "epub", "-o", "rights.epub", cwd=tmp_path
    )
    assert epub.returncode == 0, epub.stderr
    assert (tmp_path / "rights.epub").read_bytes()[:2] == b"PK"


def test_the_installed_package_reads_nothing_from_a_checkout(installed: Path) -> None:
    # The schema, stylesheets and templates come from the installed package itself.
    probe = (
        "import tei_pipeline, tei_pipeline.tei.validate as v; "
        "print(tei_pipeline.__file__); print(v.package_schema_dir())"
    )
    shown = subprocess.run(
        [str(installed / "python"), "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=installed.parent,
        check=True,
    )
    package, schema = shown.stdout.split()
    assert "site-packages" in package and Path(schema).is_relative_to(Path(package).parent)
    assert not any(Path(package).parent.rglob("*.pickle"))  # no cache in site-packages
