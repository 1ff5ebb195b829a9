"""Projects: a folder whose tei-pipeline.toml holds what all its texts share.

    my-edition/
      tei-pipeline.toml          publisher, licence, language ... (ProjectSettings)
      sources/*.txt, *.toml      the texts and their sidecars
      sources/registers/*.xml    this project's persons, places and organizations

A run finds the project file at or above the folder or file it is given
(`find_project`), loads that project's registers and none other, and fills each
text's settings in this order, later ones winning: defaults < project file <
sidecar < command line (`settings_for`). A text in no project gets no registers
and an edition marked unpublished, with a warning (c-005) saying how to make one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .config import LANGUAGE_TAG, Sidecar, TomlCodes, load_toml
from .diagnostics import Diagnostic, Location
from .errors import UsageError

PROJECT_FILE = "tei-pipeline.toml"
PROJECT_CODES = TomlCodes("c-007", "c-007", "c-006")
# The sidecar fields a project may set for all its texts (the rest are per text).
SHARED_FIELDS = ("publisher", "licence", "licence_url", "language", "edition_statement")


class ProjectSettings(BaseModel):
    """What a project's tei-pipeline.toml may say. Every field is optional; a
    text's sidecar may override each of the shared ones."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(
        default=None, description="What the project is called (for its editors; not printed)."
    )
    publisher: str | None = Field(
        default=None, description="Who publishes the digital editions of this project."
    )
    licence: str | None = Field(
        default=None, description="Licence or rights statement of the digital editions."
    )
    licence_url: str | None = Field(
        default=None, description="Address of the licence text, if any."
    )
    language: str | None = Field(
        default=None, description="Language of the texts as a BCP 47 tag, e.g. en, de, fr."
    )
    edition_statement: str | None = Field(
        default=None, description="The editionStmt every text gets, unless its sidecar says."
    )

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        if value is not None and not LANGUAGE_TAG.match(value):
            raise ValueError("must be a language tag such as en, de or pt-BR")
        return value


@dataclass(frozen=True)
class Project:
    """A found project: its folder, its settings, and where its registers are."""

    root: Path
    settings: ProjectSettings = field(default_factory=ProjectSettings)

    @property
    def file(self) -> Path:
        return self.root / PROJECT_FILE

    @property
    def registers_dir(self) -> Path:
        return self.root / "sources" / "registers"


def find_project_file(start: Path) -> Path | None:
    """The nearest tei-pipeline.toml in `start` (a folder, or a file's folder) or above."""
    here = start.resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_FILE).is_file():
            return candidate / PROJECT_FILE
    return None


def find_project(start: Path, shown: str | None = None) -> Project | None:
    """The project `start` belongs to, or None. A wrong project file raises
    PipelineError (c-006, c-007) with its file:line, as a sidecar does."""
    found = find_project_file(start)
    if found is None:
        return None
    return load_project(found, shown or str(found))


def load_project(path: Path, shown: str) -> Project:
    settings = load_toml(path, shown, ProjectSettings, PROJECT_CODES)
    return Project(path.parent.resolve(), settings)


def settings_for(
    project: Project | None, sidecar: Sidecar, overrides: Mapping[str, object] | None = None
) -> Sidecar:
    """The settings one text is converted with: the sidecar's own fields, the
    project's shared fields where the sidecar is silent, and `overrides` (the
    command line) over both."""
    update: dict[str, object] = {}
    if project is not None:
        shared = project.settings.model_dump(include=set(SHARED_FIELDS), exclude_none=True)
        update = {k: v for k, v in shared.items() if k not in sidecar.model_fields_set}
    update.update(overrides or {})
    if not update:
        return sidecar
    # validated again so that an override is checked as a sidecar field would be
    return Sidecar.model_validate({**sidecar.model_dump(exclude_unset=True), **update})


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    """`--set FIELD=VALUE` options as a dict, checked as sidecar fields would be;
    a wrong one raises UsageError (c-009)."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or name.strip() not in SHARED_FIELDS:
            detail = f'"{pair}" is not FIELD=VALUE with FIELD one of: {", ".join(SHARED_FIELDS)}'
            raise UsageError(Diagnostic("c-009", Location("--set"), detail))
        overrides[name.strip()] = value
    try:
        Sidecar.model_validate(overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        detail = f'field "{field}" {str(error["msg"]).removeprefix("Value error, ")}'
        raise UsageError(Diagnostic("c-009", Location("--set"), detail)) from None
    return overrides
