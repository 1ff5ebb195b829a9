"""File effects in one place: reading sources safely and writing outputs atomically."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Location
from .errors import PipelineError
from .readers.plaintext.lines import has_control_characters


def read_source_text(path: Path, shown_as: str) -> tuple[bytes, str]:
    """The bytes and decoded text of a source; one-line errors for unreadable input."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError(
            Diagnostic("r-004", Location(shown_as), f"cannot read the file ({exc.strerror})")
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PipelineError(
            Diagnostic(
                "r-001",
                Location(shown_as, line, column),
                f"byte 0x{data[exc.start]:02x} is not UTF-8"
                " (the file may be Latin-1 or Windows-1252)",
            )
        ) from None
    if not text.strip():
        raise PipelineError(Diagnostic("r-002", Location(shown_as, 1, 1)))
    return data, text


def first_control_character(text: str, shown_as: str) -> Location | None:
    found = has_control_characters(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Location(shown_as, line, column)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write data to path via a temporary file and a rename, so a reader never
    sees a half-written file. Returns False (and leaves the file alone,
    mtime included) when it already holds exactly these bytes."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an output follows the umask like any file
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def current_umask() -> int:
    """The process's umask (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def document_id(stem: str) -> str:
    """An xml:id (an XML name) from a file name: letters, digits, '-', '.', '_'."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "document"
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"text-{cleaned}"


def sidecar_for(text_path: Path) -> Path | None:
    candidate = text_path.with_suffix(".toml")
    return candidate if candidate.exists() else None
