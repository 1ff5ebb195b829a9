"""Asking what stands just before a place in a text, in time that does not grow
with the text.

Rules about a word or number often ask what precedes it ("September 13": a day;
"Mr. Smith"; the start of a sentence) with a pattern anchored at its end by `$`.
Searching the whole text before every match made a paragraph of many matches
quadratic; these searches look back a bounded way instead. With pos and endpos,
`^` still means a real line start and lookbehinds still see the text before the
window, so the answer is the same unless the context is longer than LOOKBACK.
"""

from __future__ import annotations

import re

LOOKBACK = 120  # characters: far more than any context these rules read


def ends_before(pattern: re.Pattern[str], text: str, end: int, lookback: int = LOOKBACK) -> bool:
    """Whether pattern (anchored with $) matches text just before `end`."""
    return pattern.search(text, max(0, end - lookback), end) is not None
