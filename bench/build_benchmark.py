"""Build benchmark: the whole `build` beside pandoc and beside the lxml floor, in one run.

    .venv/bin/python bench/build_benchmark.py [--texts 200] [--jobs 2] [--json FILE]

On the first N speeches of ../shared/corpora/presidential-speeches, copied into
a temporary project (this repository's project file and registers):
  - stages, in this process, one text after another: read, transforms,
    recognition (names by the registers, header names, standOff), the
    statistical recogniser (its model's findings cached in the user cache after
    the first run, so this is mostly its rules), lossless check, validation,
    TEI write; then the editions from the TEI: HTML rendering of each document,
    HTML site pages (serialising them and the corpus pages index, names,
    timeline), EPUB books (one per text and the anthology);
  - the real command line, `tei-pipeline build` with --jobs 1 and --jobs J
    (--force, into an empty folder), then again with nothing changed, then with
    one text changed (the incremental record);
  - pandoc (Debian package) on the same texts: plain text -> TEI and -> EPUB,
    one process per text as its command line works, one at a time and J at once;
  - the floor: lxml parsing and serialising the pipeline's TEI bytes.
Prints a table and writes JSON: seconds, texts/s and MB/s (of source text) per
stage, the CPU seconds of each command (its processes and their children, as
wait4 counts them), peak memory, the ratios. Wall clock on a shared machine: noisy. This is
not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tei_pipeline import pipeline  # noqa: E402
from tei_pipeline.checks import lossless  # noqa: E402
from tei_pipeline.context import Context, Services  # noqa: E402
from tei_pipeline.diagnostics import Reporter  # noqa: E402
from tei_pipeline.readers import READERS  # noqa: E402
from tei_pipeline.recognition import Recogniser  # noqa: E402
from tei_pipeline.transforms import DEFAULT_TRANSFORMS  # noqa: E402
from tei_pipeline.writers import WRITERS  # noqa: E402
from tei_pipeline.writers.base import Corpus  # noqa: E402
from tei_pipeline.writers.epub.corpus import BooksWriter  # noqa: E402
from tei_pipeline.writers.html import site  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "presidential-speeches"
CLI = REPO / ".venv" / "bin" / "tei-pipeline"
RECOGNITION = {"names", "header-names", "standoff"}
RECOGNISER = {"recognised-names", "recognition-header"}

seconds: dict[str, float] = defaultdict(float)


def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] += time.perf_counter() - start

    return wrapper


def instrument() -> None:
    """Wrap the functions pipeline.run calls, so the real code path is timed."""
    reader = READERS["plaintext"]
    reader.read = timed("read", reader.read)  # type: ignore[method-assign]
    for transform in DEFAULT_TRANSFORMS:
        stage = "recognition" if transform.name in RECOGNITION else "transforms"
        stage = "recogniser (statistical)" if transform.name in RECOGNISER else stage
        transform.apply = timed(stage, transform.apply)  # type: ignore[method-assign]
    lossless.check = timed("lossless", lossless.check)
    pipeline.validate_in_pipeline = timed("validation", pipeline.validate_in_pipeline)
    pipeline.strip_internal = timed("TEI write", pipeline.strip_internal)
    tei_writer = WRITERS["tei"]
    tei_writer.write = timed("TEI write", tei_writer.write)  # type: ignore[method-assign]
    for name in ("write_index", "write_names", "write_timeline"):  # each written to its file
        setattr(site, name, timed("corpus pages", getattr(site, name)))


def make_project(files: list[Path], folder: Path) -> Path:
    sources = folder / "sources"
    shutil.copytree(REPO / "sources" / "registers", sources / "registers")
    shutil.copy(REPO / "tei-pipeline.toml", folder / "tei-pipeline.toml")
    for path in files:
        shutil.copy(path, sources / path.name)
    return sources


def stages(texts: list[Path], services: Services) -> tuple[list[bytes], dict[str, float]]:
    """Every stage in this process; returns the TEI bytes made."""
    start = time.perf_counter()
    services.validator  # noqa: B018 - loaded once per run (per worker), timed on its own
    seconds["validator load (once per process)"] = time.perf_counter() - start
    instrument()
    start = time.perf_counter()
    conversions = [pipeline.convert_file(p, p.name, services=services) for p in texts]
    seconds["convert (all TEI stages)"] = time.perf_counter() - start
    good = [c for c in conversions if c.ok]
    documents = [(c.doc_id, pipeline.reread(c, c.shown_as)) for c in good]
    reporter = Reporter()
    start = time.perf_counter()
    rendering = site.render_documents(documents, reporter)
    seconds["HTML rendering"] = time.perf_counter() - start
    start = time.perf_counter()
    site.build_site(documents, reporter, rendering)
    seconds["HTML site pages"] = time.perf_counter() - start - seconds["corpus pages"]
    corpus = Corpus(documents)
    corpus.shared("html-site", lambda: rendering)
    start = time.perf_counter()
    BooksWriter().write_corpus(corpus, Context(shown_as="corpus", reporter=reporter))
    seconds["EPUB books"] = time.perf_counter() - start
    return [c.tei for c in good], dict(seconds)


def floor(teis: list[bytes]) -> float:
    """lxml parsing and serialising the same TEI bytes: no converter can be faster."""
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
    start = time.perf_counter()
    for data in teis:
        tree = etree.fromstring(data, parser)
        etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    return time.perf_counter() - start


def run_cli(args: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall seconds, the largest process's peak RSS (MB), the exit status and the CPU
    seconds (user + system, with the workers and Pagefind it waited for) of one command."""
    # the messages go to a file: a pipe nobody reads fills and stops the build
    with tempfile.TemporaryFile() as messages:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=messages)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), cpu


