"""Check that the project schema is a strict subset of official TEI P5 tei_all.

Input: tei_pipeline/schema/tei-pipeline.xsd (the project's XSD) and tei_all.rng (official
TEI P5 4.12.0, from TEI_ALL_SCHEMA or ../shared/tei-schemas/). Output: a list of
problems, empty when every document valid against the XSD is also valid
against tei_all's grammar. Run it as a script::

    .venv/bin/python schema/check_subset.py      # exit 0: subset; 1: problems

For each element the XSD declares it proves, not samples:

- the element exists in tei_all;
- its content model is a restriction of TEI's: both are turned into finite
  automata over element names and the language of the XSD model is checked to
  be included in TEI's (a counterexample child sequence is printed otherwise);
- it admits text only where TEI does;
- its attributes are TEI attributes of that element, and every attribute TEI
  requires is required.

Attribute values are checked by example: every enumerated value, sample values
of the other project datatypes, and every one of a fixed set of near misses
(PROBES: empty, spaces, bad dates, commas in numbers ...) that the XSD type
accepts must match TEI's datatype for that attribute (a tiny RELAX NG grammar per
attribute, compiled with lxml). So a type widened under its old name is found too. TEI's
embedded Schematron rules are not part of the grammar; the ones that bear on
this subset are restated in tei-pipeline.sch.
"""

from __future__ import annotations

import copy
import os
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import xmlschema
from lxml import etree
from xmlschema.validators import XsdElement, XsdGroup

RNG_NS = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
R = f"{{{RNG_NS}}}"

SCHEMA_DIR = Path(__file__).resolve().parent
# the XSD is package data (the installed pipeline reads it); this folder is for people
DEFAULT_XSD = SCHEMA_DIR.parent / "tei_pipeline" / "schema" / "tei-pipeline.xsd"

# Sample values for the project's non-enumerated datatypes: each must be valid
# for the TEI attribute it is used on (enumerations are checked value by value).
SAMPLES: dict[str, tuple[str, ...]] = {
    "tp.isoDate": ("1948", "1948-10", "1948-10-17"),
    "tp.pointer": ("#lenin", "https://www.wikidata.org/wiki/Q1394"),
    "tp.pointerList": ("#lenin", "#lenin #stalin"),
    "tp.word": ("preface", "x-1"),
    "tp.wordList": ("centred", "centred bold"),
    "tp.decimal": ("4300000", "24.5", "-3"),
    "tp.version": ("0.1.0", "4"),
    "ID": ("a1",),
    "language": ("en", "de-CH"),
    "Name": ("tei-pipeline",),
    "string": ("1", "IV"),
}

# Near misses of every datatype the project uses: the checker tries each on every
# attribute, and any the XSD accepts must be accepted by TEI as well.
PROBES: tuple[str, ...] = (
    "", " ", "x", "two words", "1", "-1", "0", "1.5", "1,5", "1e3", "4 300 000", "NaN",
    "1948", "1948-10", "1948-10-17", "1948-13", "1948-02-30", "48-10-17", "19480",
    "1948-10-17T10:00:00", "--10", "---17", "#", "#lenin", "#lenin #stalin", "lenin#",
    "a:b", "1a", "_a", "en", "de-CH", "en_US", "e", "high", "maybe", "true", "yes",
    "0.1.0", "https://example.org/a b",
)

# --------------------------------------------------------------------------
# Regular expressions over element names, and their automata
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Rx:
    """A regular expression over element names.

    op is "sym" (one element, name in `name`), "eps" (the empty sequence),
    "none" (no sequence at all: RELAX NG notAllowed), "seq", "alt", "star".
    """

    op: str
    kids: tuple[Rx, ...] = ()
    name: str = ""


EPS = Rx("eps")
NONE = Rx("none")


def seq(*parts: Rx) -> Rx:
    return Rx("seq", tuple(parts))


def alt(*parts: Rx) -> Rx:
    return Rx("alt", tuple(parts))


def star(part: Rx) -> Rx:
    return Rx("star", (part,))


def plus(part: Rx) -> Rx:
    return seq(part, star(part))


def opt(part: Rx) -> Rx:
    return alt(part, EPS)


def repeat(part: Rx, low: int, high: int | None) -> Rx:
    """part{low,high}; high None means unbounded (XSD maxOccurs="unbounded")."""
    parts = [part] * low
    if high is None:
        parts.append(star(part))
    else:
        parts.extend([opt(part)] * (high - low))
    return seq(*parts)


