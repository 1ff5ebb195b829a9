"""The documented limits (README, Limits) are limits: at the limit the work is
done, one past it the text gets its one-line message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_pipeline import pipeline
from tei_pipeline.context import Services
from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.model import Entity

TEXT = "A Title\n\nWords of Mary Smith in London.\n"


class CountingRecogniser(Recogniser):
    """A recogniser that finds nothing and counts how often it was asked."""

    asked = 0

    def entities(self, language: str, texts: list[str]) -> list[list[Entity]] | None:
        self.asked += 1
        return [[] for _ in texts]


def _codes_and_asks(tmp_path: Path, text: str) -> tuple[list[str], int]:
    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    recogniser = CountingRecogniser()
    conversion = pipeline.convert_file(source, "t.txt", services=Services(recogniser=recogniser))
    assert conversion.ok, [d.astext() for d in conversion.reporter.diagnostics]
    return [d.code for d in conversion.reporter.diagnostics], recogniser.asked


def test_the_recogniser_runs_up_to_its_limit_and_not_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MAX_RECOGNISED_CHARS", len(TEXT))
    codes, asked = _codes_and_asks(tmp_path, TEXT)
    assert asked == 1 and "p-103" not in codes
    codes, asked = _codes_and_asks(tmp_path, TEXT + "x")
    assert asked == 0 and codes.count("p-103") == 1


def test_no_warning_when_there_is_no_recogniser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build --no-recognition: nothing was skipped, so nothing is said."""
    monkeypatch.setattr(pipeline, "MAX_RECOGNISED_CHARS", 1)
    source = tmp_path / "t.txt"
    source.write_text(TEXT, encoding="utf-8")
    conversion = pipeline.convert_file(source, "t.txt", services=Services())
    assert "p-103" not in [d.code for d in conversion.reporter.diagnostics]
