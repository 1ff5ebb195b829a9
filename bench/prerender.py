"""CPU seconds of the editions a worker makes of each document it converts
(runner/prerender.py: page, EPUB, anthology part, summary, written to the
parts), over a folder of TEI files, in this one process; with --profile, a
cProfile dump of it. A measuring aid, not a test.

    tei-pipeline build SPEECHES -o /tmp/x-out -f tei -q
    .venv/bin/python bench/prerender.py /tmp/x-out/tei /tmp/x-parts [--profile FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tei_pipeline.runner.prerender import EditionsJob, _prerender


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of TEI files")
    parser.add_argument("output", type=Path, help="a folder to put the parts in (emptied)")
    parser.add_argument("--profile", type=Path, help="write a cProfile dump here")
    args = parser.parse_args()
    shutil.rmtree(args.output, ignore_errors=True)
    args.output.mkdir(parents=True)
    documents = [(p.stem, p.read_bytes()) for p in sorted(args.folder.glob("*.xml"))]
    job = EditionsJob(args.output, str(args.output), ("html", "epub"), "bench")

    def run() -> None:
        for name, data in documents:
            # prerender reads only these three fields of a Conversion
            conversion: Any = SimpleNamespace(doc_id=name, tei=data, shown_as=f"{name}.txt")
            _prerender(conversion, hashlib.sha256(data).hexdigest(), name, job)

    cpu = time.process_time()
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(run)
        profile.dump_stats(args.profile)
    else:
        run()
    print(f"{len(documents)} documents: CPU {time.process_time() - cpu:.2f} s")


if __name__ == "__main__":
    main()