def builds(sources: Path, folder: Path, jobs: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for j in sorted({1, jobs}):
        out = folder / f"out-j{j}"
        wall, rss, code, cpu = run_cli(
            [str(CLI), "build", str(sources), "-o", str(out), "-q", "-j", str(j), "--force"], folder
        )
        figures[f"build --jobs {j} (full)"] = _row(wall, rss, code, cpu)
    out = folder / f"out-j{jobs}"
    wall, rss, code, cpu = run_cli(
        [str(CLI), "build", str(sources), "-o", str(out), "-q", "-j", str(jobs)], folder
    )
    figures["build again, nothing changed"] = _row(wall, rss, code, cpu)
    victim = sorted(sources.glob("*.txt"))[len(list(sources.glob("*.txt"))) // 2]
    victim.write_text(
        victim.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    wall, rss, code, cpu = run_cli(
        [str(CLI), "build", str(sources), "-o", str(out), "-q", "-j", str(jobs)], folder
    )
    figures["build again, one text changed"] = _row(wall, rss, code, cpu)
    return figures


def _row(wall: float, rss: float, code: int, cpu: float) -> dict[str, float]:
    return {"seconds": wall, "peak_rss_mb": rss, "exit": code, "cpu_seconds": cpu}


def pandoc(texts: list[Path], folder: Path, jobs: int) -> dict[str, dict[str, float]] | None:
    binary = shutil.which("pandoc")
    if binary is None:  # the peer rows and both pandoc ratios are left out
        print("pandoc not found: no peer rows (Debian: apt-get install pandoc)", file=sys.stderr)
        return None
    out = folder / "pandoc"
    out.mkdir()

    def one(path: Path, to: str) -> None:
        suffix = "epub" if to == "epub3" else "xml"
        subprocess.run(
            [
                binary,
                "-f",
                "markdown",
                "-t",
                to,
                "-s",
                "--metadata",
                f"title={path.stem}",
                "-o",
                str(out / f"{path.stem}.{suffix}"),
                str(path),
            ],
            check=False,
            capture_output=True,
        )

    figures: dict[str, dict[str, float]] = {}
    for to, label in (("tei", "TEI"), ("epub3", "EPUB")):
        for workers in sorted({1, jobs}):
            start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(lambda p, t=to: one(p, t), texts))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            figures[f"pandoc text->{label}, {workers} at once"] = {
                "seconds": time.perf_counter() - start,
                "cpu_seconds": cpu,
            }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--texts", type=int, default=200, help="how many speeches (default 200)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--builds-only",
        action="store_true",
        help="only the command-line builds (peak memory of a big corpus)",
    )
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # the same header dates each run
    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")[: args.texts]
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    with tempfile.TemporaryDirectory(prefix="tei-bench-") as name:
        folder = Path(name)
        sources = make_project(files, folder)
        texts = sorted(sources.glob("*.txt"))
        services = Services.for_path(sources)
        services.recogniser = Recogniser()  # as `build` runs by default
        stage_seconds: dict[str, float] = {}
        if not args.builds_only:
            teis, stage_seconds = stages(texts, services)
            stage_seconds["lxml floor (parse + serialise the TEI)"] = floor(teis)
        rss_in_process = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        commands = builds(sources, folder, args.jobs)
        peers = {} if args.builds_only else pandoc(files, folder, args.jobs) or {}
    rows = {
        stage: {
            "seconds": s,
            "texts_per_s": len(files) / s if s else 0.0,
            "mb_per_s": megabytes / s if s else 0.0,
        }
        for stage, s in stage_seconds.items()
    }
    for label, values in {**commands, **peers}.items():
        s = values["seconds"]
        rows[label] = {**values, "texts_per_s": len(files) / s, "mb_per_s": megabytes / s}
    full = commands[f"build --jobs {args.jobs} (full)"]["seconds"]
    ratios = {}
    epub_one = peers.get("pandoc text->EPUB, 1 at once")
    epub_many = peers.get(f"pandoc text->EPUB, {args.jobs} at once")
    if epub_one:
        ratios["pandoc EPUB (1 at once) / full build"] = epub_one["seconds"] / full
    if epub_many:
        ratios[f"pandoc EPUB ({args.jobs} at once) / full build"] = epub_many["seconds"] / full
    if stage_seconds:
        ratios["TEI stages / lxml floor"] = (
            stage_seconds["convert (all TEI stages)"]
            / stage_seconds["lxml floor (parse + serialise the TEI)"]
        )
    report = {
        "texts": len(files),
        "source_mb": megabytes,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "peak_rss_mb_stages_process": rss_in_process,
        "stages": rows,
        "ratios": ratios,
    }
    print(
        f"{len(files)} speeches, {megabytes:.1f} MB of text, jobs {args.jobs}, "
        f"{os.cpu_count()} cores (shared: timings are noisy)"
    )
    print(
        f"{'stage / command':48} {'seconds':>8} {'texts/s':>8} {'MB/s':>7} {'peak MB':>8}"
        f" {'CPU s':>7}"
    )
    for label, values in rows.items():
        peak, cpu = values.get("peak_rss_mb"), values.get("cpu_seconds")
        shown = "" if peak is None else str(round(peak))
        cpu_shown = "" if cpu is None else f"{cpu:.1f}"
        print(
            f"{label:48} {values['seconds']:8.2f} {values['texts_per_s']:8.1f} "
            f"{values['mb_per_s']:7.2f} {shown:>8} {cpu_shown:>7}"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine)")
    print(f"peak RSS of the stage process: {rss_in_process:.0f} MB")
    for label, value in ratios.items():
        print(f"{label:48} {value:8.2f}x")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
