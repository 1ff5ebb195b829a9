"""Shared test helpers: convert a string, normalise TEI fragments for comparison."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.config import Sidecar
from tei_pipeline.context import Services
from tei_pipeline.pipeline import Conversion, convert_text
from tei_pipeline.project import settings_for
from tei_pipeline.tei.ns import TEI_NS, XPATH_NS, local_name
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.tei import ELEMENT_ONLY

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEI_ALL_RNG = (
    Path(os.environ.get("TEI_ALL_SCHEMA", SHARED / "tei-schemas")) / "relaxng" / "tei_all.rng"
)
CORPORA = SHARED / "corpora"
SAMPLE_REGISTERS = REPO / "sources" / "registers"


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    """A copy of this repository's project in tmp_path: its settings, texts and
    registers; the texts' folder is returned."""
    folder = tmp_path / "sources"
    shutil.copytree(REPO / "sources", folder)
    shutil.copy(REPO / "tei-pipeline.toml", tmp_path / "tei-pipeline.toml")
    return folder


def sample_services() -> Services:
    """The services of this repository's project (the sample corpus and its registers),
    fresh for each call, as one run would load them."""
    return Services.for_path(REPO / "sources")


# Recognition against the registers has its own tests; reader cases leave it out.
RECOGNITION = frozenset({"names", "header-names", "numbers", "standoff"})


def convert_string(
    text: str, name: str = "case.txt", skip: frozenset[str] = frozenset()
) -> Conversion:
    services = sample_services()
    ctx = Context(
        shown_as=name,
        source_bytes=text.encode(),
        source_text=text,
        doc_id="case",
        skip_transforms=skip,
        services=services,
        sidecar=settings_for(services.project, Sidecar()),
    )
    return convert_text(text, ctx)


def tree_of(conversion: Conversion) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(conversion.tei))


def xp(tree: etree._ElementTree | etree._Element, path: str) -> list:
    return tree.xpath(path, namespaces=XPATH_NS)


def normalise(element: etree._Element) -> str:
    """Canonical form of a fragment: whitespace in element-only containers dropped."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if not isinstance(node.tag, str):
            continue
        if local_name(node.tag) in ELEMENT_ONLY and not (node.text or "").strip():
            node.text = None
        parent = node.getparent()
        if (
            parent is not None
            and local_name(parent.tag) in ELEMENT_ONLY
            and not (node.tail or "").strip()
        ):
            node.tail = None
    return etree.tostring(copy, method="c14n").decode()


def fragment(xml: str) -> etree._Element:
    return etree.fromstring(f'<text xmlns="{TEI_NS}">{xml}</text>')


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/cases/*/expected/ from what the pipeline makes now "
        "(read the git diff before committing it).",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Many tests put texts in temporary folders that belong to no project; a
    stray tei-pipeline.toml above the temporary folder (left by a benchmark or a
    hand-made project in /tmp) would make them all one project and fail in
    puzzling ways. Say so once instead."""
    import tempfile

    from tei_pipeline.project import find_project_file

    found = find_project_file(Path(tempfile.gettempdir()) / "tei-pipeline-tests")
    if found is not None:
        pytest.exit(
            f"{found} makes every temporary folder part of a project; move it away"
            " and run the tests again",
            returncode=2,
        )
