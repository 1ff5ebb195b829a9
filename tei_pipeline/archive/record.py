"""The build record of an archive: a JSON file a program can read years later.

Input: the payload (bag-relative path -> bytes). Output: ``build-record.json``
bytes: the tool's and its libraries' versions, each input's sha256 and size, and
for each made file the files it was made from. No clock, no machine paths: the
same payload gives the same bytes.

What was made from what follows the pipeline's conventions (README "What `make
build` makes"): tei/NAME.xml from sources/NAME.txt, its sidecar NAME.toml, the
registers and the project file; html/NAME.html and epub/NAME.epub from
tei/NAME.xml; the corpus-wide pages, the anthology, the search index and the
teiCorpus from every TEI file; style sheets, scripts and Pagefind's code from
the tools themselves.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import PurePosixPath

from lxml import etree

from .. import __version__

# the libraries whose versions decide the output's bytes
LIBRARIES = ("lxml", "pydantic", "click", "xmlschema", "bagit", "pagefind-bin", "cbor2")
# code the tool (or Pagefind) ships, the same for every build; offline.js holds the index
TOOL_CODE = (".css", ".js", ".pagefind")
RECORD_NAME = "build-record.json"
PROJECT = "tei-pipeline.toml"  # the project file, at the top of the payload


def record_bytes(files: dict[str, bytes], corpus_name: str) -> bytes:
    """The build record of `files` (sources/, tei/, html/, epub/, schema/, the corpus)."""
    inputs = sorted(p for p in files if p.startswith(("sources/", "schema/")) or p == PROJECT)
    made = sorted(p for p in files if p not in inputs)
    record = {
        "tool": {"name": "tei-pipeline", "version": __version__},
        "python": platform.python_version(),
        "libraries": {**_versions(), "libxml2": ".".join(map(str, etree.LIBXML_VERSION))},
        "inputs": [_entry(p, files[p]) for p in inputs],
        "outputs": [
            {**_entry(p, files[p]), "made_from": made_from(p, files, corpus_name)} for p in made
        ],
    }
    return json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def made_from(path: str, files: dict[str, bytes], corpus_name: str) -> list[str]:
    """The payload files `path` was made from ([] for files the tool itself supplies)."""
    stem, suffix = PurePosixPath(path).stem, PurePosixPath(path).suffix
    every_tei = sorted(p for p in files if p.startswith("tei/"))
    if path.startswith("tei/"):
        shared = [p for p in files if p.startswith("sources/registers/")]
        shared += [p for p in files if p == PROJECT]
        own = [p for p in (f"sources/{stem}.txt", f"sources/{stem}.toml") if p in files]
        return sorted(own + shared)
    if path.startswith(("html/", "epub/")):
        if suffix in (".html", ".epub") and f"tei/{stem}.xml" in files:
            return [f"tei/{stem}.xml"]
        # a search shard's offline.js and the list of shards come from the texts
        if suffix in TOOL_CODE and not path.endswith(("/offline.js", "/shards.js")):
            return []
        return every_tei  # the corpus-wide pages, the anthology, the search index
    if path == corpus_name:
        return every_tei
    return []


def _entry(path: str, data: bytes) -> dict[str, object]:
    return {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found
