"""build --scheduler: the same work on a real Dask cluster (a scheduler and two
worker processes on 127.0.0.1) gives the same bytes as a local build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_pipeline.cli import main
from tests.conftest import CORPORA, REPO
from tests.support.outputs import build_files

distributed = pytest.importorskip("distributed")  # in the test extra: skipped only outside it


def snapshot(out: Path) -> dict[str, bytes]:
    return build_files(out)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_cluster_build_equals_a_local_build(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "sources", sources)
    shutil.copy(REPO / "tei-pipeline.toml", tmp_path / "tei-pipeline.toml")
    for speech in sorted((CORPORA / "presidential-speeches").iterdir())[:1]:
        shutil.copy(speech, sources / f"{speech.stem}.txt")
    # TEI only: the workers convert; the editions are made here from the TEI in
    # either case (tests/unit/test_parallel.py compares whole builds)
    local = run("build", str(sources), "-o", str(tmp_path / "local"), "-j", "1", "-f", "tei")
    assert local.exit_code == 0, local.output
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        with distributed.get_task_stream(client=client) as stream:
            remote = run(
                "build",
                str(sources),
                "-o",
                str(tmp_path / "dask"),
                "-f",
                "tei",
                "--scheduler",
                cluster.scheduler_address,
            )
    assert remote.exit_code == 0, remote.output
    ran = [task for task in stream.data if "convert_in_worker" in task["key"]]
    assert len(ran) == 6
    assert len({task["worker"] for task in ran}) == 2  # both worker processes converted
    assert snapshot(tmp_path / "local") == snapshot(tmp_path / "dask")
    assert len(list((tmp_path / "dask" / "tei").glob("*.xml"))) == 6
    assert local.output.replace("/local/", "/dask/") == remote.output


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "sources", sources)
    shutil.copy(REPO / "tei-pipeline.toml", tmp_path / "tei-pipeline.toml")
    # port 9 (discard) on this machine: nothing listens there
    result = run(
        "build", str(sources), "-o", str(tmp_path / "out"), "-q", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "x-006" in line]
    assert len(lines) == 1 and lines[0].startswith("tcp://127.0.0.1:9: error x-006: cannot reach")
    assert "Traceback" not in result.output
