"""Convert a build's sources on a Dask distributed cluster.

Each task converts one source with the Services its worker process made on its
first task (executor.worker_services), as a pool worker does; the outcomes come
back to this process, which merges them in build order. The workers read the
sources and write the TEI themselves, so they must see SOURCES and OUTPUT at
the paths this process gives (a shared file system), and have tei-pipeline of
the same version installed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic, Location
from ..errors import UsageError
from ..pipeline import shown_path
from .executor import BuildJob, Outcome, Progress, _convert_in_worker


def run_cluster(
    paths: list[Path], job: BuildJob, address: str, progress: Progress | None = None
) -> list[Outcome]:
    """The outcomes of `paths`, in their order, converted on the cluster at `address`."""
    if not paths:
        return []
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # the optional extra is not installed
        detail = "--scheduler needs Dask (pip install 'tei-pipeline[cluster]')"
        raise UsageError(Diagnostic("x-006", Location(address), detail)) from exc
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        detail = f"cannot reach the Dask scheduler ({exc})"
        raise UsageError(Diagnostic("x-006", Location(address), detail)) from exc
    # absolute paths: a worker's working folder is its own
    job = replace(job, sources=job.sources.resolve(), folder=job.folder.resolve())
    if job.editions is not None:  # its messages still name OUTPUT as this process does
        job = replace(job, editions=replace(job.editions, output=job.editions.output.resolve()))
    tasks = [(path.resolve(), shown_path(path)) for path in paths]
    with client:
        # pure=False: a task is a conversion that writes a file, never skipped as "seen"
        futures = client.map(_convert_in_worker, tasks, job=job, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        found: list[Outcome | None] = [None] * len(paths)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            i = index[future.key]
            found[i] = future.result()
            if progress is not None:
                progress(paths[i])
    return [o for o in found if o is not None]
