"""The whole run at a glance: read -> transforms (ordered) -> check -> write.

    text --reader--> TEI tree --transforms--> lossless check --> validate --> strip --> TEI bytes

Every stage reports through one Reporter; only the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree

from .checks import lossless
from .checks.schema import validate_in_pipeline
from .config import Sidecar, load_sidecar
from .diagnostics import Reporter
from .files import document_id, first_control_character, read_source_text, sidecar_for
from .readers import READERS
from .readers.plaintext.lines import replace_control_characters
from .tei.ns import XPATH_NS
from .transforms import ordered
from .transforms.base import Context
from .transforms.strip_internal import strip_internal
from .writers.tei import serialize


@dataclass
class Conversion:
    """The result of converting one text: the TEI bytes and what was reported."""

    doc_id: str
    shown_as: str
    tei: bytes
    reporter: Reporter
    lossless: lossless.LosslessResult
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.lossless.ok and not self.reporter.has_errors


def convert_file(
    path: Path, shown_as: str, sidecar_path: Path | None = None, keep_positions: bool = False
) -> Conversion:
    """Convert one plain text (and its sidecar, if any) to TEI. Raises
    PipelineError for input that cannot be converted at all."""
    data, text, notice = read_source_text(path, shown_as)
    sidecar_path = sidecar_path or sidecar_for(path)
    sidecar = (
        load_sidecar(sidecar_path, _shown(sidecar_path, shown_as)) if sidecar_path else Sidecar()
    )
    ctx = Context(
        shown_as=shown_as,
        sidecar=sidecar,
        source_bytes=data,
        source_text=text,
        doc_id=document_id(path.stem),
    )
    if notice is not None:  # read, but not as UTF-8: say how
        ctx.reporter.report(notice.code, notice.location, notice.detail)
    return convert_text(text, ctx, keep_positions)


def convert_text(text: str, ctx: Context, keep_positions: bool = False) -> Conversion:
    if (where := first_control_character(text, ctx.shown_as)) is not None:
        ctx.reporter.report("r-003", where)
        text = replace_control_characters(text)
    document = READERS["plaintext"]().read(text, ctx)
    for transform in ordered(document.transforms):
        if transform.name not in ctx.skip_transforms:
            transform().apply(document.tree, ctx)
    result = lossless.check(text, document.tree, ctx.shown_as)
    if not result.ok and result.first_difference is not None:
        ctx.reporter.report("v-100", result.first_difference, result.detail)
    validate_in_pipeline(document.tree, ctx)  # never write what the schema rejects
    counts = count_features(document.tree)
    if not keep_positions:
        strip_internal(document.tree)
    return Conversion(
        ctx.doc_id, ctx.shown_as, serialize(document.tree), ctx.reporter, result, counts
    )


FORMATS = ("tei", "html", "epub")
ANTHOLOGY_TITLE = "The collected texts"


def editions(
    documents: list[tuple[str, etree._ElementTree]], formats: tuple[str, ...], reporter: Reporter
) -> dict[str, bytes]:
    """The derived editions of converted documents, as output-relative paths ->
    bytes: html/ (a static site: index, pages, names, timeline) and epub/ (one
    book per document and an anthology of all). Made from the TEI alone."""
    from .writers.epub import EpubWriter, anthology
    from .writers.html.site import build_site

    files: dict[str, bytes] = {}
    if "html" in formats and documents:
        for path, data in build_site(documents, reporter).items():
            files[f"html/{path}"] = data
    if "epub" in formats and documents:
        for name, tree in documents:
            ctx = Context(shown_as=name, doc_id=name, reporter=reporter)
            files[f"epub/{name}.epub"] = EpubWriter().write(tree, ctx)
        files["epub/anthology.epub"] = anthology(
            documents, _anthology_title(documents), reporter=reporter
        )
    return files


def _anthology_title(documents: list[tuple[str, etree._ElementTree]]) -> str:
    publishers = {
        str(p).strip()
        for _, tree in documents
        for p in cast(
            "list[str]",
            tree.xpath(
                "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher/text()",
                namespaces=XPATH_NS,
            ),
        )
    }
    return publishers.pop() if len(publishers) == 1 else ANTHOLOGY_TITLE


def count_features(doc: etree._ElementTree) -> dict[str, int]:
    """What the summary table shows for each document."""

    def count(xpath: str) -> int:
        return int(cast(float, doc.xpath(f"count({xpath})", namespaces=XPATH_NS)))

    return {
        "paragraphs": count("//tei:text//tei:p"),
        "notes": count("//tei:text//tei:note[@place='foot']"),
        "quotations": count("//tei:text//tei:cit"),
        "editions": count("//tei:sourceDesc/tei:listBibl/tei:bibl"),
        "names": count(
            "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
        ),
        "dates": count("//tei:text//tei:date[@when or @from or @notBefore]"),
    }


def _shown(path: Path, text_shown_as: str) -> str:
    shown = Path(text_shown_as).with_name(path.name)
    return str(shown) if path.parent == Path(text_shown_as).parent or True else str(path)


def find_texts(folder: Path) -> list[Path]:
    """The plain texts of a sources folder, in a stable order."""
    return sorted(p for p in folder.glob("*.txt") if p.is_file())
