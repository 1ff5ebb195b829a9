"""The search index in shards (writers/html/search_index.py): the shard rule, and a
shard made again only when one of its pages changed, with real Pagefind runs; what an
incremental index leaves is byte for byte what one made whole gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from tei_pipeline.writers.html import search_index
from tei_pipeline.writers.html.search_index import shard_count, shard_of, write_index
from tests.support.cases import read_cases

CASES = Path(__file__).parents[1] / "fixtures" / "search" / "shard_count.cases"


@pytest.mark.parametrize("title,line,given,expected", read_cases(CASES), ids=lambda v: str(v)[:40])
def test_shard_count(
    title: str, line: int, given: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_PAGES", 256)  # the rule, at the size the cases use
    assert shard_count(int(given)) == int(expected), f"{CASES.name}:{line}: {title}"


def test_one_index_up_to_the_shipped_shard_size() -> None:
    # a search in shards is not a search in one index (search_index.py): a corpus
    # of up to SHARD_PAGES pages keeps one; near miss: one page more splits it
    assert search_index.SHARD_PAGES == 2048
    assert shard_count(2048) == 1 and shard_count(2049) == 2


def test_a_page_keeps_its_shard_and_splits_in_two_when_k_doubles() -> None:
    names = [f"text-{k}.html" for k in range(200)]
    for count in (1, 2, 4, 8, 16, 32):
        shards = {shard_of(n, count) for n in names}
        assert len(shards) == count  # every shard used: the hash spreads the names
        assert all(shard_of(n, count) == shard_of(n, count) for n in names)
    for name in names:  # mod a power of two: bucket b of K goes to b or b + K of 2K
        low, high = int(shard_of(name, 8)[1:], 16), int(shard_of(name, 16)[1:], 16)
        assert high in (low, low + 8)
    # as many hex digits as K - 1 has: s0-sf for 16, s00-s1f for 32
    assert {len(shard_of(n, 16)) for n in names} == {2}
    assert {len(shard_of(n, 32)) for n in names} == {3}


def page(title: str, words: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>'
        f'<main data-pagefind-body=""><h1>{title}</h1><p id="p1">{words}</p>'
        f'<div hidden="" data-pagefind-ignore=""><span data-pagefind-filter="text">{title}'
        "</span></div></main></body></html>"
    ).encode()


class Site:
    """A folder the index is written into, as a build writes it: what write_index
    put or kept is the index; the rest of the folder is stale (the build removes it)."""

    def __init__(self, root: Path) -> None:
        self.root, self.record, self.made = root, None, []  # type: list[str]
        self.files: list[str] = []

    def put(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        self.files.append(path)

    def stream(self, path: str, write: Callable[[BinaryIO], None]) -> None:
        with open(self.root / path, "wb") as out:
            write(out)
        self.files.append(path)

    def index(self, pages: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> list[str]:
        """Index `pages`; the shards Pagefind made."""
        made: list[str] = []
        real = search_index.write_shard

        def counting(members: Any, language: str, shard: str, *rest: Any) -> list[str]:
            made.append(shard)
            return real(members, language, shard, *rest)

        monkeypatch.setattr(search_index, "write_shard", counting)
        self.files = []
        self.record = write_index(
            pages,
            "en",
            self.put,
            self.stream,
            last=self.record,
            have=lambda p: (self.root / p).is_file(),
            run="test",
            alone=frozenset({"names.html"}),
            kept=self.files.append,
        )
        return made

    def contents(self) -> dict[str, bytes]:
        return {p: (self.root / p).read_bytes() for p in sorted(self.files)}


@pytest.fixture()
def pages() -> dict[str, bytes]:
    found = {f"t{k}.html": page(f"Text {k}", f"common words and zebra{k}") for k in range(8)}
    found["names.html"] = page("Names", "Lenin Marx")
    return found


def whole(pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    fresh = Site(tmp_path / "whole")
    fresh.index(pages, monkeypatch)
    return fresh


def test_one_changed_page_makes_only_its_shard_again(
    pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_PAGES", 2)  # 8 texts: 4 shards
    site = Site(tmp_path / "site")
    first = site.index(pages, monkeypatch)
    texts = {shard_of(n, 4) for n in pages if n != "names.html"}
    assert len(texts) > 2 and sorted(first) == sorted(texts | {"names"})
    before = {p: (site.root / p).stat() for p in site.files}
    assert site.index(pages, monkeypatch) == []  # nothing changed: nothing made
    pages["t5.html"] = page("Text 5", "other words now")
    assert site.index(pages, monkeypatch) == [shard_of("t5.html", 4)]
    others = [p for p in before if not p.startswith(f"pagefind/{shard_of('t5.html', 4)}/")]
    for path in others:  # the other shards' files untouched: bytes, inode and mtime
        now = (site.root / path).stat()
        assert (now.st_ino, now.st_mtime_ns) == (before[path].st_ino, before[path].st_mtime_ns)
    assert site.contents() == whole(pages, tmp_path, monkeypatch).contents()


def test_a_removed_page_makes_its_shard_again(
    pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_PAGES", 2)
    site = Site(tmp_path / "site")
    site.index(pages, monkeypatch)
    del pages["t2.html"]  # 7 texts: still 4 shards
    assert site.index(pages, monkeypatch) == [shard_of("t2.html", 4)]
    assert site.contents() == whole(pages, tmp_path, monkeypatch).contents()
    assert b"zebra2" not in b"".join(site.contents().values())  # near miss: it is gone


def test_k_grows_and_every_shard_is_made_again(
    pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_PAGES", 2)
    site = Site(tmp_path / "site")
    site.index(pages, monkeypatch)
    pages["t8.html"] = page("Text 8", "one more")  # 9 texts: 8 shards
    again = site.index(pages, monkeypatch)
    assert sorted(again) == sorted({shard_of(n, 8) for n in pages if n != "names.html"})
    # names.html did not change and is a shard of its own: kept
    assert "names" not in again
    assert site.contents() == whole(pages, tmp_path, monkeypatch).contents()
    listed = site.contents()["pagefind/shards.js"].decode()
    assert listed.startswith("window.PAGEFIND_SHARDS = [") and listed.endswith('"names"];\n')


def test_a_shard_with_a_file_gone_is_made_again(
    pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "SHARD_PAGES", 2)
    site = Site(tmp_path / "site")
    site.index(pages, monkeypatch)
    (site.root / "pagefind" / "s1" / "pagefind-entry.json").unlink()
    assert site.index(pages, monkeypatch) == ["s1"]
