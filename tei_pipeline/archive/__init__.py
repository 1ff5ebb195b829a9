"""Archival packages of a build: a BagIt bag an archive can ingest and check for fixity.

Input: a build's output folder, its sources and the project schema. Output: a bag
whose data/ holds

    tei-pipeline.toml   the project file (if any), so data/ builds again as it is
    sources/            the texts, sidecars and registers, as given
    tei/                the TEI of each text;  corpus.xml  all of them in one teiCorpus
    schema/             the project schema: ODD, XSD, Schematron
    html/  epub/        the site and the books
    build-record.json   versions, each input's sha256, what was made from what

`make_archive` gathers (payload.py), adds the corpus (corpus.py) and the record
(record.py), and writes the bag (bag.py); `check_bag` verifies one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..diagnostics import Diagnostic, Location
from ..errors import UsageError
from .bag import Finding, check_bag, is_bag, write_bag
from .corpus import CorpusHeader, corpus_bytes
from .payload import Payload, gather
from .record import RECORD_NAME, record_bytes

CORPUS_NAME = "corpus.xml"
TOOL = f"tei-pipeline {__version__}"

__all__ = ["ArchiveRequest", "Finding", "check_bag", "make_archive"]


@dataclass(frozen=True)
class ArchiveRequest:
    """Where the archive's parts are, and how the user named each (for messages)."""

    output: Path
    sources: Path
    schema: list[Path]
    bag: Path
    shown: dict[Path, str]


def make_archive(request: ArchiveRequest) -> Payload:
    """Write the bag of `request.output`; returns what went in. Raises UsageError for a
    target that is not a bag and not empty, or that lies inside what is archived."""
    payload = gather(request.output, request.sources, request.schema, request.shown)
    _check_target(request)
    count = len(payload.under("tei"))
    title = payload.name or f"TEI editions of {count} texts"
    header = CorpusHeader(title, payload.publisher, payload.date, TOOL)
    tei_files = {p.removeprefix("tei/"): d for p, d in payload.under("tei").items()}
    payload.add(CORPUS_NAME, corpus_bytes(tei_files, header))
    payload.add(RECORD_NAME, record_bytes(payload.files, CORPUS_NAME))
    write_bag(request.bag, dict(sorted(payload.files.items())), _bag_info(payload, count))
    return payload


def _bag_info(payload: Payload, count: int) -> dict[str, str]:
    # RFC 8493 2.2.2 reserved fields; Payload-Oxum is bagit's, Bag-Size write_bag's
    what = (
        f"{count} texts as TEI P5 with their sources, a teiCorpus of them all, the "
        f"project schema, the HTML site, the EPUB books and a build record ({RECORD_NAME})"
    )
    info = {
        "External-Description": f"{payload.name}: {what}" if payload.name else what,
        "Bagging-Date": payload.date,
        "Bag-Software-Agent": f"{TOOL} with bagit.py {metadata.version('bagit')}",
    }
    if payload.publisher:
        info["Source-Organization"] = payload.publisher
    return info


def _check_target(request: ArchiveRequest) -> None:
    bag, shown = request.bag.resolve(), request.shown[request.bag]
    for folder in (request.output, request.sources):
        if bag == folder.resolve() or folder.resolve() in bag.parents:
            raise UsageError(
                Diagnostic(
                    "a-002", Location(shown), f"the bag would lie inside {request.shown[folder]}"
                )
            )
    if bag.exists() and not (bag.is_dir() and (is_bag(bag) or not any(bag.iterdir()))):
        raise UsageError(Diagnostic("a-002", Location(shown)))
