"""`tei-pipeline build` with the main process's own CPU time split where the
conversion ends (the workers are done), to see what the main process still does
alone after them. A measuring aid, not a test.

    .venv/bin/python bench/main_process.py build SOURCES -o OUT -q -j 2 --force

Prints one line to stderr: the main process's CPU seconds in all and after the
workers, the wall seconds in all and after the workers, and the CPU seconds of
its children (workers, Pagefind).
"""

from __future__ import annotations

import atexit
import resource
import sys
import time
from typing import Any

import tei_pipeline.cli as cli

START = time.perf_counter()
marks: dict[str, float] = {}
convert = cli.convert_sources


def timed(*args: Any, **kwargs: Any) -> Any:
    try:
        return convert(*args, **kwargs)
    finally:
        marks["wall"], marks["cpu"] = time.perf_counter() - START, time.process_time()


def report() -> None:
    wall, cpu = time.perf_counter() - START, time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"main CPU {cpu:.1f} s (after the workers {cpu - marks.get('cpu', cpu):.1f}); "
        f"wall {wall:.1f} s (after the workers {wall - marks.get('wall', wall):.1f}); "
        f"children CPU {children.ru_utime + children.ru_stime:.1f} s",
        file=sys.__stderr__,
    )


cli.convert_sources = timed  # type: ignore[assignment]
atexit.register(report)
sys.argv = ["tei-pipeline", *sys.argv[1:]]
cli.main()
