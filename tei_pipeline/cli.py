"""The command line: click commands only. Options -> pipeline -> print -> exit.

Exit status: 0 when everything converted, 1 when a text could not be converted
or an error was reported, 2 when the command was called wrongly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from lxml import etree

from . import __version__
from .checks.schema import FileReport, validate_file, xml_files
from .commands_suggest import accept, suggest
from .config import field_help
from .diagnostics import Diagnostic, Location, Reporter, Severity
from .errors import PipelineError
from .files import write_atomic
from .pipeline import FORMATS, Conversion, convert_file, editions, find_texts
from .readers.tei import PARSER, read_tei
from .recognition import Recogniser
from .transforms.base import Context
from .writers import WRITERS, writer_for

LEVELS = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
report_level_option = click.option(
    "--report-level",
    type=click.Choice(list(LEVELS)),
    default="warning",
    show_default=True,
    help="Show problems of this severity and worse.",
)
SIDECAR_FIELDS = "\n".join(f"  {name}: {text}" for name, text in field_help())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tei-pipeline")
def main() -> None:
    """Turn plain texts into TEI P5 editions with their provenance, and check them.

    Put each text (UTF-8, .txt) in a sources folder, optionally with a TOML
    sidecar of the same name for what the text does not say (licence,
    publisher, language). `tei-pipeline build` converts them all;
    `tei-pipeline convert` converts one. Run a command with --help for more.
    """


@main.command()
@click.argument("text", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--meta",
    "sidecar",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="TOML sidecar for this text (default: TEXT with .toml, if present).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the TEI here instead of to standard output.",
)
@click.option(
    "--keep-positions",
    is_flag=True,
    help="Keep tp:src source positions on every element (for debugging the converter).",
)
@report_level_option
def convert(
    text: Path, sidecar: Path | None, output: Path | None, keep_positions: bool, report_level: str
) -> None:
    """Convert one plain TEXT to TEI.

    The TEI goes to standard output, or to OUTPUT with -o (written whole or not
    at all). Problems are listed on standard error, one per line, as
    file:line:column: severity code: what is wrong; what to do.
    """
    shown = _shown(text)
    if not text.exists():
        _fail_usage(shown, "no such file")
    conversion = _convert_or_exit(text, shown, sidecar, keep_positions)
    _print_diagnostics([conversion], LEVELS[report_level])
    if not conversion.ok:
        sys.exit(1)
    if output is None:
        click.echo(conversion.tei.decode("utf-8"), nl=False)
    else:
        write_atomic(output, conversion.tei)


@main.command(epilog="\b\nSidecar fields (all optional):\n" + SIDECAR_FIELDS)
@click.argument("sources", default="sources", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results; TEI goes to OUTPUT/tei/<name>.xml.",
)
@report_level_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table.")
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    default=FORMATS,
    show_default=True,
    help="What to make; repeat for several (-f tei -f html). TEI is always made.",
)
@click.option(
    "--no-recognition",
    is_flag=True,
    help="Tag only the names the registers know (no statistical recogniser).",
)
def build(
    sources: Path,
    output: Path,
    report_level: str,
    quiet: bool,
    formats: tuple[str, ...],
    no_recognition: bool,
) -> None:
    """Convert every .txt in SOURCES (default: sources/) into OUTPUT/tei/,
    then make the reading editions from that TEI: a static site in
    OUTPUT/html/ (index, one page per text, names, timeline) and EPUB 3 books
    in OUTPUT/epub/ (one per text and anthology.epub).

    Each text may have a TOML sidecar of the same name (see the fields below).
    A text that cannot be converted, or whose TEI would lose words of the
    source, is reported and its earlier output is left untouched. The exit
    status is 0 only when every text converted.
    """
    if not sources.is_dir():
        _fail_usage(_shown(sources), "no such folder")
    texts = find_texts(sources)
    if not texts:
        _fail_usage(_shown(sources), "the folder holds no .txt files")
    results: list[tuple[str, Conversion | PipelineError, bool]] = []
    recogniser = None if no_recognition else Recogniser()  # one model load for the run
    if quiet:
        results = [_build_one(path, output / "tei", recogniser) for path in texts]
    else:
        with click.progressbar(
            texts,
            label="Converting",
            file=sys.stderr,
            show_pos=True,
            item_show_func=lambda p: p.name if p else "",
        ) as bar:
            results = [_build_one(path, output / "tei", recogniser) for path in bar]
    conversions = [r for _, r, _ in results if isinstance(r, Conversion)]
    good = [c for c in conversions if c.ok]
    written = _write_editions(good, output, formats, quiet, LEVELS[report_level])
    _print_diagnostics(conversions, LEVELS[report_level])
    for _, result, _ in results:
        if isinstance(result, PipelineError):
            click.echo(result.show(), err=True)
    if not quiet:
        _print_summary(results)
        for line in written:
            click.echo(line, err=True)
    failed = sum(1 for _, r, _ in results if not isinstance(r, Conversion) or not r.ok)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("tei_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(sorted(set(WRITERS) - {"tei"})),
    default="html",
    show_default=True,
    help="The kind of reading edition to make.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="html: the folder for the page (default output/html); "
    "epub: the .epub file (default output/epub/NAME.epub).",
)
@report_level_option
def render(tei_file: Path, fmt: str, output: Path | None, report_level: str) -> None:
    """Render one TEI_FILE (ours or any other project's) as a reading edition.

    Elements without a rule still show their text (reported at info level).
    The file is written whole or not at all.
    """
    shown = _shown(tei_file)
    if not tei_file.exists():
        _fail_usage(shown, "no such file")
    try:
        tree = read_tei(tei_file, shown)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    ctx = Context(shown_as=shown, doc_id=tei_file.stem)
    try:
        data = _guarded(lambda: writer_for(fmt).write(tree, ctx), shown)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    assert isinstance(data, bytes)
    if fmt == "html":
        target = (output or Path("output/html")) / f"{tei_file.stem}.html"
    else:
        target = output or Path(f"output/{fmt}") / f"{tei_file.stem}.{fmt}"
    write_atomic(target, data)
    for diagnostic in ctx.reporter.diagnostics:
        if diagnostic.severity >= LEVELS[report_level]:
            click.echo(diagnostic.astext(), err=True)
    click.echo(f"wrote {target}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--tei-all",
    is_flag=True,
    help="Check against the official TEI P5 tei_all instead of the project schema "
    "(first run builds a cache, about 40 s).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per problem; json: a list for programs.",
)
def validate(paths: tuple[Path, ...], tei_all: bool, fmt: str) -> None:
    """Check TEI files (or every .xml in the folders given) against the schema.

    By default the project's schema and rules (schema/): every pointer resolves,
    ids are unique, dates are ISO dates in order, notes are numbered. Any TEI
    may be checked, ours or another project's. Each problem is printed as
    file:line:column: what is wrong. Exit status: 0 all valid, 1 a file is
    invalid, 2 a file could not be read.
    """
    reports: list[FileReport] = []
    try:
        for path in xml_files(paths):
            reports.append(_validate_one(path, tei_all))
    except FileNotFoundError as error:  # the official schema is not installed
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if fmt == "json":
        rows = [d.asdict() for r in reports for d in r.diagnostics]
        summary = {"files": len(reports), "valid": sum(r.valid for r in reports), "problems": rows}
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        for report in reports:
            for diagnostic in report.diagnostics:
                click.echo(diagnostic.astext())
        schema = "official tei_all" if tei_all else "the project schema"
        valid = sum(r.valid for r in reports)
        click.echo(f"{valid} of {len(reports)} files valid against {schema}.", err=True)
    if any(not r.readable for r in reports) or not reports:
        sys.exit(2)
    sys.exit(0 if all(r.valid for r in reports) else 1)


def _validate_one(path: Path, tei_all: bool) -> FileReport:
    try:
        return _guarded(lambda: validate_file(path, _shown(path), tei_all), _shown(path))
    except PipelineError as error:
        return FileReport(_shown(path), [error.diagnostic], readable=False)


def _build_one(
    path: Path, folder: Path, recogniser: Recogniser | None = None
) -> tuple[str, Conversion | PipelineError, bool]:
    try:
        conversion = _guarded(
            lambda: convert_file(path, _shown(path), recogniser=recogniser), _shown(path)
        )
    except PipelineError as error:
        return path.name, error, False
    changed = False
    if conversion.ok:
        target = folder / f"{path.stem}.xml"
        try:
            changed = write_atomic(target, conversion.tei)
        except OSError as exc:
            detail = f"cannot write {target} ({exc.strerror})"
            return (
                path.name,
                PipelineError(Diagnostic("x-002", Location(_shown(path)), detail)),
                False,
            )
    return path.name, conversion, changed


T = TypeVar("T")


def _guarded(work: Callable[[], T], shown: str) -> T:
    """Run work; a bug in the converter becomes one line naming the file, not a traceback."""
    try:
        return work()
    except PipelineError:
        raise
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a message
        detail = f"internal error ({type(exc).__name__}: {exc})"
        raise PipelineError(Diagnostic("x-001", Location(shown), detail)) from exc


main.add_command(suggest)
main.add_command(accept)


def _write_editions(
    good: list[Conversion], output: Path, formats: tuple[str, ...], quiet: bool, level: Severity
) -> list[str]:
    """HTML and EPUB from the TEI just made (re-read from its bytes, as any
    TEI would be); returns the lines that say what was written."""
    wanted = tuple(f for f in formats if f != "tei")
    if not wanted or not good:
        return []
    if not quiet:
        click.echo(f"Rendering {', '.join(wanted)} for {len(good)} texts ...", err=True)
    # parsed with the file's name, so a rendering message points at output/tei/NAME.xml:line
    documents = []
    for c in good:
        where = str(output / "tei" / f"{Path(c.shown_as).stem}.xml")
        documents.append(
            (c.doc_id, etree.ElementTree(etree.fromstring(c.tei, PARSER, base_url=where)))
        )
    reporter = Reporter()
    files = editions(documents, wanted, reporter)
    changed = sum(write_atomic(output / path, data) for path, data in files.items())
    for diagnostic in reporter.diagnostics:
        if diagnostic.severity >= level:
            click.echo(diagnostic.astext(), err=True)
    pages = sum(1 for p in files if p.startswith("html/") and p.endswith(".html"))
    books = sum(1 for p in files if p.endswith(".epub"))
    return [
        f"HTML: {pages} pages in {output / 'html'}; EPUB: {books} books in {output / 'epub'}; "
        f"{changed} files changed."
    ]


SUMMARY_COLUMNS = (
    ("paragraphs", "paras"),
    ("notes", "notes"),
    ("quotations", "cits"),
    ("editions", "eds"),
    ("names", "names"),
    ("dates", "dates"),
)


def _print_summary(results: list[tuple[str, Conversion | PipelineError, bool]]) -> None:
    """One row per text: what its TEI holds, whether every word arrived, what was written."""
    heads = " ".join(f"{label:>5}" for _, label in SUMMARY_COLUMNS)
    header = f"{'text':<55} {heads} {'lossless':>8}  result"
    click.echo(header, err=True)
    click.echo("-" * len(header), err=True)
    for name, result, changed in results:
        if isinstance(result, PipelineError):
            click.echo(f"{name:<55} {'':>{6 * len(SUMMARY_COLUMNS) - 1}} {'':>8}  FAILED", err=True)
            continue
        cells = " ".join(f"{result.counts.get(key, 0):>5}" for key, _ in SUMMARY_COLUMNS)
        status = ("written" if changed else "unchanged") if result.ok else "FAILED"
        lossless = "ok" if result.lossless.ok else "LOST"
        click.echo(f"{name:<55} {cells} {lossless:>8}  {status}", err=True)
    good = sum(1 for _, r, _ in results if isinstance(r, Conversion) and r.ok)
    click.echo(f"{good} of {len(results)} texts converted.", err=True)


def _print_diagnostics(conversions: list[Conversion], level: Severity) -> None:
    for conversion in conversions:
        for diagnostic in conversion.reporter.diagnostics:
            if diagnostic.severity >= level:
                click.echo(diagnostic.astext(), err=True)


def _convert_or_exit(text: Path, shown: str, sidecar: Path | None, keep: bool) -> Conversion:
    try:
        return _guarded(
            lambda: convert_file(
                text, shown, sidecar, keep_positions=keep, recogniser=Recogniser()
            ),
            shown,
        )
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)


def _fail_usage(shown: str, detail: str) -> None:
    click.echo(Diagnostic("r-004", Location(shown), detail).astext(), err=True)
    sys.exit(2)


def _shown(path: Path) -> str:
    """The path as the user would recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
