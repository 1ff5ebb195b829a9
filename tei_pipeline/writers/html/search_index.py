"""HTML writer, the search index split into shards, each made again only when one
of its pages changed.

Stage: writer. Input: the indexed pages (file -> bytes, or the file holding
them), the site's language and what the last build recorded. Output: site files
(path -> bytes):

    pagefind/shards.js          window.PAGEFIND_SHARDS, the shards search.js merges
    pagefind/<shard>/...        one Pagefind bundle per shard (search.write_shard)
    pagefind/<shard>/offline.js the same bundle as one classic script, for file://

Pagefind has no incremental mode (Pagefind/pagefind#71): its index is split by
word over all the pages it was given, so one changed page touches most of it.
Here each shard is an index of its own, and the browser searches them all as one
with Pagefind's multisite API (mergeIndex), results and filters merged. A
document page goes to shard s<h mod K> (h: a hash of its file name, K the
smallest power of two that keeps a shard under SHARD_PAGES pages), so it stays in
its shard while the corpus grows, until the page count crosses a doubling: then
K doubles and every shard is made again. A page given as `alone` is a shard
of its own, named after it (the build gives none: see below). A shard is made
again when the key of its pages (their names and the hashes of their bytes), the
language, K (for a shard of the hashed pages), the run and Pagefind's version
differs from the one recorded.

Not the same as one index for a word some shards lack: Pagefind, finding no
word that starts with the term, falls back to the index's longest word the term
starts with, and each shard does so on its own (README, Performance). So a
corpus of up to SHARD_PAGES pages, names.html included, is one shard: its search
is the one index's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any, BinaryIO

from .search import BUNDLE, write_shard

SHARDS = f"{BUNDLE}/shards.js"
# One index up to this many pages: a search in shards is not quite a search in one
# index (Pagefind, finding no word that starts with a rare term, falls back to a
# shorter word in each shard that lacks it: "handsome" found 326 pages of 1,000 in
# 16 shards, 10 in one index), so shards are only for corpora where one Pagefind
# run is itself the problem (about 0.9 MB of memory a page: 2.8 GB at 3,000)
SHARD_PAGES = 2048

Put = Callable[[str, bytes], None]
PutStream = Callable[[str, Callable[[BinaryIO], None]], None]


def shard_count(pages: int) -> int:
    """K: the smallest power of two with at most SHARD_PAGES pages a shard."""
    count = 1
    while count * SHARD_PAGES < pages:
        count *= 2
    return count


def shard_of(name: str, count: int) -> str:
    """The shard of the page `name` among `count` (a power of two): s + hex digits."""
    bucket = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % count
    return f"s{bucket:0{len(f'{count - 1:x}')}x}"


def alone_shard(name: str) -> str:
    """The shard of a corpus-wide page: its file name without .html."""
    return name.removesuffix(".html").replace("/", "-")


def shards_of(
    pages: Mapping[str, bytes | Path], alone: frozenset[str]
) -> dict[str, dict[str, bytes | Path]]:
    """The pages by shard, the shards in order (hashed ones, then the others)."""
    count = shard_count(sum(1 for name in pages if name not in alone))
    found: dict[str, dict[str, bytes | Path]] = {}
    for name in sorted(pages):
        shard = alone_shard(name) if name in alone else shard_of(name, count)
        found.setdefault(shard, {})[name] = pages[name]
    return dict(sorted(found.items(), key=lambda item: (item[0] in _alone(alone), item[0])))


def _alone(alone: frozenset[str]) -> set[str]:
    return {alone_shard(name) for name in alone}


def shards_script(shards: list[str]) -> bytes:
    return f"window.PAGEFIND_SHARDS = {json.dumps(shards)};\n".encode()


def write_index(
    pages: Mapping[str, bytes | Path],
    language: str,
    put: Put,
    put_stream: PutStream,
    last: Any = None,
    have: Callable[[str], bool] = lambda path: False,
    run: str = "",
    alone: frozenset[str] = frozenset(),
    kept: Callable[[str], None] = lambda path: None,
) -> dict[str, Any]:
    """The sharded index of `pages` in `language`: each shard whose key is the one
    in `last` (the record an earlier call returned) and whose files are all there
    (`have`) is kept (its files given to `kept`), the others made by Pagefind and
    given to `put` and `put_stream`. Returns this index's record."""
    last = last if isinstance(last, dict) else {}
    old_shards = last.get("shards") if isinstance(last.get("shards"), dict) else {}
    digests = _digests(pages, last.get("pages"))
    by_shard = shards_of(pages, alone)
    count = shard_count(sum(1 for name in pages if name not in alone))
    record: dict[str, Any] = {"pages": digests, "shards": {}}
    for shard, members in by_shard.items():
        # a corpus-wide page's shard does not depend on K
        of = 0 if shard in _alone(alone) else count
        key = _shard_key(run, language, of, [(n, digests[n][3]) for n in sorted(members)])
        before = old_shards.get(shard)
        files = _files_kept(before, key, have)
        if files is not None:
            for path in files:
                kept(path)
        else:
            files = write_shard(members, language, shard, put, put_stream)
        record["shards"][shard] = {"key": key, "files": files}
    put(SHARDS, shards_script(list(by_shard)))
    return record


def _files_kept(before: Any, key: str, have: Callable[[str], bool]) -> list[str] | None:
    if not isinstance(before, dict) or before.get("key") != key:
        return None
    files = [str(f) for f in before.get("files", [])]
    return files if files and all(have(f) for f in files) else None


def _shard_key(run: str, language: str, count: int, pages: list[tuple[str, str]]) -> str:
    parts = [run, language, count, version("pagefind_bin"), pages]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def _digests(pages: Mapping[str, bytes | Path], last: Any) -> dict[str, list[Any]]:
    """Each page's [size, mtime in ns, inode, sha256 of its bytes]; a file's hash is
    taken from `last` when its size, mtime and inode are as recorded (files.write_atomic
    leaves a file with the same bytes alone and replaces any other), so an unchanged
    corpus is not read again."""
    last = last if isinstance(last, dict) else {}
    found: dict[str, list[Any]] = {}
    for name, value in pages.items():
        if isinstance(value, bytes):
            found[name] = [len(value), 0, 0, hashlib.sha256(value).hexdigest()]
            continue
        stat = value.stat()
        before = last.get(name)
        now = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        if isinstance(before, list) and len(before) == 4 and before[:3] == now:
            found[name] = before
        else:
            with value.open("rb") as data:  # in pieces: names.html grows with the corpus
                found[name] = [*now, hashlib.file_digest(data, "sha256").hexdigest()]
    return found
