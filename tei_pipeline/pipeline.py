"""The whole run at a glance, for every command (docutils' Publisher):

    source --reader--> TEI tree --transforms--> lossless check --> validate --> TEI bytes
    TEI trees --WRITERS--> one edition per document, --CORPUS_WRITERS--> the corpus's

The reader comes from READERS by name (`--from`) or by the file's suffix; the
transforms are transforms.DEFAULT_TRANSFORMS (if the reader takes them) plus the
reader's own, in priority order. Every stage reports through one Reporter;
only the CLI prints. build and render write through files.write_atomic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from lxml import etree

from .checks import lossless
from .checks.schema import validate_in_pipeline
from .config import Sidecar, load_sidecar
from .context import Services
from .diagnostics import Diagnostic, Location, Reporter
from .errors import PipelineError
from .files import (
    document_id,
    first_control_character,
    read_source_text,
    sidecar_for,
    write_atomic,
)
from .project import settings_for
from .readers import READERS, Reader, reader_for_suffix
from .readers.plaintext.lines import replace_control_characters
from .readers.tei import parse_tei, read_bytes
from .tei.ns import XPATH_NS
from .transforms import DEFAULT_TRANSFORMS, ordered
from .transforms.base import Context
from .transforms.recognised_names import RecognisedNamesTransform
from .transforms.strip_internal import strip_internal
from .writers import CORPUS_WRITERS, WRITERS, Corpus, writer_for

# The statistical name recogniser is run on texts up to this size (README, Limits):
# it costs about 35 s of CPU and 360 MB per MB of text on a 2-core machine, so a
# bigger text would run for minutes; its registered names are still tagged.
MAX_RECOGNISED_CHARS = 2_000_000
DEFAULT_READER = "plaintext"  # a file whose suffix no reader claims, as before readers had suffixes
FORMATS = ("tei", *CORPUS_WRITERS)  # build -f: the TEI, then each corpus writer


@dataclass
class Conversion:
    """The result of converting one text: the TEI bytes and what was reported."""

    doc_id: str
    shown_as: str
    tei: bytes
    reporter: Reporter
    lossless: lossless.LosslessResult
    counts: dict[str, int] = field(default_factory=dict)
    # a build keeps the hash of the TEI it wrote, not its bytes (memory flat in
    # the corpus's size); then `tei` is b""
    tei_sha: str = ""

    @property
    def ok(self) -> bool:
        return self.lossless.ok and not self.reporter.has_errors


def choose_reader(path: Path, name: str | None = None) -> Reader:
    """The reader named (`--from`), else the one for the file's suffix, else plain text."""
    if name is not None:
        return READERS[name]()
    return (reader_for_suffix(path.suffix) or READERS[DEFAULT_READER])()


def convert_file(
    path: Path,
    shown_as: str,
    sidecar_path: Path | None = None,
    keep_positions: bool = False,
    reader: str | None = None,
    validate: bool = True,
    services: Services | None = None,
) -> Conversion:
    """Convert one source (and its sidecar, if any) to TEI, with the run's
    services (by default those of the project the source is in). Raises
    PipelineError for input that cannot be converted at all."""
    services = services or Services.for_path(path)
    chosen = choose_reader(path, reader)
    ctx = _context(path, shown_as, chosen, sidecar_path, services)
    if chosen.sidecar:  # a plain text takes its publication from a project
        services.report_outside_project(ctx.reporter, shown_as, path.resolve().parent)
    return _stages(chosen, ctx, keep_positions, validate)


def convert_text(text: str, ctx: Context, keep_positions: bool = False) -> Conversion:
    """Convert a plain text already read (tests, tools) to TEI."""
    return run(READERS[DEFAULT_READER](), text, ctx, keep_positions)


def run(
    reader: Reader, text: str, ctx: Context, keep_positions: bool = False, validate: bool = True
) -> Conversion:
    """One document through the stages: read, transform, check, validate, and
    the TEI written by WRITERS["tei"]."""
    ctx.source_text = text
    return _stages(reader, ctx, keep_positions, validate)


