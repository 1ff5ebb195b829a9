"""The code passes ruff (rules B E F I UP W, and its formatter) and mypy
--strict, as STYLE.md section 8 asks; both are pinned in the test extra of
pyproject.toml. The benchmarks and tools are code too."""

import subprocess
import sys

import pytest

from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "tei_pipeline", "tests", "bench", "tools"),
        ("ruff", "format", "--check", "tei_pipeline", "tests", "bench", "tools"),
        ("mypy", "--strict", "tei_pipeline"),
    ],
    ids=["ruff", "ruff-format", "mypy"],
)
def test_the_code_passes_the_checkers(command: tuple[str, ...]) -> None:
    result = run(*command)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
