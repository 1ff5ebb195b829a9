"""The command line: click commands only. Options -> pipeline -> print -> exit.

Exit status: 0 when everything converted, 1 when a text could not be converted
or an error was reported, 2 when the command was called wrongly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .cli_output import print_diagnostics, print_levelled, print_summary, written_lines
from .commands_archive import archive
from .commands_init import init
from .commands_suggest import accept, suggest
from .commands_validate import validate
from .config import field_help
from .context import Services
from .diagnostics import Diagnostic, Location, Severity
from .errors import PipelineError
from .files import write_atomic
from .pipeline import (
    FORMATS,
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
from .recognition import Recogniser
from .runner.build import SourcesRun, convert_sources, editions_current, publish_changed
from .runner.executor import BuildJob, Progress, default_jobs
from .runner.incremental import save as save_record
from .safety import colliding_sources, overwritten_input, sweep_temporaries
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


class Commands(click.Group):
    """The command group; Ctrl-C ends a command with exit status 130 (128 + SIGINT,
    as shells do), not 1, which means a text failed."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(
                "interrupted: files written so far are complete (each is written whole or "
                "not at all); run the command again to finish",
                err=True,
            )
            raise click.exceptions.Exit(130) from None


@click.group(
    cls=Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="tei-pipeline")
def main() -> None:
    """Turn plain texts into TEI P5 editions with their provenance, and check them.

    Put each text (UTF-8, .txt) in a sources folder, optionally with a TOML
    sidecar of the same name for what the text does not say (licence,
    publisher, language). `tei-pipeline build` converts them all;
    `tei-pipeline convert` converts one. Run a command with --help for more.
    """


@main.command(short_help="Convert one plain text to TEI.")
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
    shown = shown_path(text)
    if not text.exists():
        _fail_usage(shown, "no such file")
    if output is not None:
        _refuse_overwriting(output, [text, sidecar or text.with_suffix(".toml")])
    conversion = _convert_or_exit(text, shown, sidecar, keep_positions, reader, overrides)
    print_diagnostics([conversion], LEVELS[report_level])
    if not conversion.ok:
        sys.exit(1)
    if output is None:
        click.echo(conversion.tei, nl=False)  # the bytes: no decoded copy of a big TEI
    else:
        _write_or_exit(output, conversion.tei, shown)


