"""The checker wrappers in tests/support/checkers.py, run on the real tools.

Every input is a tiny file written here: a valid and an invalid HTML page, TEI
document and EPUB 3 (plus a bare-but-valid EPUB for Ace). Each tool starts once
per test, as the wrappers are meant to be used.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest

# `python -m pytest` from the repository root puts it on sys.path; plain `pytest` does not.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.support import checkers  # noqa: E402

pytestmark = pytest.mark.checker


# --- inputs ---------------------------------------------------------------------

GOOD_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Good page</title></head>
<body><p>Fine.</p></body>
</html>
"""

# Line 5 has an unknown element, line 6 an img without alt.
BAD_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Bad page</title></head>
<body>
<p>Broken <blink>tag</blink></p>
<img src="x.png">
</body>
</html>
"""

GOOD_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Tiny</title></titleStmt>
      <publicationStmt><p>Unpublished test file.</p></publicationStmt>
      <sourceDesc><p>Written for a test.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text><body><p>Hello.</p></body></text>
</TEI>
"""
# <para> is not TEI: reported on line 10.
BAD_TEI = GOOD_TEI.replace("<p>Hello.</p>", "<para>Hello.</para>")

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

A11Y_META = """
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">Headings and a table of contents.</meta>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b4c1a8e-7a3c-4a53-9d1e-2f1f5b0c9a11</dc:identifier>
    <dc:title>Tiny book</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>{a11y}
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/></spine>
</package>
"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
      xml:lang="en" lang="en">
<head><title>Contents</title></head>
<body>
<nav epub:type="toc"{role} id="toc"><h1>Contents</h1>
<ol><li><a href="c1.xhtml">Chapter</a></li></ol></nav>
</body>
</html>
"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head><title>Chapter</title></head>
<body><h1>Chapter</h1><p>Hello.</p></body>
</html>
"""


def write_epub(path: Path, *, opf: str, nav: str, chapter: str = CHAPTER) -> Path:
    """Zip an EPUB: `mimetype` first and stored, the rest deflated, fixed dates."""
    entries = [
        ("META-INF/container.xml", CONTAINER),
        ("EPUB/package.opf", opf),
        ("EPUB/nav.xhtml", nav),
        ("EPUB/c1.xhtml", chapter),
    ]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)),
            "application/epub+zip",
            compress_type=zipfile.ZIP_STORED,
        )
        for name, text in entries:
            zf.writestr(
                zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)),
                text,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("epub")
    good_opf = OPF.format(a11y=A11Y_META)
    good_nav = NAV.format(role=' role="doc-toc"')
    # Broken: no dc:title, the spine item points at a file that is not in the zip,
    # and c1.xhtml (linked from the nav) is then not in the manifest.
    broken_opf = (
        OPF.format(a11y="")
        .replace("<dc:title>Tiny book</dc:title>", "")
        .replace('href="c1.xhtml" media', 'href="missing.xhtml" media')
    )
    not_zip = d / "not-a-zip.epub"
    not_zip.write_text("hello", encoding="utf-8")
    return {
        "good": write_epub(d / "good.epub", opf=good_opf, nav=good_nav),
        # Valid for EPUBCheck, but without accessibility metadata or nav role.
        "bare": write_epub(d / "bare.epub", opf=OPF.format(a11y=""), nav=NAV.format(role="")),
        "broken": write_epub(d / "broken.epub", opf=broken_opf, nav=good_nav),
        "not_zip": not_zip,
    }


# --- availability: skip outside CI, fail in CI -----------------------------------


@pytest.mark.parametrize("tool", checkers.TOOLS)
def test_tool_is_installed(tool: str) -> None:
    checkers.require(tool)
    assert checkers.tool_available(tool)


def test_missing_tool_skips_outside_ci_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(checkers, "VNU_JAR", tmp_path / "absent" / "vnu.jar")
    monkeypatch.delenv("CI", raising=False)
    assert "vnu.jar" in (checkers.missing_reason("vnu") or "")
    assert checkers.tool_available("vnu") is False
    with pytest.raises(pytest.skip.Exception, match="install-checkers"):
        checkers.require("vnu")
    with pytest.raises(pytest.skip.Exception):
        checkers.vnu([])

    monkeypatch.setenv("CI", "true")
    with pytest.raises(checkers.ToolMissing, match="CI is set"):
        checkers.tool_available("vnu")
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        checkers.require("vnu")

    monkeypatch.setenv("CI", "false")
    assert checkers.tool_available("vnu") is False
    with pytest.raises(ValueError, match="unknown tool"):
        checkers.missing_reason("no-such-checker")


def test_epub_fixture_has_mimetype_first_and_stored(books: dict[str, Path]) -> None:
    with zipfile.ZipFile(books["good"]) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/epub+zip"


# --- Nu Html Checker ----------------------------------------------------------------


