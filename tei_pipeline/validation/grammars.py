"""Validation, grammars of any project: XML Schema (1.0 and 1.1) and RELAX NG.

Input: a schema file and parsed TEI documents. Output: tei.validate.Problems.

- XSD with xmlschema (already the project's validator): it supports XSD 1.1,
  which lxml/libxml2 does not (the Schnitzler letters' schema says
  vc:minVersion="1.1"), and its errors name the element, the attribute and
  what was expected (xsd_errors.py words them). It is run with allow="local"
  and defuse="always": no schema or entity is ever fetched over the network.
- RELAX NG (XML or compact syntax) with jing, the reference validator
  (Debian package, tools/install-checkers.sh): one JVM for all files, 0.7 s,
  and the clearest messages. In-process lxml RelaxNG is the fallback without
  jing; it needs 90 s and more for an ODD-made TEI schema and its messages are
  terse, and it reads no compact syntax.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from lxml import etree

from ..tei.positions import source_line
from ..tei.validate import Problem, _Locator, _problem
from .kinds import NotASchema, SchemaKind

if TYPE_CHECKING:  # xmlschema is imported where an XSD is loaded: 0.25 s at every start
    import xmlschema

VC_NS = "http://www.w3.org/2007/XMLSchema-versioning"
_JING_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<level>error|fatal|"
    r"warning): (?P<message>.*)$"
)


class XsdChecker:
    """One XML Schema, loaded once; XSD 1.1 when the schema asks for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.schema = _xsd(str(path), path.stat().st_mtime_ns)

    def check(self, tree: etree._ElementTree, text: str) -> list[Problem]:
        from ..tei import xsd_errors

        locator = _Locator(text)
        # an XMLSchema11 works wherever xsd_errors expects an XMLSchema (1.0)
        schema = cast("xmlschema.XMLSchema", self.schema)
        return [_problem(f, locator, "xsd") for f in xsd_errors.findings(schema, tree)]


@cache
def _xsd(path: str, mtime: int) -> xmlschema.XMLSchemaBase:
    del mtime  # part of the cache key only: a changed schema is loaded again
    import xmlschema

    root = etree.parse(path).getroot()
    version = (root.get(f"{{{VC_NS}}}minVersion") or "1.0").strip()
    kind = xmlschema.XMLSchema11 if version.startswith("1.1") else xmlschema.XMLSchema10
    try:
        return kind(path, allow="local", defuse="always")
    except (xmlschema.XMLSchemaException, OSError) as error:
        reason = getattr(error, "message", "") or str(error).splitlines()[0]
        raise NotASchema(f"the XML Schema {path} cannot be loaded: {reason}") from error


class RelaxNgChecker:
    """One RELAX NG schema, run by jing on many files at once (or by lxml without jing)."""

    def __init__(self, path: Path, kind: SchemaKind) -> None:
        self.path = path
        self.compact = kind is SchemaKind.RELAXNG_COMPACT
        self.jing = shutil.which("jing")
        if not self.jing and self.compact:
            raise NotASchema(
                f"{path} is RELAX NG compact syntax, which needs jing; install it "
                "(apt-get install jing) or give the XML syntax (.rng)"
            )
        self._lxml = None if self.jing else _lxml_rng(str(path), path.stat().st_mtime_ns)

    def check_many(
        self, documents: list[tuple[Path, etree._ElementTree, str]]
    ) -> dict[Path, list[Problem]]:
        """Problems of each document, by its path."""
        if self._lxml is not None:
            return {p: _lxml_problems(self._lxml, tree, text) for p, tree, text in documents}
        return self._jing(documents)

    def _jing(
        self, documents: list[tuple[Path, etree._ElementTree, str]]
    ) -> dict[Path, list[Problem]]:
        found: dict[Path, list[Problem]] = {path: [] for path, _, _ in documents}
        with tempfile.TemporaryDirectory(prefix="tp-jing-") as folder:
            given: dict[str, Path] = {}
            for index, (path, tree, _) in enumerate(documents):
                given[str(_for_jing(path, tree, Path(folder) / f"{index}.xml"))] = path
            command = [str(self.jing), *(["-c"] if self.compact else []), str(self.path), *given]
            run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
            for line in run.stdout.splitlines():
                match = _JING_LINE.match(line)
                if not match:
                    continue
                if match["file"] not in given:
                    raise NotASchema(f"the RELAX NG schema is broken: {line}")
                found[given[match["file"]]].append(
                    Problem(
                        int(match["line"]),
                        int(match["column"]),
                        "",
                        "relaxng",
                        _words(match["message"]),
                        "relaxng",
                    )
                )
            if run.returncode not in (0, 1) or (run.returncode and not run.stdout.strip()):
                detail = (run.stderr.strip().splitlines() or ["no message"])[-1]
                raise NotASchema(f"jing could not run on {self.path}: {detail}")
        return found


def _for_jing(path: Path, tree: etree._ElementTree, spare: Path) -> Path:
    """The file jing reads: the file itself, or, when it has a DOCTYPE, the document
    as parsed here (internal entities expanded, no DTD), so that jing never reads an
    external entity or DTD. The copy keeps the root on its line; a root start tag
    written over several lines moves the lines after it up."""
    if not getattr(tree.docinfo, "doctype", ""):
        return path.resolve()
    root = tree.getroot()
    padding = b"\n" * max((source_line(root) or 1) - 1, 0)
    spare.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>' + padding + etree.tostring(root))
    return spare.resolve()


def _words(message: str) -> str:
    """jing's message, which already names elements and what was expected; ends without '.'."""
    return message.rstrip(".")


@cache
def _lxml_rng(path: str, mtime: int) -> etree.RelaxNG:
    del mtime
    try:
        return etree.RelaxNG(etree.parse(path))
    except etree.LxmlError as error:
        raise NotASchema(f"the RELAX NG schema {path} cannot be loaded: {error}") from error


def _lxml_problems(schema: etree.RelaxNG, tree: etree._ElementTree, text: str) -> list[Problem]:
    if schema.validate(tree):
        return []
    del text
    return [
        Problem(e.line, e.column, e.path or "", "relaxng", e.message, "relaxng")
        for e in schema.error_log
    ]