def _stages(reader: Reader, ctx: Context, keep_positions: bool, validate: bool) -> Conversion:
    """run's stages, on the source held by ctx, which lets it go once it is
    checked (so that a big text is not held beside its tree and its TEI bytes)."""
    text = ctx.source_text
    if (where := first_control_character(text, ctx.shown_as)) is not None:
        ctx.reporter.report("r-003", where)
        ctx.source_text = text = replace_control_characters(text)
    document = reader.read(text, ctx)
    skipped = ctx.skip_transforms | _too_large_to_recognise(text, ctx)
    transforms = (DEFAULT_TRANSFORMS if reader.default_transforms else ()) + document.transforms
    for transform in ordered(transforms):
        if transform.name not in skipped:
            transform().apply(document.tree, ctx)
    if document.lossless_check:
        result = lossless.check(text, document.tree, ctx.shown_as)
        if not result.ok and result.first_difference is not None:
            ctx.reporter.report("v-100", result.first_difference, result.detail)
    else:  # the reader's tree is the source's own (readers/tei.py)
        result = lossless.LosslessResult(True, 0, 0)
    del text
    ctx.source_text, ctx.source_bytes = "", b""  # read, transformed and checked
    if validate:
        validate_in_pipeline(document.tree, ctx)  # never write what the schema rejects
    counts = count_features(document.tree)
    if not keep_positions:
        strip_internal(document.tree)
    tei = WRITERS["tei"]().write(document.tree, ctx)
    return Conversion(ctx.doc_id, ctx.shown_as, tei, ctx.reporter, result, counts)


def _too_large_to_recognise(text: str, ctx: Context) -> frozenset[str]:
    """The recogniser's transform, when the text is too large for it (p-103):
    it takes some 35 s of CPU and 360 MB per MB of text (README, Limits)."""
    if ctx.services.recogniser is None or len(text) <= MAX_RECOGNISED_CHARS:
        return frozenset()
    detail = (
        f"the text has {len(text) / 1e6:.1f} million characters, more than the "
        f"{MAX_RECOGNISED_CHARS / 1e6:.0f} million the name recogniser is run on"
    )
    ctx.reporter.report("p-103", Location(ctx.shown_as), detail)
    return frozenset({RecognisedNamesTransform.name})


def enrich_file(
    path: Path, shown_as: str, before: int, services: Services
) -> tuple[etree._ElementTree, str]:
    """A plain text read and enriched by the transforms of priority below `before`,
    positions kept, nothing checked (`suggest` looks at this); and its text."""
    reader = READERS[DEFAULT_READER]()
    ctx = _context(path, shown_as, reader, None, services)
    document = reader.read(ctx.source_text, ctx)
    for transform in ordered(DEFAULT_TRANSFORMS + document.transforms):
        if transform.priority < before:
            transform().apply(document.tree, ctx)
    return document.tree, ctx.source_text


def _context(
    path: Path,
    shown_as: str,
    reader: Reader,
    sidecar_path: Path | None = None,
    services: Services | None = None,
) -> Context:
    services = services or Services()
    notice = None
    if reader.sidecar:
        data, text, notice = read_source_text(path, shown_as)
    else:
        data, text = read_bytes(path, shown_as), ""
    sidecar_path = sidecar_path or (sidecar_for(path) if reader.sidecar else None)
    sidecar = (
        load_sidecar(sidecar_path, str(Path(shown_as).with_name(sidecar_path.name)))
        if sidecar_path
        else Sidecar()
    )
    ctx = Context(
        shown_as=shown_as,
        sidecar=settings_for(services.project, sidecar, services.overrides),
        # a plain text's bytes serve only its header's sha256: not kept beside the text
        source_bytes=b"" if reader.sidecar else data,
        source_sha256=hashlib.sha256(data).hexdigest() if reader.sidecar else "",
        source_text=text,
        doc_id=document_id(path.stem),
        services=services,
    )
    del data
    if notice is not None:  # read, but not as UTF-8: say how
        ctx.reporter.report(notice.code, notice.location, notice.detail)
    return ctx


# --- the editions ------------------------------------------------------------------------


def editions(
    documents: list[tuple[str, etree._ElementTree]], formats: Iterable[str], reporter: Reporter
) -> dict[str, bytes]:
    """The corpus editions of converted documents, as output-relative paths ->
    bytes, one folder per format (html/: the site; epub/: one book per document
    and the anthology), from the TEI alone. The corpus writers share one
    rendering of each document (writers.base.Corpus)."""
    files: dict[str, bytes] = {}
    if not documents:
        return files
    corpus = Corpus(documents)
    ctx = Context(shown_as="corpus", doc_id="corpus", reporter=reporter)
    for name in formats:
        if name in CORPUS_WRITERS:
            for path, data in CORPUS_WRITERS[name]().write_corpus(corpus, ctx).items():
                files[f"{name}/{path}"] = data
    return files


