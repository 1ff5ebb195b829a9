"""Diagnostics: every problem the pipeline can report, and the reporter that collects them.

A diagnostic is one line for an editor, compiler-style::

    sources/letter.txt:12:5: warning n-002: note 3 has no marker in the text; ...

Codes are a stage letter and three digits (r reader, h header, p persons, d dates,
n notes, i ids, v validation, w html, e epub, c configuration) and are listed once
in CODES with their severity and a hint saying what to do. A code is never reused
for another meaning.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """How bad a problem is; the order lets the CLI filter with --report-level."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


class Code(NamedTuple):
    severity: Severity
    message: str
    hint: str


INFO, W, E = Severity.INFO, Severity.WARNING, Severity.ERROR

CODES: dict[str, Code] = {
    # reader
    "r-001": Code(E, "the file is not UTF-8 text", "save it as UTF-8 and run again"),
    "r-002": Code(E, "the file holds no text", "add the text, or remove the file from the sources"),
    "r-003": Code(
        W,
        "a control character was found and replaced by a space",
        "check the source for stray bytes",
    ),
    "r-004": Code(E, "the file cannot be read", "check that it exists and that you may read it"),
    "r-005": Code(E, "the file is not well-formed XML", "fix the markup at this place"),
    "r-006": Code(
        E,
        "the file is not a TEI document",
        "give a file whose root is TEI in the namespace http://www.tei-c.org/ns/1.0",
    ),
    "r-007": Code(
        W,
        "the file is not UTF-8; it was read in the encoding it declares",
        "check its accented letters, or save it as UTF-8",
    ),
    "r-008": Code(
        W,
        "the file is not UTF-8; it was read as Windows-1252",
        "check its accented letters, or save it as UTF-8",
    ),
    "r-009": Code(
        E,
        "the document is nested too deeply to be read safely",
        "flatten the nesting (the limit is documented in the README)",
    ),
    "r-010": Code(
        E,
        "the text is larger than the documented limit",
        "split it into several texts (one per part or chapter), each under the limit",
    ),
    "r-011": Code(
        E,
        "the TEI file is larger than the documented limit",
        "split it into several TEI files (one per part or chapter), each under the limit",
    ),
    # configuration (sidecar)
    "c-001": Code(E, "the sidecar is not valid TOML", "fix the TOML syntax at this place"),
    "c-002": Code(E, "a sidecar field is wrong", "use one of the fields and values listed"),
    "c-004": Code(E, "the sidecar is not UTF-8 text", "save it as UTF-8 and run again"),
    "c-003": Code(W, "the sidecar contradicts the text", "correct the sidecar or the text"),
    # configuration (project: tei-pipeline.toml, project.py)
    "c-005": Code(
        W,
        "the text is in no tei-pipeline project: no registers are used and the "
        "edition is marked unpublished",
        "make a project with `tei-pipeline init DIR` and put the text in DIR/sources/",
    ),
    "c-006": Code(
        E, "a field of the project file is wrong", "use one of the fields and values listed"
    ),
    "c-007": Code(E, "the project file is not UTF-8 TOML", "fix it at this place and run again"),
    "c-008": Code(
        E,
        "a project already exists there",
        "choose another folder, or edit the tei-pipeline.toml that is there",
    ),
    "c-009": Code(E, "a --set option is wrong", "write --set FIELD=VALUE with a value as listed"),
    # header
    "h-001": Code(
        W, "no title was found in the text", "add a title line at the top or a title in the sidecar"
    ),
    "h-002": Code(
        INFO,
        "no author was found in the text",
        "add a byline or signature, or an author in the sidecar",
    ),
    "h-003": Code(
        W,
        "an edition citation could not be parsed into parts",
        "write it as: Title, in Book, Edition, Vol. N, Publisher, Place, Year.",
    ),
    # persons: the registers of persons, places and organizations (registers.py)
    "p-001": Code(
        E,
        "the register file cannot be read or is not well-formed XML",
        "fix the XML at this place; the message says what the parser found",
    ),
    "p-002": Code(
        E,
        "the register file is not a TEI register",
        "make it a TEI document whose standOff holds a listPerson, listPlace or listOrg",
    ),
    "p-003": Code(
        E,
        "a register entry has no xml:id",
        "give the entry a unique, readable xml:id such as mao-zedong",
    ),
    "p-004": Code(
        E,
        "two register entries have the same xml:id",
        "rename one of them, or merge the two if they are the same entity",
    ),
    "p-005": Code(
        E,
        "a register entry has no main form",
        'add its usual name with type="main" as the first name of the entry',
    ),
    "p-006": Code(
        E,
        "a register entry has more than one main form",
        'keep one name with type="main" and make the others type="variant"',
    ),
    "p-007": Code(
        E, "a form in the register is empty", "write the name in it, or delete the element"
    ),
    "p-008": Code(
        E,
        "the same form is claimed by two register entries",
        "keep the form only in the entry it names; a form must point to one entry",
    ),
    "p-009": Code(W, "a form is listed twice in one register entry", "delete the repeated form"),
    "p-010": Code(
        W,
        "a name in the register has no type, or a type other than main or variant",
        'write type="main" or type="variant"; it was read as a variant',
    ),
    "p-011": Code(
        E,
        "an authority id in the register is malformed",
        "write a Wikidata id as Q and digits (Q1394), or leave the idno out",
    ),
    "p-101": Code(
        INFO,
        "names no register knows are not looked for: no recogniser model is installed"
        " for the text's language",
        "tag the names by hand or add them to a register, or install a spaCy model for"
        " the language (docs/recognition.md)",
    ),
    "p-102": Code(
        W,
        "names no register knows were not guessed: no language is stated for the text,"
        " it reads as another language than the default, and no recogniser model for"
        " that language is installed",
        'state the language in the text\'s sidecar (language = "ru") to silence this, or'
        " install a spaCy model for it (docs/recognition.md); registered names are still tagged",
    ),
    "p-103": Code(
        W,
        "names no register knows are not looked for: the text is too large for the recogniser",
        "split the text into parts (one per chapter) to have their names recognised, or build"
        " with --no-recognition; the registered names are tagged",
    ),
    # notes
    "n-001": Code(
        W,
        "a note in the notes block has no marker in the text",
        "add the marker (word1, word[1] or word¹) where the note belongs",
    ),
    "n-002": Code(
        W,
        "the numbered lines at the end were kept as a list, not notes",
        "number notes 1, 2, 3 ... and put each marker in the text",
    ),
    "n-003": Code(
        W,
        "a note marker has no note in the notes block after it",
        "add the note to the notes block, or remove the marker",
    ),
    # dates
    "d-001": Code(W, "a date could not be normalised", "write it with day, month and year"),
    # validation and checks
    # v-001/v-002 messages come from the schema checker and say what to do themselves
    "v-001": Code(E, "the TEI is not valid against the schema", ""),
    "v-002": Code(E, "the TEI breaks a project rule", ""),
    "v-003": Code(E, "the TEI breaks a rule of its Schematron schema", ""),
    "v-004": Code(
        INFO,
        "a schema named by URL was not fetched",
        "validation never uses the network: save the schema beside the file and "
        "point the xml-model href at it, or give it with --schema",
    ),
    "v-005": Code(
        W,
        "the schema the file names does not exist",
        "check the href (it is relative to the file), or give the schema with --schema",
    ),
    "v-006": Code(
        E,
        "the schema cannot be used",
        "give a RELAX NG (.rng or .rnc), XML Schema (.xsd) or ISO Schematron file",
    ),
    "v-007": Code(
        E,
        "a Schematron rule could not be run on this file",
        "a value here makes the rule fail (the message says which); correct the "
        "value, or tell the schema's authors",
    ),
    "v-100": Code(
        E,
        "words of the source are missing or out of order in the TEI",
        "report this with the source file: the converter lost text",
    ),
    # the run itself
    "x-001": Code(
        E,
        "the converter failed on this file (an internal error)",
        "please report it with this file; the other files were still processed",
    ),
    "x-002": Code(E, "an output file cannot be written", "check the output folder and free space"),
    "x-003": Code(
        E,
        "two sources would write outputs of the same name",
        "rename one of the files (names differing only in spaces or punctuation collide)",
    ),
    "x-005": Code(
        E,
        "-o names the wrong kind of path for this output",
        "give a folder for --to html and a file name for --to epub (see --help)",
    ),
    "x-004": Code(
        E,
        "the output would replace an input file",
        "choose another output file with -o; nothing was written",
    ),
    "x-006": Code(
        E,
        "the Dask cluster cannot be used",
        "check the scheduler's address and that Dask and tei-pipeline are installed",
    ),
    "x-007": Code(
        E,
        "tei-pipeline is not fully installed: a package it needs is missing",
        "install tei-pipeline again (pip install --force-reinstall tei-pipeline, or make build"
        " in a checkout); the other files were still processed",
    ),
    # archive (BagIt bags of a build)
    "a-001": Code(
        E,
        "this is not a build to archive",
        "give the output folder of `tei-pipeline build` (with tei/) and its sources",
    ),
    "a-002": Code(
        E,
        "the bag cannot go here: the folder exists and is not a bag",
        "name a new folder, an empty one or an earlier bag to replace",
    ),
    "a-003": Code(
        E,
        "the file has changed since the bag was made",
        "restore it from another copy of the bag; its checksum no longer matches",
    ),
    "a-004": Code(E, "the file is missing from the bag", "restore it from another copy of the bag"),
    "a-005": Code(
        E,
        "the file is in the bag but not in its manifests",
        "remove it, or make the bag again if it belongs there",
    ),
    "a-006": Code(
        E, "the TEI does not match the sources", "build again (tei-pipeline build), then archive"
    ),
    "a-007": Code(E, "this folder is not a readable bag", "give the folder that holds bagit.txt"),
    # html, epub
    "w-001": Code(INFO, "an element has no HTML rule; its text is shown plainly", "nothing to do"),
    "w-002": Code(
        E,
        "the site's search index could not be made",
        "see the message; reinstall tei-pipeline if Pagefind is missing",
    ),
    "e-001": Code(E, "the EPUB could not be made", "see the message"),
}


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: a path as the user named it, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.column, 1)}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    location: Location
    detail: str = ""

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def astext(self) -> str:
        """The one line an editor reads: where, how bad, what, and what to do."""
        code = CODES[self.code]
        what = self.detail or code.message
        hint = f"; {code.hint}" if code.hint else ""
        return f"{self.location}: {code.severity} {self.code}: {what}{hint}"

    def asdict(self) -> dict[str, object]:
        return {
            "file": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.detail or CODES[self.code].message,
            "hint": CODES[self.code].hint,
        }


@dataclass
class Reporter:
    """Collects diagnostics; never prints (the CLI decides what to show)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(self, code: str, location: Location, detail: str = "") -> None:
        if code not in CODES:
            raise KeyError(f"unknown diagnostic code {code}")
        self.diagnostics.append(Diagnostic(code, location, detail))

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def has_errors(self) -> bool:
        return any(d.severity >= Severity.ERROR for d in self.diagnostics)
