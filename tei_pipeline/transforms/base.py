"""The transform contract: enrich a TEI tree in place.

A Transform has a `name`, a `priority` (0-999; lower runs first, ties keep
list order) and `apply(doc, ctx)`, which edits the tree and reports problems
through `ctx.reporter`. Transforms copy the position (tp:src) of the element
they derive from onto what they create.
"""

from __future__ import annotations

from lxml import etree

# Context lives in context.py with the run's Services; re-exported here, where
# transforms and other branches have always imported it from.
from ..context import Context, Services

__all__ = ["Context", "Services", "Transform"]


class Transform:
    """Base class of all transforms (see the module docstring for the contract)."""

    name: str = "transform"
    priority: int = 500

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        raise NotImplementedError
