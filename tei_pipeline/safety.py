"""Guards that keep a run from losing a user's files.

- an output that would replace one of the run's inputs (a text, its sidecar, the
  TEI being rendered) is refused before anything is written;
- two sources whose outputs would share a name (`a b.txt` and `a-b.txt` both
  become the document `a-b`) are reported, and only the first in order is built,
  so no book silently replaces another;
- temporary files left by a run that was killed (`.NAME.xxxx.tmp`, written by
  files.write_atomic) are swept at the start of the next build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic, Location
from .files import document_id

# files.write_atomic's temporary names: "." + target name + "." + random + ".tmp"
TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (also through links); False when either is missing."""
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def overwritten_input(output: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that writing `output` would replace, if any."""
    for candidate in inputs:
        if same_file(output, candidate) or _resolved(output) == _resolved(candidate):
            return candidate
    return None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def colliding_sources(
    paths: list[Path], shown: dict[Path, str]
) -> tuple[list[Path], list[Diagnostic]]:
    """The sources that can be built side by side, and an x-003 error for each
    one whose outputs would have the same name as an earlier one's."""
    kept: list[Path] = []
    problems: list[Diagnostic] = []
    first: dict[str, Path] = {}
    for path in paths:
        name = document_id(path.stem)
        if name in first:
            detail = (
                f"its outputs would be named {name!r}, like those of {shown[first[name]]}; "
                "it was not built"
            )
            problems.append(Diagnostic("x-003", Location(shown[path]), detail))
            continue
        first[name] = path
        kept.append(path)
    return kept, problems


def sweep_temporaries(folder: Path) -> int:
    """Remove the temporary files an interrupted run left under folder; how many."""
    if not folder.is_dir():
        return 0
    swept = 0
    for path in folder.rglob(".*.tmp"):
        if TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            swept += 1
    return swept
