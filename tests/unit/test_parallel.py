"""build --jobs: a pool of worker processes gives the same files and the same
messages as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.checks.lossless import LosslessResult
from tei_pipeline.cli import main
from tei_pipeline.diagnostics import Diagnostic, Location, Reporter
from tei_pipeline.pipeline import Conversion
from tei_pipeline.runner.executor import BuildJob, Outcome, merge, run_local
from tests.conftest import CORPORA, REPO, sample_services
from tests.support.outputs import build_files

SPEECHES = CORPORA / "presidential-speeches"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(out: Path) -> dict[str, bytes]:
    return build_files(out)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The sample project with a few real speeches added (more texts than workers)."""
    folder = tmp_path / "sources"
    shutil.copytree(REPO / "sources", folder)
    shutil.copy(REPO / "tei-pipeline.toml", tmp_path / "tei-pipeline.toml")
    for speech in sorted(SPEECHES.iterdir())[:4]:
        shutil.copy(speech, folder / f"{speech.stem}.txt")
    return folder


def test_two_jobs_write_the_same_bytes_and_messages_as_one(project: Path, tmp_path: Path) -> None:
    one = run("build", str(project), "-o", str(tmp_path / "one"), "-j", "1")
    two = run("build", str(project), "-o", str(tmp_path / "two"), "-j", "2")
    assert one.exit_code == two.exit_code == 0, two.output
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert len(snapshot(tmp_path / "one")) > 20  # tei, html and epub of 9 texts, and the record
    assert one.output.replace("/one/", "/two/") == two.output


def test_a_run_wide_warning_is_given_once_with_any_number_of_jobs(tmp_path: Path) -> None:
    # texts in no project: c-005 once per run, for the first text only
    folder = tmp_path / "loose"
    folder.mkdir()
    for i in range(3):
        (folder / f"t{i}.txt").write_text(f"Title {i}\n\nA paragraph {i}.\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        result = run("build", str(folder), "-o", str(tmp_path / f"out{jobs}"), "-q", "-j", jobs)
        assert result.exit_code == 0, result.output
        lines = [line for line in result.output.splitlines() if "c-005" in line]
        assert len(lines) == 1 and "t0.txt" in lines[0], result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]


def _outcome(name: str, *diagnostics: Diagnostic, reported: tuple[Diagnostic, ...] = ()) -> Outcome:
    conversion = Conversion(
        name, name, b"", Reporter(list(diagnostics)), LosslessResult(True, 0, 0)
    )
    return Outcome(name, conversion, None, False, frozenset(reported))


def kept(outcome_builds: list) -> list[list[str]]:
    return [[d.location.path for d in b.result.reporter.diagnostics] for b in outcome_builds]


def test_merge_keeps_a_run_wide_problem_for_the_first_document_only() -> None:
    register = Diagnostic("p-004", Location("registers/persons.xml", 3, 1), "x")
    builds = merge([_outcome(n, register, reported=(register,)) for n in ("a", "b", "c")])
    assert kept(builds) == [["registers/persons.xml"], [], []]


def test_merge_near_misses_keep_what_is_not_a_repeat() -> None:
    # the same problem in two documents but not run-wide (not in `reported`): both keep it
    local = Diagnostic("w-001", Location("x.xml", 1, 1))
    assert kept(merge([_outcome("a", local), _outcome("b", local)])) == [["x.xml"], ["x.xml"]]
    # two different run-wide problems: each kept where first met
    one = Diagnostic("p-004", Location("p.xml", 1, 1), "one")
    other = Diagnostic("p-004", Location("p.xml", 2, 1), "other")
    builds = merge([_outcome("a", one, reported=(one,)), _outcome("b", other, reported=(other,))])
    assert kept(builds) == [["p.xml"], ["p.xml"]]
    # c-005 names each text, yet is given once per run
    first, second = (Diagnostic("c-005", Location(f"{n}.txt")) for n in "ab")
    builds = merge(
        [_outcome("a", first, reported=(first,)), _outcome("b", second, reported=(second,))]
    )
    assert kept(builds) == [["a.txt"], []]


def test_the_progress_hears_of_every_text_once_from_the_pool(project: Path, tmp_path: Path) -> None:
    paths = sorted(project.glob("*.txt"))
    services = sample_services()
    job = BuildJob(project, tmp_path / "tei")
    heard: list[str] = []
    outcomes = run_local(paths, job, services, jobs=2, progress=lambda p: heard.append(p.name))
    assert sorted(heard) == sorted(p.name for p in paths)
    assert [o.name for o in outcomes] == [p.name for p in paths]  # build order, not finishing order
