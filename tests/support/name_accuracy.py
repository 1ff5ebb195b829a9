"""Precision and recall of the name recogniser against hand counts
(tests/fixtures/recognition/hand-counted.names; its header says how to read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei_pipeline.context import Services
from tei_pipeline.files import read_source_text
from tei_pipeline.pipeline import convert_text
from tei_pipeline.recognition import Recogniser
from tei_pipeline.transforms.base import Context

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
TEI = "{http://www.tei-c.org/ns/1.0}"
KINDS = {"persName": "person", "placeName": "place", "orgName": "org"}
# the registers are left out: the measure is of names no register knows
WITHOUT_REGISTERS = frozenset({"names", "header-names"})


@dataclass
class Expected:
    """The hand count of one text: required names (each a set of readings) and
    names that may be tagged or not."""

    text: str
    required: list[frozenset[tuple[str, str]]] = field(default_factory=list)
    optional: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Score:
    text: str
    tagged: set[tuple[str, str]]
    right: set[tuple[str, str]]
    wrong: set[tuple[str, str]]
    missed: list[frozenset[tuple[str, str]]]
    required: int

    @property
    def precision(self) -> float:
        return len(self.right) / len(self.right | self.wrong) if self.right | self.wrong else 1.0

    @property
    def recall(self) -> float:
        return (self.required - len(self.missed)) / self.required if self.required else 1.0


def read_expected(path: Path) -> list[Expected]:
    texts: list[Expected] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("= "):
            texts.append(Expected(line[2:].strip()))
            continue
        optional = line.startswith("? ")
        readings = frozenset(
            (kind, form.strip())
            for kind, form in (r.strip().split(" ", 1) for r in line.lstrip("? ").split("|"))
        )
        if optional:
            texts[-1].optional |= readings
        else:
            texts[-1].required.append(readings)
    return texts


def tagged_names(path: Path, recogniser: Recogniser) -> set[tuple[str, str]]:
    """(kind, form) of every name the recogniser tagged in the text's body."""
    data, text = read_source_text(path, path.name)
    ctx = Context(
        shown_as=path.name,
        source_bytes=data,
        source_text=text,
        doc_id="measured",
        skip_transforms=WITHOUT_REGISTERS,
        services=Services(recogniser=recogniser),  # no project: no registers
    )
    tree = etree.fromstring(convert_text(text, ctx).tei)
    found = set()
    for element in tree.iter(*(f"{TEI}{k}" for k in KINDS)):
        if element.get("resp") == "#recogniser":
            form = " ".join("".join(element.itertext()).split())
            found.add((KINDS[element.tag[len(TEI) :]], form))
    return found


def score(expected: Expected, recogniser: Recogniser) -> Score:
    tagged = tagged_names(CORPORA / expected.text, recogniser)
    known = set().union(*expected.required) if expected.required else set()
    right = tagged & known
    wrong = tagged - known - expected.optional
    missed = [r for r in expected.required if not r & tagged]
    return Score(expected.text, tagged, right, wrong, missed, len(expected.required))
