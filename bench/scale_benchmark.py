"""Scale benchmark: a build of N documents, then one text changed, with peak memory.

    .venv/bin/python bench/scale_benchmark.py --texts 1000 [--jobs 2] [--recognition]

N documents made from the speeches of ../shared/corpora/presidential-speeches
(speech k mod 1007, each given its own first paragraph "Copy k of ...", so no two
are alike and no cache can cheat), in a temporary project with this repository's
project file and registers. Runs the real command line three times: a full
build (--force), a build with nothing changed, and a build after one text
changed; prints wall time, CPU time and the build process's peak RSS for each (the largest
process of the run: getrusage of the children, which the build is, its pool
workers being its own children). Not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "presidential-speeches"
CLI = REPO / ".venv" / "bin" / "tei-pipeline"


def make_project(n: int, folder: Path) -> Path:
    sources = folder / "sources"
    shutil.copytree(REPO / "sources" / "registers", sources / "registers")
    shutil.copy(REPO / "tei-pipeline.toml", folder / "tei-pipeline.toml")
    speeches = sorted(CORPUS.glob("*.txt"))
    for k in range(n):
        speech = speeches[k % len(speeches)]
        text = speech.read_text(encoding="utf-8")
        (sources / f"{k:05d}-{speech.name}").write_text(
            f"Copy {k} of {speech.stem}.\n\n{text}", encoding="utf-8"
        )
    return sources


# run in a fresh wrapper each time: RUSAGE_CHILDREN keeps the maximum of all
# children (the build, its pool workers, Pagefind); the build process's own high
# water mark (VmHWM) is read while it runs
PROBE = """
import resource, subprocess, sys, time
hwm = 0
with open(sys.argv[1], "a") as log:
    child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.1)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_maxrss, hwm, used.ru_utime + used.ru_stime)
"""


def run(command: list[str], cwd: Path, log: Path) -> tuple[float, float, float, float]:
    """Seconds, peak RSS of the largest process of the run and of the build
    process itself (MB), and CPU seconds (user + system, of the build and all its
    children: on a shared machine the wall time depends on the load) of one
    build; its messages go to `log` (a pipe nobody reads would fill up)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["python3", "-c", PROBE, str(log), *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    rss, hwm, cpu = done.stdout.split() or ["0", "0", "0"]
    return seconds, int(rss) / 1024, int(hwm) / 1024, float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--recognition", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--keep",
        type=Path,
        help="make the project in this (new) folder and keep it, e.g. to profile a "
        "one-text change on the built output afterwards",
    )
    parser.add_argument(
        "--cli",
        default=str(CLI),
        help="the command to run (default: this checkout's tei-pipeline); e.g. a "
        "launcher of a copy of the code, so editing the checkout during a long run "
        "changes nothing",
    )
    args = parser.parse_args()
    figures: dict[str, object] = {"texts": args.texts, "jobs": args.jobs}
    with tempfile.TemporaryDirectory(prefix="tei-pipeline-scale-") as tmp:
        folder = Path(tmp) if args.keep is None else args.keep
        folder.mkdir(parents=True, exist_ok=True)
        sources = make_project(args.texts, folder)
        out = folder / "out"
        base = [*args.cli.split(), "build", "sources", "-o", str(out), "-q", "-j", str(args.jobs)]
        if not args.recognition:
            base.append("--no-recognition")
        log = folder / "build.log"
        victim = sorted(sources.glob("*.txt"))[args.texts // 2]
        for label in ("full build", "nothing changed", "one text changed"):
            if label == "one text changed":
                text = victim.read_text(encoding="utf-8")
                victim.write_text(text + "\nOne more line.\n", encoding="utf-8")
            extra = ["--force"] if label == "full build" else []
            seconds, largest, own, cpu = run(base + extra, folder, log)
            figures[label] = {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_rss_mb_largest_process": round(largest, 1),
                "peak_rss_mb_build_process": round(own, 1),
            }
            print(
                f"{label:<18} {seconds:8.2f} s ({cpu:7.2f} s CPU)  peak RSS: largest "
                f"process {largest:7.1f} MB, build process {own:7.1f} MB",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
