"""The `suggest` command: name-like spans of the texts that no register knows.

Registered in cli.py beside the other commands; the work is done in suggest.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .context import Services
from .diagnostics import Diagnostic, Location
from .errors import PipelineError
from .pipeline import find_texts, shown_path
from .suggest import suggest as find_candidates
from .suggest import table


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--all", "show_all", is_flag=True, help="List every candidate, not only the first 40."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=40,
    show_default=True,
    help="How many candidates to list (without --all).",
)
def suggest(sources: tuple[Path, ...], show_all: bool, limit: int) -> None:
    """List name-like spans in SOURCES that no register knows, for an editor to review.

    SOURCES are texts or folders of texts (default: sources/). Each candidate is
    shown with how often it occurs and where it first occurs (file:line:column),
    most frequent first. Known are the names in the registers of the project
    (tei-pipeline.toml at or above the first SOURCE). Nothing is added to any register.
    """
    texts: list[Path] = []
    for source in sources or (Path("sources"),):
        if source.is_dir():
            texts.extend(find_texts(source))
        elif source.is_file():
            texts.append(source)
        else:
            location = Location(shown_path(source))
            click.echo(Diagnostic("r-004", location, "no such file or folder").astext(), err=True)
            sys.exit(2)
    try:
        # the project of the first source given: its registers say what is known
        services = Services.for_path((sources or (Path("sources"),))[0])
        candidates = find_candidates(((path, shown_path(path)) for path in texts), services)
    except PipelineError as error:
        click.echo(error.show(), err=True)
        sys.exit(error.exit_code)
    click.echo(table(candidates, None if show_all else limit))
