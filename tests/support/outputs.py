"""Every file a build wrote, for byte comparisons between builds.

The search index's record (OUTPUT/.tei-pipeline/parts/search.json) keeps, beside
the hash of each indexed page, its size, mtime and inode, so that an unchanged
page is not read again (writers/html/search_index.py), and the record of the
pages about all documents (corpus-pages.json) the same of each of them
(runner/editions.py): facts of the file system, not of the build. Mtimes and
inodes are left out; everything else is compared byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

SEARCH_RECORD = ".tei-pipeline/parts/search.json"
CORPUS_PAGES_RECORD = ".tei-pipeline/parts/corpus-pages.json"


def build_files(out: Path) -> dict[str, bytes]:
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if SEARCH_RECORD in files:
        record = json.loads(files[SEARCH_RECORD])
        record["pages"] = {name: row[3] for name, row in record.get("pages", {}).items()}
        files[SEARCH_RECORD] = json.dumps(record, sort_keys=True).encode()
    if CORPUS_PAGES_RECORD in files:
        record = json.loads(files[CORPUS_PAGES_RECORD])
        record["files"] = {name: row[0] for name, row in record.get("files", {}).items()}
        files[CORPUS_PAGES_RECORD] = json.dumps(record, sort_keys=True).encode()
    return files
