"""Our TEI of the Workers Vanguard sample against ../shared/examples/, the
worked example encoded by hand from the same text (ENCODING.md: "the shape
to aim for"). The text element must match it element for element; names may
be tagged beyond the example (the registers know more), never fewer."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from tei_pipeline.pipeline import convert_file
from tests.conftest import REPO, SHARED, normalise, xp

EXAMPLE = SHARED / "examples" / "workers-vanguard-2018.xml"
NAMES = ("persName", "placeName", "orgName")


@pytest.fixture(scope="module")
def texts() -> tuple[etree._Element, etree._Element]:
    if not EXAMPLE.exists():
        pytest.skip("the worked example is not beside the project")
    source = REPO / "sources" / "workers-vanguard-2018-october-revolution.txt"
    ours = etree.fromstring(convert_file(source, source.name).tei)
    return xp(ours, "tei:text")[0], xp(etree.parse(str(EXAMPLE)), "//tei:text")[0]


def without_names(text: etree._Element) -> etree._Element:
    copy_ = copy.deepcopy(text)
    etree.strip_tags(copy_, *[f"{{http://www.tei-c.org/ns/1.0}}{n}" for n in NAMES])
    return copy_


def names(text: etree._Element) -> list[tuple[str, str, str]]:
    return [
        (etree.QName(e).localname, e.get("ref"), "".join(e.itertext()))
        for e in text.iter(*[f"{{http://www.tei-c.org/ns/1.0}}{n}" for n in NAMES])
    ]


def test_same_structure_as_the_worked_example(texts):
    ours, example = texts
    assert normalise(without_names(ours)) == normalise(without_names(example))


def test_every_name_of_the_worked_example_is_tagged_alike(texts):
    ours, example = texts
    found = names(ours)
    for name in names(example):
        assert name in found
