"""Which language a text is in, when nobody said: py3langid (langid.py's model
of 97 languages, naive Bayes over byte n-grams, deterministic), loaded once per
process on first use.

Used only where no sidecar, project file or command line states the language
(the default "en" is a guess too; transforms/language.py): a text detected with
confidence as another language gets that language's rules and model (a Russian
constitution gave 74 bogus names through the English one). A reading is
confident when the whole sample reads as one language with probability 0.9 or
more, and three quarters of its letters are in parts (of 250 letters or more:
a paragraph, or a few short ones) that read as that language too: py3langid
reads a German paragraph and an English one together as English with 0.9999,
so the whole alone cannot tell a mixed text. A short, unsure or mixed text keeps
the default. The reading is cached by content (cache.py), so a cached build
never loads the model.
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
# The parts of the sample read one by one (runs joined up to this many letters),
# and the share of their letters that must read as the whole's language.
PART_LETTERS = 250
MIN_SHARE = 0.75


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
        """The texts' language and how sure, or None when unsure, mixed or too short."""
        parts = sample_parts(texts)
        if sum(_letters(part) for part in parts) < MIN_LETTERS:
            return None
        key = cache_key(parts, f"py3langid=={version()};parts={PART_LETTERS}")
        found = self.cache.get_reading(key)
        if found is None:
            found = self._read(parts)
            self.cache.put_reading(key, found)
        language, probability, share = found
        if probability < MIN_PROBABILITY or share < MIN_SHARE:
            return None
        return Detection(language, probability)

    def _read(self, parts: list[str]) -> tuple[str, float, float]:
        """(language, probability) of the whole, and the share of the parts'
        letters that read as that language."""
        model = self._model()
        language, probability = model.classify(" ".join(parts))
        if len(parts) == 1:
            return str(language), float(probability), 1.0
        agree = sum(_letters(p) for p in parts if model.classify(p)[0] == language)
        return str(language), float(probability), agree / sum(_letters(p) for p in parts)

    def _model(self) -> Any:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return self._identifier


def sample_parts(texts: list[str]) -> list[str]:
    """The first SAMPLE characters of the texts, as parts of PART_LETTERS
    letters or more (whole runs, so a part is a paragraph or several); a short
    last part joins the one before it."""
    parts: list[str] = []
    current: list[str] = []
    size = letters = 0
    for text in texts:
        text = " ".join(text.split())[: SAMPLE - size]
        if not text:
            continue
        current.append(text)
        size += len(text) + 1
        letters += _letters(text)
        if letters >= PART_LETTERS:
            parts.append(" ".join(current))
            current, letters = [], 0
        if size >= SAMPLE:
            break
    if current:
        if parts and letters < PART_LETTERS:
            parts[-1] = f"{parts[-1]} {' '.join(current)}"
        else:
            parts.append(" ".join(current))
    return parts


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)
