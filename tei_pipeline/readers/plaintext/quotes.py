"""Quotations that run over several paragraphs.

Input: the blocks of running text. Output: how many blocks, from a given one,
form one quotation by the printer's convention: every paragraph opens with a
quotation mark and only the last one closes (the opening mark repeated at each
paragraph, as English and American typesetting does). build.py makes them one
`cit/quote` (TEI Guidelines 3.3.3).
"""

from __future__ import annotations

from .lines import Block

OPENING = ("“", '"', "«", "„")


def _opens(block: Block) -> bool:
    return block.kind == "text" and block.text.startswith(OPENING)


def _unclosed(text: str) -> bool:
    """More opening marks than closing ones (straight marks: an odd number)."""
    return (
        text.count("“") + text.count("„") > text.count("”")
        or text.count("«") > text.count("»")
        or text.count('"') % 2 == 1
    )


def quotation_run(blocks: list[Block], index: int) -> int:
    """The number of paragraphs of a quotation starting at index, or 0."""
    if not _opens(blocks[index]) or not _unclosed(blocks[index].text):
        return 0
    for end in range(index + 1, len(blocks)):
        if not _opens(blocks[end]):
            return 0
        if not _unclosed(blocks[end].text):
            return end - index + 1  # the last paragraph closes the quotation
    return 0
