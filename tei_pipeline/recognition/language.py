"""Which language a text is in, when nobody said: py3langid (langid.py's model
of 97 languages, naive Bayes over byte n-grams, deterministic), loaded once per
process on first use.

Used only where no sidecar, project file or command line states the language
(the default "en" is a guess too): a text detected with confidence as another
language is not run through the English model (a Russian constitution gave 74
bogus names). A short or mixed text, detected without confidence, keeps the
default. The reading is cached by content (cache.py), so a cached build never
loads the model.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, field
from typing import Any

from .cache import FindingsCache, cache_key

# Below this many letters, or this probability, a detection says too little.
MIN_LETTERS = 200
MIN_PROBABILITY = 0.9
# A sample is enough, and keeps a long text's detection short.
SAMPLE = 20_000


# At or above this probability the header calls the reading "high", else "medium".
HIGH_PROBABILITY = 0.99


@dataclass(frozen=True)
class Detection:
    """A confident reading: the ISO 639-1 code and py3langid's probability."""

    language: str
    probability: float

    @property
    def cert(self) -> str:
        """The reading's @cert (TEI att.global.responsibility)."""
        return "high" if self.probability >= HIGH_PROBABILITY else "medium"


def version() -> str:
    """The installed py3langid's version (the header names it)."""
    try:
        return importlib.metadata.version("py3langid")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class LanguageDetector:
    """Detects the language of texts (see the module docstring)."""

    cache: FindingsCache = field(default_factory=lambda: FindingsCache(None))
    _identifier: Any = field(default=None, repr=False)

    def detect(self, texts: list[str]) -> str | None:
        """The ISO 639-1 code of the texts' language, or None when unsure."""
        reading = self.reading(texts)
        return reading.language if reading is not None else None

    def reading(self, texts: list[str]) -> Detection | None:
        """The texts' language and how sure, or None when unsure or too short."""
        sample = " ".join(texts)[:SAMPLE]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return None
        key = cache_key([sample], f"py3langid=={version()}")
        found = self.cache.get_reading(key)
        if found is None:
            language, probability = self._model().classify(sample)
            found = (str(language), float(probability))
            self.cache.put_reading(key, found)
        language, probability = found
        return Detection(language, probability) if probability >= MIN_PROBABILITY else None

    def _model(self) -> Any:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return self._identifier
