"""EPUB members copied from an earlier zip without compressing them again
(writers/epub/zipcopy.py): a book written so is byte for byte the book written
by compressing every member, and only a member holding the very same bytes is
copied."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tei_pipeline.writers.epub import package
from tei_pipeline.writers.epub.zipcopy import KeptMembers

MEMBERS = {
    "EPUB/a.xhtml": b"<p>first page</p>" * 200,
    "EPUB/b.xhtml": b"<p>second page</p>" * 300,
    "EPUB/c.xhtml": "<p>third, caf\u00e9</p>".encode() * 100,
    "EPUB/\u00e9t\u00e9.xhtml": b"a name outside ASCII",
}


def written(members: dict[str, bytes], kept: KeptMembers | None = None) -> bytes:
    out = io.BytesIO()
    package.zip_members(out, sorted(members.items()), kept)
    return out.getvalue()


@pytest.fixture()
def copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The members copied, by name."""
    names: list[str] = []
    real = package.append_deflated

    def counting(zf, info, crc, raw):  # type: ignore[no-untyped-def]
        names.append(info.filename)
        return real(zf, info, crc, raw)

    monkeypatch.setattr(package, "append_deflated", counting)
    return names


def test_copied_members_give_the_bytes_of_compressing_them(tmp_path: Path, copies) -> None:
    earlier = tmp_path / "earlier.epub"
    earlier.write_bytes(written(MEMBERS))
    changed = dict(MEMBERS)
    changed["EPUB/b.xhtml"] = changed["EPUB/b.xhtml"].replace(b"second", b"SECOND")  # same size
    changed["EPUB/d.xhtml"] = b"a new page"
    with KeptMembers(earlier) as kept:
        again = written(changed, kept)
    assert again == written(changed)
    assert sorted(copies) == ["EPUB/a.xhtml", "EPUB/c.xhtml", "EPUB/\u00e9t\u00e9.xhtml"]
    with zipfile.ZipFile(io.BytesIO(again)) as book:
        assert book.testzip() is None
        assert {n: book.read(n) for n in changed} == changed


def test_only_deflated_members_with_the_same_bytes_are_offered(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.epub"
    earlier.write_bytes(written(MEMBERS))
    with KeptMembers(earlier) as kept:
        assert kept.deflated("EPUB/a.xhtml", MEMBERS["EPUB/a.xhtml"]) is not None
        assert kept.deflated("EPUB/a.xhtml", MEMBERS["EPUB/a.xhtml"] + b" ") is None
        assert kept.deflated("EPUB/a.xhtml", MEMBERS["EPUB/a.xhtml"][::-1]) is None
        assert kept.deflated("EPUB/b.xhtml", MEMBERS["EPUB/a.xhtml"]) is None
        assert kept.deflated("mimetype", b"application/epub+zip") is None  # stored, not deflated
        assert kept.deflated("EPUB/none.xhtml", b"x") is None


def test_a_missing_or_broken_earlier_file_offers_nothing(tmp_path: Path, copies) -> None:
    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"not a zip file")
    for path in (None, tmp_path / "missing.epub", broken):
        with KeptMembers(path) as kept:
            assert kept.deflated("EPUB/a.xhtml", MEMBERS["EPUB/a.xhtml"]) is None
            assert written(MEMBERS, kept) == written(MEMBERS)
    assert copies == []
