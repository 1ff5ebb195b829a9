"""Incremental builds: what each document was made from, so an unchanged one
is not converted again.

OUTPUT/.tei-pipeline/record.json holds, for the run, one key over everything a
document shares with the others (the pipeline's own code and data, schema
included; the project file; the registers; the --set fields; the build date;
--from) and, per source, a key over that and its text and sidecar, with what
its conversion gave (the TEI file's hash, counts, problems). A source whose key
and TEI file are as recorded is taken from the record. The record also lists
the editions written, so files of a removed text can be removed.

Beside each hash the record keeps its file's STAMP (size, mtime in ns, inode), as
git's index does: a file whose stamp is the one recorded is not read and hashed
again (files.write_atomic leaves a file with the same bytes alone and replaces any
other, so a file written anew has a new inode). At 10,000 documents reading every
source and TEI file was most of a build with nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..checks.lossless import LosslessResult
from ..context import Services
from ..diagnostics import Diagnostic, Location, Reporter
from ..files import sidecar_for, write_atomic
from ..pipeline import Conversion
from ..registers import register_paths
from ..writers.base import as_dict
from .executor import BuildJob, Outcome

RECORD = Path(".tei-pipeline") / "record.json"
RECORD_VERSION = 1
PACKAGE = Path(__file__).resolve().parents[1]


def _digest(parts: list[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:  # length-prefixed, so no two lists of parts hash alike
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def code_digest() -> str:
    """The pipeline's code and data (schema, stylesheets, templates) as one hash:
    a new version, or any edit to it, rebuilds everything."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    parts = [__version__.encode()]
    for path in files:
        parts += [path.relative_to(PACKAGE).as_posix().encode(), path.read_bytes()]
    return _digest(parts)


def run_key(job: BuildJob, services: Services, formats: tuple[str, ...]) -> str:
    """The key of what every document of this run shares."""
    parts = [str(RECORD_VERSION).encode(), code_digest().encode()]
    project = services.project
    if project is not None:
        if project.file.is_file():
            parts.append(project.file.read_bytes())
        for path in register_paths(project.registers_dir):
            parts += [path.name.encode(), path.read_bytes()]
    parts.append(json.dumps(sorted(job.overrides)).encode())
    parts += [(services.build_date or "").encode(), (job.reader or "").encode()]
    parts.append(b"recognition" if job.recognition else b"registers only")
    return _digest(parts)


Stamp = list[Any]  # [size, mtime_ns, inode] of a file, or None where there is none


# A file changed this close to when its stamp is taken may change again within
# the file system's mtime granularity (a second or two on some) and keep its
# size: its stamp is recorded as RACY, which no file's stamp equals (git's
# "racy clean" rule), so it is read and hashed next time.
SETTLED_NS = 3_000_000_000
RACY = [-1]


def stamp(path: Path) -> list[int] | None:
    """The size, mtime (ns) and inode of a file (RACY if changed in the last
    SETTLED_NS); None if there is none or it cannot be read."""
    try:
        found = path.stat()
    except OSError:
        return None
    if time.time_ns() - found.st_mtime_ns < SETTLED_NS:
        return list(RACY)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


@dataclass
class SourceKey:
    """The key of one source and the stamps of its text and sidecar, taken before
    they were read (so an edit made while they are read gives a new stamp)."""

    key: str
    stamps: Stamp


def source_key(run: str, path: Path, previous: Record | None = None) -> SourceKey:
    """The key of one source: the run's key, its text and its sidecar. Taken from
    `previous` (the last build's record), without reading them, when that build
    had the same run key and the text and sidecar have the stamps it recorded."""
    sidecar = sidecar_for(path)
    stamps: Stamp = [stamp(path), stamp(sidecar) if sidecar is not None else None]
    entry = previous.documents.get(path.name) if previous is not None else None
    if (
        entry is not None
        and previous is not None
        and previous.run == run
        and stamps[0] not in (None, RACY)
        and RACY not in stamps
        and entry.source_stamps == stamps
    ):
        return SourceKey(entry.key, stamps)
    side = sidecar.read_bytes() if sidecar is not None and sidecar.is_file() else b"-"
    return SourceKey(_digest([run.encode(), path.name.encode(), path.read_bytes(), side]), stamps)


@dataclass
class Entry:
    """One converted source as recorded."""

    key: str
    tei: str  # the TEI file, relative to the output folder
    tei_sha: str
    doc_id: str
    shown_as: str
    counts: dict[str, int]
    lossless: tuple[bool, int, int]
    diagnostics: list[tuple[str, str, int, int, str]]
    reported: list[tuple[str, str, int, int, str]]
    source_stamps: Stamp = field(default_factory=list)  # of its text and sidecar
    tei_stamp: Stamp = field(default_factory=list)  # of its TEI file, as written


