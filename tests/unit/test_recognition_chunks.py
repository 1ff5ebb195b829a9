"""A long text goes through the name recogniser in chunks of whole runs, each in
a spaCy memory zone and cached on its own (recognition/model.py): the same
entities as in one go, memory flat in the text's size; a text of one chunk keeps
its old cache key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_pipeline.recognition import model
from tei_pipeline.recognition.cache import FindingsCache, cache_key
from tei_pipeline.recognition.model import Recogniser, chunks

RUNS = [
    "Margaret Oyelaran reached Nairobi in the spring.",
    "She wrote to Senator Hartwell from Springfield about the roads.",
    "The council of Toronto met in the old hall by the river.",
    "President Lincoln spoke at Gettysburg in November.",
    "Later the delegation went on to Paris and then to Berlin.",
]


def test_chunks_keep_order_and_whole_runs() -> None:
    texts = ["a" * 3, "b" * 4, "c" * 10, "d" * 2, "e"]
    assert chunks(texts, 8) == [["aaa", "bbbb"], ["c" * 10], ["dd", "e"]]
    # near misses: everything fits in one chunk; no text at all is one empty chunk
    assert chunks(texts, 100) == [texts]
    assert chunks([], 8) == [[]]


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(cache=FindingsCache(None))


def test_chunked_entities_are_those_of_one_pass(
    recogniser: Recogniser, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    whole = recogniser.entities("en", RUNS)
    assert whole is not None and sum(map(len, whole)) >= 8
    monkeypatch.setattr(model, "CHUNK_CHARS", 120)
    cached = Recogniser(cache=FindingsCache(tmp_path))
    cached._loaded = recogniser._loaded  # the loaded model, not loaded twice
    assert cached.entities("en", RUNS) == whole
    # one cache file per chunk, so a change far away leaves the others valid
    assert len(list((tmp_path / "ner").glob("*.json"))) == len(chunks(RUNS, 120)) > 1


def test_near_miss_a_text_of_one_chunk_keeps_its_cache_key(tmp_path: Path) -> None:
    recogniser = Recogniser(cache=FindingsCache(tmp_path))
    found = recogniser.entities("en", RUNS)
    info = recogniser.info("en")
    assert info is not None and found is not None
    assert [p.stem for p in (tmp_path / "ner").glob("*.json")] == [cache_key(RUNS, info.key)]
