"""A cache of the recogniser's findings, one small JSON file per text content
(`ner/`), and of the language detector's readings (`lang/`).

Keyed by a hash of the texts, the model's name and version and RULES_VERSION
(bump it when the code that turns findings into tags changes), so a text is run
through the model once; kept in $TEI_PIPELINE_CACHE, else $XDG_CACHE_HOME/tei-pipeline,
else ~/.cache/tei-pipeline. A cache that cannot be read or written is skipped:
it only saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

# The recognition code's version in the cache key: findings of an older
# recogniser are not reused after a change.
RULES_VERSION = "1"


def cache_dir() -> Path:
    """Where the findings are kept (see the module docstring)."""
    if explicit := os.environ.get("TEI_PIPELINE_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-pipeline"


def cache_key(texts: list[str], model: str) -> str:
    digest = hashlib.sha256(f"{model}\x00{RULES_VERSION}\x00".encode())
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class FindingsCache:
    """Findings (a JSON-able list) by key; `folder=None` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str, kind: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / f"{key}.json"

    def get(self, key: str) -> list[list[list[object]]] | None:
        data = self._read(key, "ner")
        return data if isinstance(data, list) else None

    def put(self, key: str, findings: list[list[list[object]]]) -> None:
        self._write(key, "ner", findings)

    def get_reading(self, key: str) -> tuple[str, float, float] | None:
        """A language reading: (ISO 639-1 code, probability, share of the parts)."""
        data = self._read(key, "lang")
        if isinstance(data, list) and len(data) == 3:
            language, probability, share = data
            numbers = all(isinstance(n, float | int) for n in (probability, share))
            if isinstance(language, str) and numbers:
                return language, float(probability), float(share)
        return None

    def put_reading(self, key: str, reading: tuple[str, float, float]) -> None:
        self._write(key, "lang", list(reading))

    def _read(self, key: str, kind: str) -> object:
        path = self._path(key, kind)
        try:
            return json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            return None

    def _write(self, key: str, kind: str, data: object) -> None:
        path = self._path(key, kind)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass  # a read-only home: recognise again next time
