"""The TEI reader: a TEI P5 file (ours or another project's) -> the tree.

lxml's parser records `sourceline` on every element, which is the position
diagnostics use for TEI input. The parser never reads the network or expands
external entities (files from elsewhere are untrusted).

No transform runs on what it reads (`default_transforms = False`): the
transforms find the conventions of plain text (note markers, quotation marks,
unregistered-by-design names) and would re-encode what another project's editor
already encoded, or encode it twice in our own TEI. So the TEI reader's tree is
the file's tree, and the lossless check (which compares the words of a plain
text with its TEI) does not apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from lxml import etree

from ..diagnostics import Diagnostic, Location
from ..errors import PipelineError
from ..tei.ns import TEI_NS
from ..tei.positions import source_line
from .base import Reader, TeiDocument

if TYPE_CHECKING:
    from ..context import Context

# Deeper documents are refused with a message rather than exhausting the
# writers' recursion; real TEI seldom nests beyond 30 levels.
MAX_DEPTH = 120
# libxml2's own depth limit (256, or 2048 with huge_tree) says this; it is the same refusal.
EXCESSIVE_DEPTH = "Excessive depth in document"
# The largest TEI file read (README, Limits): the TEI of a text at the plain-text
# limit (files.MAX_TEXT_BYTES) is about as large, and rendering holds the tree and
# the pages at once; a bigger file is refused before it is read.
MAX_TEI_BYTES = 100_000_000
# Entities declared inside the file are expanded ("Written by &author;" keeps its
# words); no external DTD or entity is ever read, nothing is fetched.
PARSER = etree.XMLParser(
    resolve_entities="internal",  # type: ignore[arg-type]  # lxml>=5; stubs predate it
    no_network=True,
    load_dtd=False,
    huge_tree=True,
)


class TeiReader(Reader):
    name = "tei"
    suffixes = (".xml",)
    default_transforms = False
    sidecar = False  # a TEI file carries its own header

    def read(self, text: str, ctx: Context) -> TeiDocument:
        # the bytes, so the file's own encoding declaration is honoured
        data = ctx.source_bytes or text.encode("utf-8")
        return TeiDocument(parse_tei(data, ctx.shown_as), lossless_check=False)


def read_tei(path: Path, shown_as: str) -> etree._ElementTree:
    """Parse a TEI file; one-line error (file:line:column) if it is not well-formed TEI."""
    return parse_tei(read_bytes(path, shown_as), shown_as, str(path))


def read_bytes(path: Path, shown_as: str) -> bytes:
    """The bytes of a TEI file no larger than MAX_TEI_BYTES (r-011)."""
    try:
        check_size(path, shown_as)
        return path.read_bytes()
    except OSError as exc:
        raise PipelineError(
            Diagnostic("r-004", Location(shown_as), f"cannot read the file ({exc})")
        ) from None


def check_size(path: Path, shown_as: str) -> None:
    """Refuse (r-011) a TEI file over MAX_TEI_BYTES, before reading it; OSError
    when the file cannot be looked at."""
    size = path.stat().st_size
    if size > MAX_TEI_BYTES:
        detail = (
            f"the TEI file is {size / 1e6:.1f} MB, more than the limit of "
            f"{MAX_TEI_BYTES / 1e6:.0f} MB (README, Limits)"
        )
        raise PipelineError(Diagnostic("r-011", Location(shown_as), detail))


def depth_refusal(shown_as: str, line: int, column: int = 1) -> PipelineError:
    """r-009: elements nested deeper than MAX_DEPTH, at (line, column)."""
    detail = f"elements are nested more than {MAX_DEPTH} levels deep here"
    return PipelineError(Diagnostic("r-009", Location(shown_as, line, column), detail))


def parse_tei(data: bytes, shown_as: str, url: str | None = None) -> etree._ElementTree:
    """The tree of TEI bytes; `url` (default shown_as) is the tree's docinfo.URL,
    which the writers use to place their messages."""
    try:
        root = etree.fromstring(data, PARSER, base_url=url or shown_as)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        message = str(exc.msg).split(", line ")[0]
        if message.startswith(EXCESSIVE_DEPTH):  # deeper than even libxml2 reads
            raise depth_refusal(shown_as, line, column + 1) from None
        raise PipelineError(
            Diagnostic(
                "r-005", Location(shown_as, line, column + 1), f"not well-formed XML: {message}"
            )
        ) from None
    if (deep := too_deep(root)) is not None:
        raise depth_refusal(shown_as, source_line(deep) or 1)
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise PipelineError(
            Diagnostic(
                "r-006",
                Location(shown_as, source_line(root) or 1, 1),
                f"the root element is <{etree.QName(root).localname}>, not TEI",
            )
        )
    return root.getroottree()


def too_deep(root: etree._Element) -> etree._Element | None:
    """The first element nested deeper than MAX_DEPTH, found in one pass."""
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            return cast(etree._Element, element)
    return None
