"""One build's sources: which need converting (incremental.py), converting
them here or on a cluster (executor.py, cluster.py), removing what a removed
source left, and the editions made again only when something changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..context import Services
from ..files import document_id
from ..pipeline import Built, Conversion, Published
from . import incremental
from .editions import Document, publish_documents
from .executor import BuildJob, Outcome, Progress, merge, run_local
from .incremental import Entry, Record
from .prerender import EditionsJob


@dataclass
class SourcesRun:
    """What became of a build's sources: their results in build order, how many
    were converted (the rest came from the record), which sources recorded in
    the last build are gone (their TEI removed)."""

    results: list[Built]
    converted: int
    removed: list[str]
    record: Record
    previous: Record = field(default_factory=Record)
    # sources that failed this build and keep their earlier TEI (and editions)
    earlier: dict[str, Entry] = field(default_factory=dict)


def convert_sources(
    paths: list[Path],
    output: Path,
    job: BuildJob,
    services: Services,
    formats: tuple[str, ...],
    jobs: int = 1,
    scheduler: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> SourcesRun:
    """Convert the sources whose inputs changed since the last build into
    output (all of them with `force`), take the others from the record."""
    previous = Record() if force else incremental.load(output)
    run = incremental.run_key(job, services, formats)
    keys = {path: incremental.source_key(run, path, previous) for path in paths}
    outcomes: dict[Path, Outcome] = {}
    for path in paths:
        found = incremental.cached(previous, path.name, keys[path], output)
        if found is not None:
            outcomes[path] = found
            if progress is not None:
                progress(path)
    todo = [path for path in paths if path not in outcomes]
    if formats:  # each document's editions made by the process that converts it
        job = replace(job, editions=EditionsJob(output, str(output), formats, run))
    done: dict[Path, Outcome] = {}
    try:
        if scheduler is not None:
            from .cluster import run_cluster  # dask is imported only for a cluster run

            fresh = run_cluster(todo, job, scheduler, progress)
        else:
            fresh = run_local(todo, job, services, jobs, progress, done)
    except KeyboardInterrupt:
        # keep what was converted, marked pending (the editions are made again):
        # the next run converts only the rest
        stopped, _ = _record(output, previous, run, {**outcomes, **done}, keys, paths, set(todo))
        stopped.pending = True
        incremental.save(output, stopped)
        raise
    outcomes.update(zip(todo, fresh, strict=True))
    record, earlier = _record(output, previous, run, outcomes, keys, paths, set(todo))
    removed = _remove_gone(previous, paths, output)
    results = merge(outcomes[path] for path in paths)
    return SourcesRun(results, len(todo), removed, record, previous, earlier)


def _record(
    output: Path,
    previous: Record,
    run: str,
    outcomes: dict[Path, Outcome],
    keys: dict[Path, incremental.SourceKey],
    paths: list[Path],
    todo: set[Path],
) -> tuple[Record, dict[str, Entry]]:
    """This build's record, and the sources that failed now and keep their earlier
    TEI. A source to convert that has no outcome (the build was stopped first)
    keeps what the last build recorded of it."""
    record = Record(run, editions=list(previous.editions), pending=previous.pending)
    earlier: dict[str, Entry] = {}
    for path in paths:
        entry: Entry | None = previous.documents.get(path.name)
        if path in todo and path in outcomes:
            tei = f"tei/{path.stem}.xml"
            fresh = incremental.entry_for(outcomes[path], keys[path], tei, output)
            if fresh is None and entry is not None and incremental.intact(entry, output):
                earlier[path.name] = entry  # failed now: its earlier TEI stays, and is listed
            else:
                entry = fresh
        if entry is not None:
            record.documents[path.name] = entry
    return record, earlier


def _remove_gone(previous: Record, paths: list[Path], output: Path) -> list[str]:
    """Remove the TEI of the sources recorded last time and gone now (unless a
    source of this build writes the same file)."""
    names = {path.name for path in paths}
    written = {f"tei/{path.stem}.xml" for path in paths}
    gone = sorted(name for name in previous.documents if name not in names)
    for name in gone:
        tei = previous.documents[name].tei
        if tei not in written:
            (output / tei).unlink(missing_ok=True)
    return gone


def editions_current(output: Path, wanted: tuple[str, ...], run: SourcesRun) -> bool:
    """Whether the editions are as the last build left them: no source converted
    or removed, and every edition recorded of the formats wanted still there."""
    if run.converted or run.removed or run.previous.pending:
        return False
    mine = [p for p in run.previous.editions if p.split("/", 1)[0] in wanted]
    if not all(any(p.startswith(f"{fmt}/") for p in mine) for fmt in wanted):
        return False
    return all((output / p).is_file() for p in mine)


def publish_changed(
    good: list[Conversion], output: Path, wanted: tuple[str, ...], run: SourcesRun
) -> Published:
    """The editions made again. An edition the last build wrote and this one did
    not is removed (a removed text's page and book), unless it may be a failed
    text's: that keeps its earlier output."""
    previous = run.previous.editions
    mine = [p for p in previous if p.split("/", 1)[0] in wanted]
    documents = []
    for built in run.results:
        result = built.result
        if isinstance(result, Conversion) and result.ok:
            stem = Path(result.shown_as).stem
            tei_sha = result.tei_sha or incremental.sha(result.tei)
            documents.append(Document(result.doc_id, f"tei/{stem}.xml", tei_sha, result.shown_as))
        elif built.name in run.earlier:
            entry = run.earlier[built.name]
            documents.append(Document(entry.doc_id, entry.tei, entry.tei_sha, entry.shown_as, True))
    made = publish_documents(documents, output, wanted, run.record.run)
    published = Published(made.files, made.changed, made.reporter, made.rendered)
    failed = {
        document_id(Path(b.name).stem)
        for b in run.results
        if not isinstance(b.result, Conversion) or not b.result.ok
    }
    for path in _stale(mine, published.files):
        if not _owned(Path(path).stem, failed):
            (output / path).unlink(missing_ok=True)
            _prune(output, path)
    others = [p for p in previous if p.split("/", 1)[0] not in wanted]
    run.record.editions = sorted(set(others) | set(published.files))
    run.record.pending = False
    return published


def _owned(stem: str, ids: set[str]) -> bool:
    # a page is named after its document's id, prefixed or numbered where it
    # would clash (writers/html/site.py page_file)
    return any(stem == i or stem.startswith(f"{i}-") or stem == f"text-{i}" for i in ids)


def _prune(output: Path, path: str) -> None:
    """Remove the folders a removed file left empty (a search shard no page goes
    to any more), below its edition's folder (html/, epub/), so the output is the
    one a --force build makes."""
    folder = (output / path).parent
    while len(folder.relative_to(output).parts) > 1 and folder.is_dir():
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def _stale(previous: Iterable[str], written: list[str]) -> list[str]:
    kept = set(written)
    return [p for p in previous if p not in kept]
