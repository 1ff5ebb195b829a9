"""HTML writer, the documents' summaries as the pages about all of them read them:
each document's head (title, date, authors: what the index lists) kept in
memory, and its names and dates with their words in context put in a temporary
SQLite database, from which the names page reads one entry's lines at a time
and the timeline its dates in order. So a build holds one summary at a time,
not every document's lines (on names.html and timeline.html, most of the bytes).

Stage: writer. Input: DocSummary records (summary.py), one at a time, in build
order. Output: the heads in that order; the mentions of an entry, by document
and in the text's order; the dated dates, by date and in build order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .names import date_key
from .summary import DateLine, DocSummary, MentionLine

# the temporary database goes to disk ("" is a private file SQLite removes on
# close) and reads with a page cache of its own size, so it is flat in the corpus
SCHEMA = """
CREATE TABLE mention (entry TEXT, doc INTEGER, seq INTEGER, html_id TEXT,
                      before TEXT, words TEXT, after TEXT);
CREATE TABLE header_ref (entry TEXT, doc INTEGER, seq INTEGER, role TEXT);
CREATE TABLE dated (y INTEGER, m INTEGER, d INTEGER, seq INTEGER, doc INTEGER,
                    html_id TEXT, start TEXT, phrase TEXT, cert TEXT, last TEXT,
                    before TEXT, words TEXT, after TEXT);
"""
NO_KWIC = ("", "", "")  # a date line's words in context, left out
# made once all rows are in: the order each page reads them in
INDEXES = """
CREATE INDEX mention_order ON mention (entry, doc, seq);
CREATE INDEX header_ref_order ON header_ref (entry, doc, seq);
CREATE INDEX dated_order ON dated (y, m, d, seq);
"""


class Spool:
    """The summaries of a build's documents, added in build order (`add`), then read
    by the corpus pages. Use as a context manager: the database goes on exit."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.executescript(SCHEMA)
        self.heads: list[DocSummary] = []
        self.dates = 0
        self._sealed = False

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add(self, summary: DocSummary) -> DocSummary:
        """Keep `summary`'s head; put its lines in the database. Returns the head."""
        doc = len(self.heads)
        head = replace(summary, entries=[], header_refs=[], refs=[], mentions=[], dates=[])
        self.heads.append(head)
        self.db.executemany(
            "INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((m.entry, doc, k, m.html_id, *m.kwic) for k, m in enumerate(summary.mentions)),
        )
        self.db.executemany(
            "INSERT INTO header_ref VALUES (?, ?, ?, ?)",
            ((e, doc, k, role) for k, (e, role) in enumerate(summary.header_refs)),
        )
        rows = []
        for mark in summary.dates:
            key = date_key(mark.start)
            if key is not None:  # the timeline places a date by its start
                line = (mark.html_id, mark.start, mark.phrase, mark.cert, mark.last, *mark.kwic)
                rows.append((*key, self.dates, doc, *line))
                self.dates += 1
        self.db.executemany(f"INSERT INTO dated VALUES ({', '.join('?' * 13)})", rows)
        return head

    def _seal(self) -> None:
        if not self._sealed:
            self.db.executescript(INDEXES)
            self._sealed = True

    def mentions(self, entry: str) -> Iterator[tuple[DocSummary, MentionLine]]:
        """The lines naming `entry`: by document, in the order of its text."""
        self._seal()
        rows = self.db.execute(
            "SELECT doc, html_id, before, words, after FROM mention"
            " WHERE entry = ? ORDER BY doc, seq",
            (entry,),
        )
        for doc, html_id, *kwic in rows:
            yield self.heads[doc], MentionLine(entry, html_id, (kwic[0], kwic[1], kwic[2]))

    def header_refs(self, entry: str) -> list[tuple[DocSummary, str]]:
        """The documents whose header names `entry`, and how (DocSummary.header_refs)."""
        self._seal()
        rows = self.db.execute(
            "SELECT doc, role FROM header_ref WHERE entry = ? ORDER BY doc, seq", (entry,)
        )
        return [(self.heads[doc], str(role)) for doc, role in rows]

    def timeline(
        self, kwic: bool = True
    ) -> Iterator[tuple[tuple[int, int, int], DocSummary, DateLine]]:
        """The dated dates (timeline_page.timeline_entries): by their start, dates of
        one day in the order of the documents and of their texts. Without `kwic`
        their words in context are left out (NO_KWIC): the picture's marks show
        none, and at 10,000 documents they are most of what the timeline reads."""
        self._seal()
        context = ", before, words, after" if kwic else ""
        rows: Iterable[Any] = self.db.execute(
            f"SELECT y, m, d, doc, html_id, start, phrase, cert, last{context}"
            " FROM dated ORDER BY y, m, d, seq"
        )
        for y, m, d, doc, html_id, start, phrase, cert, last, *words in rows:
            around = (words[0], words[1], words[2]) if words else NO_KWIC
            yield (y, m, d), self.heads[doc], DateLine(html_id, start, phrase, cert, last, around)

    def dated_count(self) -> tuple[int, int]:
        """How many dates timeline() gives, and from how many documents."""
        ((dates, documents),) = self.db.execute("SELECT count(*), count(DISTINCT doc) FROM dated")
        return int(dates), int(documents)


def spooled(summaries: Iterable[DocSummary]) -> Spool:
    """A Spool of `summaries` (the pages of one site made in memory)."""
    spool = Spool()
    for summary in summaries:
        spool.add(summary)
    return spool
