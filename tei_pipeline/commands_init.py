"""The `init` command: make a new project folder.

    DIR/tei-pipeline.toml                 the settings every text shares, each explained
    DIR/sources/example.txt               a short text: title, headings, a footnote, names
    DIR/sources/registers/persons.xml     valid TEI registers, one example entry each
    DIR/sources/registers/places.xml      (an empty listPerson is not valid TEI: it needs
    DIR/sources/registers/orgs.xml         a person), and a comment on adding entries

The files are package data (tei_pipeline/init_template/), read with
importlib.resources. Nothing is overwritten: if any of them exists, init stops
with one line (c-008) and exit status 2.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

import click

from .diagnostics import Diagnostic, Location
from .files import write_atomic
from .project import PROJECT_FILE

# template name -> where it goes in the new project
LAYOUT = (
    ("project.toml", PROJECT_FILE),
    ("example.txt", "sources/example.txt"),
    ("persons.xml", "sources/registers/persons.xml"),
    ("places.xml", "sources/registers/places.xml"),
    ("orgs.xml", "sources/registers/orgs.xml"),
)


def project_files() -> dict[str, bytes]:
    """The new project's files, as project-relative paths -> bytes."""
    template = files("tei_pipeline") / "init_template"
    return {target: (template / name).read_bytes() for name, target in LAYOUT}


def existing(folder: Path) -> list[Path]:
    """The files init would write that are already there (or the project file above)."""
    return [folder / target for _, target in LAYOUT if (folder / target).exists()]


@click.command(short_help="Make a new project: settings, an example text, registers.")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Make a new project in FOLDER: tei-pipeline.toml (publisher, licence,
    language ... shared by every text, each field explained), sources/ with an
    example text, and sources/registers/ with the registers of persons, places
    and organizations. Then run `tei-pipeline build FOLDER/sources -o FOLDER/output`.

    An existing project is never overwritten.
    """
    if found := existing(folder):
        where = Location(str(found[0]))
        click.echo(
            Diagnostic("c-008", where, f"{found[0].name} is already there").astext(), err=True
        )
        sys.exit(2)
    try:
        for target, data in project_files().items():
            write_atomic(folder / target, data)
    except OSError as exc:
        detail = f"cannot write in {folder} ({exc.strerror})"
        click.echo(Diagnostic("x-002", Location(str(folder)), detail).astext(), err=True)
        sys.exit(1)
    click.echo(
        f"made a project in {folder}: {PROJECT_FILE}, sources/, sources/registers/", err=True
    )
    click.echo(f"next: tei-pipeline build {folder / 'sources'} -o {folder / 'output'}", err=True)
