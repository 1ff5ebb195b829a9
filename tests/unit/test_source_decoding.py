"""Source decoding: UTF-8 (BOM or not), a declared Latin-1, an undeclared
Windows-1252; never a crash, never a lost character; the sha256 is of the bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tei_pipeline.files import decode_source, read_source_text
from tei_pipeline.pipeline import convert_file


def test_utf8_with_bom_and_crlf_is_read_without_notice() -> None:
    text, notice = decode_source("\ufeffCafé\r\n".encode(), "a.txt")
    assert text == "Café\r\n" and notice is None


def test_declared_latin1_is_read_as_declared_with_a_warning() -> None:
    data = "Character set encoding: ISO-8859-1\n\nCaf\xe9 \xbb\n".encode("latin-1")
    text, notice = decode_source(data, "a.txt")
    assert text.endswith("Café »\n")
    assert notice is not None and notice.code == "r-007"
    assert notice.astext().startswith("a.txt:3:4: warning r-007: byte 0xe9 is not UTF-8")


def test_undeclared_bytes_are_read_as_windows_1252() -> None:
    text, notice = decode_source(b"It\x92s \x93quoted\x94 \x81\n", "b.txt")
    assert text == "It\u2019s \u201cquoted\u201d \x81\n"  # 0x81 is unassigned: kept as Latin-1
    assert notice is not None and notice.code == "r-008"


def test_an_unknown_declared_encoding_falls_back_to_windows_1252() -> None:
    data = b"Character set encoding: NOSUCH-99\n\ncaf\xe9\n"
    text, notice = decode_source(data, "c.txt")
    assert text.endswith("café\n")
    assert notice is not None and notice.code == "r-008"


def test_near_miss_a_declared_encoding_in_a_utf8_file_changes_nothing() -> None:
    data = "Character set encoding: ISO-8859-1\n\nCafé\n".encode()
    assert decode_source(data, "d.txt") == ("Character set encoding: ISO-8859-1\n\nCafé\n", None)


def test_a_latin1_file_converts_lossless_and_hashes_its_bytes(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes("A Title\n\nLe caf\xe9 est pr\xeat, dit-il.\n".encode("latin-1"))
    data, _, notice = read_source_text(source, "latin.txt")
    assert notice is not None
    conversion = convert_file(source, "latin.txt")
    assert conversion.ok
    assert "Le café est prêt".encode() in conversion.tei
    assert hashlib.sha256(data).hexdigest().encode() in conversion.tei
    assert [d.code for d in conversion.reporter.diagnostics if d.code.startswith("r-")] == ["r-008"]


def test_a_form_feed_is_a_page_break_not_a_stray_byte(tmp_path: Path) -> None:
    source = tmp_path / "pages.txt"
    source.write_bytes(b"A Title\n\nPage one text, a sentence.\n\x0c\nPage two text.\n")
    conversion = convert_file(source, "pages.txt")
    assert conversion.ok
    assert not [d for d in conversion.reporter.diagnostics if d.code.startswith("r-")]