@main.command(
    short_help="Convert every text in SOURCES; make the HTML site and EPUB books.",
    epilog="\b\nSidecar fields (all optional):\n" + SIDECAR_FIELDS,
)
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
    "--no-recognition",
    is_flag=True,
    help="Tag only the names the registers know (no statistical recogniser).",
)
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
    no_recognition: bool,
    jobs: int,
    force: bool,
    scheduler: str | None,
) -> None:
    """Convert every .txt (and TEI .xml) in SOURCES (default: sources/) into OUTPUT/tei/,
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
        _fail_usage(shown_path(sources), "no such folder")
    texts = find_sources(sources, reader)
    if not texts:
        _fail_usage(shown_path(sources), "the folder holds no .txt files")
    texts, collisions = colliding_sources(texts, {path: shown_path(path) for path in texts})
    sweep_temporaries(output)  # left by a build that was killed
    folder = output / "tei"
    # one project, its registers, for the whole run
    services = _services_or_exit(sources, overrides)
    # one model load per run, or per worker process (BuildJob.services)
    services.recogniser = None if no_recognition else Recogniser()
    job = BuildJob(
        sources,
        folder,
        reader,
        _shown_project(sources),
        tuple(parse_overrides(overrides).items()),
        recognition=not no_recognition,
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
        # the TEI is made: an interrupted rendering must not cost the conversions
        save_record(output, replace(run.record, pending=True))
        published = _publish_or_exit(lambda: publish_changed(good, output, wanted, run), output)
        print_levelled(published.reporter.diagnostics, LEVELS[report_level])
        written = written_lines(published, output)
    save_record(output, run.record)
    print_diagnostics(conversions, LEVELS[report_level])
    print_levelled(collisions, LEVELS[report_level])
    for built in results:
        if isinstance(built.result, PipelineError):
            click.echo(built.result.show(), err=True)
    if not quiet:
        print_summary(results)
        for name in run.removed:
            click.echo(f"{name}: no longer in {sources}; its TEI and editions removed.", err=True)
        for line in written:
            click.echo(line, err=True)
    failed = sum(1 for r in results if not isinstance(r.result, Conversion) or not r.result.ok)
    sys.exit(1 if failed or collisions else 0)


@main.command(short_help="Make HTML or EPUB from one TEI file (any project's).")
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
    shown = shown_path(tei_file)
    if not tei_file.exists():
        _fail_usage(shown, "no such file")
    target = _render_target(tei_file, fmt, output)
    _refuse_overwriting(target, [tei_file])
    try:
        data, reporter = guarded(lambda: render_file(tei_file, shown, fmt), shown)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    _write_or_exit(target, data, shown)
    print_levelled(reporter.diagnostics, LEVELS[report_level])
    click.echo(f"wrote {target}", err=True)


main.add_command(validate)
main.add_command(suggest)
main.add_command(accept)
main.add_command(init)
main.add_command(archive)


def _services_or_exit(sources: Path, overrides: tuple[str, ...]) -> Services:
    try:
        return Services.for_path(sources, _shown_project(sources), parse_overrides(overrides))
    except PipelineError as error:  # a wrong tei-pipeline.toml: nothing can be built
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)


def _shown_project(start: Path) -> str | None:
    found = find_project_file(start)
    return shown_path(found) if found else None


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
        services.recogniser = Recogniser()
        return guarded(
            lambda: convert_file(
                text, shown, sidecar, keep_positions=keep, reader=reader, services=services
            ),
            shown,
        )
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)


def _publish_or_exit(make: Callable[[], Published], output: Path) -> Published:
    """The editions written by `make`; a file that cannot be written (no space, no
    permission) is one line and exit 1, the TEI already written stays."""
    try:
        return guarded(make, shown_path(output))
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)


def _render_target(tei_file: Path, fmt: str, output: Path | None) -> Path:
    """html: -o is a folder (the page is NAME.html in it); epub: -o is the book's file."""
    if fmt == "html":
        if output is not None and output.exists() and not output.is_dir():
            _fail_option(shown_path(output), "for --to html, -o names a folder, and this is a file")
        return (output or Path("output/html")) / f"{tei_file.stem}.html"
    if output is not None and output.is_dir():
        _fail_option(shown_path(output), f"for --to {fmt}, -o names the book's file, not a folder")
    return output or Path(f"output/{fmt}") / f"{tei_file.stem}.{fmt}"


def _refuse_overwriting(output: Path, inputs: list[Path]) -> None:
    """Exit 2 before anything is written when output would replace an input."""
    replaced = overwritten_input(output, inputs)
    if replaced is not None:
        detail = f"-o {shown_path(output)} is the input {shown_path(replaced)}"
        click.echo(Diagnostic("x-004", Location(shown_path(output)), detail).astext(), err=True)
        sys.exit(2)


def _write_or_exit(target: Path, data: bytes, shown: str) -> None:
    try:
        write_atomic(target, data)
    except OSError as exc:
        detail = f"cannot write {shown_path(target)} ({exc.strerror or exc})"
        click.echo(Diagnostic("x-002", Location(shown), detail).astext(), err=True)
        sys.exit(1)


def _fail_option(shown: str, detail: str) -> NoReturn:
    click.echo(Diagnostic("x-005", Location(shown), detail).astext(), err=True)
    sys.exit(2)


def _fail_usage(shown: str, detail: str) -> None:
    click.echo(Diagnostic("r-004", Location(shown), detail).astext(), err=True)
    sys.exit(2)
