"""Note markers of a plain text (ENCODING.md, "numbered notes block"): the
reader asks whether a numbered block's numbers all have markers (then it is a
notes block, not a list); transforms/notes.py finds each marker to put its
note there. Moved unchanged from transforms/notes.py, which re-exports them.
"""

from __future__ import annotations

import re
from functools import lru_cache

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A glued marker follows a lower-case letter or closing punctuation, and is not
# followed by another digit or a letter (so "21st", "F16" and "1,000" are not markers).
_BEFORE_GLUED = r"(?<=[a-zà-ÿ.,;:!?”’\"')\]])"
_AFTER = r"(?![\d\w])"


@lru_cache(maxsize=256)
def marker_pattern(number: int) -> re.Pattern[str]:
    n = str(number)
    sup = n.translate(SUPERSCRIPTS)
    return re.compile(rf"\[{n}\]|{sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])|{_BEFORE_GLUED}{n}{_AFTER}(?!,\d)")


def has_markers(text: str, numbers: list[int]) -> bool:
    """True when markers for all numbers occur in text, in this order."""
    position = 0
    for number in numbers:
        found = marker_pattern(number).search(text, position)
        if found is None:
            return False
        position = found.end()
    return True
