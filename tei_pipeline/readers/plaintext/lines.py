"""Plain text as numbered lines and blank-line-separated blocks.

Input: the decoded text. Output: Blocks of Lines, each line knowing its 1-based
number and the column where its text starts, so that every TEI element made from
it can point back to the source (STYLE.md section 4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters that make a line look empty: any Unicode space (NBSP, thin and hair
# spaces, ideographic space) and zero-width characters left by web pages.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# C0 controls but tab, line ends and form feed (a page break, as in RFCs; split_lines
# makes it a space), DEL and the C1 controls (allowed by XML but never meant in a
# text: a sign of a wrong decoding), and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def is_blank(text: str) -> bool:
    return not text.strip().strip(_INVISIBLE).strip()


def tidy(text: str) -> str:
    """A line's text without surrounding spaces (including NBSP) or zero-width marks."""
    return text.strip().strip(_INVISIBLE).strip()


@dataclass(frozen=True)
class Line:
    number: int
    raw: str

    @property
    def text(self) -> str:
        return tidy(self.raw)

    @property
    def column(self) -> int:
        """1-based column of the first visible character."""
        stripped = self.raw.lstrip().lstrip(_INVISIBLE).lstrip()
        return len(self.raw) - len(stripped) + 1

    @property
    def indent(self) -> int:
        return self.column - 1

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Block:
    """Consecutive non-blank lines; `gap` is the number of blank lines before it."""

    lines: list[Line]
    gap: int = 0
    kind: str = field(default="text")

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def words(self) -> int:
        return sum(line.words for line in self.lines)


def split_lines(text: str) -> list[Line]:
    """Number the lines of text; CR LF and lone CR count as line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ")
    return [Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]


def has_control_characters(text: str) -> re.Match[str] | None:
    return _CONTROL.search(text)


def replace_control_characters(text: str) -> str:
    return _CONTROL.sub(" ", text)


def group_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    gap = 0
    for line in lines:
        if is_blank(line.raw):
            if current:
                blocks.append(Block(current, gap))
                current, gap = [], 0
            gap += 1
        else:
            current.append(line)
    if current:
        blocks.append(Block(current, gap))
    return blocks


FIRST_LINE_INDENT = 3  # a paragraph's first line set in this far marks a new paragraph


def split_indented_paragraphs(block: Block) -> list[Block]:
    """Paragraphs marked by a first-line indent, with no blank line between
    them: split before each indented line that follows a line at the margin.
    A block whose lines are all indented alike (verse, a quotation) is left whole."""
    base = min(line.indent for line in block.lines)
    deep = [line.indent >= base + FIRST_LINE_INDENT for line in block.lines]
    if len(block.lines) < 3 or not deep[0] or all(deep) or sum(deep) < 2:
        return [block]
    parts: list[Block] = []
    for index, line in enumerate(block.lines):
        if index == 0 or (deep[index] and not deep[index - 1]):
            parts.append(Block([line], block.gap if index == 0 else 0))
        else:
            parts[-1].lines.append(line)
    return parts
