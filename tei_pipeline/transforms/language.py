"""Language: the one language of the text every language-dependent transform reads.

Input: the reader's tree and the settings. Output: `ctx.language` (a
TextLanguage), the root's xml:lang, and in the header (LanguageHeaderTransform)
langUsage/language with @cert and @resp when a machine read it. The language a
sidecar, project file or `--set` states is the text's; where none does, the
detector (recognition/language.py, py3langid) reads the work's own words, and a
confident reading replaces the default "en". Before (nothing stated)::

    <TEI xml:lang="en"> ... <p>Chaque habitant de notre ville a le droit ...</p>

After::

    <TEI xml:lang="fr"> ... <langUsage><language ident="fr" cert="high"
      resp="#language-detection">French</language></langUsage>

It runs first of the transforms, with or without the name recogniser
(`--no-recognition`), so that numbers (a comma before three digits), dates
(English month words) and the recogniser's model all follow one reading.
A short, unsure or mixed text keeps the default, unmarked, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..recognition.language import Detection, LanguageDetector
from ..recognition.language import version as detector_version
from ..tei.builder import make, sub
from ..tei.ns import XML_ID, XML_LANG, local_name, tei
from ..tei.textspan import default_skip, text_runs
from .base import Context, Transform

Element = etree._Element
RESP_ID = "language-detection"
# Divisions the reader marks as not the work's own words (a distributor's
# header and licence, a web page's menus): their language is not the work's.
FRAME = frozenset({"boilerplate", "licence", "navigation"})
LANGUAGE_XPATH = f"{tei('teiHeader')}/{tei('profileDesc')}/{tei('langUsage')}/{tei('language')}"


@dataclass(frozen=True)
class TextLanguage:
    """The text's language (a BCP 47 tag), whether someone stated it, and the
    detector's confident reading when nobody did (None: unsure, or stated)."""

    code: str
    stated: bool
    reading: Detection | None = None

    @property
    def base(self) -> str:
        """The ISO 639 part of the tag ("pt" of "pt-BR"), lower case."""
        return self.code.split("-")[0].lower()


def text_language(ctx: Context) -> str:
    """The language a language-dependent transform follows: the one decided for
    this document (LanguageTransform), else the settings' (a stage run alone)."""
    return ctx.language.code if ctx.language is not None else ctx.sidecar.language


def decide(root: Element, ctx: Context) -> TextLanguage:
    """The stated language, else the detector's confident reading, else the default."""
    default = ctx.sidecar.language
    if "language" in ctx.sidecar.model_fields_set:  # else the default, a guess
        return TextLanguage(default, stated=True)
    detector = ctx.services.detector
    text = root.find(tei("text"))
    if detector is None or text is None:
        return TextLanguage(default, stated=False)
    reading = detector.reading(work_texts(text))
    return TextLanguage(reading.language if reading else default, stated=False, reading=reading)


def work_texts(text: Element) -> list[str]:
    """The text runs of the work, without the frame around it (see FRAME)."""
    return [run.text for run in text_runs(text, skip=_frame) if not run.text.isspace()]


def _frame(element: Element) -> bool:
    return default_skip(element) or (
        local_name(element.tag) == "div" and element.get("type") in FRAME
    )


class LanguageTransform(Transform):
    """Decide the text's language (see the module docstring)."""

    name = "language"
    priority = 50

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        ctx.language = decide(doc.getroot(), ctx)
        if ctx.language.reading is not None:
            doc.getroot().set(XML_LANG, ctx.language.code)


class LanguageHeaderTransform(Transform):
    """After the header is built: a language nobody stated is a machine's
    reading, so langUsage/language gets @cert and @resp (TEI
    att.global.responsibility), pointing at a respStmt that names the detector."""

    name = "language-header"
    priority = 404  # after the header (400), before the recogniser's respStmt (405)

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        root = doc.getroot()
        reading = ctx.language.reading if ctx.language is not None else None
        title_stmt = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}")
        language = root.find(LANGUAGE_XPATH)
        if reading is None or title_stmt is None or language is None:
            return
        language.set("cert", reading.cert)
        language.set("resp", f"#{RESP_ID}")
        resp = make("respStmt")
        resp.set(XML_ID, RESP_ID)
        sub(
            resp,
            "resp",
            "Language of the text, which no sidecar, project file or command line"
            f" stated, identified by machine (@cert says how sure): py3langid {detector_version()}"
            " (langid.py's model), on the work's own words (not the frame around it)",
        )
        sub(resp, "name", f"py3langid {detector_version()}")
        existing = title_stmt.findall(tei("respStmt"))
        (existing[-1] if existing else title_stmt[-1]).addnext(resp)


__all__ = ["LanguageDetector", "LanguageHeaderTransform", "LanguageTransform", "TextLanguage"]
