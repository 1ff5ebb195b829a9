"""HTML writer, the site's search: search.html and its index, made at build time with Pagefind.

Stage: writer. Input: the rendered document pages (SitePage) and the register
entries. Output: site files (path -> bytes):

    search.html                 a search form, filters (text, person, decade), results
    search.js                   the page's script: asks Pagefind, shows the results
    pagefind/shards.js          the shards of the index (search_index.py)
    pagefind/<shard>/...        each shard's Pagefind index and search code (pagefind.js, wasm)
    pagefind/<shard>/offline.js the same files as one classic script, for file://

The document pages and names.html are indexed (data-pagefind-body); every
paragraph of a text has an id (PageOptions.paragraph_ids) and search.js links a
result to the paragraph of its first hit (Pagefind's anchors). Each text page
carries its filters in a hidden block: the text, the persons it names (their
main form) and the decades of the dates it gives.

Pagefind loads its code as a JavaScript module and its index with fetch(), which
browsers refuse for files opened from disk (Pagefind issue #202). Each shard's
offline.js holds every file of its bundle (base64) so that search.js, on file://,
can answer those fetches itself and load pagefind.js from a blob: URL; on a web
server search.js uses the bundles as Pagefind ships them.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any, BinaryIO

import cbor2

from ...diagnostics import Diagnostic, Location
from ...errors import PipelineError
from . import shell
from .core import GEN, PageOptions, sub
from .corpus import Linked, site_page
from .names import date_key
from .register_page import Entry
from .summary import DocSummary
from .timeline_page import decade

SEARCH, SCRIPT, BUNDLE = "search.html", "search.js", "pagefind"
# the bundle files search.js uses; Pagefind's own UI (pagefind-ui.js, -component-ui, ...)
# is not used: the page renders results itself, in the site's style
UNUSED = ("-ui.js", "-ui.css", "pagefind-highlight.js")


def marked_page(page_root: Any, page: DocSummary, entries: dict[str, Entry]) -> bytes:
    """The site's bytes of a document page: a copy of its rendering (which the EPUB
    writer shares) marked for search (mark_for_search)."""
    root = copy.deepcopy(page_root)
    mark_for_search(root, page, entries)
    return shell.tostring(root)


def mark_for_search(root: Any, page: DocSummary, entries: dict[str, Entry]) -> None:
    """Index this page's text (its <main>) with its filters: the text, the persons it
    names and the decades of its dates, in a hidden block Pagefind reads but does not
    index as words (data-pagefind-ignore keeps filters, Pagefind docs "Filters")."""
    main = root.find(".//main")
    main.set("data-pagefind-body", "")
    persons = {
        entries[m.entry].main
        for m in page.mentions
        if m.entry in entries and entries[m.entry].kind in ("person", "personGrp")
    }
    decades = {decade(year) for year in (_year(d.start) for d in page.dates) if year is not None}
    block = sub(main, "div", hidden="hidden", class_=GEN)
    block.set("data-pagefind-ignore", "")
    for name, values in (
        ("text", [page.title]),
        ("person", sorted(persons)),
        ("decade", sorted(decades, key=_decade_order)),
    ):
        for value in values:
            sub(block, "span", value).set("data-pagefind-filter", name)


def mark_names_page(root: Any) -> None:
    """Index the names page's entries (their forms and dates) but not the lines quoted
    from the texts under them, which the texts' own pages already give."""
    main = root.find(".//main")
    main.set("data-pagefind-body", "")
    for mentions in main.iterfind(".//ul[@class='mentions']"):
        mentions.set("data-pagefind-ignore", "")


def _decade_order(label: str) -> int:
    return -int(label.split()[0]) if label.endswith("BCE") else int(label.rstrip("s"))


def _year(start: str | None) -> int | None:
    key = date_key(start)
    return key[0] if key is not None else None


