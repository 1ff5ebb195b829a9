"""Round trip (STYLE.md section 6): TEI written, read by readers/tei.py and
written again is byte-identical, so the TEI writer adds nothing on a re-read."""

from pathlib import Path

import pytest

from tei_pipeline.pipeline import convert_file
from tei_pipeline.readers.tei import read_tei
from tei_pipeline.writers.tei import serialize
from tests.conftest import REPO

TEXTS = sorted((REPO / "sources").glob("*.txt"))


@pytest.mark.parametrize("text", TEXTS, ids=[t.stem for t in TEXTS])
def test_written_read_written_is_identical(text: Path, tmp_path: Path) -> None:
    first = convert_file(text, text.name).tei
    path = tmp_path / "first.xml"
    path.write_bytes(first)
    assert serialize(read_tei(path, path.name)) == first
