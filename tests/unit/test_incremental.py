"""Incremental builds: an unchanged text is not converted again, a changed one
is (and the corpus pages with it), a removed one leaves nothing behind, --force
converts everything."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.cli import main
from tei_pipeline.runner import executor
from tei_pipeline.runner.incremental import RECORD, load
from tests.conftest import CORPORA


@pytest.fixture()
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the sources converted (in this process: builds run with -j 1)."""
    names: list[str] = []
    real = executor.build_one

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(executor, "build_one", counting)
    return names


def build(sources: Path, out: Path, *extra: str):
    result = CliRunner().invoke(
        main, ["build", str(sources), "-o", str(out), "-j", "1", *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result


def texts(sources: Path) -> list[Path]:
    return sorted(sources.glob("*.txt"))


def test_a_second_build_converts_and_renders_nothing(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out)
    assert len(converted) == 5 and (out / RECORD).is_file()
    converted.clear()
    again = build(sources, out)
    assert converted == []
    assert "Rendering" not in again.output and "0 files changed" in again.output
    assert again.output.count("unchanged") == 5


def test_same_bytes_touched_is_not_a_change(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out)
    converted.clear()
    victim = texts(sources)[0]
    victim.write_bytes(victim.read_bytes())  # a new mtime, the same text
    build(sources, out)
    assert converted == []


def test_one_changed_text_is_converted_alone_and_the_corpus_pages_again(
    sources, tmp_path, converted
):
    out = tmp_path / "out"
    build(sources, out)
    converted.clear()
    victim = texts(sources)[1]
    page = out / "html" / f"{victim.stem}.html"
    before = page.read_bytes()
    victim.write_text(
        victim.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8"
    )
    result = build(sources, out)
    assert converted == [victim.name]
    assert "Rendering" in result.output
    assert b"A new closing paragraph." in (out / "tei" / f"{victim.stem}.xml").read_bytes()
    assert page.read_bytes() != before and b"A new closing paragraph." in page.read_bytes()


def test_a_changed_sidecar_or_register_is_a_change(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out, "-f", "tei")
    converted.clear()
    sidecar = texts(sources)[0].with_suffix(".toml")
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8"
    )
    build(sources, out, "-f", "tei")
    assert converted == [sidecar.with_suffix(".txt").name]
    converted.clear()
    register = sources / "registers" / "persons.xml"
    register.write_text(
        register.read_text(encoding="utf-8") + "\n<!-- checked -->\n", encoding="utf-8"
    )
    build(sources, out, "-f", "tei")
    assert len(converted) == 5  # every text may name someone of the registers


def test_a_tei_file_edited_by_hand_is_made_again(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out, "-f", "tei")
    converted.clear()
    victim = out / "tei" / f"{texts(sources)[2].stem}.xml"
    victim.write_bytes(victim.read_bytes().replace(b"</TEI>", b"<!-- edited --></TEI>"))
    build(sources, out, "-f", "tei")
    assert converted == [texts(sources)[2].name]
    assert b"edited" not in victim.read_bytes()


def test_editions_missing_are_made_although_no_text_changed(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out, "-f", "tei")
    assert not (out / "html").exists()
    converted.clear()
    result = build(sources, out)
    assert converted == [] and "Rendering" in result.output
    assert (out / "html" / "index.html").is_file() and (out / "epub" / "anthology.epub").is_file()


def test_a_removed_text_leaves_no_output_and_the_corpus_pages_forget_it(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out)
    victim = texts(sources)[0]
    stem = victim.stem
    victim.unlink()
    victim.with_suffix(".toml").unlink()
    result = build(sources, out)
    assert f"{victim.name}: no longer in" in result.output
    assert not (out / "tei" / f"{stem}.xml").exists()
    assert not (out / "html" / f"{stem}.html").exists()
    assert not (out / "epub" / f"{stem}.epub").exists()
    assert stem.encode() not in (out / "html" / "index.html").read_bytes()
    with zipfile.ZipFile(out / "epub" / "anthology.epub") as book:
        assert not any(stem in name for name in book.namelist())
    assert victim.name not in load(out).documents
    # near miss: the other texts' outputs stay
    assert len(list((out / "tei").glob("*.xml"))) == 4


def test_force_converts_everything(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out, "-f", "tei")
    converted.clear()
    build(sources, out, "-f", "tei", "--force")
    assert len(converted) == 5


def test_a_broken_record_means_a_full_build(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out, "-f", "tei")
    (out / RECORD).write_text("{not json", encoding="utf-8")
    converted.clear()
    build(sources, out, "-f", "tei")
    assert len(converted) == 5


def test_a_removed_text_named_unlike_its_id_leaves_no_page_or_book(sources, tmp_path):
    # a name that begins with a digit: its id and files are text-<name>
    speech = sorted((CORPORA / "presidential-speeches").iterdir())[0]
    copy = sources / speech.name
    shutil.copy(speech, copy)
    out = tmp_path / "out"
    build(sources, out)
    made = sorted(p.name for p in out.rglob(f"*{copy.stem}*"))
    assert made == sorted([f"text-{copy.stem}.epub", f"text-{copy.stem}.html", f"{copy.stem}.xml"])
    copy.unlink()
    build(sources, out)
    assert list(out.rglob(f"*{copy.stem}*")) == []


def test_a_text_that_fails_now_keeps_its_earlier_page_and_book(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out)
    victim = texts(sources)[0]
    victim.write_bytes(b"  \n\n")  # no text at all (r-002): fails
    result = CliRunner().invoke(main, ["build", str(sources), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert (out / "html" / f"{victim.stem}.html").is_file()
    assert (out / "epub" / f"{victim.stem}.epub").is_file()
    assert (out / "tei" / f"{victim.stem}.xml").is_file()


def _age(folder: Path, seconds: int = 100) -> None:
    """Every file of `folder` as if last changed `seconds` ago (settled: stamps hold)."""
    import os
    import time

    then = time.time_ns() - seconds * 1_000_000_000
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(then, then))


@pytest.fixture()
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the record checks read and hash: "source" for a source's key, "tei"
    for a TEI file's hash."""
    from tei_pipeline.runner import incremental

    found: list[str] = []
    real_digest, real_sha = incremental._digest, incremental.sha

    def digest(parts):  # type: ignore[no-untyped-def]
        if len(parts) == 4:  # run key, file name, text, sidecar: a source's key
            found.append("source")
        return real_digest(parts)

    def sha(data):  # type: ignore[no-untyped-def]
        found.append("tei")
        return real_sha(data)

    monkeypatch.setattr(incremental, "_digest", digest)
    monkeypatch.setattr(incremental, "sha", sha)
    return found


def test_settled_files_with_their_recorded_stamps_are_not_read_again(
    sources, tmp_path, converted, hashed
):
    out = tmp_path / "out"
    build(sources, out)
    _age(sources)
    _age(out / "tei")
    build(sources, out)  # records the settled stamps
    hashed.clear()
    converted.clear()
    build(sources, out)
    assert converted == []
    assert "source" not in hashed and "tei" not in hashed


def test_a_fresh_file_is_hashed_whatever_its_stamp(sources, tmp_path, converted, hashed):
    out = tmp_path / "out"
    _age(sources, 0)  # changed just now, as the TEI files the build writes
    build(sources, out)
    hashed.clear()
    build(sources, out)  # the files were written just now: racy, so read
    assert hashed.count("source") == 5 and hashed.count("tei") == 5


def test_a_text_replaced_by_one_of_the_same_size_and_time_is_a_change(sources, tmp_path, converted):
    import os

    out = tmp_path / "out"
    build(sources, out)
    _age(sources)
    _age(out / "tei")
    build(sources, out)
    victim = texts(sources)[0]
    before = victim.stat()
    text = victim.read_bytes()
    swapped = text.replace(b"the", b"THE", 1)  # the same size
    assert swapped != text and len(swapped) == len(text)
    other = victim.with_name("new.tmp")
    other.write_bytes(swapped)
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, victim)  # a new inode, as editors and git write files
    converted.clear()
    build(sources, out)
    assert converted == [victim.name]


def test_a_settled_tei_file_edited_by_hand_is_made_again(sources, tmp_path, converted):
    out = tmp_path / "out"
    build(sources, out)
    _age(sources)
    _age(out / "tei")
    build(sources, out)
    tei = sorted((out / "tei").glob("*.xml"))[0]
    tei.write_bytes(tei.read_bytes().replace(b"</TEI>", b"</TEI>\n"))
    converted.clear()
    build(sources, out)
    assert converted == [tei.with_suffix(".txt").name]