def search_bundle(
    pages: Mapping[str, bytes | Path], language: str, alone: frozenset[str] = frozenset()
) -> dict[str, bytes]:
    """The sharded index (search_index.write_index) of the HTML `pages` (file ->
    bytes, or the file holding them; the corpus-wide ones, `alone`, each a shard of
    its own), made whole, as pagefind/<path> -> bytes."""
    from .search_index import write_index

    found: dict[str, bytes] = {}

    def keep(path: str, write: Callable[[BinaryIO], None]) -> None:
        buffer = io.BytesIO()
        write(buffer)
        found[path] = buffer.getvalue()

    write_index(pages, language, found.__setitem__, keep, alone=alone)
    return dict(sorted(found.items()))


def write_shard(
    pages: Mapping[str, bytes | Path],
    language: str,
    shard: str,
    put: Callable[[str, bytes], None],
    put_stream: Callable[[str, Callable[[BinaryIO], None]], None],
) -> list[str]:
    """One shard's Pagefind bundle, pagefind/<shard>/..., given file by file to
    `put` (path, bytes) and its offline.js to `put_stream` (path, a function
    writing it to a stream): an index is never held whole in memory. One index
    for all `pages` in `language`: Pagefind otherwise splits it by language, and
    a page searches only its own. The paths written, in order."""
    with tempfile.TemporaryDirectory(prefix="tei-pipeline-pagefind-") as folder:
        out = _pagefind(pages, language, Path(folder))
        files = {
            f"{BUNDLE}/{p.relative_to(out).as_posix()}": p
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }
        files = {name: p for name, p in files.items() if not name.endswith(UNUSED)}
        # the files canonical_filters renames or edits are small: filters, metadata, entry
        small = {
            name: p.read_bytes()
            for name, p in files.items()
            if name.endswith((".pf_filter", ".pf_meta", "pagefind-entry.json"))
        }
        bundle: dict[str, bytes | Path] = {n: p for n, p in files.items() if n not in small}
        bundle.update(canonical_filters(small))
        prefix = f"{BUNDLE}/{shard}/"
        placed = {prefix + name.removeprefix(f"{BUNDLE}/"): v for name, v in bundle.items()}
        for name in sorted(placed):
            value = placed[name]
            put(name, value.read_bytes() if isinstance(value, Path) else value)
        put_stream(f"{prefix}offline.js", lambda stream: _offline_to(stream, bundle, shard))
        return [*sorted(placed), f"{prefix}offline.js"]


