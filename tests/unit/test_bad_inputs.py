"""Bad input, as a hostile or careless user would give it: each row is the input,
the one-line message and exit status it must give, and the files that must come
through unchanged (nothing already written is lost). No row may end in a traceback.

Add a row: a function that lays out the case in a temporary folder and returns the
command line; then the code the message must carry, the exit status, and the files
(relative to the folder) whose bytes must be the same afterwards.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline import files
from tei_pipeline.cli import main
from tei_pipeline.readers import tei as tei_reader

TEXT = "A Short Title\n\nThe first paragraph of a short text.\n"
TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    "<title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
    "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
)
TEI_TAIL = "</body></text></TEI>"


@dataclass(frozen=True)
class Row:
    name: str
    setup: Callable[[Path], list[str]]
    code: str
    status: int
    kept: tuple[str, ...] = ()


def _text(folder: Path, name: str = "x.txt", body: str = TEXT) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def convert_onto_itself(tmp: Path) -> list[str]:
    _text(tmp)
    return ["convert", "x.txt", "-o", "x.txt"]


def convert_onto_sidecar(tmp: Path) -> list[str]:
    _text(tmp)
    (tmp / "x.toml").write_text('language = "en"\n', encoding="utf-8")
    return ["convert", "x.txt", "-o", "x.toml"]


def render_onto_input(tmp: Path) -> list[str]:
    (tmp / "in.xml").write_text(TEI_HEAD + "<p>words</p>" + TEI_TAIL, encoding="utf-8")
    return ["render", "in.xml", "--to", "epub", "-o", "in.xml"]


def render_epub_into_folder(tmp: Path) -> list[str]:
    (tmp / "in.xml").write_text(TEI_HEAD + "<p>words</p>" + TEI_TAIL, encoding="utf-8")
    (tmp / "books").mkdir()
    return ["render", "in.xml", "--to", "epub", "-o", "books"]


def render_html_onto_file(tmp: Path) -> list[str]:
    (tmp / "in.xml").write_text(TEI_HEAD + "<p>words</p>" + TEI_TAIL, encoding="utf-8")
    (tmp / "page").write_text("keep me", encoding="utf-8")
    return ["render", "in.xml", "--to", "html", "-o", "page"]


def deep_tei(tmp: Path) -> list[str]:
    deep = "<div>" * 250 + "<p>deep</p>" + "</div>" * 250
    (tmp / "deep.xml").write_text(TEI_HEAD + deep + TEI_TAIL, encoding="utf-8")
    return ["render", "deep.xml", "--to", "html", "-o", "out"]


def _deep_file(tmp: Path, levels: int) -> None:
    deep = "<div>" * levels + "<p>deep</p>" + "</div>" * levels
    (tmp / "deep.xml").write_text(TEI_HEAD + deep + TEI_TAIL, encoding="utf-8")


def validate_deep_tei(tmp: Path) -> list[str]:
    _deep_file(tmp, 250)  # libxml2 reads it (its limit is 256): the limit is ours
    return ["validate", "deep.xml"]


def render_deeper_than_libxml2(tmp: Path) -> list[str]:
    _deep_file(tmp, 3000)  # past libxml2's own limit (2048): the same refusal, not r-005
    return ["render", "deep.xml", "--to", "html", "-o", "out"]


def validate_deeper_than_libxml2(tmp: Path) -> list[str]:
    _deep_file(tmp, 300)
    return ["validate", "deep.xml"]


def _big_tei(tmp: Path) -> None:
    with (tmp / "big.xml").open("wb") as f:  # sparse: refused before a byte is read
        f.truncate(tei_reader.MAX_TEI_BYTES + 1)


def render_tei_over_the_size_limit(tmp: Path) -> list[str]:
    _big_tei(tmp)
    return ["render", "big.xml", "--to", "html", "-o", "out"]


def validate_tei_over_the_size_limit(tmp: Path) -> list[str]:
    _big_tei(tmp)
    return ["validate", "big.xml"]


def colliding_names(tmp: Path) -> list[str]:
    _text(tmp / "src", "a b.txt")
    _text(tmp / "src", "a-b.txt", "Another Title\n\nA different text.\n")
    return ["build", "src", "-o", "out", "-q", "-f", "tei"]


def non_characters(tmp: Path) -> list[str]:
    _text(tmp, body="A Title\n\nWords \ufffe and \uffff and a C1 \x85 control.\n")
    return ["convert", "x.txt"]


def symlink_loop(tmp: Path) -> list[str]:
    (tmp / "loop.txt").symlink_to(tmp / "loop.txt")
    return ["convert", "loop.txt"]


def html_folder_is_a_file(tmp: Path) -> list[str]:
    _text(tmp / "src")
    (tmp / "out").mkdir()
    (tmp / "out" / "html").write_text("not a folder", encoding="utf-8")
    return ["build", "src", "-o", "out", "-q"]


def _sidecar(tmp: Path, toml: bytes) -> list[str]:
    _text(tmp)
    (tmp / "x.toml").write_bytes(toml)
    return ["convert", "x.txt", "-o", "x.xml"]


def sidecar_with_bom(tmp: Path) -> list[str]:
    # read, not refused: the only message is c-005 (no project), and x.xml is written
    return _sidecar(tmp, b'\xef\xbb\xbflanguage = "de"\n')


def sidecar_control_character(tmp: Path) -> list[str]:
    return _sidecar(tmp, b'publisher = "A\\u0001B"\n')


def sidecar_not_a_date(tmp: Path) -> list[str]:
    return _sidecar(tmp, b'date = "not a date"\n')


def sidecar_edition_url(tmp: Path) -> list[str]:
    return _sidecar(tmp, b'[[editions]]\ntitle = "T"\nurl = "https://example.org/t"\n')


def text_over_the_size_limit(tmp: Path) -> list[str]:
    with (tmp / "big.txt").open("wb") as f:  # sparse: refused before a byte is read
        f.truncate(files.MAX_TEXT_BYTES + 1)
    return ["convert", "big.txt", "-o", "big.xml"]


ROWS = [
    Row("convert -o onto the text", convert_onto_itself, "x-004", 2, ("x.txt",)),
    Row("convert -o onto its sidecar", convert_onto_sidecar, "x-004", 2, ("x.txt", "x.toml")),
    Row("render -o onto the TEI", render_onto_input, "x-004", 2, ("in.xml",)),
    Row("render --to epub -o a folder", render_epub_into_folder, "x-005", 2, ("in.xml",)),
    Row("render --to html -o a file", render_html_onto_file, "x-005", 2, ("page",)),
    Row("250 levels of nesting", deep_tei, "r-009", 1, ("deep.xml",)),
    Row("validate 250 levels of nesting", validate_deep_tei, "r-009", 2, ("deep.xml",)),
    Row("render 3000 levels", render_deeper_than_libxml2, "r-009", 1, ("deep.xml",)),
    Row("validate 300 levels", validate_deeper_than_libxml2, "r-009", 2, ("deep.xml",)),
    Row(
        "render a TEI file over the limit", render_tei_over_the_size_limit, "r-011", 1, ("big.xml",)
    ),
    Row("validate a TEI file over the limit", validate_tei_over_the_size_limit, "r-011", 2),
    Row("a b.txt and a-b.txt", colliding_names, "x-003", 1, ("src/a b.txt", "src/a-b.txt")),
    Row("U+FFFE, U+FFFF and C1 controls", non_characters, "r-003", 0, ("x.txt",)),
    Row("a symlink loop as the argument", symlink_loop, "r-004", 2),
    Row("output/html is a file", html_folder_is_a_file, "x-002", 1, ("out/html",)),
    Row("a sidecar with a byte order mark", sidecar_with_bom, "c-005", 0, ("x.toml",)),
    Row("a control character in a sidecar", sidecar_control_character, "c-002", 1, ("x.toml",)),
    Row('date = "not a date" in a sidecar', sidecar_not_a_date, "c-002", 1, ("x.toml",)),
    Row("[[editions]] url in a sidecar", sidecar_edition_url, "c-005", 0, ("x.toml",)),
    Row("a text over the size limit", text_over_the_size_limit, "r-010", 1, ("big.txt",)),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_bad_input_gets_one_clear_line(
    row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = row.setup(tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in row.kept}
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == row.status, result.output
    lines = [line for line in result.output.splitlines() if f" {row.code}: " in line]
    assert lines, result.output
    assert all(line.count("\n") == 0 and ": " in line for line in lines)
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, f"{name} was changed"
    if row.status == 0 and "-o" in args:  # a row that converts must leave its output
        assert (tmp_path / args[args.index("-o") + 1]).exists()


def test_a_full_disk_while_rendering_keeps_the_earlier_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _text(tmp_path / "src")
    assert CliRunner().invoke(main, ["build", "src", "-o", "out", "-q"]).exit_code == 0
    index = (tmp_path / "out" / "html" / "index.html").read_bytes()
    _text(tmp_path / "src", "y.txt", "Second Title\n\nA second text.\n")
    real = tempfile.mkstemp

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        # every file of the site is written through a temporary file beside it
        # (files.write_atomic, editions.write_streamed): the disk is full there
        if Path(str(kwargs.get("dir", ""))).name == "html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    result = CliRunner().invoke(main, ["build", "src", "-o", "out", "-q"])
    assert result.exit_code == 1 and "x-002" in result.output, result.output
    assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "html" / "index.html").read_bytes() == index


def test_outputs_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        files.write_atomic(tmp_path / "a.xml", b"<a/>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.xml").stat().st_mode) == 0o640


def test_a_killed_build_leaves_no_temporary_files_after_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _text(tmp_path / "src")
    stray = tmp_path / "out" / "tei" / ".x.xml.k3j_9a2b.tmp"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"half a file")
    keep = tmp_path / "out" / "tei" / ".notes.tmp"  # not one of ours: left alone
    keep.write_bytes(b"a user's file")
    assert CliRunner().invoke(main, ["build", "src", "-o", "out", "-q", "-f", "tei"]).exit_code == 0
    assert not stray.exists() and keep.exists()


def test_ctrl_c_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _text(tmp_path / "src")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("tei_pipeline.cli.convert_sources", interrupted)
    result = CliRunner().invoke(main, ["build", "src", "-o", "out", "-q"])
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output and "Traceback" not in result.output


def test_the_size_limit_is_a_limit_not_a_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text of exactly the limit converts; one byte more is refused (r-010)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "MAX_TEXT_BYTES", len(TEXT.encode()))
    _text(tmp_path)
    assert CliRunner().invoke(main, ["convert", "x.txt", "-o", "x.xml"]).exit_code == 0
    _text(tmp_path, body=TEXT + "A")
    result = CliRunner().invoke(main, ["convert", "x.txt", "-o", "y.xml"])
    assert result.exit_code == 1 and " r-010: " in result.output, result.output
    assert not (tmp_path / "y.xml").exists()


@pytest.mark.parametrize("command", [["render", "x.xml", "-o", "out"], ["validate", "x.xml"]])
def test_the_tei_size_limit_is_a_limit_not_a_guess(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TEI file of exactly the limit is read; one byte more is refused (r-011)."""
    monkeypatch.chdir(tmp_path)
    tei = (TEI_HEAD + "<p>words</p>" + TEI_TAIL).encode()
    monkeypatch.setattr(tei_reader, "MAX_TEI_BYTES", len(tei))
    (tmp_path / "x.xml").write_bytes(tei)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0 and " r-011: " not in result.output, result.output
    (tmp_path / "x.xml").write_bytes(tei + b" ")
    result = CliRunner().invoke(main, command)
    assert result.exit_code != 0 and " r-011: " in result.output, result.output


