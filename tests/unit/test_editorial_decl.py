"""The header says only what was done to this document (editorialDecl), and a
title made from the file name is the name as it is, with a warning."""

from __future__ import annotations

from pathlib import Path

from tei_pipeline.pipeline import convert_file
from tests.conftest import RECOGNITION, convert_string, tree_of, xp

DECL = "//tei:encodingDesc/tei:editorialDecl"


def decl_of(source: str):  # type: ignore[no-untyped-def]
    return tree_of(convert_string(source, skip=RECOGNITION))


def test_plain_prose_gets_no_quotation_or_interpretation_sentence() -> None:
    doc = decl_of("A Title\n\nPlain words in a sentence, nothing else.\n")
    assert xp(doc, f"count({DECL}/tei:quotation)") == 0
    assert xp(doc, f"count({DECL}/tei:interpretation)") == 0
    assert "ISO" not in xp(doc, f"string({DECL}/tei:normalization)")
    assert "lb" not in xp(doc, f"string({DECL}/tei:segmentation)")


def test_quotations_and_dates_are_declared_when_present() -> None:
    doc = decl_of("A Title\n\nShe said “come here” on 3 March 1999, a sentence.\n")
    assert "marked with q" in xp(doc, f"string({DECL}/tei:quotation)")
    assert "cit/quote" not in xp(doc, f"string({DECL}/tei:quotation)")
    assert "ISO values" in xp(doc, f"string({DECL}/tei:normalization)")


def test_footnotes_are_declared_only_with_notes() -> None:
    doc = decl_of("A Title\n\nFirst words here.1 More words.\n\n1. The note.\n")
    assert "note/@n" in xp(doc, f"string({DECL}/tei:interpretation)")


def test_a_title_from_the_file_name_is_the_name_as_it_is() -> None:
    conversion = convert_string("plain words in a sentence, nothing else.\n", name="my-text_2.txt")
    doc = tree_of(conversion)
    assert xp(doc, "string(//tei:titleStmt/tei:title[@type='main'])") == "my-text_2"
    assert "h-001" in [d.code for d in conversion.reporter.diagnostics]


def test_a_windows_1252_source_is_declared(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes(b"A Title\n\nIt\x92s a sentence.\n")
    doc = tree_of(convert_file(source, "old.txt"))
    assert "read as Windows-1252" in xp(doc, f"string({DECL}/tei:normalization)")
