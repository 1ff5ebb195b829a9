"""The `validate` command: any TEI against the project schema, official tei_all,
the schemas the file names (xml-model), or any RELAX NG, XSD or Schematron given.

Registered in cli.py beside the other commands; the work is done in validation/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .checks.schema import xml_files
from .pipeline import guarded, shown_path
from .tei.validate import TeiAllSchemaNotFound
from .validation.kinds import NotASchema
from .validation.run import Checkers, validate_paths


@click.command(short_help="Check TEI files against the project schema, tei_all or any schema.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--tei-all",
    is_flag=True,
    help="Check against the official TEI P5 tei_all instead of the project schema "
    "(first run builds a cache, about 40 s).",
)
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check against this schema instead: RELAX NG (.rng, or compact .rnc), XML Schema "
    "(1.0 or 1.1) or ISO Schematron (XPath 1 or 2). The kind is read from the file. "
    "Repeat it to apply several (e.g. RELAX NG and Schematron).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per problem; json: a list for programs.",
)
def validate(paths: tuple[Path, ...], tei_all: bool, schemas: tuple[Path, ...], fmt: str) -> None:
    """Check TEI files (or every .xml in the folders given) against a schema.

    Without --schema, a file that names its own schemas in xml-model processing
    instructions (or xsi:schemaLocation) is checked against them when they are
    local files, relative to the file; a URL is never fetched (a line says so).
    Otherwise the project's schema and rules (schema/): every pointer resolves,
    ids are unique, dates are ISO dates in order, notes are numbered. Each
    problem is printed as file:line:column: what is wrong. Exit status: 0 all
    valid, 1 a file is invalid, 2 a file or schema could not be read.
    """
    checkers = Checkers(tei_all)
    try:
        given = [checkers.load(schema) for schema in schemas]
        if tei_all and given:
            given.append(checkers.default())  # --tei-all with --schema: both apply
        elif tei_all:
            checkers.default()
    except (NotASchema, TeiAllSchemaNotFound) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    files = [(path, shown_path(path)) for path in xml_files(paths)]
    reports = validate_paths(files, given, checkers, guarded)
    if fmt == "json":
        rows = [d.asdict() for r in reports for d in r.diagnostics]
        summary = {"files": len(reports), "valid": sum(r.valid for r in reports), "problems": rows}
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        for report in reports:
            for diagnostic in report.diagnostics:
                click.echo(diagnostic.astext())
        if schemas:
            against = " and ".join(shown_path(s) for s in schemas)
        elif tei_all:
            against = "official tei_all"
        else:
            against = checkers.described()
        valid = sum(r.valid for r in reports)
        click.echo(f"{valid} of {len(reports)} files valid against {against}.", err=True)
    if any(not r.readable for r in reports) or not reports:
        sys.exit(2)
    sys.exit(0 if all(r.valid for r in reports) else 1)