@pytest.mark.parametrize("command", [["render", "x.xml", "-o", "out"], ["validate", "x.xml"]])
def test_nesting_at_the_depth_limit_is_read(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TEI > text > body > 116 divs > p is 120 levels, read; one div more is refused."""
    monkeypatch.chdir(tmp_path)
    for levels, refused in ((tei_reader.MAX_DEPTH - 4, False), (tei_reader.MAX_DEPTH - 3, True)):
        _deep_file(tmp_path, levels)
        (tmp_path / "x.xml").write_bytes((tmp_path / "deep.xml").read_bytes())
        result = CliRunner().invoke(main, command)
        assert (" r-009: " in result.output) is refused, (levels, result.output)


ENTITY_TEI = (
    '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY author "Jane Austen">]>\n'
    + TEI_HEAD
    + "<p>Written by &author; in 1811.</p>"
    + TEI_TAIL
)


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_an_entity_declared_in_the_file_keeps_its_words(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.xml").write_text(ENTITY_TEI, encoding="utf-8")
    target = "out" if fmt == "html" else "e.epub"
    result = CliRunner().invoke(main, ["render", "e.xml", "--to", fmt, "-o", target])
    assert result.exit_code == 0, result.output
    if fmt == "html":
        assert "Written by Jane Austen in 1811." in (tmp_path / "out" / "e.html").read_text()
    else:
        with zipfile.ZipFile(tmp_path / "e.epub") as book:
            pages = [book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")]
        assert any("Written by Jane Austen in 1811." in page for page in pages)


def test_an_external_entity_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    tei = ENTITY_TEI.replace('"Jane Austen"', 'SYSTEM "secret.txt"')
    (tmp_path / "e.xml").write_text(tei, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "e.xml", "--to", "html", "-o", "out"])
    assert result.exit_code == 1 and " r-005: " in result.output, result.output
    assert not (tmp_path / "out").exists() or "SECRET" not in "".join(
        p.read_text() for p in (tmp_path / "out").glob("*.html")
    )
