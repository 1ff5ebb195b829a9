"""Round trip (STYLE.md section 6): TEI written, read by readers/tei.py and
written again is byte-identical, so the TEI writer adds nothing on a re-read;
for our TEI and for another project's."""

from pathlib import Path

import pytest
from lxml import etree

from tei_pipeline.pipeline import convert_file
from tei_pipeline.readers import READERS
from tei_pipeline.readers.tei import read_tei
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.tei import serialize
from tests.conftest import CORPORA, REPO

TEXTS = sorted((REPO / "sources").glob("*.txt"))


@pytest.mark.parametrize("text", TEXTS, ids=[t.stem for t in TEXTS])
def test_written_read_written_is_identical(text: Path, tmp_path: Path) -> None:
    first = convert_file(text, text.name).tei
    path = tmp_path / "first.xml"
    path.write_bytes(first)
    assert serialize(read_tei(path, path.name)) == first


# Other projects' TEI: a few Schnitzler letters (every 60th of the shared sample),
# written by our TEI writer, read by the TEI reader, written again.
LETTERS = sorted((CORPORA / "schnitzler-letters").glob("*.xml"))[::60]


@pytest.mark.parametrize("letter", LETTERS, ids=[p.stem for p in LETTERS])
def test_foreign_tei_written_read_written_is_identical(letter: Path, tmp_path: Path) -> None:
    reader = READERS["tei"]()
    first = serialize(read_tei(letter, letter.name))
    ctx = Context(shown_as="first.xml", source_bytes=first)
    again = serialize(reader.read("", ctx).tree)
    assert again == first
    # and the writer kept every word and attribute of the letter (only indentation moved)
    original = etree.parse(str(letter))
    assert canonical_words(etree.fromstring(first)) == canonical_words(original.getroot())


def canonical_words(root: etree._Element) -> list[tuple[str, str, str]]:
    """Each element's name, attributes and non-blank text and tail, in order."""
    return [
        (
            str(el.tag),
            repr(sorted(el.attrib.items())),
            " ".join(part for part in ((el.text or "").strip(), (el.tail or "").strip()) if part),
        )
        for el in root.iter()
    ]