@dataclass
class Built:
    """One source of a build: its conversion (or why it failed) and whether its
    TEI file changed."""

    name: str
    result: Conversion | PipelineError
    changed: bool = False


def build_one(
    path: Path,
    folder: Path,
    services: Services,
    reader: str | None = None,
    shown: str | None = None,
) -> Built:
    """Convert one source and write its TEI to folder/<stem>.xml (only when it
    converted; a failed text keeps its earlier output). `shown`: the path as the
    user named it (default: relative to this process's working folder)."""
    shown = shown or shown_path(path)
    try:
        conversion = guarded(
            lambda: convert_file(path, shown, reader=reader, services=services), shown
        )
    except PipelineError as error:
        return Built(path.name, error)
    changed = False
    if conversion.ok:
        target = folder / f"{path.stem}.xml"
        try:
            changed = write_atomic(target, conversion.tei)
        except OSError as exc:
            detail = f"cannot write {target} ({exc.strerror})"
            return Built(path.name, PipelineError(Diagnostic("x-002", Location(shown), detail)))
    return Built(path.name, conversion, changed)


@dataclass
class Published:
    """The corpus editions written (output-relative paths), how many files
    changed, what the writers reported, and how many documents were rendered
    again (the others' editions were kept: runner/editions.py)."""

    files: list[str]
    changed: int
    reporter: Reporter
    rendered: int = 0


def render_file(path: Path, shown_as: str, fmt: str) -> tuple[bytes, Reporter]:
    """One TEI file (any project's, whatever its suffix) as the edition `fmt`:
    read by the TEI reader (which runs no transforms), not validated (a reading
    edition of whatever the file holds), written by WRITERS[fmt]."""
    chosen = READERS["tei"]()
    ctx = _context(path, shown_as, chosen)
    document = chosen.read(ctx.source_text, ctx)
    data = writer_for(fmt).write(document.tree, ctx)
    assert isinstance(data, bytes), f"{fmt} writes one file"
    return data, ctx.reporter


def reread(conversion: Conversion, where: str) -> etree._ElementTree:
    """The TEI just made, parsed from its bytes as any TEI would be, with the file's
    name, so a rendering message points at output/tei/NAME.xml:line."""
    return parse_tei(conversion.tei, conversion.shown_as, where)


def count_features(doc: etree._ElementTree) -> dict[str, int]:
    """What the summary table shows for each document."""

    def count(xpath: str) -> int:
        return int(cast(float, doc.xpath(f"count({xpath})", namespaces=XPATH_NS)))

    return {
        "paragraphs": count("//tei:text//tei:p"),
        "notes": count("//tei:text//tei:note[@place='foot']"),
        "quotations": count("//tei:text//tei:cit"),
        "editions": count("//tei:sourceDesc/tei:listBibl/tei:bibl"),
        "names": count(
            "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
        ),
        "dates": count("//tei:text//tei:date[@when or @from or @notBefore]"),
    }


def find_texts(folder: Path) -> list[Path]:
    """The plain texts of a sources folder, in a stable order."""
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def find_sources(folder: Path, reader: str | None = None) -> list[Path]:
    """The sources of a folder, in a stable order: every file a reader claims by
    its suffix (.txt, .xml); with `reader` (`--from`), also every other file but
    sidecars (.toml) and hidden files, to be read by that reader."""
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if reader_for_suffix(path.suffix) is not None:
            found.append(path)
        elif reader is not None and path.suffix.lower() != ".toml":
            found.append(path)
    return found


T = TypeVar("T")


def guarded(work: Callable[[], T], shown: str) -> T:
    """Run work; a bug in the converter becomes one line naming the file, not a traceback."""
    try:
        return work()
    except PipelineError:
        raise
    except ModuleNotFoundError as exc:  # an installation left half done, not a bug to report
        detail = f"the package {exc.name!r} cannot be imported"
        raise PipelineError(Diagnostic("x-007", Location(shown), detail)) from exc
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a message
        detail = f"internal error ({type(exc).__name__}: {exc})"
        raise PipelineError(Diagnostic("x-001", Location(shown), detail)) from exc


def shown_path(path: Path) -> str:
    """The path as the user would recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside, unreadable, or a symlink loop
        return str(path)


__all__ = ["FORMATS", "WRITERS", "Conversion", "convert_file", "editions", "run"]
