"""What a stage may know besides the tree: the Context of one document and the
Services of the whole run.

Services are loaded once per run and handed down (STYLE.md 9: "services come in,
they are not found"): the project and its settings, its registers, the project
validator, the build date (SOURCE_DATE_EPOCH), and what was already reported in
this run. No stage looks them up in a module global; a test makes its own.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Sidecar
from .diagnostics import Diagnostic, Location, Reporter
from .project import PROJECT_FILE, Project, find_project
from .recognition.cache import FindingsCache, cache_dir
from .recognition.language import LanguageDetector
from .recognition.model import Recogniser
from .registers import Registers, load_registers, register_paths
from .tei.validate import Validator

if TYPE_CHECKING:  # only for the annotations: these modules import this one
    from .transforms.language import TextLanguage
    from .transforms.names import NameMatcher


def build_date_from_env() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date (reproducible-builds.org), else None: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return time.strftime("%Y-%m-%d", time.gmtime(int(epoch))) if epoch.isdigit() else None


def no_registers() -> Registers:
    return Registers((), ())


@dataclass
class Services:
    """What every document of one run shares. `project` is None for texts in no
    project: then there are no registers."""

    project: Project | None = None
    registers: Registers = field(default_factory=no_registers)
    build_date: str | None = field(default_factory=build_date_from_env)
    # shared settings given on the command line (--set): they win over sidecar and project
    overrides: dict[str, str] = field(default_factory=dict)
    # register problems and run-wide warnings already given to some reporter in this run
    reported: set[Diagnostic] = field(default_factory=set)
    matcher_cache: NameMatcher | None = field(default=None, repr=False)
    # the name recogniser of the run (it holds the loaded model: one per run);
    # None: names no register knows are not looked for (transforms/recognised_names.py)
    recogniser: Recogniser | None = None
    # the language detector of the run (transforms/language.py), with or without
    # the recogniser; None: a language nobody stated stays the default
    detector: LanguageDetector | None = None
    _validator: Validator | None = field(default=None, repr=False)

    @classmethod
    def for_path(
        cls, start: Path, shown: str | None = None, overrides: dict[str, str] | None = None
    ) -> Services:
        """The services of the project `start` (a folder or a text) belongs to.
        Raises PipelineError when the project file is wrong."""
        project = find_project(start, shown)
        registers = (
            load_registers(register_paths(project.registers_dir)) if project else no_registers()
        )
        return cls(
            project,
            registers,
            build_date_from_env(),
            overrides=dict(overrides or {}),
            detector=LanguageDetector(FindingsCache(cache_dir())),
        )

    @property
    def validator(self) -> Validator:
        """The project schema and rules, loaded on first use."""
        if self._validator is None:
            self._validator = Validator()
        return self._validator

    def report_once(self, reporter: Reporter, diagnostic: Diagnostic) -> None:
        """Give a run-wide problem to the reporter the first time it is seen in this run."""
        if diagnostic not in self.reported:
            self.reported.add(diagnostic)
            reporter.report(diagnostic.code, diagnostic.location, diagnostic.detail)

    def report_outside_project(self, reporter: Reporter, shown_as: str, folder: Path) -> None:
        """c-005, once per run, for texts in no project."""
        if self.project is None and not any(d.code == "c-005" for d in self.reported):
            detail = f"no {PROJECT_FILE} in {folder} or any folder above it"
            self.report_once(reporter, Diagnostic("c-005", Location(shown_as), detail))


@dataclass
class Context:
    """What a stage may know about one document: where the text came from, its
    settings (sidecar over project), where to report problems, and the run's services."""

    shown_as: str
    sidecar: Sidecar = field(default_factory=Sidecar)
    reporter: Reporter = field(default_factory=Reporter)
    source_bytes: bytes = b""
    source_text: str = ""
    # the sha256 of the source file, when its bytes are not kept (a plain text:
    # only the header needs them, and a big text is not held twice)
    source_sha256: str = ""
    doc_id: str = "document"
    # transforms (by name) not to run: tests of one stage, or a user's opt-out
    skip_transforms: frozenset[str] = frozenset()
    services: Services = field(default_factory=Services)
    # the text's language, stated or detected, once transforms/language.py decided it
    language: TextLanguage | None = None

    @property
    def text_language(self) -> str:
        """The language a language-dependent transform follows: the one decided
        for this document (transforms/language.py), else the settings' (a stage
        run alone)."""
        return self.language.code if self.language is not None else self.sidecar.language

    def source_digest(self) -> str:
        """The sha256 (hex) of the exact source file."""
        return self.source_sha256 or hashlib.sha256(self.source_bytes).hexdigest()
