"""The lossless check: the words of the source appear in the TEI, in order.

Both sides are reduced to their letters and digits (so spacing, bullets,
quotation marks and letter-spacing do not matter). The TEI side is rebuilt from
the text element: a note is read where its notes block stood (at the end),
its number where the marker was; a list item's number is read from @n. Any
other difference means a word was lost, invented or moved, and the first one is
reported with its place in the source (ENCODING.md principle 1).
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

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
# The source is reduced this many characters at a time, so that neither side of
# the check is ever held whole beside the text (README, Limits: memory).
CHUNK = 1 << 20


class Sink(Protocol):
    def append(self, piece: str, /) -> None: ...


def tei_reading(doc: etree._ElementTree) -> str:
    """The letters and digits of the TEI text in source order. The walk gathers
    the strings as they are and keeps their letters and digits once, at the end:
    keep() looks at each character alone, so that is the same string, in one pass."""
    out: list[str] = []
    _read_text(doc, out)
    return keep("".join(out))


class _Batched:
    """A Sink of the walk's strings as they are, passing on their letters and
    digits a batch (about CHUNK characters) at a time: keep() runs once per batch
    (keep of a join is the join of keeps), and no batch grows past a chunk."""

    def __init__(self, target: Sink) -> None:
        self.target = target
        self.batch: list[str] = []
        self.size = 0

    def append(self, piece: str, /) -> None:
        self.batch.append(piece)
        self.size += len(piece)
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.target.append(keep("".join(self.batch)))
            self.batch, self.size = [], 0


def _read_text(doc: etree._ElementTree, out: Sink) -> None:
    text = doc.find(".//{http://www.tei-c.org/ns/1.0}text")
    if text is None:
        return
    moved: Moved = []
    _walk(text, out, moved, True)
    while moved:
        out.append(heapq.heappop(moved)[2])


def _walk(element: etree._Element, out: Sink, moved: Moved, flush: bool) -> None:
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
        # the order of pushing breaks ties: notes of one line are read as they came
        heapq.heappush(moved, (where, next(_ORDER), text))
        return
    if flush and line is not None:
        while moved and moved[0][0] < line:  # notes that stood before this element
            out.append(heapq.heappop(moved)[2])
    if name == "note" and element.get("place") == "end":
        out.append(element.get("n") or "")  # an endnote left where it stood
    if name == "item" and element.get("n"):
        out.append(element.get("n") or "")
    _children(element, out, moved, flush)


# Breaks ties in the heap: notes pushed earlier are read first (only the order matters).
_ORDER = itertools.count()


def _line(element: etree._Element) -> int | None:
    src = element.get(SRC)
    return int(src.rsplit(":", 2)[1]) if src else None


def _children(element: etree._Element, out: Sink, moved: Moved, flush: bool) -> None:
    out.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and local_name(child.tag) not in _SKIP:
            _walk(child, out, moved, flush)
        out.append(child.tail or "")


def _source_chunks(text: str) -> Iterator[str]:
    """keep(text), a chunk at a time (keep works character by character)."""
    for start in range(0, len(text), CHUNK):
        yield keep(text[start : start + CHUNK])


class _Comparison:
    """A Sink that compares the TEI reading, piece by piece, with the source's,
    read a chunk at a time: neither reading is ever held whole. It notes the
    first index where they differ and the letters on both sides of it."""

    CONTEXT = 20

    def __init__(self, source_text: str) -> None:
        self.chunks = _source_chunks(source_text)
        self.buffer = ""  # the source's letters from self.start on
        self.start = 0  # index (in the whole source reading) of buffer[0]
        self.pos = 0  # letters of the buffer compared, and equal, so far
        self.tei_chars = 0
        self.at: int | None = None  # index of the first difference
        self.made = ""  # the TEI's letters from CONTEXT before it on

    def append(self, piece: str, /) -> None:
        if not piece:
            return
        self.tei_chars += len(piece)
        if self.at is not None:
            if len(self.made) < 2 * self.CONTEXT:
                self.made += piece[: 2 * self.CONTEXT]
            return
        self._fill(len(piece))
        if self.buffer.startswith(piece, self.pos):
            self.pos += len(piece)
            return
        rest = self.buffer[self.pos : self.pos + len(piece)]
        same = next(
            (i for i, (a, b) in enumerate(zip(rest, piece, strict=False)) if a != b), len(rest)
        )
        self.pos += same
        self._differ(piece[same:])

    def finish(self) -> bool:
        """True when the readings are equal (the source has no letters left over)."""
        if self.at is None:
            self._fill(1)
            if self.pos < len(self.buffer):
                self._differ("")
        return self.at is None

    def found(self) -> str:
        """The source's letters around the first difference."""
        self._fill(self.CONTEXT)
        return self.buffer[max(0, self.pos - self.CONTEXT) : self.pos + self.CONTEXT]

    def source_chars(self) -> int:
        return self.start + len(self.buffer) + sum(len(chunk) for chunk in self.chunks)

    def _differ(self, made: str) -> None:
        self.at = self.start + self.pos
        self.made = self.buffer[max(0, self.pos - self.CONTEXT) : self.pos] + made

    def _fill(self, wanted: int) -> None:
        """At least `wanted` letters after pos (and CONTEXT before), or all that are left."""
        while len(self.buffer) - self.pos < wanted:
            chunk = next(self.chunks, None)
            if chunk is None:
                return
            keep_from = max(0, self.pos - self.CONTEXT)  # once per chunk, not per piece
            self.buffer = self.buffer[keep_from:] + chunk
            self.start += keep_from
            self.pos -= keep_from


def check(source_text: str, doc: etree._ElementTree, path: str) -> LosslessResult:
    comparison = _Comparison(source_text)
    batched = _Batched(comparison)
    _read_text(doc, batched)
    batched.flush()
    if comparison.finish():
        return LosslessResult(True, comparison.tei_chars, comparison.tei_chars)
    assert comparison.at is not None
    found, made = comparison.found(), comparison.made[: 2 * comparison.CONTEXT]
    where = _location(source_text, comparison.at, path)
    detail = f"the TEI differs from the source here: source has ...{found}..., TEI has ...{made}..."
    return LosslessResult(False, comparison.source_chars(), comparison.tei_chars, where, detail)


def _offset_of(text: str, index: int) -> int:
    """The offset in text of the index-th letter or digit of keep(text)."""
    count = 0
    for start in range(0, len(text), CHUNK):
        chunk = text[start : start + CHUNK]
        letters = len(keep(chunk))
        if count + letters > index:
            for offset, ch in enumerate(chunk, start):
                if keep(ch):
                    if count == index:
                        return offset
                    count += 1
        count += letters
    return len(text)


def _location(text: str, index: int, path: str) -> Location:
    offset = _offset_of(text, index)
    line = text.count("\n", 0, offset) + 1
    return Location(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


__all__ = ["LosslessResult", "check", "tei_reading", "XPATH_NS"]
