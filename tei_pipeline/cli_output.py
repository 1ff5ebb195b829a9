"""What the commands print: the summary table of a build, the line saying what
the editions wrote, and diagnostics at or above the chosen level (stderr)."""

from __future__ import annotations

from pathlib import Path

import click

from .diagnostics import Diagnostic, Severity
from .errors import PipelineError
from .pipeline import Built, Conversion, Published


def written_lines(published: Published, output: Path) -> list[str]:
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


def print_summary(results: list[Built]) -> None:
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


def print_diagnostics(conversions: list[Conversion], level: Severity) -> None:
    for conversion in conversions:
        print_levelled(conversion.reporter.diagnostics, level)


def print_levelled(diagnostics: list[Diagnostic], level: Severity) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity >= level:
            click.echo(diagnostic.astext(), err=True)
