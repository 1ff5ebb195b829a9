"""What goes into an archive: the files of a build and its sources, read and checked.

Input: the build's output folder (tei/, html/, epub/), the sources folder (texts,
sidecars, registers/), the project file found at or above it (tei-pipeline.toml,
kept as data/tei-pipeline.toml beside data/sources/, so data/ is a project that
builds again) and the schema folders (the package's XSD and Schematron, the
repository's ODD).
Output: a `Payload`, every file as bag-relative path -> bytes, in path order, with
what the bag-info and the corpus header need (project name, publisher, date).
Nothing is written here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, Location
from ..errors import PipelineError, UsageError
from ..project import PROJECT_FILE, Project, find_project
from ..readers.tei import PARSER
from ..tei.ns import xpath_elements
from ..tei.positions import source_line
from ..writers.epub.metadata import modified

# the folders of a build an archive keeps; anything else in OUTPUT (screenshots) is not an edition
BUILD_FOLDERS = ("tei", "html", "epub")
SCHEMA_SUFFIXES = (".odd", ".xsd", ".sch", ".rng")


@dataclass
class Payload:
    """The files of the bag under data/, and what is known about the project."""

    files: dict[str, bytes] = field(default_factory=dict)
    name: str | None = None
    publisher: str | None = None
    date: str = "1980-01-01"

    def add(self, path: str, data: bytes) -> None:
        self.files[path] = data

    def under(self, folder: str) -> dict[str, bytes]:
        return {p: d for p, d in sorted(self.files.items()) if p.startswith(folder + "/")}


def gather(output: Path, sources: Path, schema: list[Path], shown: dict[Path, str]) -> Payload:
    """Read every file the archive keeps. `shown` gives each folder as the user named it."""
    tei_folder = output / "tei"
    if not output.is_dir() or not tei_folder.is_dir():
        raise UsageError(
            Diagnostic(
                "a-001", Location(shown[output]), "this folder holds no tei/ folder of a build"
            )
        )
    if not sources.is_dir():
        raise UsageError(Diagnostic("a-001", Location(shown[sources]), "no such sources folder"))
    payload = Payload()
    for folder in BUILD_FOLDERS:
        _add_tree(payload, output / folder, folder)
    _add_tree(payload, sources, "sources")
    if not payload.under("tei"):
        raise UsageError(Diagnostic("a-001", Location(shown[output]), "tei/ holds no TEI files"))
    for schema_folder in schema:
        found = sorted(schema_folder.iterdir()) if schema_folder.is_dir() else []
        for path in found:
            if path.suffix in SCHEMA_SUFFIXES:
                payload.add(f"schema/{path.name}", path.read_bytes())
    project = find_project(sources)  # a wrong project file: one line, c-006/c-007
    if project is not None:
        payload.add(PROJECT_FILE, project.file.read_bytes())
    headers = _tei_headers(payload, shown[output])
    payload.name, payload.publisher = _names(project, headers)
    payload.date = bagging_date(headers)
    return payload


def _add_tree(payload: Payload, folder: Path, prefix: str) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        # hidden files are editors' and tools' leftovers (a half-written .x.tmp), not the work
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            try:
                payload.add(f"{prefix}/{relative.as_posix()}", path.read_bytes())
            except OSError as exc:
                raise PipelineError(
                    Diagnostic(
                        "r-004", Location(str(path)), f"cannot read the file ({exc.strerror})"
                    )
                ) from None


def _tei_headers(payload: Payload, shown_output: str) -> list[etree._Element]:
    headers = []
    for path, data in payload.under("tei").items():
        where = f"{shown_output}/{path}"
        try:
            root = etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            line, column = exc.position
            location = Location(where, line, column)
            raise PipelineError(Diagnostic("r-005", location, exc.msg)) from None
        header = xpath_elements(root, "/tei:TEI/tei:teiHeader")
        if not header:
            raise PipelineError(Diagnostic("r-006", Location(where)))
        headers.append(header[0])
        _check_fresh(payload, header[0], where)
    return headers


def _check_fresh(payload: Payload, header: etree._Element, where: str) -> None:
    """The TEI names the sha256 of the text it was made from: an archive whose TEI was made
    from another version of its source would not show what was made from what."""
    for idno in xpath_elements(
        header, ".//tei:sourceDesc/tei:bibl[@type='digitalSource']/tei:idno[@type='sha256']"
    ):
        title = xpath_elements(idno, "../tei:title")
        source = f"sources/{(title[0].text or '').strip()}" if title else ""
        if source not in payload.files:
            raise PipelineError(
                Diagnostic(
                    "a-006",
                    Location(where, source_line(idno) or 0),
                    f"its source {source or '(unnamed)'} is not in the sources folder",
                )
            )
        if hashlib.sha256(payload.files[source]).hexdigest() != (idno.text or "").strip():
            raise PipelineError(
                Diagnostic(
                    "a-006",
                    Location(where, source_line(idno) or 0),
                    f"it was made from another version of {source}",
                )
            )


def _names(project: Project | None, headers: list[etree._Element]) -> tuple[str | None, str | None]:
    """The project's name and publisher: from the project file when there is one, else the
    publisher all the TEI headers name (if they agree); the name is then unknown."""
    name = project.settings.name if project is not None else None
    publisher = project.settings.publisher if project is not None else None
    if publisher is None:
        named = {
            " ".join("".join(str(t) for t in p.itertext()).split())
            for h in headers
            for p in xpath_elements(h, "tei:fileDesc/tei:publicationStmt/tei:publisher")
        }
        publisher = named.pop() if len(named) == 1 else None
    return name, publisher


def bagging_date(headers: list[etree._Element]) -> str:
    """Bagging-Date (RFC 8493 2.2.2): SOURCE_DATE_EPOCH when set, else the latest date
    the TEI headers give (as the EPUB's dcterms:modified), never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")
    return modified(list(headers))[:10]
