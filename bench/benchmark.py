"""Benchmark: tei-pipeline beside its peer, in one run, on the same texts.

    .venv/bin/python bench/benchmark.py [--limit N] [--json FILE]

Measures, on the plain texts of ../shared/corpora/presidential-speeches (and
the five samples):
  - tei-pipeline: convert in one process (the way `build` runs), texts per
    second, milliseconds per text, peak resident memory;
  - pandoc (if installed; Debian package `pandoc`): plain text -> TEI, one
    process per text, as its command line works;
  - jing (if installed) validating the pipeline's TEI against official tei_all,
    all files in one JVM run.
Times are wall clock on this machine; run it twice and compare, never trust
one figure. This is not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tei_pipeline.pipeline import convert_file  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "presidential-speeches"
TEI_ALL = REPO.parent / "shared" / "tei-schemas" / "relaxng" / "tei_all.rng"


def texts(limit: int | None) -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.exists() else []
    files = sorted((REPO / "sources").glob("*.txt")) + files
    return files[:limit] if limit else files


def run_pipeline(files: list[Path], out: Path) -> dict[str, float]:
    start = time.perf_counter()
    size = 0
    lossless = 0
    for path in files:
        conversion = convert_file(path, path.name)
        (out / f"{path.stem}.xml").write_bytes(conversion.tei)
        size += path.stat().st_size
        lossless += conversion.lossless.ok
    seconds = time.perf_counter() - start
    return {
        "texts": len(files),
        "seconds": round(seconds, 2),
        "ms_per_text": round(1000 * seconds / len(files), 1),
        "mb_per_second": round(size / seconds / 1e6, 2),
        "lossless_ok": lossless,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_pandoc(files: list[Path], out: Path) -> dict[str, float] | None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    start = time.perf_counter()
    for path in files:
        subprocess.run(
            [
                pandoc,
                "-f",
                "markdown",
                "-t",
                "tei",
                "-s",
                "--metadata",
                f"title={path.stem}",
                "-o",
                str(out / f"{path.stem}.pandoc.xml"),
                str(path),
            ],
            check=False,
            capture_output=True,
        )
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "texts": len(files),
        "seconds": round(seconds, 2),
        "ms_per_text": round(1000 * seconds / len(files), 1),
        "peak_rss_mb": round(children, 1),
    }


def run_validators(out: Path) -> dict[str, dict[str, float]]:
    """The project schema and official tei_all in this process: load once, then per document."""
    from tei_pipeline.tei.validate import TeiAllValidator, Validator

    files = sorted(p for p in out.glob("*.xml") if not p.name.endswith(".pandoc.xml"))
    figures: dict[str, dict[str, float]] = {}
    for name, make in (
        ("project schema + rules", Validator),
        ("tei_all (xmlschema)", TeiAllValidator),
    ):
        start = time.perf_counter()
        try:
            validator = make()
        except FileNotFoundError:
            continue
        loaded = time.perf_counter() - start
        sample = files if name.startswith("project") else files[:200]
        start = time.perf_counter()
        invalid = sum(1 for path in sample if validator.validate_file(path))
        seconds = time.perf_counter() - start
        figures[name] = {
            "load_seconds": round(loaded, 2),
            "files": len(sample),
            "ms_per_file": round(1000 * seconds / len(sample), 1),
            "files_per_second": round(len(sample) / seconds, 1),
            "invalid": invalid,
        }
    return figures


def run_jing(out: Path) -> dict[str, float] | None:
    jing = shutil.which("jing")
    if jing is None or not TEI_ALL.exists():
        return None
    files = sorted(str(p) for p in out.glob("*.xml") if not p.name.endswith(".pandoc.xml"))
    start = time.perf_counter()
    result = subprocess.run([jing, str(TEI_ALL), *files], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return {
        "files": len(files),
        "seconds": round(seconds, 2),
        "ms_per_file": round(1000 * seconds / len(files), 1),
        "invalid_lines": len(result.stdout.splitlines()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument(
        "--pandoc-limit",
        type=int,
        default=100,
        help="texts given to pandoc (one process each; default 100)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    files = texts(args.limit)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        figures = {
            "tei-pipeline convert (one process)": run_pipeline(files, out),
            "pandoc plain->TEI (process per text)": run_pandoc(files[: args.pandoc_limit], out),
            "jing tei_all on the pipeline's TEI (one JVM)": run_jing(out),
        }
        for name, values in run_validators(out).items():
            figures[f"validate in-process: {name}"] = values
    for name, values in figures.items():
        print(f"{name:46} {values if values is not None else 'not installed'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
