"""What is kept of each document's editions in OUTPUT/.tei-pipeline/parts (the
Store, by content-addressed keys), and how one document's editions are made:
the same function in the main process (editions.py) and in the worker that
converted it (prerender.py)."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Location, Reporter
from ..errors import PipelineError
from ..files import write_atomic
from ..transforms.base import Context
from ..writers.epub import canonical_bytes, single_book
from ..writers.epub.book import document_parts
from ..writers.epub.corpus import PREFIX, anthology_part
from ..writers.epub.package import write_book
from ..writers.html import search
from ..writers.html.register_page import Entry
from ..writers.html.site import render_one, site_options
from ..writers.html.summary import DocSummary, page_facts

PARTS = Path(".tei-pipeline") / "parts"


def key_of(*parts: str) -> str:
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class Store:
    """OUTPUT/.tei-pipeline/parts: JSON files by key; remembers the keys used."""

    def __init__(self, output: Path) -> None:
        self.folder = output / PARTS
        self.used: set[str] = set()

    def path(self, name: str) -> Path:
        self.used.add(name)
        return self.folder / name

    def load(self, name: str) -> Any:
        try:
            return json.loads(self.path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, name: str, value: Any, durable: bool = True) -> None:
        """Keep `value` as JSON. Not `durable`: not synced to the disk, for a part
        whose loss costs only work. After a crash of the machine such a file may
        be empty or cut short, and load reads that as no part (a cut JSON object
        does not parse), so it is made again; its key is a hash of what it is
        made from, so an older file under the same name has the same bytes. A
        document's summary (f"{key}.json") and facts are such parts: the files
        the summary stands for (staged page and book, anthology part and pages)
        stay durable, and are synced before the summary is written, so a summary
        that survived a crash never points to files that did not."""
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        write_atomic(self.path(name), data, sync=durable)

    def stage(self, key: str, path: str, data: bytes) -> None:
        """Keep the bytes of output `path` of the document `key` for the main process."""
        write_atomic(self.staged(key, path), data)

    def staged(self, key: str, path: str) -> Path:
        # not marked used: a staged file is moved out, or swept when its key is not used
        return self.folder / f"{key}.{Path(path).suffix.lstrip('.')}"

    def sweep(self) -> None:
        """Remove the parts no document of this build uses."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)


@dataclass
class Rendered:
    """One document's editions: its page and book (output-relative path -> bytes),
    its part of the anthology and that part's pages, and what is kept of it (its
    summary and the writers' messages)."""

    files: dict[str, bytes]
    part: dict[str, Any] | None
    pages: dict[str, str] | None
    kept: dict[str, Any]

    def keep(self, store: Store, key: str) -> None:
        """Save the anthology part and its pages under the document's key."""
        if self.part is not None:
            store.save(f"{key}.book.json", self.part)
        if self.pages is not None:
            store.save(f"{key}.pages.json", self.pages)


def render_document(
    tree: Any,
    fact: DocSummary,
    name: str,
    file: str,
    entries: dict[str, Entry],
    formats: tuple[str, ...],
) -> Rendered:
    """The editions of one document from its tree (parsed from its TEI file's
    bytes), made the same in the main process and in a worker."""
    reporter = Reporter()
    page = render_one(name, tree, site_options(entries), reporter)
    summary = DocSummary.from_json(fact.to_json())
    summary.file = file
    page_facts(summary, page)
    files: dict[str, bytes] = {}
    part: dict[str, Any] | None = None
    pages: dict[str, str] | None = None
    if "html" in formats:
        files[f"html/{file}"] = search.marked_page(page.root, summary, entries)
    if "epub" in formats:
        canonical = canonical_bytes(tree)
        ctx = Context(shown_as=name, doc_id=name, reporter=reporter)
        # the book's and the anthology's pages of the document, cut from the page once
        own, placed = document_parts(tree, ctx, ("", PREFIX), name, page.root, canonical)
        book = single_book(tree, ctx, True, page.root, canonical, own)
        files[f"epub/{name}.epub"] = write_book(book)
        made, made_pages = anthology_part(tree, name, page.root, canonical, reporter, placed)
        part = made.to_json()
        pages = {href: data.decode("utf-8") for href, data in made_pages.items()}
    rows = [
        (d.code, d.location.path, d.location.line, d.location.column, d.detail)
        for d in reporter.diagnostics
    ]
    return Rendered(files, part, pages, {"summary": summary.to_json(), "diagnostics": rows})


def document_key(
    run: str,
    tei_sha: str,
    name: str,
    file: str,
    fact: DocSummary,
    entries: dict[str, Entry],
    formats: tuple[str, ...],
) -> str:
    """The key of a document's editions: all they are made of (its TEI, its page
    file, the kind and main form of each entry it names, the formats, the run)."""
    named = [(i, entries[i].kind, entries[i].main) for i in fact.refs if i in entries]
    return key_of(run, tei_sha, name, file, json.dumps(named), *formats)


def facts_name(run: str, tei_sha: str, name: str) -> str:
    """The part that keeps a document's tei_facts, by the hash of its TEI."""
    return f"{key_of(run, tei_sha, name)}.facts.json"


def install(source: Path, target: Path) -> int:
    """Move a staged file (written whole and synced by files.write_atomic) to
    `target`, as write_atomic would write its bytes there: 0, and `target` left
    alone, when it holds those bytes already; else 1."""
    try:
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            source.unlink()
            return 0
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    except OSError as exc:
        detail = f"cannot write {target} ({exc.strerror or exc})"
        raise PipelineError(Diagnostic("x-002", Location(str(target)), detail)) from None
    return 1
