"""Note markers: the shapes a footnote marker takes in a plain text.

Shared by the reader (readers/plaintext/notes_block.py asks whether a text has
a marker for every note of a block, to tell a notes block from a list) and by
transforms/notes.py, which finds each marker to put its note there. The tp:
attributes are the internal marks the reader leaves on a note for the transform.
"""

from __future__ import annotations

import re

from ...tei.ns import TP_NS

PENDING = f"{{{TP_NS}}}pending"  # a note not yet at its marker: its marker shapes
OPEN = f"{{{TP_NS}}}open"  # the source's text before a note's content ("[1] ")
CLOSE = f"{{{TP_NS}}}close"  # and after it ("]")
SUPERSCRIPT_VALUES = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LABEL = r"\d{1,4}|[A-Z]|#[\w-]*|\*"
# One alternative per marker shape; `emphasis` is matched only to step over
# `*word*`, whose closing star is not a marker.
MARKER_SHAPES: dict[str, str] = {
    "emphasis": r"(?<![\w*])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])",
    "rst": rf"\[(?P<rst>{_LABEL})\]_",
    "bracket": rf"\[(?P<bracket>{_LABEL})\](?!_|\()",
    "paren": r"\((?P<paren>\d{1,3})\)",
    "superscript": r"(?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)",
    "symbol": r"(?<=[\w.,;:!?)\]\"'”’])(?P<symbol>\*{1,3}|[†‡§])(?![\w*])",
    # after a lower-case letter or closing punctuation, not before another digit
    # or letter (so "21st", "F16" and "1,000" are not markers)
    "glued": r"(?<=[a-zà-ÿ.,;:!?”’\"')\]])(?P<glued>\d{1,4})(?![\d\w])(?!,\d)",
}
# Shapes whose stray candidates are worth a warning (a glued digit may be a number).
WARNED = frozenset({"rst", "bracket", "superscript", "symbol"})


def marker_pattern(shapes: frozenset[str]) -> re.Pattern[str]:
    """One pattern for all marker shapes of a notes block (fixed order)."""
    wanted = set(shapes) | ({"emphasis"} if "symbol" in shapes else set())
    return _compiled(tuple(name for name in MARKER_SHAPES if name in wanted))


def _compiled(names: tuple[str, ...]) -> re.Pattern[str]:
    # re keeps its own cache of compiled patterns; a text uses few combinations
    return re.compile("|".join(MARKER_SHAPES[name] for name in names))


def marker_label(found: re.Match[str]) -> tuple[str, str] | None:
    """(shape, label) of a marker match; None for a stepped-over emphasis."""
    shape = found.lastgroup
    if shape is None:
        return None
    return shape, found[shape].translate(SUPERSCRIPT_VALUES)


def has_markers(text: str, labels: list[str], shapes: frozenset[str]) -> bool:
    """True when text has a marker for each label, in this order (one pass)."""
    wanted = iter(labels)
    current = next(wanted, None)
    for found in marker_pattern(shapes).finditer(text):
        marker = marker_label(found)
        if marker is not None and marker[1] == current:
            current = next(wanted, None)
            if current is None:
                return True
    return current is None
