"""The transform contract: enrich a TEI tree in place.

A Transform has a `name`, a `priority` (0-999; lower runs first, ties keep
list order) and `apply(doc, ctx)`, which edits the tree and reports problems
through `ctx.reporter`. Transforms copy the position (tp:src) of the element
they derive from onto what they create.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..config import Sidecar
from ..diagnostics import Reporter
from ..recognition.model import Recogniser


@dataclass
class Context:
    """What a stage may know besides the tree: where the text came from, the
    sidecar, and where to report problems."""

    shown_as: str
    sidecar: Sidecar = field(default_factory=Sidecar)
    reporter: Reporter = field(default_factory=Reporter)
    source_bytes: bytes = b""
    source_text: str = ""
    doc_id: str = "document"
    # transforms (by name) not to run: tests of one stage, or a user's opt-out
    skip_transforms: frozenset[str] = frozenset()
    # the name recogniser of the run (one per process: it holds the loaded
    # model); None: names no register knows are not looked for
    recogniser: Recogniser | None = None


class Transform:
    """Base class of all transforms (see the module docstring for the contract)."""

    name: str = "transform"
    priority: int = 500

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        raise NotImplementedError
