"""Per-text precision and recall of the recogniser against the hand counts, as a
report: `python -m tests.support.name_report [NAMES-FILE ...]` (default: every
tests/fixtures/recognition/*.names), with a Recogniser without a cache (the
model's figures, not a cache's)."""

from __future__ import annotations

import sys
from pathlib import Path

from tei_pipeline.recognition import Recogniser
from tei_pipeline.recognition.cache import FindingsCache
from tests.support.name_accuracy import Score, read_expected, score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "recognition"


def line(label: str, scores: list[Score]) -> str:
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    required = sum(s.required for s in scores)
    found = required - sum(len(s.missed) for s in scores)
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = found / required if required else 1.0
    return (
        f"{label}: precision {precision:.3f} ({right}/{right + wrong})"
        f" recall {recall:.3f} ({found}/{required})"
    )


def main(paths: list[Path]) -> None:
    recogniser = Recogniser(cache=FindingsCache(None))
    everything: list[Score] = []
    for path in paths:
        scores = [score(e, recogniser) for e in read_expected(path)]
        everything += scores
        for s in scores:
            print(line(f"  {s.text}", [s]))
            print(f"    wrong: {sorted(s.wrong)}")
            print(f"    missed: {[sorted(m) for m in s.missed]}")
        print(line(path.stem, scores))
    print(line("all", everything))


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or sorted(FIXTURES.glob("*.names")))
