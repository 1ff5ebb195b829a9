"""Configuration: the sidecar TOML beside each text, as a validated pydantic model.

A sidecar holds only what the text does not say (ENCODING.md): who publishes
this digital edition, under which licence, in which language. Every field is
optional; what the whole project shares lives in its tei-pipeline.toml
(project.py), which fills the fields a sidecar leaves unset. A wrong field is
reported with the file, the line of the field, the field's name and what is
allowed; `load_toml` does the same for the project file, with its own codes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .diagnostics import Diagnostic, Location
from .errors import PipelineError
from .tei.dates import parse_date

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# The characters the text reader replaces (r-003): C0 and C1 controls but tab and
# line ends, and the non-characters U+FFFE/U+FFFF. XML cannot hold most of them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
DATE_FORMS = "1918, 1918-11, 1918-11-08 (ISO), or 8 November 1918"


def _checked_date(value: str | None) -> str | None:
    if value is not None and parse_date(value) is None:
        raise ValueError(f'is "{value}", which is not a date; the accepted forms are {DATE_FORMS}')
    return value


class Edition(BaseModel):
    """An earlier edition the text does not name itself (goes to sourceDesc/listBibl)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="Title of the edition or of the work in it.")
    author: str | None = Field(default=None, description="Author as printed in that edition.")
    publisher: str | None = Field(default=None, description="Publisher of that edition.")
    place: str | None = Field(default=None, description="Place of publication.")
    date: str | None = Field(
        None, description="Year or ISO date of publication, e.g. 1965 or 1918-11-08."
    )
    url: str | None = Field(default=None, description="Where the text was found online.")

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return _checked_date(value)


class Sidecar(BaseModel):
    """What a text's TOML sidecar (same name, .toml) may say. Every field is optional."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(
        default=None, description="Main title, if the text has no title line."
    )
    subtitle: str | None = Field(default=None, description="Subtitle, if the text has none.")
    authors: list[str] = Field(
        default_factory=list, description="Authors, if no byline or signature names them."
    )
    language: str = Field(
        default="en", description="Language of the text as a BCP 47 tag, e.g. en, de, fr."
    )
    publisher: str | None = Field(
        default=None,
        description="Who publishes this digital edition; without one (here or in the "
        "project file) the edition is marked unpublished.",
    )
    licence: str = Field(
        default="Licence not stated; ask the publisher before reuse.",
        description="Licence or rights statement of this digital edition.",
    )
    licence_url: str | None = Field(
        default=None, description="Address of the licence text, if any."
    )
    edition_statement: str | None = Field(
        default=None,
        description="The editionStmt of this digital edition (default: made by "
        "tei-pipeline from the plain text).",
    )
    editions: list[Edition] = Field(
        default_factory=list, description="Earlier editions the text itself does not name."
    )
    date: str | None = Field(
        default=None, description="When the text was written (ISO date), if it does not say."
    )
    place: str | None = Field(
        default=None, description="Where the text was written, if it does not say."
    )

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not LANGUAGE_TAG.match(value):
            raise ValueError("must be a language tag such as en, de or pt-BR")
        return value

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return _checked_date(value)


def field_help() -> list[tuple[str, str]]:
    """(field, description) pairs, for --help and the README."""
    return [(name, info.description or "") for name, info in Sidecar.model_fields.items()]


class TomlCodes(NamedTuple):
    """The codes a TOML file's problems are reported with: not UTF-8, not TOML, a wrong field."""

    encoding: str
    syntax: str
    field: str


SIDECAR_CODES = TomlCodes("c-004", "c-001", "c-002")
M = TypeVar("M", bound=BaseModel)


def load_sidecar(path: Path, shown_as: str) -> Sidecar:
    """Read and validate a sidecar; raise PipelineError with file:line: on any problem."""
    return load_toml(path, shown_as, Sidecar, SIDECAR_CODES)


def load_toml(path: Path, shown_as: str, model: type[M], codes: TomlCodes) -> M:
    """Read a TOML file into `model`; raise PipelineError with file:line: on any problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        detail = f"cannot read {path.name} ({exc.strerror})"
        raise PipelineError(Diagnostic("r-004", Location(shown_as), detail)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        detail = f"byte 0x{raw[exc.start]:02x} is not UTF-8"
        where = Location(shown_as, line, column)
        raise PipelineError(Diagnostic(codes.encoding, where, detail)) from None
    # a byte order mark is how some Windows editors say UTF-8; it is not TOML
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_error_position(exc)
        raise PipelineError(
            Diagnostic(
                codes.syntax,
                Location(shown_as, line, column),
                f"not valid TOML: {exc.args[0].split(' (at')[0]}",
            )
        ) from None
    control = _control_character(data, text, shown_as, codes.field)
    if control is not None:
        raise PipelineError(control)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PipelineError(_first_problem(exc, text, shown_as, model, codes.field)) from None


def _control_character(data: Any, text: str, shown_as: str, code: str) -> Diagnostic | None:
    """An error for the first string value holding a control character (written as
    an escape such as \\u0001, since TOML refuses them raw), or None.

    An error, not a replacement: the values go into the header and the EPUB's
    metadata, where a silently changed name would be published as written."""
    for loc, value in _strings(data, []):
        found = CONTROL.search(value)
        if found:
            char = found.group()
            line = _line_of_key(text, loc)
            column = _column_of(text.splitlines()[line - 1] if text else "", char)
            detail = (
                f'field "{".".join(loc)}" holds the control character U+{ord(char):04X} '
                "(TEI cannot hold it, or shows it as nothing)"
            )
            return Diagnostic(code, Location(shown_as, line, column), detail)
    return None


def _strings(data: Any, loc: list[str]) -> list[tuple[list[str], str]]:
    if isinstance(data, str):
        return [(loc, data)]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in _strings(value, [*loc, str(key)])]
    if isinstance(data, list):
        return [s for k, value in enumerate(data) for s in _strings(value, [*loc, str(k)])]
    return []


def _column_of(line: str, char: str) -> int:
    """Column (1-based) of char in a TOML line, raw or as a \\u or \\U escape; else 1."""
    code = ord(char)
    escape = re.compile(rf"{re.escape(char)}|\\u{code:04x}|\\U{code:08x}", re.IGNORECASE)
    found = escape.search(line)
    return found.start() + 1 if found else 1


def _toml_error_position(exc: tomllib.TOMLDecodeError) -> tuple[int, int]:
    found = re.search(r"line (\d+), column (\d+)", str(exc))
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


def _first_problem(
    exc: ValidationError, text: str, shown_as: str, model: type[BaseModel], code: str
) -> Diagnostic:
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc)
    line = _line_of_key(text, loc)
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(_allowed_fields(loc, model))
        detail = f'unknown field "{field}"; allowed fields are: {allowed}'
    else:
        detail = f'field "{field}" {_plain(error)}'
    return Diagnostic(code, Location(shown_as, line, 1), detail)


def _allowed_fields(loc: list[str], model: type[BaseModel]) -> list[str]:
    inner: type[BaseModel] = Edition if model is Sidecar and loc and loc[0] == "editions" else model
    return list(inner.model_fields)


def _plain(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def _line_of_key(text: str, loc: list[str]) -> int:
    """Line of the last named key of loc in the TOML text (1 if not found)."""
    keys = [part for part in loc if not part.isdigit()]
    for key in reversed(keys):
        pattern = re.compile(rf"^[ \t]*(\[\[?)?[ \t]*{re.escape(key)}[ \t]*(=|\]|\.)", re.MULTILINE)
        found = pattern.search(text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1