def test_vnu_reports_errors_of_the_invalid_page_only_with_lines(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    bad = tmp_path / "bad page é.html"  # space and non-ASCII: vnu reports a file: URL
    good.write_text(GOOD_HTML, encoding="utf-8")
    bad.write_text(BAD_HTML, encoding="utf-8")

    errors = checkers.vnu([good, bad])

    assert errors, "the invalid page must be reported"
    assert {e["file"] for e in errors} == {str(bad)}
    by_line = {(e["line"], e["column"]): e["message"] for e in errors}
    assert any(line == 5 and "blink" in msg for (line, _), msg in by_line.items()), errors
    assert any(line == 6 and "alt" in msg for (line, _), msg in by_line.items()), errors
    assert all(e["type"] == "error" for e in errors)


def test_vnu_refuses_missing_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        checkers.vnu([tmp_path / "nope.html"])


# --- jing ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tei_all() -> Path:
    rng = checkers.TEI_ALL_RNG
    if not rng.is_file():
        why = f"TEI schema not found at {rng} (shared/ beside the repository)"
        if checkers.in_ci():
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    return rng


def test_jing_reports_the_invalid_tei_only(tmp_path: Path, tei_all: Path) -> None:
    good = tmp_path / "good.xml"
    bad = tmp_path / "bad.xml"
    good.write_text(GOOD_TEI, encoding="utf-8")
    bad.write_text(BAD_TEI, encoding="utf-8")

    problems = checkers.jing(tei_all, [good, bad])

    assert problems, "the invalid TEI must be reported"
    pattern = re.compile(r"^(.+):(\d+):(\d+): (error|fatal): (.+)$")
    for line in problems:
        m = pattern.match(line)
        assert m, line
        assert Path(m[1]) == bad.resolve()
    first = pattern.match(problems[0])
    assert first and first[2] == "10" and 'element "para" not allowed' in first[5]


def test_jing_on_valid_tei_is_empty_and_reports_malformed_xml(
    tmp_path: Path, tei_all: Path
) -> None:
    good = tmp_path / "good.xml"
    broken = tmp_path / "broken.xml"
    good.write_text(GOOD_TEI, encoding="utf-8")
    broken.write_text("<TEI", encoding="utf-8")
    problems = checkers.jing(tei_all, [good, broken])
    assert len(problems) == 1 and "broken.xml:1:" in problems[0] and "fatal:" in problems[0]
    assert checkers.jing(tei_all, []) == []


# --- EPUBCheck ----------------------------------------------------------------------


def test_epubcheck_counts_and_messages_per_book(books: dict[str, Path]) -> None:
    paths = [books["good"], books["bare"], books["broken"], books["not_zip"]]
    results = checkers.epubcheck(paths)

    assert list(results) == [str(p) for p in paths]
    for name in ("good", "bare"):
        r = results[str(books[name])]
        assert (r["fatals"], r["errors"], r["warnings"]) == (0, 0, 0), r["messages"]

    broken = results[str(books["broken"])]
    assert broken["fatals"] == 0 and broken["errors"] >= 2
    ids = {m["id"] for m in broken["messages"]}
    assert "RSC-001" in ids  # the missing file
    title = [m for m in broken["messages"] if "dc:title" in (m["message"] or "")]
    assert title and title[0]["path"] == "EPUB/package.opf" and title[0]["line"] > 0

    not_zip = results[str(books["not_zip"])]
    assert not_zip["fatals"] >= 1


def test_epubcheck_without_javac_runs_one_jvm_per_book(
    books: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A JRE without javac cannot build EpubCheckBatch: each book gets `java -jar`.
    # (The unreadable book is the fast one: EPUBCheck stops before loading schemas.)
    real_which = checkers._which
    monkeypatch.setattr(checkers, "_which", lambda cmd: None if cmd == "javac" else real_which(cmd))
    monkeypatch.setattr(checkers, "CACHE_DIR", tmp_path / "cache")
    results = checkers.epubcheck([books["not_zip"]])
    assert not (tmp_path / "cache").exists()
    r = results[str(books["not_zip"])]
    assert r["fatals"] >= 1 and {m["id"] for m in r["messages"]} >= {"PKG-008"}


# --- Ace by DAISY ---------------------------------------------------------------------


def test_ace_passes_an_accessible_book_and_counts_violations_by_impact(
    books: dict[str, Path], tmp_path: Path
) -> None:
    good = checkers.ace(books["good"], tmp_path / "good")
    assert good["outcome"] == "pass" and good["violations"] == 0, good["items"]
    assert Path(good["report"]).is_file()

    bare = checkers.ace(books["bare"], tmp_path / "bare")
    assert bare["outcome"] == "fail"
    rules = {item["rule"] for item in bare["items"]}
    assert {"metadata-accessmode", "metadata-accessibilityhazard"} <= rules, rules
    assert "epub-type-has-matching-role" in rules, rules
    # Ace 1.4.6: accessMode, accessibilityFeature, accessibilityHazard are "must"
    # (serious); accessModeSufficient, accessibilitySummary and the role are moderate.
    assert bare["by_impact"] == {"critical": 0, "serious": 3, "moderate": 3, "minor": 0}
    assert sum(bare["by_impact"].values()) == bare["violations"] == len(bare["items"])


# --- Chromium through Playwright -------------------------------------------------------


def test_headless_chromium_opens_a_local_file(tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!DOCTYPE html><html lang=en><title>Local title é</title><p>x</p>", encoding="utf-8"
    )
    assert Path(checkers.chromium_path()).name == "chromium"

    with checkers.launch_browser() as browser:
        page = browser.new_page()
        page.goto(page_file.as_uri())
        assert page.title() == "Local title é"

        # The browser really is Debian's chromium, headless, with our flags and a
        # fresh profile.
        page.goto("chrome://version")
        command_line = page.text_content("#command_line") or ""
        executable = (page.text_content("#executable_path") or "").strip()
    assert executable.startswith("/usr/lib/chromium/"), executable
    flags = command_line.split()
    for flag in (*checkers.CHROMIUM_ARGS, "--headless"):
        assert flag in flags, (flag, command_line)
    assert any(f.startswith("--user-data-dir=") for f in flags), command_line