def _pagefind(pages: Mapping[str, bytes | Path], language: str, folder: Path) -> Path:
    """Run Pagefind on `pages` copied into folder/site; its bundle's folder."""
    from pagefind_bin import get_executable

    site = folder / "site"
    for name, data in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, site / name)
        else:
            (site / name).write_bytes(data)
    out = folder / BUNDLE
    command = [
        str(get_executable()),
        "--site",
        str(site),
        "--output-path",
        str(out),
        "--force-language",
        language,
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        detail = f"Pagefind could not be started ({exc.strerror})"
        raise PipelineError(Diagnostic("w-002", Location(SEARCH), detail)) from None
    if done.returncode != 0:
        detail = f"Pagefind could not index the site ({done.stderr.strip() or done.stdout})"
        raise PipelineError(Diagnostic("w-002", Location(SEARCH), detail))
    return out


def _offline_to(stream: BinaryIO, bundle: Mapping[str, bytes | Path], shard: str) -> None:
    """offline_script of one shard's bundle, written file by file."""
    names = sorted(bundle, key=lambda p: p.removeprefix(f"{BUNDLE}/"))
    stream.write(OFFLINE_HEAD)
    stream.write(f"window.PAGEFIND_FILES[{json.dumps(shard)}] = {{".encode())
    for k, name in enumerate(names):
        value = bundle[name]
        data = value.read_bytes() if isinstance(value, Path) else value
        key = json.dumps(name.removeprefix(f"{BUNDLE}/"))
        encoded = base64.b64encode(data).decode("ascii")
        stream.write(f'{"," if k else ""}\n{key}: "{encoded}"'.encode())
    stream.write(b"\n};\n" if names else b"};\n")


# each shard's offline.js adds its table to the others': PAGEFIND_FILES[shard][path]
OFFLINE_HEAD = b"window.PAGEFIND_FILES = window.PAGEFIND_FILES || {};\n"


SIGNATURE = b"pagefind_dcd"  # what starts each of Pagefind's gzipped CBOR files


def _decode(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _encode(value: Any) -> tuple[bytes, str]:
    raw = SIGNATURE + cbor2.dumps(value)
    return gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()


def canonical_filters(bundle: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from
    run to run, and names the files (and the metadata naming them) by their content.
    Sort the values, rename the filter files and the metadata by the sorted content, so
    the same site gives the same bundle. Nothing else is touched."""
    out = dict(bundle)
    renamed: dict[str, str] = {}
    for path in sorted(p for p in bundle if p.endswith(".pf_filter")):
        name, values = _decode(bundle[path])
        data, digest = _encode([name, sorted(values, key=lambda v: str(v[0]))])
        old = path.rsplit("/", 1)[1].removesuffix(".pf_filter")
        renamed[old] = f"{old.split('_')[0]}_{digest[:7]}"
        del out[path]
        out[f"{BUNDLE}/filter/{renamed[old]}.pf_filter"] = data
    if not renamed:
        return out
    entry_path = f"{BUNDLE}/pagefind-entry.json"
    entry = json.loads(bundle[entry_path])
    for path in sorted(p for p in bundle if p.endswith(".pf_meta")):
        meta = _decode(bundle[path])
        meta[3] = sorted([name, renamed.get(h, h)] for name, h in meta[3])  # the filters
        data, digest = _encode(meta)
        old = path.rsplit("/", 1)[1].removeprefix("pagefind.").removesuffix(".pf_meta")
        new = f"{old.split('_')[0]}_{digest[:10]}"
        del out[path]
        out[f"{BUNDLE}/pagefind.{new}.pf_meta"] = data
        for language in entry["languages"].values():
            if language["hash"] == old:
                language["hash"] = new
    out[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return out


def site_language(pages: list[Linked]) -> str:
    """The language most texts are in (ISO 639-1 for Pagefind), English when none says."""
    counts = Counter(p.lang.split("-")[0] for p in pages if p.lang not in ("", "und"))
    return counts.most_common(1)[0][0] if counts else "en"


def offline_script(bundle: dict[str, bytes], shard: str) -> bytes:
    """One shard's bundle (pagefind/<path> -> bytes) as one classic script that
    adds window.PAGEFIND_FILES[shard] = {path: base64}."""
    stream = io.BytesIO()
    _offline_to(stream, bundle, shard)
    return stream.getvalue()


def search_script() -> bytes:
    return files(__package__).joinpath(SCRIPT).read_bytes()


def search_page(options: PageOptions) -> Any:
    """search.html: the form with its filters, a status line and the results list."""
    intro = (
        "Search every text, the names and the dates; each result leads to its "
        "paragraph. Filter by text, person or decade."
    )
    root, main = site_page("Search", options, "Search", intro)
    form = shell.search_form(main, SEARCH, "search-q")
    form.set("id", "search-form")
    filters = sub(form, "div", class_="search-filters")
    for name, label in (("text", "Text"), ("person", "Person"), ("decade", "Decade")):
        pair = sub(filters, "div", class_="search-filter")
        sub(pair, "label", label, for_=f"search-{name}")
        select = sub(pair, "select", name=name, id=f"search-{name}")
        sub(select, "option", f"any {name}", value="")
    sub(
        main,
        "p",
        "Search needs JavaScript; without it, the Texts, Names and Timeline pages list everything.",
        id="search-status",
        role="status",
    )
    sub(main, "ol", id="search-results", class_="search-results")
    head = root.find("head")
    sub(head, "script", src=SCRIPT, defer="defer")
    return root
