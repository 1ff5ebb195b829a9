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


def as_dict(value: Any) -> dict[str, Any]:
    """dataclasses.asdict(value) (a dataclass instance), the same dict, without
    asdict's deepcopy of every str and number: a summary's to_json took a fifth
    of a document's editions in the worker."""
    plain: dict[str, Any] = _plain(value)
    return plain


def _plain(value: Any) -> Any:
    """What asdict makes of a value: dataclasses as dicts, lists and tuples
    rebuilt, str, numbers and None as they are (deepcopy gives them back as
    they are), anything else as asdict itself gives it."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if is_dataclass(value):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return asdict(_Wrap(value))["value"]  # a dict, a namedtuple, a subclass: asdict's answer


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, fixed with the class


@dataclass
class _Wrap:
    value: Any
