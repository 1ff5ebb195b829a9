"""The run (pipeline.py): readers chosen by name or suffix, the transforms table,
TEI input through convert and build, and the corpus writers sharing one
rendering per document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline import pipeline
from tei_pipeline.cli import main
from tei_pipeline.context import Services
from tei_pipeline.diagnostics import Reporter
from tei_pipeline.readers import READERS
from tei_pipeline.recognition import Recogniser
from tei_pipeline.transforms import DEFAULT_TRANSFORMS, ordered
from tei_pipeline.writers import CORPUS_WRITERS, WRITERS
from tests.conftest import CORPORA, REPO
from tests.support.cases import read_cases

CASES = REPO / "tests" / "fixtures" / "pipeline" / "readers.cases"
LETTERS = CORPORA / "schnitzler-letters"
SAMPLE = REPO / "sources" / "workers-vanguard-2018-october-revolution.txt"


def _split(text: str) -> tuple[list[str], str | None]:
    lines = [line for line in text.split("\n") if line]
    if lines and lines[-1].startswith("--from "):
        return lines[:-1], lines[-1].removeprefix("--from ")
    return lines, None


@pytest.mark.parametrize(
    ("title", "line", "given", "expected"), read_cases(CASES), ids=lambda v: str(v)[:40]
)
def test_reader_cases(title: str, line: int, given: str, expected: str, tmp_path: Path) -> None:
    names, reader = _split(given)
    if title.startswith("a folder") or "--from, files" in title or "not a source" in title:
        for name in names:
            (tmp_path / name).write_text("x\n", encoding="utf-8")
        found = [p.name for p in pipeline.find_sources(tmp_path, reader)]
        assert found == [n for n in expected.split("\n") if n], f"{CASES.name}:{line}"
    else:
        chosen = pipeline.choose_reader(Path(names[0]), reader)
        assert chosen.name == expected, f"{CASES.name}:{line}: {title}"


def test_the_transforms_table_is_in_priority_order_and_complete() -> None:
    assert list(DEFAULT_TRANSFORMS) == ordered(DEFAULT_TRANSFORMS)
    assert len({t.name for t in DEFAULT_TRANSFORMS}) == len(DEFAULT_TRANSFORMS)
    assert READERS["plaintext"].default_transforms and not READERS["tei"].default_transforms


def test_our_tei_read_back_by_the_tei_reader_is_unchanged(tmp_path: Path) -> None:
    first = pipeline.convert_file(SAMPLE, SAMPLE.name)
    assert first.ok
    written = tmp_path / "wv.xml"
    written.write_bytes(first.tei)
    again = pipeline.convert_file(written, written.name)  # .xml: the TEI reader, no transforms
    assert again.ok, [d.astext() for d in again.reporter.diagnostics]
    assert again.tei == first.tei


def test_convert_from_tei_on_a_file_whose_suffix_does_not_say(tmp_path: Path) -> None:
    made = pipeline.convert_file(SAMPLE, SAMPLE.name)
    odd = tmp_path / "wv.tei"
    odd.write_bytes(made.tei)
    result = CliRunner().invoke(main, ["convert", str(odd), "--from", "tei"])
    assert result.exit_code == 0, result.output
    assert result.output.encode() == made.tei
    # without --from, .tei is read as plain text: its markup becomes words of a text
    as_text = CliRunner().invoke(main, ["convert", str(odd)])
    # ("TEI" itself may be tagged there as an organization by the recogniser)
    assert "&lt;" in as_text.output and "xmlns=" in as_text.output
    assert as_text.output.encode() != made.tei


def test_foreign_tei_converts_only_if_the_project_schema_accepts_it(tmp_path: Path) -> None:
    letter = sorted(LETTERS.glob("*.xml"))[0]
    result = CliRunner().invoke(main, ["convert", str(letter)])
    assert result.exit_code == 1
    assert f"{letter.name}:" in result.output and "error v-001" in result.output
    assert "Traceback" not in result.output


def test_build_takes_tei_sources_beside_plain_texts(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    # in a project like the sample corpus's, so both documents get its publication
    shutil.copy(REPO / "tei-pipeline.toml", tmp_path / "tei-pipeline.toml")
    shutil.copytree(REPO / "sources" / "registers", sources / "registers")
    shutil.copy(SAMPLE, sources / SAMPLE.name)
    shutil.copy(SAMPLE.with_suffix(".toml"), sources / SAMPLE.with_suffix(".toml").name)
    services = Services.for_path(SAMPLE)
    services.recogniser = Recogniser()  # as the build does: names no register knows too
    made = pipeline.convert_file(SAMPLE, SAMPLE.name, services=services)
    (sources / "again.xml").write_bytes(made.tei)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(sources), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "tei" / "again.xml").read_bytes() == (
        out / "tei" / f"{SAMPLE.stem}.xml"
    ).read_bytes()
    assert len(list((out / "epub").glob("*.epub"))) == 3  # two books and the anthology


def test_corpus_writers_share_one_rendering_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from tei_pipeline.writers.html.core import Renderer

    tree = pipeline.reread(pipeline.convert_file(SAMPLE, SAMPLE.name), SAMPLE.name)
    calls: list[str] = []
    real = Renderer.prepare

    def counting(self: Renderer, root):  # type: ignore[no-untyped-def]
        calls.append(self.shown_as)
        return real(self, root)

    monkeypatch.setattr(Renderer, "prepare", counting)
    documents = [("a", tree), ("b", tree)]
    files = pipeline.editions(documents, ("html", "epub"), Reporter())
    assert len(calls) == 2  # the site, two books and the anthology: one rendering each
    assert {
        "html/a.html",
        "html/b.html",
        "epub/a.epub",
        "epub/b.epub",
        "epub/anthology.epub",
    } <= set(files)
    calls.clear()
    assert pipeline.editions(documents, ("epub",), Reporter()) == {
        k: v for k, v in files.items() if k.startswith("epub/")
    }  # same books without the site
    assert len(calls) == 2


def test_every_corpus_format_is_a_build_format() -> None:
    assert set(CORPUS_WRITERS) | {"tei"} == set(pipeline.FORMATS) == set(WRITERS)


def test_readers_import_no_transform() -> None:
    """Readers depend on the tree and the context only (issue 9): importing them
    loads no transform module, so a transform may import a reader's conventions."""
    import subprocess
    import sys

    code = (
        "import sys, tei_pipeline.readers; "
        "print(sorted(m for m in sys.modules if m.startswith('tei_pipeline.transforms')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.strip()
    assert found == "[]"
