"""Precision and recall of the recogniser on real texts nobody here wrote, against
hand counts (tests/fixtures/recognition/hand-counted.names: five speeches, chosen
and counted before tuning; held-out.names: three more, counted after tuning and
never tuned on). The registers are left out: this measures names no register knows.

Floors (the measured figures are in docs/recognition.md): over all eight texts
precision >= 0.90 and recall >= 0.90; on the held-out texts alone both >= 0.85;
no text below precision 0.75 or recall 0.80.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tests.support.name_accuracy import CORPORA, Score, read_expected, score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "recognition"
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not there")


@pytest.fixture(scope="module")
def scores() -> dict[str, list[Score]]:
    recogniser = Recogniser(cache=FindingsCache(None))  # measure the model, not a cache
    return {name: [score(e, recogniser) for e in read_expected(FIXTURES / f"{name}.names")]
            for name in ("hand-counted", "held-out")}


def overall(scores: list[Score]) -> tuple[float, float]:
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    required = sum(s.required for s in scores)
    missed = sum(len(s.missed) for s in scores)
    return right / (right + wrong), (required - missed) / required


def test_fixture_is_read_as_written() -> None:
    texts = read_expected(FIXTURES / "hand-counted.names")
    assert len(texts) == 5 and sum(len(t.required) for t in texts) == 67
    assert frozenset({("place", "Oahu"), ("place", "Island of Oahu")}) in texts[2].required


def test_precision_and_recall_over_all_texts(scores: dict[str, list[Score]]) -> None:
    precision, recall = overall(scores["hand-counted"] + scores["held-out"])
    assert precision >= 0.90 and recall >= 0.90, (precision, recall)


def test_precision_and_recall_on_texts_never_tuned_on(scores: dict[str, list[Score]]) -> None:
    precision, recall = overall(scores["held-out"])
    assert precision >= 0.85 and recall >= 0.85, (precision, recall)


def test_no_text_is_far_below(scores: dict[str, list[Score]]) -> None:
    for s in scores["hand-counted"] + scores["held-out"]:
        assert s.precision >= 0.75 and s.recall >= 0.80, (s.text, s.wrong, s.missed)
