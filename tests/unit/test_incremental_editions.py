"""Incremental editions: only the documents whose editions' inputs changed are
rendered again, the corpus pages are made from the kept summaries, and what an
incremental build leaves is byte for byte what a --force build into an empty
folder gives. A text that fails keeps its earlier editions and stays listed."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.cli import main
from tei_pipeline.runner import editions, parts, prerender
from tei_pipeline.writers.epub import package
from tei_pipeline.writers.html.site import EARLIER

EARLIER_BYTES = EARLIER.split(":")[0].encode()


@pytest.fixture()
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents rendered (their ids), build by build: in the main process or in
    the worker that converted them (runner/prerender.py)."""
    names: list[str] = []
    real = parts.render_document

    def counting(tree, fact, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(name)
        return real(tree, fact, name, *args, **kwargs)

    monkeypatch.setattr(editions, "render_document", counting)
    monkeypatch.setattr(prerender, "render_document", counting)
    return names


def build(sources: Path, out: Path, *extra: str, code: int = 0) -> str:
    result = CliRunner().invoke(
        main, ["build", str(sources), "-o", str(out), "-j", "1", "-q", *extra]
    )
    assert result.exit_code == code, result.output
    return result.output


def tree(out: Path) -> dict[str, bytes]:
    """Every output file but the build's own record and kept parts."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".tei-pipeline" not in p.parts
    }


def folders(out: Path) -> list[str]:
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_dir() and ".tei-pipeline" not in p.parts
    )


def same_as_full_build(sources: Path, out: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    build(sources, fresh, "--force")
    mine, full = tree(out), tree(fresh)
    assert sorted(mine) == sorted(full)
    differ = [path for path in full if mine[path] != full[path]]
    assert differ == []
    assert folders(out) == folders(fresh)  # no folder left empty (a search shard gone)


def texts(sources: Path) -> list[Path]:
    return sorted(sources.glob("*.txt"))


def test_one_changed_text_renders_it_alone_and_equals_a_full_build(sources, tmp_path, rendered):
    out = tmp_path / "out"
    build(sources, out)
    assert len(rendered) == 5
    rendered.clear()
    victim = texts(sources)[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    copied: list[str] = []
    real = package.append_deflated

    def counting(zf, info, crc, raw):  # type: ignore[no-untyped-def]
        copied.append(info.filename)
        return real(zf, info, crc, raw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package, "append_deflated", counting)
        build(sources, out)
    assert rendered == [victim.stem]
    # the other documents' members of the anthology are copied from the last one
    assert copied and not any(victim.stem in name for name in copied)
    same_as_full_build(sources, out, tmp_path)


def test_an_anthology_not_as_the_last_build_left_it_is_compressed_anew(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out)
    anthology = out / "epub" / "anthology.epub"
    anthology.write_bytes(anthology.read_bytes() + b"\0")  # not the file that build wrote
    victim = texts(sources)[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package, "append_deflated", lambda *args: pytest.fail("copied"))
        build(sources, out)
    same_as_full_build(sources, out, tmp_path)


def test_nothing_changed_renders_nothing(sources, tmp_path, rendered):
    out = tmp_path / "out"
    build(sources, out)
    rendered.clear()
    (out / "html" / "index.html").unlink()  # the editions are made again, from the parts
    build(sources, out)
    assert rendered == []
    same_as_full_build(sources, out, tmp_path)


def test_a_removed_text_equals_a_full_build(sources, tmp_path, rendered):
    out = tmp_path / "out"
    build(sources, out)
    rendered.clear()
    victim = texts(sources)[0]
    victim.unlink()
    victim.with_suffix(".toml").unlink()
    build(sources, out)
    # the others keep their pages: the anthology places their kept parts anew
    assert rendered == []
    same_as_full_build(sources, out, tmp_path)
    with zipfile.ZipFile(out / "epub" / "anthology.epub") as book:
        assert any(name.startswith("EPUB/01-") for name in book.namelist())


def test_a_renamed_title_equals_a_full_build(sources, tmp_path, rendered):
    out = tmp_path / "out"
    build(sources, out)
    rendered.clear()
    victim = texts(sources)[2]  # its title is its first line
    lines = victim.read_text(encoding="utf-8").split("\n")
    lines[0] = "A title given anew"
    victim.write_text("\n".join(lines), encoding="utf-8")
    build(sources, out)
    assert rendered == [texts(sources)[2].stem]
    assert b"A title given anew" in (out / "html" / "index.html").read_bytes()
    same_as_full_build(sources, out, tmp_path)


def test_a_page_file_taken_by_a_new_text_renders_the_texts_it_moves(sources, tmp_path, rendered):
    # "index.txt" may not take index.html: it takes text-index.html, and the text
    # "text-index.txt", after it in build order, moves to text-index-2.html
    out = tmp_path / "out"
    first = texts(sources)[0]
    shutil.copy(first, sources / "text-index.txt")
    build(sources, out)
    assert (out / "html" / "text-index.html").is_file()
    rendered.clear()
    shutil.copy(first, sources / "index.txt")
    build(sources, out)
    assert sorted(rendered) == ["index", "text-index"]
    assert (out / "html" / "text-index-2.html").is_file()
    same_as_full_build(sources, out, tmp_path)


def test_a_failed_text_stays_listed_from_its_earlier_build(sources, tmp_path):
    out = tmp_path / "out"
    build(sources, out)
    victim = texts(sources)[0]
    page = out / "html" / f"{victim.stem}.html"
    before = page.read_bytes()
    victim.write_bytes(b"  \n\n")  # no text at all (r-002): fails
    build(sources, out, code=1)
    index = (out / "html" / "index.html").read_bytes()
    assert f'href="{victim.stem}.html"'.encode() in index
    assert index.count(EARLIER_BYTES) == 1
    assert page.read_bytes() == before
    with zipfile.ZipFile(out / "epub" / "anthology.epub") as book:
        assert any(victim.stem in name for name in book.namelist())
    # and again: it stays listed while it fails
    build(sources, out, code=1)
    assert EARLIER_BYTES in (out / "html" / "index.html").read_bytes()


def test_a_text_that_never_converted_is_not_listed(sources, tmp_path):
    # near miss: no earlier build, nothing to list
    out = tmp_path / "out"
    broken = sources / "broken-text.txt"
    broken.write_bytes(b"  \n\n")
    build(sources, out, code=1)
    index = (out / "html" / "index.html").read_bytes()
    assert b"broken-text" not in index and EARLIER_BYTES not in index
    assert not (out / "html" / "broken-text.html").exists()


def test_a_summary_survives_its_json_whole() -> None:
    # what the corpus pages read back must be what was summarised, a place's point too
    from tei_pipeline.writers.html.register_page import Entry
    from tei_pipeline.writers.html.summary import DateLine, DocSummary, MentionLine

    summary = DocSummary(
        "doc",
        file="doc.html",
        title="A title",
        date_key=(1948, 10, 0),
        entries=[Entry("nairobi", "place", "Nairobi", ["Nairobi town"], point=(-1.28, 36.82))],
        header_refs=[("nairobi", "header")],
        mentions=[MentionLine("nairobi", "m-nairobi", ("in ", "Nairobi", " today"))],
        dates=[DateLine("date-1", "1948-10", "October 1948", "", None, ("", "1948", ""))],
    )
    again = DocSummary.from_json(json.loads(json.dumps(summary.to_json())))
    assert again.to_json() == summary.to_json()
    assert again.entries[0].point == (-1.28, 36.82) and again.date_key == (1948, 10, 0)
    # near miss: an entry without a point stays without one
    summary.entries[0].point = None
    assert DocSummary.from_json(json.loads(json.dumps(summary.to_json()))).entries[0].point is None


@pytest.fixture()
def indexings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shards Pagefind made, run by run; a shard holds at most 2 pages (K = 4
    for the 5 texts and names.html)."""
    runs: list[str] = []
    real = editions.search_index.write_shard

    def counting(pages, language, shard, *args, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(shard)
        return real(pages, language, shard, *args, **kwargs)

    monkeypatch.setattr(editions.search_index, "write_shard", counting)
    monkeypatch.setattr(editions.search_index, "SHARD_PAGES", 2)
    return runs


def test_the_search_index_is_kept_while_its_pages_are_the_same(sources, tmp_path, indexings):
    out = tmp_path / "out"
    build(sources, out)
    shards = list(indexings)
    # names.html is hashed among the texts (one index up to SHARD_PAGES pages)
    assert len(shards) > 2 and "names" not in shards and len(set(shards)) == len(shards)
    (out / "html" / "index.html").unlink()  # the editions are made again; no page changed
    build(sources, out)
    assert indexings == shards
    same_as_full_build(sources, out, tmp_path)
    indexings.clear()
    # near misses: a file of one shard gone, a page changed: Pagefind makes that shard
    (pagefind,) = [p for p in (out / "html" / "pagefind" / shards[1]).glob("*.pf_meta")]
    pagefind.unlink()
    (out / "html" / "index.html").unlink()
    build(sources, out)
    assert indexings == [shards[1]]
    indexings.clear()
    victim = texts(sources)[2]
    record = out / ".tei-pipeline" / "parts" / "search.json"
    before = json.loads(record.read_bytes())["pages"]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build(sources, out)
    after = json.loads(record.read_bytes())["pages"]
    changed = sorted(p for p in after if after[p][3] != before[p][3])
    texts_changed = [p for p in changed if p != "names.html"]
    assert len(texts_changed) == 1 and len(after) == len(texts(sources)) + 1
    made = {editions.search_index.shard_of(page, 4) for page in changed}
    assert indexings == sorted(made)
    same_as_full_build(sources, out, tmp_path)


def test_fewer_shards_leave_no_folder_behind(sources, tmp_path, monkeypatch):
    monkeypatch.setattr(editions.search_index, "SHARD_PAGES", 1)  # 5 texts: K = 8
    out = tmp_path / "out"
    build(sources, out)
    before = {p for p in folders(out) if p.startswith("html/pagefind/s")}
    for victim in texts(sources)[:2]:  # 3 texts: K = 4, every shard made again
        victim.unlink()
        victim.with_suffix(".toml").unlink(missing_ok=True)
    build(sources, out)
    after = {p for p in folders(out) if p.startswith("html/pagefind/s")}
    assert after != before
    same_as_full_build(sources, out, tmp_path)


@pytest.fixture()
def corpus_pages_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages about all documents made, build by build (names, timeline)."""
    from tei_pipeline.writers.html import site

    made: list[str] = []
    for name in ("write_names", "write_timeline"):
        real = getattr(site, name)

        def counting(*args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            made.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(site, name, counting)
    return made


def test_the_corpus_pages_are_not_made_again_from_the_same_summaries(
    sources, tmp_path, corpus_pages_made
):
    out = tmp_path / "out"
    build(sources, out)
    assert sorted(corpus_pages_made) == ["write_names", "write_timeline"]
    corpus_pages_made.clear()
    victim = texts(sources)[1]
    # a paragraph with no name and no date amid the others (a name's words in
    # context stay in its own paragraph; one added at the end would move the
    # closing dateline): the text's page changes, its summary does not
    paragraphs = victim.read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(len(paragraphs) // 2, "Words and more words of no consequence. " * 4)
    victim.write_text("\n\n".join(paragraphs), encoding="utf-8")
    build(sources, out)
    assert corpus_pages_made == []
    same_as_full_build(sources, out, tmp_path)


def test_a_new_date_makes_the_corpus_pages_again(sources, tmp_path, corpus_pages_made):
    out = tmp_path / "out"
    build(sources, out)
    corpus_pages_made.clear()
    victim = texts(sources)[1]
    added = "\n\nOn 4 July 1776 the bells were rung in every town.\n"
    victim.write_text(victim.read_text(encoding="utf-8") + added, encoding="utf-8")
    build(sources, out)
    assert sorted(corpus_pages_made) == ["write_names", "write_timeline"]
    assert b"1776" in (out / "html" / "timeline.html").read_bytes()
    same_as_full_build(sources, out, tmp_path)


def test_a_corpus_page_not_as_the_last_build_left_it_is_made_again(
    sources, tmp_path, corpus_pages_made
):
    out = tmp_path / "out"
    build(sources, out)
    corpus_pages_made.clear()
    names = out / "html" / "names.html"
    names.write_bytes(names.read_bytes().replace(b"Names", b"Nomen", 1))  # edited by hand
    victim = texts(sources)[1]  # and a text changed, so that the editions are made
    paragraphs = victim.read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(len(paragraphs) // 2, "Words and more words of no consequence. " * 4)
    victim.write_text("\n\n".join(paragraphs), encoding="utf-8")
    build(sources, out)
    assert corpus_pages_made == ["write_names"]
    same_as_full_build(sources, out, tmp_path)
