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

The frame the reader marks around a work (a distributor's header and licence,
a web page's menus: FRAME) is not the work's words, and is often in another
language (Project Gutenberg's English around Kafka's German). It is read on
its own, stated language or not (a statement is about the work): a confident
reading other than the work's language becomes the frame divisions' xml:lang,
and a second langUsage/language, marked as the machine's. Numbers and dates
follow the xml:lang in force where they stand (tei/language.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from ..recognition.language import Detection, LanguageDetector
from ..recognition.language import version as detector_version
from ..tei.builder import make, sub
from ..tei.ns import XML_ID, XML_LANG, local_name, tei
from ..tei.textspan import default_skip, text_runs
from .base import Context, Transform
from .header import LANGUAGES

Element = etree._Element
RESP_ID = "language-detection"
# Divisions the reader marks as not the work's own words (a distributor's
# header and licence, a web page's menus): their language is not the work's.
FRAME = frozenset({"boilerplate", "licence", "navigation"})
WORK = "Language of the text, which no sidecar, project file or command line stated"
FRAME_WORDS = "the frame around the work (a distributor's header and licence, a web page's menus)"
LANGUAGE_XPATH = f"{tei('teiHeader')}/{tei('profileDesc')}/{tei('langUsage')}/{tei('language')}"


@dataclass(frozen=True)
class TextLanguage:
    """The text's language (a BCP 47 tag), whether someone stated it, and the
    detector's confident reading when nobody did (None: unsure, or stated)."""

    code: str
    stated: bool
    reading: Detection | None = None
    # the frame's language, where it reads confidently as another than the work's
    frame: Detection | None = None

    @property
    def base(self) -> str:
        """The ISO 639 part of the tag ("pt" of "pt-BR"), lower case."""
        return self.code.split("-")[0].lower()


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


def frame_divisions(text: Element) -> list[Element]:
    """The outermost divisions of the frame around the work (see FRAME)."""
    return [
        div
        for div in text.iter(tei("div"))
        if _is_frame(div) and not any(_is_frame(a) for a in div.iterancestors(tei("div")))
    ]


def _is_frame(element: Element) -> bool:
    return local_name(element.tag) == "div" and element.get("type") in FRAME


def _frame(element: Element) -> bool:
    return default_skip(element) or _is_frame(element)


def frame_language(text: Element, work: TextLanguage, ctx: Context) -> TextLanguage:
    """The work's language with the frame's confident reading, when it differs;
    the frame divisions then carry it as their xml:lang."""
    frames = frame_divisions(text)
    detector = ctx.services.detector
    if not frames or detector is None:
        return work
    reading = detector.reading([run.text for div in frames for run in text_runs(div)])
    if reading is None or reading.language == work.base:
        return work
    for div in frames:
        div.set(XML_LANG, reading.language)
    return replace(work, frame=reading)


class LanguageTransform(Transform):
    """Decide the text's language (see the module docstring)."""

    name = "language"
    priority = 50

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        ctx.language = decide(doc.getroot(), ctx)
        if ctx.language.reading is not None:
            doc.getroot().set(XML_LANG, ctx.language.code)
        text = doc.getroot().find(tei("text"))
        if text is not None:
            ctx.language = frame_language(text, ctx.language, ctx)


class LanguageHeaderTransform(Transform):
    """After the header is built: a language nobody stated is a machine's
    reading, so langUsage/language gets @cert and @resp (TEI
    att.global.responsibility), pointing at a respStmt that names the detector."""

    name = "language-header"
    priority = 404  # after the header (400), before the recogniser's respStmt (405)

    def apply(self, doc: etree._ElementTree, ctx: Context) -> None:
        root = doc.getroot()
        work = ctx.language.reading if ctx.language is not None else None
        frame = ctx.language.frame if ctx.language is not None else None
        title_stmt = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}")
        language = root.find(LANGUAGE_XPATH)
        if (work is None and frame is None) or title_stmt is None or language is None:
            return
        if work is not None:
            _mark(language, work)
        if frame is not None:
            name = LANGUAGES.get(frame.language, frame.language)
            language.addnext(_mark(make("language", name, ident=frame.language), frame))
        of_what, read_on = {
            (True, False): (WORK, "on the work's own words (not the frame around it)"),
            (True, True): (
                f"{WORK}, and of {FRAME_WORDS}",
                "on the work's words and the frame's, each read apart",
            ),
            (False, True): (f"Language of {FRAME_WORDS}", "on the frame's own words"),
        }[(work is not None, frame is not None)]
        resp = make("respStmt")
        resp.set(XML_ID, RESP_ID)
        sub(
            resp,
            "resp",
            f"{of_what}, identified by machine (@cert says how sure): py3langid"
            f" {detector_version()} (langid.py's model), {read_on}",
        )
        sub(resp, "name", f"py3langid {detector_version()}")
        existing = title_stmt.findall(tei("respStmt"))
        (existing[-1] if existing else title_stmt[-1]).addnext(resp)


def _mark(language: Element, reading: Detection) -> Element:
    language.set("cert", reading.cert)
    language.set("resp", f"#{RESP_ID}")
    return language


__all__ = ["LanguageDetector", "LanguageHeaderTransform", "LanguageTransform", "TextLanguage"]
