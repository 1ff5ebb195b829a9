"""Convert a build's sources in one process or in a pool of worker processes.

A worker makes the run's Services once (schema, registers, any model of a
transform) in its initializer and converts one source per task. The results
come back in build order and are merged as one process would have made them:
a run-wide problem (Services.report_once) stays with the first document that
met it and is dropped from the later ones.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..context import Services
from ..diagnostics import Diagnostic, Reporter
from ..errors import PipelineError
from ..pipeline import Built, Conversion, build_one, shown_path
from ..recognition import Recogniser
from .prerender import EditionsJob, prerender

Progress = Callable[[Path], None]


@dataclass(frozen=True)
class BuildJob:
    """What a worker needs to make the run's Services and convert one source."""

    sources: Path
    folder: Path
    reader: str | None = None
    project_shown: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    recognition: bool = True  # names no register knows, by the statistical recogniser
    # the editions to render right after converting (prerender.py); None: none
    editions: EditionsJob | None = None

    def services(self) -> Services:
        services = Services.for_path(self.sources, self.project_shown, dict(self.overrides))
        services.recogniser = Recogniser() if self.recognition else None
        return services


@dataclass
class Outcome:
    """One source converted, in a form that crosses process boundaries
    (a PipelineError does not pickle; its diagnostic does)."""

    name: str
    conversion: Conversion | None
    error: Diagnostic | None
    changed: bool
    # the run-wide problems this document met (Services.reported after it alone)
    reported: frozenset[Diagnostic] = field(default_factory=frozenset)

    def built(self) -> Built:
        result: Conversion | PipelineError = (
            self.conversion if self.conversion is not None else PipelineError(self.error)  # type: ignore[arg-type]
        )
        return Built(self.name, result, self.changed)


def convert_one(path: Path, shown: str, job: BuildJob, services: Services) -> Outcome:
    """Convert one source as if it were the first of the run, so what it reports
    does not depend on which worker converted what before. `shown` is made by
    the process that started the run: a worker's working folder may differ."""
    services.reported = set()
    built = build_one(path, job.folder, services, job.reader, shown)
    reported = frozenset(services.reported)
    if isinstance(built.result, PipelineError):
        return Outcome(built.name, None, built.result.diagnostic, built.changed, reported)
    conversion = built.result
    if conversion.ok:  # written to its file: the build keeps its hash alone
        digest = hashlib.sha256(conversion.tei).hexdigest()
        if job.editions is not None:  # while its TEI is in hand, in this worker
            prerender(conversion, digest, path.stem, job.editions)
        conversion = replace(conversion, tei=b"", tei_sha=digest)
    return Outcome(built.name, conversion, None, built.changed, reported)


# --- the worker processes ----------------------------------------------------------------

_worker: dict[BuildJob, Services] = {}


def worker_services(job: BuildJob) -> Services:
    """The Services of `job` in this process, made on first use (a pool's
    initializer, or a Dask worker's first task)."""
    if job not in _worker:
        _worker.clear()  # one run at a time per process
        _worker[job] = job.services()
    return _worker[job]


def _init_worker(job: BuildJob) -> None:
    # Ctrl-C is the main process's to handle: it stops giving out texts and lets
    # the workers finish the one each holds (a worker stopped half way would
    # leave the pool waiting for it forever at exit)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_services(job)


def _convert_in_worker(task: tuple[Path, str], job: BuildJob) -> Outcome:
    return convert_one(task[0], task[1], job, worker_services(job))


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_local(
    paths: list[Path],
    job: BuildJob,
    services: Services,
    jobs: int = 1,
    progress: Progress | None = None,
    done: dict[Path, Outcome] | None = None,
) -> list[Outcome]:
    """The outcomes of `paths`, in their order: in this process with the run's
    `services` when jobs is 1 (or there is one source), else in a pool of `jobs`
    processes. Each outcome also goes into `done` as it comes, so that a build
    interrupted half way knows which texts it converted."""
    tick = progress or (lambda _path: None)
    finished = done if done is not None else {}
    if jobs <= 1 or len(paths) <= 1:
        outcomes = []
        for path in paths:
            outcomes.append(convert_one(path, shown_path(path), job, services))
            finished[path] = outcomes[-1]
            tick(path)
        return outcomes
    found: list[Outcome | None] = [None] * len(paths)
    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(job,)) as pool:
        futures = {
            pool.submit(_convert_in_worker, (p, shown_path(p)), job): i for i, p in enumerate(paths)
        }
        try:
            for future in as_completed(futures):
                index = futures[future]
                found[index] = finished[paths[index]] = future.result()
                tick(paths[index])
        except KeyboardInterrupt:
            # the texts not yet started are not started; the workers finish the
            # one each holds. Waiting here matters: the `with` block's own shutdown
            # would otherwise undo the cancelling and convert every queued text
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [o for o in found if o is not None]


def merge(outcomes: Iterable[Outcome]) -> list[Built]:
    """The builds of the outcomes, in order, each run-wide problem kept only for
    the first document that met it (as one process reports it once per run)."""
    seen: set[Diagnostic] = set()
    merged = []
    for outcome in outcomes:
        built = outcome.built()
        repeated = {d for d in outcome.reported if _seen(d, seen)}
        seen.update(outcome.reported)
        if repeated and isinstance(built.result, Conversion):
            kept = [d for d in built.result.reporter.diagnostics if d not in repeated]
            # a new Reporter: the outcome's own (maybe recorded) stays whole
            built.result = replace(built.result, reporter=Reporter(kept))
        merged.append(built)
    return merged


def _seen(diagnostic: Diagnostic, seen: set[Diagnostic]) -> bool:
    # c-005 (a text in no project) is given once per run whatever the text
    # (Services.report_outside_project), other run-wide problems once each
    if diagnostic.code == "c-005":
        return any(d.code == "c-005" for d in seen)
    return diagnostic in seen
