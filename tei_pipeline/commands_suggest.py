"""The review loop's commands: `suggest` lists the names no register knows,
`accept` moves the candidates an editor kept into the registers.

Registered in cli.py beside the other commands; the work is done in suggest.py
and accept.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .accept import accept as accept_candidates
from .accept import candidates_tei
from .context import Services
from .diagnostics import Diagnostic, Location
from .errors import PipelineError
from .files import write_atomic
from .pipeline import find_texts, shown_path
from .recognition import Recogniser
from .suggest import as_json, table
from .suggest import suggest as find_candidates

CANDIDATES = Path("registers") / "candidates.xml"


@click.command(short_help="List the names no register knows, for an editor to review.")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "tei"]),
    default="table",
    show_default=True,
    help="table: for reading; json: a list of objects (text, type, count, cert,"
    " positions, context, geonames, readings); tei: write the candidates as"
    " a register file for an editor to edit (see --output).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --format tei: the file to write (default: the first SOURCES"
    " folder's registers/candidates.xml).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List every candidate, not only the first 40 (table only).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=40,
    show_default=True,
    help="How many candidates to list (table, without --all).",
)
def suggest(
    sources: tuple[Path, ...], output_format: str, output: Path | None, show_all: bool, limit: int
) -> None:
    """List the persons, places and organizations in SOURCES that no register
    knows, as the recogniser found them, for an editor to review.

    SOURCES are texts or folders of texts (default: sources/). Each name is shown
    with its type, how often it occurs, how sure the recogniser was, every place
    it occurs (file:line:column), a line of context and, for a place, its GeoNames
    id or, if the name is ambiguous, the gazetteer's readings. Nothing is added to
    any register: write the candidates with --format tei, edit that file, then
    run `tei-pipeline accept`.
    """
    texts = _texts(sources or (Path("sources"),))
    try:
        # the project of the first source given: its registers say what is known
        services = Services.for_path((sources or (Path("sources"),))[0])
        services.recogniser = Recogniser()
        candidates = find_candidates(((p, shown_path(p)) for p in texts), services)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    if output_format == "json":
        click.echo(as_json(candidates))
    elif output_format == "tei":
        target = output or _folder(sources) / CANDIDATES
        write_atomic(target, candidates_tei(candidates))
        click.echo(
            f"{len(candidates)} candidates written to {shown_path(target)}; delete the"
            " wrong ones, correct the rest, then run: tei-pipeline accept",
            err=True,
        )
    else:
        click.echo(table(candidates, None if show_all else limit))


@click.command(short_help="Move accepted candidates into the project's registers.")
@click.argument("candidates", required=False, type=click.Path(dir_okay=False, path_type=Path))
def accept(candidates: Path | None) -> None:
    """Move the entries of CANDIDATES (default: sources/registers/candidates.xml)
    into the registers beside it: persons.xml, places.xml, orgs.xml.

    Every entry left in the file is accepted: delete the ones that are wrong
    first. An entry with a form that a register already has adds its other
    forms to that entry as variants. A rebuild then links every mention.
    """
    path = candidates or Path("sources") / CANDIDATES
    if not path.is_file():
        _fail(path, "no candidates file; write one with: tei-pipeline suggest --format tei")
    try:
        done = accept_candidates(path)
    except (OSError, ValueError) as exc:  # lxml's XMLSyntaxError is a ValueError
        _fail(path, f"cannot accept the candidates ({exc})", code="r-005")
    for name in sorted(set(done.added) | set(done.merged)):
        click.echo(
            f"{name}: {done.added.get(name, 0)} entries added,"
            f" {done.merged.get(name, 0)} merged into entries it had",
            err=True,
        )


def _texts(sources: tuple[Path, ...]) -> list[Path]:
    texts: list[Path] = []
    for source in sources:
        if source.is_dir():
            texts.extend(find_texts(source))
        elif source.is_file():
            texts.append(source)
        else:
            _fail(source, "no such file or folder")
    return texts


def _folder(sources: tuple[Path, ...]) -> Path:
    first = sources[0] if sources else Path("sources")
    return first if first.is_dir() else first.parent


def _fail(path: Path, detail: str, code: str = "r-004") -> None:
    click.echo(Diagnostic(code, Location(shown_path(path)), detail).astext(), err=True)
    sys.exit(2)
