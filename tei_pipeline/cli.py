"""The command line: click commands only. Options -> pipeline -> print -> exit.

Exit status: 0 when everything converted, 1 when a text could not be converted
or an error was reported, 2 when the command was called wrongly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .checks.schema import FileReport, validate_file, xml_files
from .commands_init import init
from .commands_suggest import suggest
from .config import field_help
from .context import Services
from .diagnostics import Diagnostic, Location, Severity
from .errors import PipelineError
from .files import write_atomic
from .pipeline import (
    FORMATS,
    Built,
    Conversion,
    Published,
    convert_file,
    find_sources,
    guarded,
    render_file,
    shown_path,
)
from .project import find_project_file, parse_overrides
from .readers import READERS
from .runner.build import SourcesRun, convert_sources, editions_current, publish_changed
from .runner.executor import BuildJob, Progress, default_jobs
from .runner.incremental import save as save_record
from .writers import WRITERS

LEVELS = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
report_level_option = click.option(
    "--report-level",
    type=click.Choice(list(LEVELS)),
    default="warning",
    show_default=True,
    help="Show problems of this severity and worse.",
)
from_option = click.option(
    "--from",
    "reader",
    type=click.Choice(sorted(READERS)),
    help="Read the input as this format where its extension does not say "
    "(.txt is plaintext, .xml is tei).",
)
set_option = click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Set a shared field (publisher, licence, licence_url, language, edition_statement) "
    "for this run; it wins over the sidecars and the project file. Repeatable.",
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
@from_option
@report_level_option
@set_option
def convert(
    text: Path,
    sidecar: Path | None,
    output: Path | None,
    keep_positions: bool,
    reader: str | None,
    report_level: str,
    overrides: tuple[str, ...],
) -> None:
    """Convert one plain TEXT to TEI.

    The TEI goes to standard output, or to OUTPUT with -o (written whole or not
    at all). Problems are listed on standard error, one per line, as
    file:line:column: severity code: what is wrong; what to do.
    """
    shown = _shown(text)
    if not text.exists():
        _fail_usage(shown, "no such file")
    conversion = _convert_or_exit(text, shown, sidecar, keep_positions, reader, overrides)
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
@from_option
@set_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=default_jobs(),
    show_default="the machine's cores",
    help="Convert this many texts at once, each in its own process.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Convert and render every text again, even those unchanged since the last build.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Convert on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
    "its workers must see SOURCES and OUTPUT at the same paths.",
)
def build(
    sources: Path,
    output: Path,
    report_level: str,
    quiet: bool,
    formats: tuple[str, ...],
    reader: str | None,
    overrides: tuple[str, ...],
    jobs: int,
    force: bool,
    scheduler: str | None,
) -> None:
    """Convert every .txt in SOURCES (default: sources/) into OUTPUT/tei/,
    then make the reading editions from that TEI: a static site in
    OUTPUT/html/ (index, one page per text, names, timeline) and EPUB 3 books
    in OUTPUT/epub/ (one per text and anthology.epub).

    Each text may have a TOML sidecar of the same name (see the fields below).
    A text that cannot be converted, or whose TEI would lose words of the
    source, is reported and its earlier output is left untouched. The exit
    status is 0 only when every text converted.

    A text whose inputs (text, sidecar, project file, registers, the pipeline
    itself) are as at the last build into OUTPUT is not converted again (the
    record is OUTPUT/.tei-pipeline/record.json); --force converts everything.
    The outputs of a text removed from SOURCES are removed.
    """
    if not sources.is_dir():
        _fail_usage(_shown(sources), "no such folder")
    texts = find_sources(sources, reader)
    if not texts:
        _fail_usage(_shown(sources), "the folder holds no .txt files")
    folder = output / "tei"
    # one project, its registers, for the whole run
    services = _services_or_exit(sources, overrides)
    job = BuildJob(
        sources, folder, reader, _shown_project(sources), tuple(parse_overrides(overrides).items())
    )
    wanted = tuple(f for f in formats if f != "tei")

    def convert(tick: Progress | None) -> SourcesRun:
        return convert_sources(texts, output, job, services, wanted, jobs, scheduler, force, tick)

    try:
        if quiet:
            run = convert(None)
        else:
            with click.progressbar(
                length=len(texts),
                label="Converting",
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda name: name or "",
            ) as bar:
                run = convert(lambda path: bar.update(1, path.name))
    except PipelineError as error:  # the cluster cannot be reached
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    results = run.results
    conversions = [r.result for r in results if isinstance(r.result, Conversion)]
    good = [c for c in conversions if c.ok]
    written: list[str] = []
    if wanted and good and editions_current(output, wanted, run):
        written = ["Editions: no text changed since the last build; 0 files changed."]
    elif wanted and good:
        if not quiet:
            click.echo(f"Rendering {', '.join(wanted)} for {len(good)} texts ...", err=True)
        published = publish_changed(good, output, wanted, run)
        _print_levelled(published.reporter.diagnostics, LEVELS[report_level])
        written = _written(published, output)
    save_record(output, run.record)
    _print_diagnostics(conversions, LEVELS[report_level])
    for built in results:
        if isinstance(built.result, PipelineError):
            click.echo(built.result.show(), err=True)
    if not quiet:
        _print_summary(results)
        for name in run.removed:
            click.echo(f"{name}: no longer in {sources}; its TEI and editions removed.", err=True)
        for line in written:
            click.echo(line, err=True)
    failed = sum(1 for r in results if not isinstance(r.result, Conversion) or not r.result.ok)
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
        data, reporter = guarded(lambda: render_file(tei_file, shown, fmt), shown)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    if fmt == "html":
        target = (output or Path("output/html")) / f"{tei_file.stem}.html"
    else:
        target = output or Path(f"output/{fmt}") / f"{tei_file.stem}.{fmt}"
    write_atomic(target, data)
    _print_levelled(reporter.diagnostics, LEVELS[report_level])
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
        return guarded(lambda: validate_file(path, _shown(path), tei_all), _shown(path))
    except PipelineError as error:
        return FileReport(_shown(path), [error.diagnostic], readable=False)


main.add_command(suggest)
main.add_command(init)


def _written(published: Published, output: Path) -> list[str]:
    """The line that says what the editions wrote."""
    files = published.files
    pages = sum(1 for p in files if p.startswith("html/") and p.endswith(".html"))
    books = sum(1 for p in files if p.endswith(".epub"))
    return [
        f"HTML: {pages} pages in {output / 'html'}; EPUB: {books} books in {output / 'epub'}; "
        f"{published.changed} files changed."
    ]


SUMMARY_COLUMNS = (
    ("paragraphs", "paras"),
    ("notes", "notes"),
    ("quotations", "cits"),
    ("editions", "eds"),
    ("names", "names"),
    ("dates", "dates"),
)


def _print_summary(results: list[Built]) -> None:
    """One row per text: what its TEI holds, whether every word arrived, what was written."""
    heads = " ".join(f"{label:>5}" for _, label in SUMMARY_COLUMNS)
    header = f"{'text':<55} {heads} {'lossless':>8}  result"
    click.echo(header, err=True)
    click.echo("-" * len(header), err=True)
    for built in results:
        name, result, changed = built.name, built.result, built.changed
        if isinstance(result, PipelineError):
            click.echo(f"{name:<55} {'':>{6 * len(SUMMARY_COLUMNS) - 1}} {'':>8}  FAILED", err=True)
            continue
        cells = " ".join(f"{result.counts.get(key, 0):>5}" for key, _ in SUMMARY_COLUMNS)
        status = ("written" if changed else "unchanged") if result.ok else "FAILED"
        lossless = "ok" if result.lossless.ok else "LOST"
        click.echo(f"{name:<55} {cells} {lossless:>8}  {status}", err=True)
    good = sum(1 for r in results if isinstance(r.result, Conversion) and r.result.ok)
    click.echo(f"{good} of {len(results)} texts converted.", err=True)


def _print_diagnostics(conversions: list[Conversion], level: Severity) -> None:
    for conversion in conversions:
        _print_levelled(conversion.reporter.diagnostics, level)


def _print_levelled(diagnostics: list[Diagnostic], level: Severity) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity >= level:
            click.echo(diagnostic.astext(), err=True)


def _services_or_exit(sources: Path, overrides: tuple[str, ...]) -> Services:
    try:
        return Services.for_path(sources, _shown_project(sources), parse_overrides(overrides))
    except PipelineError as error:  # a wrong tei-pipeline.toml: nothing can be built
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)


def _shown_project(start: Path) -> str | None:
    found = find_project_file(start)
    return _shown(found) if found else None


def _convert_or_exit(
    text: Path,
    shown: str,
    sidecar: Path | None,
    keep: bool,
    reader: str | None,
    overrides: tuple[str, ...],
) -> Conversion:
    try:
        services = Services.for_path(text, _shown_project(text), parse_overrides(overrides))
        return guarded(
            lambda: convert_file(
                text, shown, sidecar, keep_positions=keep, reader=reader, services=services
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
    return shown_path(path)
