"""The `archive` command: a build and its sources as one BagIt bag, or a bag checked.

Registered in cli.py beside the other commands; the work is done in archive/.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

import bagit
import click

from .archive import ArchiveRequest, check_bag, make_archive
from .diagnostics import Diagnostic, Location
from .errors import PipelineError

# the project schema (ODD, XSD, Schematron): package data, as an installed wheel has it
PACKAGE_SCHEMA = Path(str(files("tei_pipeline").joinpath("schema")))


@click.command(short_help="Pack a build and its sources into a BagIt bag for an archive.")
@click.argument("output", default="output", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--bag",
    "bag",
    type=click.Path(path_type=Path),
    help="The bag folder to make (default: OUTPUT-bag). An earlier bag there is "
    "replaced; any other folder that is not empty is left alone.",
)
@click.option(
    "--sources",
    default="sources",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The sources the build was made from (texts, sidecars, registers/).",
)
@click.option(
    "--check",
    "check",
    type=click.Path(path_type=Path),
    metavar="BAG",
    help="Check the bag BAG instead: name every file missing, added or changed.",
)
def archive(output: Path, bag: Path | None, sources: Path, check: Path | None) -> None:
    """Pack the build in OUTPUT (default: output/) with its SOURCES into a BagIt bag
    (RFC 8493) an archive can ingest and check for fixity years later.

    The bag's data/ holds the sources, the TEI, corpus.xml (every TEI document in
    one teiCorpus), the project schema (ODD, XSD, Schematron), the HTML site, the
    EPUB books and build-record.json (versions, each input's sha256, what was made
    from what); its manifests give every file's sha256 and sha512. bag-info.txt
    names the project and its publisher (tei-pipeline.toml, else the publisher the
    TEI names) and the Bagging-Date (SOURCE_DATE_EPOCH, else the latest date in
    the TEI). Two runs on the same build give the same bytes.

    With --check BAG, verify a bag: every file missing, added or changed is
    printed, one per line. Exit status: 0 all well, 1 a problem was found,
    2 the command was called wrongly.
    """
    if check is not None:
        sys.exit(_check(check))
    target = bag or output.with_name(f"{output.name}-bag")
    shown = {p: _shown(p) for p in (output, sources, target)}
    request = ArchiveRequest(output, sources, [PACKAGE_SCHEMA], target, shown)
    try:
        payload = make_archive(request)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    except (OSError, bagit.BagError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        detail = f"cannot write the bag ({why})"
        click.echo(Diagnostic("x-002", Location(shown[target]), detail).astext(), err=True)
        sys.exit(1)
    total = sum(len(d) for d in payload.files.values())
    click.echo(f"wrote {shown[target]}: {len(payload.files)} files, {total} bytes.", err=True)


def _check(folder: Path) -> int:
    shown = _shown(folder)
    if not (folder / "bagit.txt").is_file():
        click.echo(Diagnostic("a-007", Location(shown)).astext(), err=True)
        return 2
    try:
        findings = check_bag(folder)
    except bagit.BagError as error:
        click.echo(
            Diagnostic("a-007", Location(shown), f"not a readable bag ({error})").astext(), err=True
        )
        return 1
    for finding in findings:
        click.echo(finding.diagnostic(shown).astext())
    if findings:
        count = f"{len(findings)} file{'s' if len(findings) != 1 else ''}"
        click.echo(f"{count} of {shown} not as the bag says.", err=True)
        return 1
    click.echo(f"{shown} is a complete bag; every file matches its manifests.", err=True)
    return 0


def _shown(path: Path) -> str:
    """The path as the user would recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
