"""Scaling: does each stage stay linear on the shapes that once made it slow?

    .venv/bin/python bench/scaling.py [--base N] [--steps K] [--json FILE]

For each pathological shape (a paragraph of repeated enumerators, of short
quotations, of "he said" attributions, many note markers with their notes
block, many paragraphs, one very long line, a TEI file of many sibling
paragraphs rendered to HTML), the input is made at sizes N, 2N, 4N ... and
converted (or rendered) in this process; the table gives the seconds at each
size and the time ratio per doubling, which stays near 2 for a linear stage
(a quadratic one gives 4). Each size runs in a fresh subprocess so no cache
helps and peak memory is measured per run. Not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    "<title>Scaling</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
    "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>\n"
)


def enumerators(n: int) -> str:
    return "Enumerators\n\n" + "".join(f"and ({i % 9 + 1}) a point " for i in range(n)) + "\n"


def quotations(n: int) -> str:
    return "Quotations\n\n" + "".join(f'he wrote "word {i}" and ' for i in range(n)) + "end.\n"


def said(n: int) -> str:
    return "Attributions\n\n" + "".join(f"he said, and she said {i}, " for i in range(n)) + "\n"


def notes(n: int) -> str:
    body = " ".join(f"A claim number {i}.[{i}]" for i in range(1, n + 1))
    block = "\n".join(f"[{i}] The source of claim {i}." for i in range(1, n + 1))
    return f"Notes\n\n{body}\n\nNOTES\n\n{block}\n"


def paragraphs(n: int) -> str:
    return "Paragraphs\n\n" + "".join(f"Paragraph {i} of the text.\n\n" for i in range(n))


def one_line(n: int) -> str:
    return "One line\n\n" + "word " * (20 * n) + "\n"


def tei_siblings(n: int) -> str:
    body = "".join(f"<p>Paragraph {i}.</p>\n" for i in range(n))
    return TEI_HEAD + body + "</body></text></TEI>\n"


# shape -> (maker, base size, what runs on it)
SHAPES = {
    "enumerators in a paragraph": (enumerators, 500, "convert"),
    "short quotations in a paragraph": (quotations, 500, "convert"),
    "'he said' in a paragraph": (said, 500, "convert"),
    "note markers + notes block": (notes, 250, "convert"),
    "paragraphs": (paragraphs, 1000, "convert"),
    "one long line (words)": (one_line, 1000, "convert"),
    "TEI sibling paragraphs -> HTML": (tei_siblings, 2500, "render"),
}

# One measured run: convert or render the file, print seconds and peak RSS as JSON.
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from tei_pipeline.context import Services
from tei_pipeline import pipeline
path, job = sys.argv[1], sys.argv[2]
from pathlib import Path
start = time.perf_counter()
if job == "convert":
    pipeline.convert_file(Path(path), Path(path).name, services=Services())
else:
    pipeline.render_file(Path(path), Path(path).name, "html")
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_rss_mb": rss}))
"""


def measure(text: str, job: str, folder: Path) -> dict[str, float]:
    path = folder / ("input.xml" if job == "render" else "input.txt")
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), job, str(REPO)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_rss_mb": float("nan")}
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply each base size")
    parser.add_argument("--steps", type=int, default=3, help="sizes N, 2N, ... (default 3)")
    parser.add_argument("--only", help="run only shapes whose name contains this")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, base, job) in SHAPES.items():
            if args.only and args.only not in name:
                continue
            sizes = [int(base * args.scale) * 2**k for k in range(args.steps)]
            runs = [measure(make(n), job, Path(tmp)) for n in sizes]
            ratios = [b["seconds"] / a["seconds"] for a, b in zip(runs, runs[1:], strict=False)]
            rows.append({"shape": name, "sizes": sizes, "runs": runs, "ratios": ratios})
            cells = "  ".join(f"{n:>7}: {r['seconds']:7.2f} s" for n, r in zip(sizes, runs))
            print(f"{name:<34} {cells}  ratio/doubling "
                  + " ".join(f"{x:.2f}" for x in ratios), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
