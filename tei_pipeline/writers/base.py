"""The writer contract: `name`, `media_type`, and `write(doc, ctx) -> bytes`
(or a dict of path -> bytes for multi-file outputs). Writers read only the TEI
tree; they translate and never repair. The CLI decides where the bytes go."""

from __future__ import annotations

from lxml import etree

from ..transforms.base import Context


class Writer:
    name: str = "writer"
    media_type: str = "application/octet-stream"

    def write(self, doc: etree._ElementTree, ctx: Context) -> bytes | dict[str, bytes]:
        raise NotImplementedError
