"""schema/check_subset.py (a script for people, not part of the package) loaded as
a module for the tests, or the test skipped where the official tei_all is absent."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO, TEI_ALL_RNG


def load_check_subset() -> ModuleType:
    if not TEI_ALL_RNG.is_file():
        pytest.skip(f"official tei_all.rng not found at {TEI_ALL_RNG}")
    path = REPO / "schema" / "check_subset.py"
    spec = importlib.util.spec_from_file_location("check_subset", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module
