"""The lossless check: the words of the source appear in the TEI, in order.

Both sides are reduced to their letters and digits (so spacing, bullets,
quotation marks and letter-spacing do not matter). The TEI side is rebuilt from
the text element: a note is read where its notes block stood (at the end),
its number where the marker was; a list item's number is read from @n. Any
other difference means a word was lost, invented or moved, and the first one is
reported with its place in the source (ENCODING.md principle 1).
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass

from lxml import etree

from ..diagnostics import Location
from ..tei.ns import SRC, XPATH_NS, local_name

# Header-like display attributes the reader never adds to running text.
_SKIP = frozenset({"teiHeader", "standOff"})


@dataclass(frozen=True)
class LosslessResult:
    ok: bool
    source_chars: int
    tei_chars: int
    first_difference: Location | None = None
    detail: str = ""


SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


NOT_ALNUM = re.compile(r"[\W_]+")  # \w without "_" is what str.isalnum() accepts
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def keep(text: str) -> str:
    """Letters and digits only; a superscript note marker counts as its digit.

    The ASCII characters are dropped by bytes.translate, four times faster than
    the expression (in UTF-8 a byte below 128 is always an ASCII character); the
    expression then sees only what is left."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    data = text.translate(SUPERSCRIPT_DIGITS).encode("utf-8", "surrogatepass")
    rest = data.translate(None, _ASCII_NOT_ALNUM).decode("utf-8", "surrogatepass")
    return NOT_ALNUM.sub("", rest)


# Moved notes waiting to be read, a heap of (source line where the note stood, order, text).
Moved = list[tuple[int, int, str]]


def tei_reading(doc: etree._ElementTree) -> str:
    """The letters and digits of the TEI text in source order. The walk gathers
    the strings as they are and keeps their letters and digits once, at the end:
    keep() looks at each character alone, so that is the same string, in one pass."""
    text = doc.find(".//{http://www.tei-c.org/ns/1.0}text")
    if text is None:
        return ""
    moved: Moved = []
    out: list[str] = []
    _walk(text, out, moved, True)
    while moved:
        out.append(heapq.heappop(moved)[2])
    return keep("".join(out))


def _walk(element: etree._Element, out: list[str], moved: Moved, flush: bool) -> None:
    name = local_name(element.tag)
    line = _line(element)
    if name == "note" and element.get("place") == "foot":
        number = element.get("n") or ""
        out.append(number)  # the marker stood here
        inner: list[str] = []
        labelled = len(element) and local_name(element[0].tag) == "label" and not element.text
        _children(element, inner, moved, False)
        text = "".join(inner) if labelled else number + "".join(inner)
        where = line if line is not None else 1 << 30
        heapq.heappush(moved, (where, len(out), text))
        return
    if flush and line is not None:
        while moved and moved[0][0] < line:  # notes that stood before this element
            out.append(heapq.heappop(moved)[2])
    if name == "note" and element.get("place") == "end":
        out.append(element.get("n") or "")  # an endnote left where it stood
    if name == "item" and element.get("n"):
        out.append(element.get("n") or "")
    _children(element, out, moved, flush)


def _line(element: etree._Element) -> int | None:
    src = element.get(SRC)
    return int(src.rsplit(":", 2)[1]) if src else None


def _children(element: etree._Element, out: list[str], moved: Moved, flush: bool) -> None:
    out.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and local_name(child.tag) not in _SKIP:
            _walk(child, out, moved, flush)
        out.append(child.tail or "")


def check(source_text: str, doc: etree._ElementTree, path: str) -> LosslessResult:
    tei = tei_reading(doc)
    source = keep(source_text)
    if source == tei:
        return LosslessResult(True, len(source), len(tei))
    source_chars, offsets = _source_stream(source_text)  # positions, only when needed
    source = "".join(source_chars)
    at = next(
        (i for i, (a, b) in enumerate(zip(source, tei, strict=False)) if a != b),
        min(len(source), len(tei)),
    )
    where = _location(source_text, offsets, at, path)
    found = source[max(0, at - 20) : at + 20]
    made = tei[max(0, at - 20) : at + 20]
    detail = f"the TEI differs from the source here: source has ...{found}..., TEI has ...{made}..."
    return LosslessResult(False, len(source), len(tei), where, detail)


def _source_stream(text: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for offset, ch in enumerate(text.translate(SUPERSCRIPT_DIGITS)):
        if ch.isalnum():
            chars.append(ch)
            offsets.append(offset)
    return chars, offsets


def _location(text: str, offsets: list[int], index: int, path: str) -> Location:
    offset = offsets[index] if index < len(offsets) else len(text)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    line = bisect.bisect_right(line_starts, offset)
    return Location(path, line, offset - line_starts[line - 1] + 1)


__all__ = ["LosslessResult", "check", "tei_reading", "XPATH_NS"]