@dataclass
class Record:
    run: str = ""
    documents: dict[str, Entry] = field(default_factory=dict)
    editions: list[str] = field(default_factory=list)  # output-relative paths, last written
    # saved before the editions were all made (an interrupted build, or one still
    # rendering): its TEI entries hold, its editions must be made again
    pending: bool = False


def load(output: Path) -> Record:
    """The record of the last build into `output` (empty if none or unreadable:
    then everything is built)."""
    try:
        data: dict[str, Any] = json.loads((output / RECORD).read_text(encoding="utf-8"))
        if data.get("version") != RECORD_VERSION:
            return Record()
        documents = {name: _entry(value) for name, value in data["documents"].items()}
        pending = bool(data.get("pending", False))
        return Record(data["run"], documents, list(data["editions"]), pending)
    except (OSError, ValueError, KeyError, TypeError):
        return Record()


def _entry(value: dict[str, Any]) -> Entry:
    def rows(key: str) -> list[tuple[str, str, int, int, str]]:
        return [(str(a), str(b), int(c), int(d), str(e)) for a, b, c, d, e in value[key]]

    ok, source_chars, tei_chars = value["lossless"]
    return Entry(
        value["key"],
        value["tei"],
        value["tei_sha"],
        value["doc_id"],
        value["shown_as"],
        {str(k): int(v) for k, v in value["counts"].items()},
        (bool(ok), int(source_chars), int(tei_chars)),
        rows("diagnostics"),
        rows("reported"),
        _stamps(value.get("source_stamps")),
        _stamps(value.get("tei_stamp")),
    )


def _stamps(value: Any) -> Stamp:
    """A recorded stamp (or pair of them) as JSON gave it: lists of ints and None."""

    def one(item: Any) -> Any:
        if item is None:
            return None
        if isinstance(item, list) and all(type(n) is int for n in item):
            return list(item)
        raise ValueError("not a stamp")

    if not isinstance(value, list):
        return []
    if value and all(type(n) is int for n in value):
        return list(value)
    return [one(item) for item in value]


def save(output: Path, record: Record) -> None:
    data = {
        "version": RECORD_VERSION,
        "run": record.run,
        # as_dict: asdict's dict without its deep copy (0.5 s a save at 10,000 documents)
        "documents": {name: as_dict(entry) for name, entry in sorted(record.documents.items())},
        "editions": sorted(record.editions),
    }
    if record.pending:
        data["pending"] = True
    write_atomic(output / RECORD, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


def _row(d: Diagnostic) -> tuple[str, str, int, int, str]:
    return (d.code, d.location.path, d.location.line, d.location.column, d.detail)


def _diagnostic(row: tuple[str, str, int, int, str]) -> Diagnostic:
    code, path, line, column, detail = row
    return Diagnostic(code, Location(path, line, column), detail)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def intact(entry: Entry, output: Path) -> bool:
    """Whether the TEI file of a recorded source still holds what was written: its
    stamp is the one recorded, or else its bytes have the recorded hash."""
    target = output / entry.tei
    if entry.tei_stamp not in ([], RACY) and stamp(target) == entry.tei_stamp:
        return True
    try:
        return sha(target.read_bytes()) == entry.tei_sha
    except OSError:
        return False


def cached(record: Record, name: str, key: SourceKey, output: Path) -> Outcome | None:
    """The outcome recorded for source `name` if its key is the same and its TEI
    file still holds what was written; else None (convert it)."""
    entry = record.documents.get(name)
    if entry is None or entry.key != key.key or not intact(entry, output):
        return None
    entry.source_stamps = key.stamps  # the same bytes, perhaps touched: not hashed again
    entry.tei_stamp = stamp(output / entry.tei) or []
    conversion = Conversion(
        entry.doc_id,
        entry.shown_as,
        b"",  # its file holds it: a build keeps only its hash
        Reporter([_diagnostic(r) for r in entry.diagnostics]),
        LosslessResult(*entry.lossless),
        dict(entry.counts),
        entry.tei_sha,
    )
    reported = frozenset(_diagnostic(r) for r in entry.reported)
    return Outcome(name, conversion, None, False, reported)


def entry_for(outcome: Outcome, key: SourceKey, tei: str, output: Path) -> Entry | None:
    """What to record of a fresh outcome (a failed source is not recorded: it is
    tried again next time)."""
    conversion = outcome.conversion
    if conversion is None or not conversion.ok:
        return None
    result = conversion.lossless
    return Entry(
        key.key,
        tei,
        conversion.tei_sha or sha(conversion.tei),
        conversion.doc_id,
        conversion.shown_as,
        dict(conversion.counts),
        (result.ok, result.source_chars, result.tei_chars),
        [_row(d) for d in conversion.reporter.diagnostics],
        sorted(_row(d) for d in outcome.reported),
        key.stamps,
        stamp(output / tei) or [],
    )
