"""A build stopped with Ctrl-C keeps what it did: the texts it converted are in
the record (marked pending, so the editions are made again), the next run
converts only the rest, and a pool of workers stops giving out texts at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.cli import main
from tei_pipeline.context import Services
from tei_pipeline.runner import build as build_module
from tei_pipeline.runner import executor
from tei_pipeline.runner.executor import BuildJob, run_local
from tei_pipeline.runner.incremental import RECORD, load
from tests.conftest import CORPORA


def run(sources: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["build", str(sources), "-o", str(out), "-j", "1", "--no-recognition", *extra]
    )


class Converted(list[str]):
    """The sources converted in this process; a Ctrl-C comes when `stop_at` of
    them have been converted (never when it is -1)."""

    stop_at = -1


@pytest.fixture()
def converted(monkeypatch: pytest.MonkeyPatch) -> Converted:
    names = Converted()
    real = executor.build_one

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(names) == names.stop_at:
            raise KeyboardInterrupt
        names.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(executor, "build_one", counting)
    return names


def test_an_interrupted_conversion_keeps_the_texts_it_converted(sources, tmp_path, converted):
    out = tmp_path / "out"
    converted.stop_at = 2
    stopped = run(sources, out)
    assert stopped.exit_code == 130 and "interrupted" in stopped.output
    record = load(out)
    assert sorted(record.documents) == sorted(converted) and len(converted) == 2
    assert record.pending
    first = list(converted)
    converted.clear()
    converted.stop_at = -1
    again = run(sources, out)
    assert again.exit_code == 0, again.output
    assert len(converted) == 3 and not set(converted) & set(first)  # only the rest
    assert "Rendering" in again.output
    assert not load(out).pending and len(load(out).documents) == 5


def test_near_miss_a_build_that_ends_leaves_no_pending_mark(sources, tmp_path, converted):
    out = tmp_path / "out"
    assert run(sources, out).exit_code == 0
    assert not load(out).pending and '"pending"' not in (out / RECORD).read_text()


def test_an_interrupted_rendering_renders_again_and_converts_nothing(
    sources, tmp_path, converted, monkeypatch
):
    out = tmp_path / "out"
    real = build_module.publish_documents

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "publish_documents", interrupted)
    assert run(sources, out).exit_code == 130
    assert load(out).pending and len(load(out).documents) == 5
    monkeypatch.setattr(build_module, "publish_documents", real)
    converted.clear()
    again = run(sources, out)
    assert again.exit_code == 0, again.output
    assert converted == [] and "Rendering" in again.output  # the TEI kept, the editions made
    assert not load(out).pending and (out / "html" / "index.html").is_file()


def test_ctrl_c_stops_a_pool_without_converting_the_queued_texts(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    speeches = sorted((CORPORA / "presidential-speeches").glob("*.txt"))[:16]
    for speech in speeches:
        shutil.copy(speech, folder / speech.name)
    out = tmp_path / "out"
    out.mkdir()
    job = BuildJob(folder, out, recognition=False)

    def ctrl_c(_path: Path) -> None:
        raise KeyboardInterrupt  # as the first text comes back

    done: dict[Path, executor.Outcome] = {}
    with pytest.raises(KeyboardInterrupt):
        run_local(sorted(folder.glob("*.txt")), job, Services(), 2, ctrl_c, done)
    written = list(out.glob("*.xml"))
    # the one that came back, the ones the two workers held and the few the pool
    # had queued: never the sixteen
    assert len(done) == 1 and 1 <= len(written) <= 8
