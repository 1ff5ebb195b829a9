"""The editions of a build, one document at a time, from what was kept.

Each document is rendered only when what its editions are made of changed: its
TEI, its page file, the register entries it names (their kind and main form,
which its page links to and its search filters give), the formats asked for, the
run (the pipeline's code included). Its site page and single EPUB go to the
output; its SUMMARY (writers/html/summary.py) and its part of the anthology to
OUTPUT/.tei-pipeline/parts/<key>.*, content-addressed. The index, names,
timeline and search pages are made from the summaries alone, and the anthology
is written member by member from the kept parts, so no more than one document
tree is held at a time. A full build takes the same path and gives the same bytes.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..diagnostics import Diagnostic, Location, Reporter
from ..errors import PipelineError
from ..files import current_umask, write_atomic
from ..readers.tei import parse_tei
from ..writers.base import as_dict
from ..writers.epub.corpus import ANTHOLOGY, ANTHOLOGY_TITLE, AnthologyPart, write_anthology
from ..writers.epub.zipcopy import KeptMembers
from ..writers.html import search, search_index
from ..writers.html.register_page import Entry, merge_entries
from ..writers.html.site import INDEX, NAMES, corpus_writers, page_files
from ..writers.html.spool import Spool
from ..writers.html.summary import DocSummary, tei_facts
from .parts import PARTS, Store, document_key, facts_name, install, key_of, render_document

CORPUS_PAGES = "corpus-pages.json"  # the key and files of the pages about all documents

__all__ = ["PARTS", "Document", "Made", "Store", "publish_documents", "write_streamed"]


@dataclass
class Document:
    """One document of the editions: its id, its TEI file (output-relative), the
    hash of its bytes, the name its messages give, and whether its source failed
    this build (it is then listed from its earlier TEI)."""

    name: str
    tei: str
    tei_sha: str
    shown_as: str
    earlier: bool = False


@dataclass
class Made:
    """The editions written: output-relative paths, how many files changed, what
    the writers reported, and how many documents were rendered again."""

    files: list[str]
    changed: int
    reporter: Reporter
    rendered: int


def publish_documents(
    documents: list[Document], output: Path, formats: tuple[str, ...], run: str
) -> Made:
    """The editions (formats: "html", "epub") of `documents`, in build order."""
    store, reporter = Store(output), Reporter()
    written: list[str] = []
    changed = 0

    def stream(path: str, write: Callable[[BinaryIO], None]) -> None:
        nonlocal changed
        changed += write_streamed(output / path, write)
        written.append(path)

    def put(path: str, data: bytes) -> None:
        nonlocal changed
        try:
            changed += write_atomic(output / path, data)
        except OSError as exc:
            detail = f"cannot write {output / path} ({exc.strerror or exc})"
            raise PipelineError(Diagnostic("x-002", Location(str(output / path)), detail)) from None
        written.append(path)

    # each document's facts read when needed (they are kept), its summary put in
    # the spool: neither held for all documents (memory flat in the corpus)
    files = page_files([doc.name for doc in documents])
    entries = merge_entries(e for d in documents for e in _facts(d, output, store, run).entries)
    spool = Spool()  # its database is a file SQLite removes when it is closed
    book_keys: list[str] = []
    # what the pages about all documents are made from: the run, the entries and
    # every summary, in order (corpus_pages reads nothing else)
    pages_key = hashlib.sha256(json.dumps([run, [as_dict(e) for e in entries.values()]]).encode())
    rendered = 0
    for doc, file in zip(documents, files, strict=True):
        fact = _facts(doc, output, store, run)
        key = document_key(run, doc.tei_sha, doc.name, file, fact, entries, formats)
        kept = store.load(f"{key}.json")
        outputs = _outputs(doc, file, formats)
        books = [store.path(f"{key}.{n}.json") for n in ("book", "pages") if "epub" in formats]
        there = all((output / p).is_file() for p in outputs) and all(b.is_file() for b in books)
        staged = [store.staged(key, p) for p in outputs]
        if kept is not None and all(b.is_file() for b in books + staged):
            # rendered by the worker that converted it (prerender.py): moved in place
            for path, source in zip(outputs, staged, strict=True):
                changed += install(source, output / path)
                written.append(path)
            rendered += 1
        elif kept is None or not there:
            kept = _render(doc, fact, file, entries, output, formats, put, store, key)
            store.save(f"{key}.json", kept, durable=False)
            rendered += 1
        else:
            written.extend(outputs)
        summary = DocSummary.from_json(kept["summary"])
        summary.earlier = doc.earlier
        pages_key.update(json.dumps([kept["summary"], doc.earlier], sort_keys=True).encode())
        rows = kept["diagnostics"]
        reporter.diagnostics.extend(Diagnostic(c, Location(p, i, n), d) for c, p, i, n, d in rows)
        spool.add(summary)
        book_keys.append(key)
    summaries = spool.heads  # title, date, file: no names nor dates
    anthology = None
    if "epub" in formats and documents:  # written while Pagefind, a process of its own, runs
        anthology = _in_background(
            lambda: _anthology(documents, summaries, book_keys, output, store)
        )
    if "html" in formats:
        pages = corpus_writers(spool, entries)
        index = pages.pop(INDEX)
        last_pages = store.load(CORPUS_PAGES)
        same = _unchanged(last_pages, pages_key.hexdigest(), output)
        for path, write in pages.items():
            if f"html/{path}" in same:  # made from the same summaries: the same bytes
                written.append(f"html/{path}")
            else:
                stream(f"html/{path}", write)
        indexed: dict[str, bytes | Path] = {s.file: output / "html" / s.file for s in summaries}
        indexed[NAMES] = output / "html" / NAMES
        try:  # by shard, file by file, offline.js streamed: never all in memory
            language = search.site_language(list(summaries))
            record = search_index.write_index(
                indexed,
                language,
                lambda p, d: put(f"html/{p}", d),
                lambda p, w: stream(f"html/{p}", w),
                last=store.load("search.json"),
                have=lambda p: (output / "html" / p).is_file(),
                run=run,
                alone=frozenset(),  # names.html among the texts: one index up to SHARD_PAGES
                kept=lambda p: written.append(f"html/{p}"),
            )
            store.save("search.json", record)
        except PipelineError as error:  # the site stands without its index; search.html says so
            reporter.diagnostics.append(error.diagnostic)
        # the index last: a write that fails (a full disk) leaves the earlier
        # index, which links only pages that exist
        if f"html/{INDEX}" in same:
            written.append(f"html/{INDEX}")
        else:
            stream(f"html/{INDEX}", index)
        made = [f"html/{path}" for path in (*pages, INDEX)]
        stamps = {path: _stamp(output / path) for path in made}
        store.save(CORPUS_PAGES, {"key": pages_key.hexdigest(), "files": stamps})
    if anthology is not None:
        changed += anthology()
        written.append(f"epub/{ANTHOLOGY}")
    spool.close()
    store.sweep()
    return Made(sorted(written), changed, reporter, rendered)


def _unchanged(last: Any, key: str, output: Path) -> set[str]:
    """The corpus pages the last build made from the same summaries (its key) and
    still there as it left them (size, mtime, inode: write_streamed leaves a file
    with the same bytes alone and replaces any other): not to be made again."""
    if not isinstance(last, dict) or last.get("key") != key:
        return set()
    files = last.get("files")
    if not isinstance(files, dict):
        return set()
    return {str(path) for path, stamp in files.items() if _stamp(output / str(path)) == stamp}


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _in_background(work: Callable[[], int]) -> Callable[[], int]:
    """Start `work` in a thread; the function returned waits for it and gives its
    result, or raises what it raised."""
    pool = ThreadPoolExecutor(1)
    future = pool.submit(work)
    pool.shutdown(wait=False)  # the thread ends with its one task
    return future.result


def _outputs(doc: Document, file: str, formats: tuple[str, ...]) -> list[str]:
    found = [f"html/{file}"] if "html" in formats else []
    return found + ([f"epub/{doc.name}.epub"] if "epub" in formats else [])


def _tree(doc: Document, output: Path) -> Any:
    # parsed from its bytes as any TEI would be, named by its file, so a
    # rendering message points at output/tei/NAME.xml:line
    return parse_tei((output / doc.tei).read_bytes(), doc.shown_as, str(output / doc.tei))


def _facts(doc: Document, output: Path, store: Store, run: str) -> DocSummary:
    """What the corpus must know of a document before rendering (tei_facts), kept by
    the hash of its TEI."""
    name = facts_name(run, doc.tei_sha, doc.name)
    kept = store.load(name)
    if kept is not None:
        return DocSummary.from_json(kept)
    fact = tei_facts(doc.name, _tree(doc, output).getroot())
    store.save(name, fact.to_json(), durable=False)
    return fact


def _render(
    doc: Document,
    fact: DocSummary,
    file: str,
    entries: dict[str, Entry],
    output: Path,
    formats: tuple[str, ...],
    put: Any,
    store: Store,
    key: str,
) -> dict[str, Any]:
    """Render one document: its page and book written, its summary and its part of
    the anthology kept; its tree dropped on return."""
    done = render_document(_tree(doc, output), fact, doc.name, file, entries, formats)
    for path, data in done.files.items():
        put(path, data)
    done.keep(store, key)
    return done.kept


def _anthology(
    documents: list[Document],
    summaries: list[DocSummary],
    keys: list[str],
    output: Path,
    store: Store,
) -> int:
    """Write epub/anthology.epub from the kept parts, member by member (not again
    when its parts are those of the last build). Returns 1 if it changed, else 0."""
    publishers = {p for s in summaries for p in s.book_publishers}
    title = publishers.pop() if len(publishers) == 1 else ANTHOLOGY_TITLE
    key = key_of(title, *[doc.name for doc in documents], *keys)
    target = output / "epub" / ANTHOLOGY
    last = store.load("anthology.json")
    last = last if isinstance(last, dict) else {}
    if last.get("key") == key and target.is_file():
        return 0
    # the last anthology's members are copied where alike, if it is the file that
    # build wrote (its size) and compressed by this zlib (the same bytes again)
    mine = target.is_file() and last.get("size") == target.stat().st_size
    same_zlib = last.get("zlib") == zlib.ZLIB_RUNTIME_VERSION
    parts = [AnthologyPart.from_json(store.load(f"{k}.book.json")) for k in keys]

    def pages_of(k: int) -> dict[str, bytes]:
        blob = store.load(f"{keys[k]}.pages.json")
        return {href: str(text).encode("utf-8") for href, text in blob.items()}

    names = [doc.name for doc in documents]
    with KeptMembers(target if mine and same_zlib else None) as kept:
        changed = write_streamed(
            target, lambda out: write_anthology(out, title, names, parts, pages_of, kept=kept)
        )
    record = {"key": key, "zlib": zlib.ZLIB_RUNTIME_VERSION, "size": target.stat().st_size}
    store.save("anthology.json", record)
    return int(changed)


def write_streamed(target: Path, write: Callable[[BinaryIO], None]) -> bool:
    """files.write_atomic for a file written to a stream by `write` (a big file
    never held whole): False, and the file left alone, if it holds those bytes."""
    try:  # a full disk may refuse the temporary file itself: the same plain error
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        detail = f"cannot write {target} ({exc.strerror or exc})"
        raise PipelineError(Diagnostic("x-002", Location(str(target)), detail)) from None
    try:
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "w+b") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if target.is_file() and filecmp.cmp(temporary, target, shallow=False):
            Path(temporary).unlink()
            return False
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        detail = f"cannot write {target} ({exc.strerror or exc})"
        raise PipelineError(Diagnostic("x-002", Location(str(target)), detail)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
