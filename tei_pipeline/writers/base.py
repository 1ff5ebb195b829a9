"""The writer contracts. Writers read only TEI trees; they translate and never
repair. The pipeline decides where the bytes go.

- `Writer`: one document -> one file: `name`, `media_type`,
  `write(doc, ctx) -> bytes`. Registered in writers.WRITERS (`render --to`).
- `CorpusWriter`: all documents of a build -> many files:
  `write_corpus(corpus, ctx) -> dict[relative path, bytes]`, paths relative to
  the writer's own output folder (OUTPUT/<name>/). Registered in
  writers.CORPUS_WRITERS (`build -f`); problems go to `ctx.reporter`.

A `Corpus` is the documents, (name, TEI tree) pairs in build order, and the
renderings the corpus writers share: each document is rendered to an HTML tree
once (`Corpus.shared`), and the site pages, the single EPUBs and the anthology
are all made from that tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, TypeVar

from lxml import etree

from ..transforms.base import Context

T = TypeVar("T")


class Writer:
    name: str = "writer"
    media_type: str = "application/octet-stream"

    def write(self, doc: etree._ElementTree, ctx: Context) -> bytes:
        raise NotImplementedError


@dataclass
class Corpus:
    """The documents of one build, and what the corpus writers made of them once."""

    documents: list[tuple[str, etree._ElementTree]]
    _shared: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """The value made by `make` the first time `key` is asked for; the same
        value afterwards (the writers agree on what a key holds)."""
        if key not in self._shared:
            self._shared[key] = make()
        value: T = self._shared[key]
        return value


class CorpusWriter:
    name: str = "corpus-writer"

    def write_corpus(self, corpus: Corpus, ctx: Context) -> dict[str, bytes]:
        raise NotImplementedError


def as_plain(value: Any) -> Any:
    """dataclasses.asdict's result (dataclasses as dicts, tuples and lists
    rebuilt, any other value deep-copied), without asdict's deepcopy of every
    str and number: a summary's to_json took a fifth of a document's editions."""
    kind = type(value)
    if kind in _ATOMS:
        return value  # immutable: deepcopy gives the same object back
    names = _field_names(kind) if is_dataclass(value) else None
    if names is not None:
        return {name: as_plain(getattr(value, name)) for name in names}
    if kind is list:
        return [as_plain(v) for v in value]
    if kind is tuple:
        return tuple(as_plain(v) for v in value)
    return asdict_value(value)


_ATOMS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def asdict_value(value: Any) -> Any:
    """What asdict gives of a value as_plain has no shortcut for (a dict, a
    namedtuple, a subclass): asdict's own answer, through a one-field wrapper."""
    return asdict(_Wrap(value))["value"]


@dataclass
class _Wrap:
    value: Any
