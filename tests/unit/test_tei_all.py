"""Every document the pipeline makes is valid against the official TEI P5
tei_all (RELAX NG, from ../shared/tei-schemas), checked with jing in one run:
the five samples and a spread of the presidential speeches."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tei_pipeline.pipeline import convert_file
from tests.conftest import CORPORA, REPO, TEI_ALL_RNG


def jing_or_skip() -> str:
    jing = shutil.which("jing")
    if jing is None or not TEI_ALL_RNG.exists():
        if os.environ.get("CI"):
            pytest.fail("jing or tei_all.rng missing: run `make tools`")
        pytest.skip("jing or tei_all.rng not installed (run `make tools`)")
    return jing


def test_all_built_documents_are_valid_tei_all(tmp_path: Path):
    jing = jing_or_skip()
    texts = sorted((REPO / "sources").glob("*.txt"))
    speeches = sorted(p for p in (CORPORA / "presidential-speeches").glob("*") if p.is_file())
    texts += speeches[::40]  # about 25 speeches from 1789 to 2020
    files = []
    for text in texts:
        conversion = convert_file(text, text.name)
        assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
        target = tmp_path / f"{text.stem}.xml"
        target.write_bytes(conversion.tei)
        files.append(str(target))
    result = subprocess.run([jing, str(TEI_ALL_RNG), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]
    assert len(files) >= 25
