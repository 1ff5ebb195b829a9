"""Which language a text is in, when nobody said: py3langid (langid.py's model
of 97 languages, naive Bayes over byte n-grams, deterministic), loaded once per
process on first use.

Used only where no sidecar, project file or command line states the language
(the default "en" is a guess too): a text detected with confidence as another
language is not run through the English model (a Russian constitution gave 74
bogus names). A short or mixed text, detected without confidence, keeps the
default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Below this many letters, or this probability, a detection says too little.
MIN_LETTERS = 200
MIN_PROBABILITY = 0.9
# A sample is enough, and keeps a long text's detection short.
SAMPLE = 20_000


@dataclass
class LanguageDetector:
    """Detects the language of texts (see the module docstring)."""

    _identifier: Any = field(default=None, repr=False)

    def detect(self, texts: list[str]) -> str | None:
        """The ISO 639-1 code of the texts' language, or None when unsure."""
        sample = " ".join(texts)[:SAMPLE]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return None
        language, probability = self._model().classify(sample)
        return str(language) if probability >= MIN_PROBABILITY else None

    def _model(self) -> Any:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return self._identifier