@dataclass
class Nfa:
    """Thompson automaton: edges[state] = [(symbol or None for epsilon, target)]."""

    edges: list[list[tuple[str | None, int]]] = field(default_factory=list)
    start: int = 0
    final: int = 0
    _closures: dict[int, frozenset[int]] = field(default_factory=dict)
    _steps: dict[tuple[frozenset[int], str], frozenset[int]] = field(default_factory=dict)
    _index: list[dict[str, list[int]]] = field(default_factory=list)

    def new(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1

    def closure(self, states: frozenset[int]) -> frozenset[int]:
        """All states reachable from `states` by epsilon edges (memoised per state)."""
        result: set[int] = set()
        for state in states:
            result |= self._state_closure(state)
        return frozenset(result)

    def _state_closure(self, state: int) -> frozenset[int]:
        cached = self._closures.get(state)
        if cached is None:
            todo, seen = [state], {state}
            while todo:
                for sym, target in self.edges[todo.pop()]:
                    if sym is None and target not in seen:
                        seen.add(target)
                        todo.append(target)
            cached = self._closures[state] = frozenset(seen)
        return cached

    def _by_symbol(self, state: int) -> dict[str, list[int]]:
        while len(self._index) < len(self.edges):
            table: dict[str, list[int]] = {}
            for label, target in self.edges[len(self._index)]:
                if label is not None:
                    table.setdefault(label, []).append(target)
            self._index.append(table)
        return self._index[state]

    def step(self, states: frozenset[int], sym: str) -> frozenset[int]:
        """The determinised transition: memoised, as the search revisits state sets."""
        key = (states, sym)
        cached = self._steps.get(key)
        if cached is None:
            moved = {t for s in states for t in self._by_symbol(s).get(sym, ())}
            cached = self._steps[key] = self.closure(frozenset(moved))
        return cached


def build_nfa(rx: Rx) -> Nfa:
    nfa = Nfa()
    nfa.start, nfa.final = _thompson(nfa, rx)
    return nfa


def _thompson(nfa: Nfa, rx: Rx) -> tuple[int, int]:
    start, end = nfa.new(), nfa.new()
    if rx.op == "sym":
        nfa.edges[start].append((rx.name, end))
    elif rx.op == "eps":
        nfa.edges[start].append((None, end))
    elif rx.op == "seq":
        current = start
        for kid in rx.kids:
            s, e = _thompson(nfa, kid)
            nfa.edges[current].append((None, s))
            current = e
        nfa.edges[current].append((None, end))
    elif rx.op == "alt":
        for kid in rx.kids:
            s, e = _thompson(nfa, kid)
            nfa.edges[start].append((None, s))
            nfa.edges[e].append((None, end))
    elif rx.op == "star":
        s, e = _thompson(nfa, rx.kids[0])
        nfa.edges[start] += [(None, s), (None, end)]
        nfa.edges[e] += [(None, s), (None, end)]
    # "none": no edge from start to end, so nothing is accepted.
    return start, end


def restrict(rx: Rx, alphabet: frozenset[str]) -> Rx:
    """rx with every name outside `alphabet` made impossible, then simplified.

    Sequences over `alphabet` are accepted exactly as before, so inclusion of a
    language over `alphabet` is unchanged; TEI's models (hundreds of names per
    class) shrink to the few names the project uses.
    """
    if rx.op == "sym":
        return rx if rx.name in alphabet else NONE
    kids = [restrict(k, alphabet) for k in rx.kids]
    if rx.op == "seq":
        if NONE in kids:
            return NONE
        kids = [k for k in kids if k != EPS]
        return kids[0] if len(kids) == 1 else (Rx("seq", tuple(kids)) if kids else EPS)
    if rx.op == "alt":
        unique = list(dict.fromkeys(k for k in kids if k != NONE))
        return unique[0] if len(unique) == 1 else (Rx("alt", tuple(unique)) if unique else NONE)
    if rx.op == "star":
        return EPS if kids[0] in (NONE, EPS) else Rx("star", (kids[0],))
    return rx


def symbols(rx: Rx) -> set[str]:
    if rx.op == "sym":
        return {rx.name}
    return set().union(*(symbols(k) for k in rx.kids)) if rx.kids else set()


def inclusion_counterexample(mine: Rx, theirs: Rx) -> list[str] | None:
    """A child sequence `mine` accepts and `theirs` rejects, or None if there is none.

    Breadth-first search over pairs of determinised states (subset
    construction done lazily on both automata), so the example is a shortest one.
    """
    alphabet = sorted(symbols(mine))
    a, b = build_nfa(mine), build_nfa(restrict(theirs, frozenset(alphabet)))
    first = (a.closure(frozenset({a.start})), b.closure(frozenset({b.start})))
    parent: dict[tuple[frozenset[int], frozenset[int]], tuple[object, str] | None] = {first: None}
    queue = deque([first])
    while queue:
        pair = queue.popleft()
        if a.final in pair[0] and b.final not in pair[1]:
            return _path(parent, pair)
        for sym in alphabet:
            nxt = (a.step(pair[0], sym), b.step(pair[1], sym))
            if nxt[0] and nxt not in parent:
                parent[nxt] = (pair, sym)
                queue.append(nxt)
    return None


def _path(parent: dict[tuple[frozenset[int], frozenset[int]], tuple[object, str] | None],
          pair: tuple[frozenset[int], frozenset[int]]) -> list[str]:
    word: list[str] = []
    link = parent[pair]
    while link is not None:
        previous, sym = link
        word.append(sym)
        link = parent[previous]  # type: ignore[index]
    return word[::-1]


# --------------------------------------------------------------------------
# TEI side: tei_all.rng
# --------------------------------------------------------------------------

@dataclass
class ElementModel:
    """What an element may contain, and carry, in one of the two schemas."""

    content: Rx
    text: bool
    attributes: dict[str, bool]  # name (xml:id style) -> required


class TeiGrammar:
    """tei_all.rng read as a grammar: element content as Rx, attributes by element."""

    def __init__(self, rng_path: Path) -> None:
        root = etree.parse(str(rng_path)).getroot()
        self.defines: dict[str, list[etree._Element]] = {}
        for define in root.iter(f"{R}define"):
            self.defines.setdefault(define.get("name", ""), []).append(define)
        self.elements: dict[str, etree._Element] = {}
        self.element_of_define: dict[str, str] = {}
        for name, defines in self.defines.items():
            kids = _rng_children(defines[0])
            if len(defines) == 1 and len(kids) == 1 and kids[0].tag == f"{R}element":
                element_name = kids[0].get("name", "")
                self.element_of_define[name] = element_name
                if ":" not in element_name:  # TEI namespace (egXML etc. are prefixed)
                    self.elements.setdefault(element_name, kids[0])
        self._text: set[str] = set()

    def model(self, name: str) -> ElementModel | None:
        element = self.elements.get(name)
        if element is None:
            return None
        text_flag: list[bool] = [False]
        content = seq(*(self._rx(k, text_flag) for k in _rng_children(element)))
        attributes: dict[str, bool] = {}
        self._attributes(element, attributes, required=True)
        return ElementModel(content, text_flag[0], attributes)

    def attribute_pattern(self, element: str, attribute: str) -> etree._Element | None:
        """The <attribute> pattern TEI gives `attribute` on `element`."""
        return self._attribute_patterns(element).get(attribute)

    @cache  # noqa: B019 - one grammar per process; the cache dies with it
    def _attribute_patterns(self, element: str) -> dict[str, etree._Element]:
        found: dict[str, etree._Element] = {}
        self._find_attributes(self.elements[element], found, set())
        return found

    def _rx(self, node: etree._Element, text_flag: list[bool]) -> Rx:
        op = etree.QName(node).localname
        kids = _rng_children(node)
        if op == "ref":
            target = node.get("name", "")
            if target in self.element_of_define:
                return Rx("sym", name=self.element_of_define[target])
            return self._define_rx(target, text_flag)
        if op in ("text", "data", "value"):
            text_flag[0] = True
            return EPS
        if op in ("empty", "attribute"):
            return EPS
        if op == "notAllowed":
            return NONE
        parts = [self._rx(k, text_flag) for k in kids]
        if op == "choice":
            return alt(*parts)
        if op in ("group", "element"):
            return seq(*parts)
        if op == "mixed":
            text_flag[0] = True
            return seq(*parts)
        if op == "zeroOrMore":
            return star(seq(*parts))
        if op == "oneOrMore":
            return plus(seq(*parts))
        if op == "optional":
            return opt(seq(*parts))
        if op == "interleave":
            live = [p for p in parts if p != EPS]
            if len(live) > 1:
                raise NotImplementedError("interleave of element content")
            return seq(*parts)
        raise NotImplementedError(f"RELAX NG pattern {op}")

    @cache  # noqa: B019 - one grammar per process; the cache dies with it
    def _define_rx_cached(self, name: str) -> tuple[Rx, bool]:
        flag: list[bool] = [False]
        defines = self.defines[name]
        combine = defines[-1].get("combine", "") if len(defines) > 1 else ""
        parts = [seq(*(self._rx(k, flag) for k in _rng_children(d))) for d in defines]
        return (alt(*parts) if combine == "choice" else seq(*parts)), flag[0]

    def _define_rx(self, name: str, text_flag: list[bool]) -> Rx:
        rx, has_text = self._define_rx_cached(name)
        text_flag[0] = text_flag[0] or has_text
        return rx

    def _attributes(self, node: etree._Element, out: dict[str, bool], required: bool) -> None:
        for kid in _rng_children(node):
            op = etree.QName(kid).localname
            if op == "attribute":
                out[kid.get("name", "")] = required
            elif op == "ref" and kid.get("name", "") not in self.element_of_define:
                for define in self.defines.get(kid.get("name", ""), []):
                    self._attributes(define, out, required)
            elif op in ("optional", "zeroOrMore", "choice"):
                self._attributes(kid, out, required=False)
            elif op in ("group", "interleave", "oneOrMore"):
                self._attributes(kid, out, required)

    def _find_attributes(self, node: etree._Element, found: dict[str, etree._Element],
                         seen: set[str]) -> None:
        for kid in _rng_children(node):
            op = etree.QName(kid).localname
            if op == "attribute":
                found.setdefault(kid.get("name", ""), kid)
            elif op == "ref":
                name = kid.get("name", "")
                if name in self.element_of_define or name in seen:
                    continue
                seen.add(name)
                for define in self.defines.get(name, []):
                    self._find_attributes(define, found, seen)
            elif op != "element":
                self._find_attributes(kid, found, seen)


def _rng_children(node: etree._Element) -> list[etree._Element]:
    """RELAX NG children only: annotations and embedded Schematron are ignored."""
    return [k for k in node if isinstance(k.tag, str) and k.tag.startswith(R)]


# --------------------------------------------------------------------------
# Project side: tei-pipeline.xsd
# --------------------------------------------------------------------------

def xsd_models(schema: xmlschema.XMLSchema) -> dict[str, ElementModel]:
    models = {}
    for name, element in schema.elements.items():
        xsd_type = element.type
        if xsd_type.is_simple() or xsd_type.has_simple_content():
            content, text = EPS, True
        elif xsd_type.is_empty():
            content, text = EPS, False
        else:
            content = _particle_rx(getattr(xsd_type, "content", None))
            text = bool(getattr(xsd_type, "mixed", False))
        attributes = {
            _attribute_name(qname): attribute.use == "required"
            for qname, attribute in getattr(xsd_type, "attributes", {}).items()
            if qname is not None
        }
        models[name] = ElementModel(content, text, attributes)
    return models


def _particle_rx(particle: object) -> Rx:
    if isinstance(particle, XsdElement):
        if particle.ref is None:
            raise ValueError(f"local element declaration {particle.name}: use ref=")
        rx = Rx("sym", name=particle.local_name or "")
    elif isinstance(particle, XsdGroup):
        parts = [_particle_rx(p) for p in particle]
        rx = alt(*parts) if particle.model == "choice" else seq(*parts)
        if particle.model == "all":
            raise ValueError("xs:all is not supported by the subset check")
    else:
        raise ValueError(f"unsupported particle {particle!r} (wildcards are not a TEI subset)")
    return repeat(rx, particle.min_occurs, particle.max_occurs)


def _attribute_name(qname: str) -> str:
    if qname.startswith(f"{{{XML_NS}}}"):
        return "xml:" + qname.split("}", 1)[1]
    return qname


# --------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------

def check(xsd_path: Path = DEFAULT_XSD, rng_path: Path | None = None,
          grammar: TeiGrammar | None = None) -> list[str]:
    """Every way the XSD admits something tei_all does not; [] for a strict subset.

    grammar: tei_all already read (TeiGrammar(rng_path)), to check several XSDs.
    """
    schema = xmlschema.XMLSchema(str(xsd_path))
    grammar = grammar or TeiGrammar(rng_path or default_rng_path())
    problems: list[str] = []
    for name, mine in sorted(xsd_models(schema).items()):
        theirs = grammar.model(name)
        if theirs is None:
            problems.append(f"{name}: not a TEI element")
            continue
        problems.extend(_compare(name, mine, theirs))
        problems.extend(_check_values(name, schema, grammar))
    return problems


def _compare(name: str, mine: ElementModel, theirs: ElementModel) -> Iterator[str]:
    if mine.text and not theirs.text:
        yield f"{name}: admits text, TEI does not"
    example = inclusion_counterexample(mine.content, theirs.content)
    if example is not None:
        children = ", ".join(example) or "(no children)"
        yield f"{name}: admits the children [{children}], TEI does not"
    for attribute in sorted(set(mine.attributes) - set(theirs.attributes)):
        yield f"{name}: attribute {attribute} is not a TEI attribute of {name}"
    for attribute, required in sorted(theirs.attributes.items()):
        if required and not mine.attributes.get(attribute, False):
            yield f"{name}: TEI requires attribute {attribute}, the XSD does not"


def _check_values(name: str, schema: xmlschema.XMLSchema, grammar: TeiGrammar) -> Iterator[str]:
    for qname, attribute in getattr(schema.elements[name].type, "attributes", {}).items():
        if qname is None:
            continue
        attr_name = _attribute_name(qname)
        pattern = grammar.attribute_pattern(name, attr_name)
        if pattern is None:
            continue  # reported by _compare
        validator = _attribute_validator(pattern)
        xsd_type = attribute.type
        if xsd_type is None:
            continue
        for value in dict.fromkeys(_sample_values(xsd_type) + _accepted_probes(xsd_type)):
            if not validator.validate(_probe(attr_name, value)):
                yield f"{name}/@{attr_name}: value {value!r} is valid here, not in TEI"


def _accepted_probes(xsd_type: xmlschema.validators.XsdSimpleType) -> list[str]:
    """The PROBES this attribute's XSD type accepts: each must be valid in TEI too.

    Samples show the intended values pass; probes find a type that was widened
    under its old name (a pattern dropped, xs:string for a date, a list for a word).
    """
    key = id(xsd_type)  # attributes share a few types; xmlschema's is_valid costs ~1 ms
    if key not in _ACCEPTED or _ACCEPTED[key][0] is not xsd_type:
        _ACCEPTED[key] = (xsd_type, [value for value in PROBES if xsd_type.is_valid(value)])
    return _ACCEPTED[key][1]


_ACCEPTED: dict[int, tuple[object, list[str]]] = {}


def _sample_values(xsd_type: xmlschema.validators.XsdSimpleType) -> list[str]:
    """Enumerated values of a type, or sample values of a named project type."""
    values: list[str] = []
    for member in _member_types(xsd_type):
        if member.enumeration:
            values.extend(str(v) for v in member.enumeration)
        else:
            values.extend(SAMPLES.get(member.local_name or "", ()))
    if not values:
        values.extend(SAMPLES.get(xsd_type.local_name or "", ()))
    return values


def _member_types(xsd_type: xmlschema.validators.XsdSimpleType
                  ) -> list[xmlschema.validators.XsdSimpleType]:
    """List item types are checked as single values, union members one by one."""
    item = getattr(xsd_type, "item_type", None) or getattr(
        getattr(xsd_type, "base_type", None), "item_type", None)
    if item is not None:
        return [item]
    return [xsd_type]


def _attribute_validator(pattern: etree._Element) -> etree.RelaxNG:
    """A grammar with one element <probe> carrying just this TEI attribute."""
    grammar = etree.fromstring(
        f'<grammar xmlns="{RNG_NS}" '
        'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">'
        '<start><element name="probe"/></start></grammar>')
    grammar[0][0].append(copy.deepcopy(pattern))
    return etree.RelaxNG(grammar)


def _probe(attr_name: str, value: str) -> etree._Element:
    probe = etree.Element("probe")
    key = f"{{{XML_NS}}}{attr_name[4:]}" if attr_name.startswith("xml:") else attr_name
    probe.set(key, value)
    return probe


def default_rng_path() -> Path:
    """tei_all.rng: $TEI_ALL_SCHEMA (a folder like shared/tei-schemas) or the default."""
    base = os.environ.get("TEI_ALL_SCHEMA") or str(SCHEMA_DIR.parent.parent / "shared" /
                                                   "tei-schemas")
    path = Path(base)
    return path if path.suffix == ".rng" else path / "relaxng" / "tei_all.rng"


def main() -> int:
    problems = check()
    for line in problems:
        print(line)
    print("subset: yes" if not problems else f"subset: no ({len(problems)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
