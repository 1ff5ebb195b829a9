"""How long the corpus editions (HTML site, one EPUB per text, the anthology)
take to render from TEI, e.g. 200 presidential speeches built to TEI first:

    tei-pipeline build SPEECHES -o /tmp/out -f tei -q
    .venv/bin/python bench/render_editions.py /tmp/out/tei [--repeat 3]

Prints wall time and CPU time (the machine is shared: CPU time is the steadier
number), best of the repeats.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lxml import etree

from tei_pipeline.diagnostics import Reporter
from tei_pipeline.pipeline import editions
from tei_pipeline.readers.tei import PARSER


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of TEI files")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.xml"))
    best_wall = best_cpu = float("inf")
    count = 0
    for _ in range(args.repeat):
        documents = [(p.stem, etree.parse(str(p), PARSER)) for p in paths]
        wall, cpu = time.perf_counter(), time.process_time()
        count = len(editions(documents, ("html", "epub"), Reporter()))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(
        f"{len(paths)} documents -> {count} files: "
        f"wall {best_wall:.2f} s, CPU {best_cpu:.2f} s (best of {args.repeat})"
    )


if __name__ == "__main__":
    main()
