"""Golden end-to-end tests: tests/cases/<feature>/ holds a `command` (the
tei-pipeline arguments, with {source}, {out} and {shared} filled in), the
`source/` it reads (texts written for the case; another project's TEI is read
from ../shared/corpora, never copied here) and `expected/`, every file the
command writes. An EPUB is kept unzipped as `<name>.epub/`, with `ENTRIES`
listing its zip entries in order (mimetype first). The stylesheet and script,
the same for every case, and the site's binary search index are left out.

Compared after one normaliser (`normalised`); a difference fails with a unified
diff. `pytest tests/unit/test_golden.py --update-golden` rewrites expected/ from
what the pipeline makes now: read the diff before committing it.
"""

from __future__ import annotations

import difflib
import io
import shlex
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline import __version__
from tei_pipeline.cli import main
from tei_pipeline.writers.html.shell import script, stylesheet
from tests.conftest import REPO, SHARED

CASES = REPO / "tests" / "cases"
SHARED_ASSETS = frozenset({"html/style.css", "html/site.js", "html/search.js", "EPUB/style.css"})
# Pagefind's search index: binary (gzip, wasm); its bytes are checked in test_search.py
INDEX_FOLDER = "html/pagefind/"


def normalised(text: str) -> str:
    """What may differ without the output being wrong: the program's version
    (it names itself in every edition), line endings of a checkout, and the
    stylesheet and script a standalone page holds inline (the same for every
    case, like the style.css and site.js left out)."""
    text = text.replace("\r\n", "\n")
    text = text.replace(stylesheet(), "/* style.css */").replace(script(), "/* site.js */")
    return text.replace(f"tei-pipeline {__version__}", "tei-pipeline VERSION").replace(
        f'version="{__version__}"', 'version="VERSION"'
    )


def display_lines(text: str) -> list[str]:
    """Lines for the diff only (the comparison is on the whole text): one tag a
    line, since the HTML writer puts a page on few long lines."""
    return text.replace("><", ">\n<").splitlines(keepends=True)


def outputs(out: Path) -> dict[str, str]:
    """Every file under out as text, EPUBs unzipped into name.epub/entry."""
    found: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel in SHARED_ASSETS or rel.startswith(INDEX_FOLDER):
            continue
        if rel.startswith(".tei-pipeline/"):
            continue  # the incremental record hashes the code itself: never golden
        if path.suffix == ".epub":
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as book:
                names = book.namelist()
                found[f"{rel}/ENTRIES"] = "".join(f"{n}\n" for n in names)
                for name in names:
                    if name not in SHARED_ASSETS:
                        found[f"{rel}/{name}"] = book.read(name).decode("utf-8")
        else:
            found[rel] = path.read_text(encoding="utf-8")
    return {rel: normalised(text) for rel, text in found.items()}


def expected_files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): normalised(p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_case(case: Path, out: Path) -> None:
    command = (case / "command").read_text(encoding="utf-8").strip()
    args = [a.format(source=case / "source", out=out, shared=SHARED) for a in shlex.split(command)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_golden(
    case: Path, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # dates from the TEI, not the clock
    out = tmp_path / "out"
    run_case(case, out)
    made = outputs(out)
    expected = case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected, ignore_errors=True)
        for rel, text in made.items():
            target = expected / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return
    want = expected_files(expected)
    assert sorted(made) == sorted(want), "files made differ from expected/ (--update-golden)"
    for rel, text in made.items():
        if text != want[rel]:
            diff = difflib.unified_diff(
                display_lines(want[rel]), display_lines(text), f"expected/{rel}", f"made/{rel}", n=2
            )
            pytest.fail(
                f"{case.name}: {rel} differs (--update-golden rewrites it):\n"
                + "".join(list(diff)[:80])
            )


def test_the_normaliser_hides_only_the_version() -> None:
    made = f'<p>made by tei-pipeline {__version__}</p>\r\n<app version="{__version__}"/>'
    assert normalised(made) == '<p>made by tei-pipeline VERSION</p>\n<app version="VERSION"/>'
    assert normalised("version 0.0.9 of tei-pipelines") == "version 0.0.9 of tei-pipelines"
    page = f"<style>{stylesheet()}</style><style>{stylesheet()[:-2]}</style>"
    assert normalised(page) == f"<style>/* style.css */</style><style>{stylesheet()[:-2]}</style>"


def test_a_changed_output_fails_with_a_diff(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>one</p>\n<p>two</p>\n", encoding="utf-8")
    want = {"a.html": "<p>one</p>\n<p>three</p>\n"}
    made = outputs(tmp_path)
    assert made != want
    diff = "".join(
        difflib.unified_diff(display_lines(want["a.html"]), display_lines(made["a.html"]))
    )
    assert "-<p>three</p>" in diff and "+<p>two</p>" in diff
    assert display_lines("<p>a</p><p>b</p>") == ["<p>a</p>\n", "<p>b</p>"]
