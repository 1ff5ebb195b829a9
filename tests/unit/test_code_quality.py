"""The code passes ruff (rules B E F I UP W) and mypy --strict, as STYLE.md
section 8 asks; both are pinned in the test extra of pyproject.toml."""

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
    [("ruff", "check", "tei_pipeline", "tests"), ("mypy", "--strict", "tei_pipeline")],
    ids=["ruff", "mypy"],
)
def test_the_code_passes_the_checkers(command: tuple[str, ...]) -> None:
    result = run(*command)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
