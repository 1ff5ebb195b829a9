"""Editions rendered by the worker that converted the text (runner/prerender.py):
the main process takes them where the corpus gives the document the key the
worker assumed, and renders the document itself where it does not (another
document's entry gives a name another main form; two ids share a page file).
Either way every file is the one a build that renders only in the main process
writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.cli import main
from tei_pipeline.runner import editions, executor
from tei_pipeline.runner.parts import PARTS
from tests.support.outputs import build_files

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Text {n}</title></titleStmt>
  <publicationStmt><p>Unpublished.</p></publicationStmt>
  <sourceDesc><p>Made for a test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>We met <persName ref="#anne">Anne</persName> today.</p></body></text>
  <standOff><listPerson><person xml:id="anne"><persName>{main}</persName></person>
  </listPerson></standOff>
</TEI>
"""


@pytest.fixture()
def main_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents the main process renders (their ids)."""
    names: list[str] = []
    real = editions._render

    def counting(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(doc.name)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(editions, "_render", counting)
    return names


def build(sources: Path, out: Path, jobs: str = "1") -> None:
    args = ["build", str(sources), "-o", str(out), "-j", jobs, "-q", "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def files(out: Path) -> dict[str, bytes]:
    """Every file of the build, its record and kept parts included."""
    return build_files(out)


def in_main_only(sources: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The build with no worker rendering: what every file must be."""
    with monkeypatch.context() as patch:
        patch.setattr(executor, "prerender", lambda *args: None)
        build(sources, out)
    return files(out)


def staged_left(out: Path) -> list[str]:
    return sorted(p.name for p in (out / PARTS).iterdir() if p.suffix in (".html", ".epub"))


def test_the_worker_renders_and_the_main_process_takes_its_files(
    sources: Path, tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(sources, tmp_path / "out")
    assert main_renders == []  # the samples name entries of the registers alone, as listed
    assert staged_left(tmp_path / "out") == []
    expected = in_main_only(sources, tmp_path / "main", monkeypatch)
    assert len(main_renders) == 5
    assert files(tmp_path / "out") == expected


def test_two_workers_give_the_bytes_of_the_main_process(
    sources: Path, tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(sources, tmp_path / "out", "2")
    expected = in_main_only(sources, tmp_path / "main", monkeypatch)
    assert files(tmp_path / "out") == expected


def test_an_entry_another_document_lists_first_is_rendered_again_by_the_main_process(
    tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # near miss: the same id, another main form; the first document's form is the
    # corpus's, so the second's page (its search filter) is not what its worker made
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "one.xml").write_text(TEI.format(n="one", main="Anne One"), encoding="utf-8")
    (folder / "two.xml").write_text(TEI.format(n="two", main="Anne Two"), encoding="utf-8")
    build(folder, tmp_path / "out")
    assert main_renders == ["two"]
    assert staged_left(tmp_path / "out") == []  # the worker's guess is swept
    page = (tmp_path / "out" / "html" / "two.html").read_bytes()
    assert b'data-pagefind-filter="person">Anne One<' in page
    assert files(tmp_path / "out") == in_main_only(folder, tmp_path / "main", monkeypatch)


def test_an_id_whose_page_file_is_taken_is_rendered_again_by_the_main_process(
    tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # near miss: "speech" alone would be speech.html, but "Speech" took it
    folder = tmp_path / "src"
    folder.mkdir()
    for stem in ("Speech", "speech", "other"):
        text = f"{stem} title\n\nA paragraph of {stem}.\n"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    build(folder, tmp_path / "out")
    assert main_renders == ["speech"]
    assert (tmp_path / "out" / "html" / "speech-2.html").is_file()
    assert staged_left(tmp_path / "out") == []
    assert files(tmp_path / "out") == in_main_only(folder, tmp_path / "main", monkeypatch)


def test_a_failed_rendering_in_the_worker_is_made_by_the_main_process(
    sources: Path, tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a renderer fault")

    from tei_pipeline.runner import prerender

    monkeypatch.setattr(prerender, "_prerender", broken)
    build(sources, tmp_path / "out")
    assert len(main_renders) == 5


def test_a_summary_part_cut_short_by_a_crash_is_made_again(
    sources: Path, tmp_path: Path, main_renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a summary and facts are written without fsync (Store.save): after a crash of
    # the machine one may be empty or cut short; the build must read it as missing
    out = tmp_path / "out"
    build(sources, out)
    expected = files(out)
    parts = sorted(p for p in (out / PARTS).iterdir() if p.name.count(".") == 1)
    summaries = [p for p in parts if p.name != "search.json" and p.name != "anthology.json"]
    summaries[0].write_bytes(b"")
    summaries[1].write_bytes(summaries[1].read_bytes()[:-1])  # all but its closing brace
    for facts in (out / PARTS).glob("*.facts.json"):
        facts.write_bytes(facts.read_bytes()[:10])
    with monkeypatch.context() as patch:  # the main process renders, from the parts it finds
        patch.setattr(executor, "prerender", lambda *args: None)
        build(sources, out)
    assert len(main_renders) == 2
    assert files(out) == expected


def test_only_the_summary_and_facts_parts_skip_the_fsync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from tei_pipeline import files as files_module
    from tei_pipeline.runner.parts import Store

    synced: list[str] = []
    real = os.fsync

    def counting(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1])
        real(fd)

    monkeypatch.setattr(files_module.os, "fsync", counting)
    store = Store(tmp_path)
    store.save("k.json", {"summary": 1}, durable=False)
    store.save("k.facts.json", {}, durable=False)
    store.save("k.book.json", {})  # the anthology reads it without a check: it stays durable
    store.stage("k", "html/a.html", b"<html/>")  # moved to the site as it is: durable
    assert [name.rsplit(".", 2)[0] for name in synced] == [".k.book.json", ".k.html"]
