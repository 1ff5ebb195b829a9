"""Fatal errors: raised only when a run cannot go on. Each knows its exit code
and shows itself as one line for an editor (no traceback)."""

from __future__ import annotations

from .diagnostics import Diagnostic


class PipelineError(Exception):
    """A problem that stops the run for one input. `show()` is the line to print."""

    exit_code = 1

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.astext())
        self.diagnostic = diagnostic

    def show(self) -> str:
        return self.diagnostic.astext()


class UsageError(PipelineError):
    """The command was called wrongly (a missing file, a bad option)."""

    exit_code = 2
