"""The gazetteer's index is built once and kept in the recognition cache folder:
a later process loads it, a broken or foreign file is built again, and without a
folder nothing is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_pipeline.recognition import gazetteer
from tei_pipeline.recognition.cache import FindingsCache
from tei_pipeline.recognition.gazetteer import Gazetteer
from tei_pipeline.recognition.model import Recogniser


def _no_build() -> dict[str, list[gazetteer.Reading]]:
    raise AssertionError("the index was built again")


def test_the_index_is_kept_and_loaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = Gazetteer(tmp_path)
    paris = built.readings("Paris")
    (kept,) = tmp_path.glob("gazetteer-*.pickle")
    monkeypatch.setattr(gazetteer, "_build_index", _no_build)
    again = Gazetteer(tmp_path)
    assert again.readings("Paris") == paris and len(paris) > 1
    assert again.clear("Nairobi") == built.clear("Nairobi") is not None
    assert list(tmp_path.glob("gazetteer-*.pickle")) == [kept]


def test_near_miss_a_broken_file_is_built_again(tmp_path: Path) -> None:
    Gazetteer(tmp_path).readings("Paris")
    (kept,) = tmp_path.glob("gazetteer-*.pickle")
    kept.write_bytes(b"not a pickle")
    assert Gazetteer(tmp_path).clear("Nairobi") is not None
    assert kept.read_bytes() != b"not a pickle"  # and kept anew


def test_near_miss_no_folder_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Gazetteer().is_broad("Georgia")
    assert list(tmp_path.iterdir()) == []


def test_the_recogniser_keeps_it_beside_its_findings(tmp_path: Path) -> None:
    assert Recogniser(cache=FindingsCache(tmp_path)).gazetteer.folder == tmp_path
    assert Recogniser(cache=FindingsCache(None)).gazetteer.folder is None
