"""Memory, stage by stage: what a big plain text costs to convert.

    .venv/bin/python bench/memory.py --mb 5 [--mb 10 ...] [--tracemalloc] [--json FILE]
    .venv/bin/python bench/memory.py --mb 3 --recognition   # with the name recogniser
    .venv/bin/python bench/memory.py --make 50 -o /tmp/huge.txt   # only write the text
    .venv/bin/python bench/memory.py --editions OUTPUT [--tracemalloc]

The text is the presidential speeches of ../shared/corpora/ concatenated (as
often as needed) under a title, each speech a section under a setext heading,
cut at a speech boundary near the size asked for. Each size runs in a fresh
subprocess, which converts the text as `pipeline.run` does, stage by stage, and
records after each stage the resident memory (RSS now, from /proc), the peak
so far (getrusage ru_maxrss) and its wall-clock and CPU seconds; with
--tracemalloc also Python's own peak allocation within the stage (slower);
with --recognition the language detector and the name recogniser run too
(no cache, whatever the text's size: pipeline.py's limit is not applied).

--editions OUTPUT makes the editions of a build folder again (one a build made
with html and epub, every document's parts kept, so none is rendered: what is
left is what grows with the corpus, the index, names and timeline pages, the
search index's key and the anthology's), in a fresh process, and prints its
seconds and its peak RSS, with --tracemalloc also Python's own peak.
Not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "presidential-speeches"


def speeches_text(target_bytes: int, corpus: Path = CORPUS) -> str:
    """A book of speeches of about target_bytes (UTF-8): a title page, then each
    speech under its own setext heading ("-" underline), the corpus repeated
    until the size is reached."""
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    parts = ["The Speeches of the Presidents\n\nBy the Presidents of the United States\n\n\n"]
    size = len(parts[0])
    round_ = 0
    while size < target_bytes:
        round_ += 1
        for path in files:
            title = path.stem[11:].replace("-", " ").capitalize() or path.stem
            heading = f"{title} ({round_})"
            body = path.read_text(encoding="utf-8").strip()
            part = f"\n{heading}\n{'-' * len(heading)}\n\n{body}\n\n"
            parts.append(part)
            size += len(part.encode("utf-8"))
            if size >= target_bytes:
                break
    return "".join(parts)


# The child: pipeline.run's stages one by one, memory after each.
CHILD = r"""
import gc, json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tei_pipeline import files, pipeline
files.MAX_TEXT_BYTES = 1 << 40  # measure beyond the limit too
from tei_pipeline.checks import lossless
from tei_pipeline.checks.schema import validate_in_pipeline
from tei_pipeline.context import Services
from tei_pipeline.transforms import DEFAULT_TRANSFORMS, ordered
from tei_pipeline.transforms.strip_internal import strip_internal
from tei_pipeline.writers import WRITERS
trace = sys.argv[3] == "1"
path = Path(sys.argv[1])
rows = []
def rss_now():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
last = [time.perf_counter(), time.process_time()]
def stage(name):
    now, cpu = time.perf_counter(), time.process_time()
    row = {"stage": name, "seconds": round(now - last[0], 2), "cpu": round(cpu - last[1], 2),
           "rss_mb": round(rss_now(), 1), "peak_mb": round(peak(), 1)}
    if trace:
        row["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.reset_peak()
    rows.append(row)
    last[:] = [time.perf_counter(), time.process_time()]
stage("start (program loaded)")
if trace:
    tracemalloc.start()
services = Services()
if sys.argv[4] == "1":
    from tei_pipeline.recognition.cache import FindingsCache
    from tei_pipeline.recognition.language import LanguageDetector
    from tei_pipeline.recognition.model import Recogniser
    services.recogniser = Recogniser(cache=FindingsCache(None))
    services.detector = LanguageDetector()
reader = pipeline.choose_reader(path)
ctx = pipeline._context(path, path.name, reader, None, services)
text = ctx.source_text
stage("read the file")
document = reader.read(text, ctx)
stage("plain-text reader")
for transform in ordered(DEFAULT_TRANSFORMS + document.transforms):
    transform().apply(document.tree, ctx)
    stage("transform " + transform.name)
result = lossless.check(text, document.tree, ctx.shown_as)
del text
ctx.source_text, ctx.source_bytes = "", b""  # as pipeline.run lets the source go
stage("lossless check")
validate_in_pipeline(document.tree, ctx)
stage("validate")
pipeline.count_features(document.tree)
strip_internal(document.tree)
stage("count + strip positions")
tei = WRITERS["tei"]().write(document.tree, ctx)
stage("write TEI")
print(json.dumps({"bytes": path.stat().st_size, "tei_bytes": len(tei), "ok": result.ok,
                  "errors": ctx.reporter.has_errors, "stages": rows}))
"""


# The child of --editions: publish_documents on the build recorded in OUTPUT.
EDITIONS = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tei_pipeline.runner import editions, incremental
output, trace = Path(sys.argv[1]), sys.argv[3] == "1"
record = incremental.load(output)
documents = [
    editions.Document(e.doc_id, e.tei, e.tei_sha, e.shown_as)
    for _, e in sorted(record.documents.items())
]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if trace:
    tracemalloc.start()
start = time.perf_counter()
made = editions.publish_documents(documents, output, ("html", "epub"), record.run)
row = {"documents": len(documents), "rendered": made.rendered, "changed": made.changed,
       "seconds": round(time.perf_counter() - start, 2), "peak_mb_before": round(before, 1),
       "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
if trace:
    row["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
print(json.dumps(row))
"""


def editions_memory(output: Path, trace: bool, repo: Path = REPO) -> dict[str, object]:
    """The editions of `output` made again in a fresh process (EDITIONS)."""
    return _child(EDITIONS, str(output), str(repo), "1" if trace else "0")


def measure(
    path: Path, trace: bool, repo: Path = REPO, recognition: bool = False
) -> dict[str, object]:
    flags = ["1" if trace else "0", "1" if recognition else "0"]
    return _child(CHILD, str(path), str(repo), *flags)


def _child(script: str, *args: str) -> dict[str, object]:
    """The figures a child script prints as its last line (JSON), or its error."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, action="append", help="text size in MB (repeat)")
    parser.add_argument("--tracemalloc", action="store_true", help="also Python's peak per stage")
    parser.add_argument("--make", type=float, help="only write a text of this many MB (-o)")
    parser.add_argument("-o", "--output", type=Path, help="where --make writes the text")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--repo", type=Path, default=REPO, help="measure this checkout's code")
    parser.add_argument("--editions", type=Path, help="make the editions of this OUTPUT again")
    parser.add_argument("--recognition", action="store_true", help="run the name recogniser too")
    args = parser.parse_args()
    if args.editions:
        figures = editions_memory(args.editions, args.tracemalloc, args.repo.resolve())
        print(json.dumps(figures))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return
    if args.make:
        assert args.output, "--make needs -o FILE"
        args.output.write_text(speeches_text(int(args.make * 1e6)), encoding="utf-8")
        return
    results = []
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb or [5.0]:
            path = Path(tmp) / f"speeches-{mb:g}mb.txt"
            # made by another process: a child's ru_maxrss starts at its parent's
            # RSS (Linux keeps the high-water mark across fork and exec)
            make = [sys.executable, __file__, "--make", str(mb), "-o", str(path)]
            subprocess.run(make, check=True)
            result = measure(path, args.tracemalloc, args.repo.resolve(), args.recognition)
            results.append(result)
            print(f"--- {mb:g} MB ({path.stat().st_size} bytes)")
            for row in result.get("stages", []):  # type: ignore[union-attr]
                traced = (
                    f"  traced peak {row['traced_peak_mb']:7.1f}" if "traced_peak_mb" in row else ""
                )
                print(
                    f"{row['stage']:<34} {row['seconds']:7.2f} s  cpu {row['cpu']:7.2f} s"
                    f"  rss {row['rss_mb']:7.1f} MB  peak {row['peak_mb']:7.1f} MB{traced}",
                    flush=True,
                )
            if "error" in result:
                print("failed:", result["error"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
