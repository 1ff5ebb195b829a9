"""The model's own lexicon: which words are common nouns, plurals of them, or
adjectives, read from the lemmatizer tables the model package ships.

spaCy's English pipelines carry WordNet's word lists (lemma_index: the nouns,
adjectives, verbs and adverbs it knows, lower-cased) and the suffix rules that
turn a plural into its singular (lemma_rules). They are read straight from the
package's `lemmatizer/lookups/lookups.bin` (a msgpack file, about 0.05 s) so
that a build whose findings are cached never imports spaCy.

WordNet lower-cases proper nouns too ("ireland", "tolstoy" are in its noun
list), so being in the list says nothing; what the rules use is narrower: a
capitalised word that is NOT in the list while its singular is ("Hells",
"Constitutions", "Krishnas": a plural of a common noun or of a name, either way
not one name), and a word listed only as an adjective ("Eastern").
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

# Keys of the tables are spaCy string hashes: spacy.strings.hash_string("noun")
# and ("adj"); tests/unit/test_recognition_lexicon.py checks them against spaCy.
NOUN = 16833663260455505849
ADJ = 12401032943472870168


@dataclass(frozen=True)
class Lexicon:
    """Common nouns, adjectives and plural rules of one model (see the module docstring)."""

    nouns: frozenset[str]
    adjectives: frozenset[str]
    plural_rules: tuple[tuple[str, str], ...]

    def singulars(self, word: str) -> list[str]:
        """The listed nouns a word may be the plural of, by the model's suffix rules."""
        lower = word.lower()
        return [
            lower[: -len(suffix)] + singular
            for suffix, singular in self.plural_rules
            if suffix and lower.endswith(suffix) and lower[: -len(suffix)] + singular in self.nouns
        ]

    def is_plural(self, word: str) -> bool:
        """A plural of a listed noun that is not itself listed ("Hells", not "Wales")."""
        return word.lower() not in self.nouns and bool(self.singulars(word))

    def is_adjective_only(self, word: str) -> bool:
        """Listed as an adjective and never as a noun ("Eastern", not "Negro")."""
        lower = word.lower()
        return lower in self.adjectives and lower not in self.nouns


EMPTY = Lexicon(frozenset(), frozenset(), ())


def load_lexicon(package: str) -> Lexicon:
    """The lexicon of an installed model package; EMPTY if it ships no lemmatizer tables."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return EMPTY
    found = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return EMPTY
    import srsly  # type: ignore[import-untyped]  # spaCy's serialiser, installed with it

    tables = srsly.read_msgpack(found[0])
    index = tables.get("lemma_index", {})
    rules = tables.get("lemma_rules", {}).get(NOUN, [])
    return Lexicon(
        frozenset(index.get(NOUN, [])),
        frozenset(index.get(ADJ, [])),
        tuple((str(suffix), str(singular)) for suffix, singular in rules),
    )
