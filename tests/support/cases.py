"""The `.cases` fixture format (STYLE.md section 6): many small cases per file.

Each case is a title line, a line ".", the input, a line ".", the expected
output and a line "."; blank lines and lines starting with "//" between cases
are skipped. The test id carries the case's line number.
"""

from __future__ import annotations

from pathlib import Path


def read_cases(path: Path) -> list[tuple[str, int, str, str]]:
    """(title, line number, input, expected) for each case of a .cases file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, index = [], 0
    while index < len(lines):
        if not lines[index].strip() or lines[index].startswith("//"):
            index += 1
            continue
        title, start = lines[index], index + 1
        assert lines[start] == ".", f"{path.name}:{start + 1}: expected '.' after the title"
        parts: list[str] = []
        current: list[str] = []
        index = start + 1
        while len(parts) < 2:
            if lines[index] == ".":
                parts.append("\n".join(current))
                current = []
            else:
                current.append(lines[index])
            index += 1
        cases.append((title, start, parts[0], parts[1]))
    return cases
