"""File effects in one place: reading sources safely and writing outputs atomically."""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Location
from .errors import PipelineError
from .readers.plaintext.lines import has_control_characters

# A Project Gutenberg header names the file's encoding: "Character set encoding: ISO-8859-1".
_DECLARED = re.compile(rb"^Character set encoding:[ \t]*([A-Za-z0-9_.:-]+)", re.MULTILINE)
# What an encoding name in such a header means as a Python codec.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252"}
# The largest text converted (README "Limits"): conversion is linear in time and
# memory; what a 50 MB text costs is measured there (bench/memory.py).
MAX_TEXT_BYTES = 64_000_000


def read_source_text(path: Path, shown_as: str) -> tuple[bytes, str, Diagnostic | None]:
    """The bytes and decoded text of a source, and a notice when the text was not
    UTF-8 (it was read by its declared encoding or as Windows-1252); one-line
    errors for unreadable input."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise PipelineError(Diagnostic("r-010", Location(shown_as), _too_large(size)))
        data = path.read_bytes()
    except OSError as exc:
        raise PipelineError(
            Diagnostic("r-004", Location(shown_as), f"cannot read the file ({exc.strerror})")
        ) from None
    text, notice = decode_source(data, shown_as)
    if not text or text.isspace():  # as `not text.strip()`, without a copy of the text
        raise PipelineError(Diagnostic("r-002", Location(shown_as, 1, 1)))
    return data, text, notice


def decode_source(data: bytes, shown_as: str) -> tuple[str, Diagnostic | None]:
    """Strict UTF-8 (a BOM dropped); else the encoding the text declares; else
    Windows-1252, whose five unassigned bytes are read as Latin-1 so that no
    byte is ever lost or refused."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = _byte_location(data, exc.start, shown_as)
        bad = data[exc.start]
    declared = _declared_encoding(data)
    if declared is not None:
        try:
            text = data.decode(declared[1])
        except UnicodeDecodeError:
            pass
        else:
            detail = (
                f"byte 0x{bad:02x} is not UTF-8; the text was read as {declared[0]},"
                " the encoding its header declares"
            )
            return text, Diagnostic("r-007", where, detail)
    text = data.decode("cp1252", errors="latin1_fallback")
    detail = f"byte 0x{bad:02x} is not UTF-8 and no encoding is declared; read as Windows-1252"
    return text, Diagnostic("r-008", where, detail)


def _declared_encoding(data: bytes) -> tuple[str, str] | None:
    """(name as written, Python codec) of a declared encoding Python knows."""
    found = _DECLARED.search(data[:20000])
    if found is None:
        return None
    name = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(_ALIASES.get(name.lower(), name)).name
    except LookupError:
        return None
    return name, codec


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes Windows-1252 leaves unassigned (0x81, 0x8d, 0x8f, 0x90, 0x9d) as Latin-1."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _byte_location(data: bytes, offset: int, shown_as: str) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Location(shown_as, line, column)


def _too_large(size: int) -> str:
    return (
        f"the text is {size / 1e6:.1f} MB, more than the limit of "
        f"{MAX_TEXT_BYTES / 1e6:.0f} MB (README, Limits)"
    )


def first_control_character(text: str, shown_as: str) -> Location | None:
    found = has_control_characters(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Location(shown_as, line, column)


def write_atomic(path: Path, data: bytes, sync: bool = True) -> bool:
    """Write data to path via a temporary file and a rename, so a reader never
    sees a half-written file. Returns False (and leaves the file alone,
    mtime included) when it already holds exactly these bytes. Without `sync`
    the bytes are not forced to the disk before the rename: after a crash of
    the machine the file may be empty or cut short (a cache that detects that)."""
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
            if sync:
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
