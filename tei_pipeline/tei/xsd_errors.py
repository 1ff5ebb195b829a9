"""Validation stage, schema errors: xmlschema's errors in plain words for an editor.

Input: an xmlschema schema (the project's or tei_all) and an lxml TEI tree.
Output: Findings (see schematron.Finding): the element at fault, the attribute
or stray text if that is the fault, a short rule name and a message such as::

    element "para" is not allowed here (the schema has no such element);
    expected one of: p, div, list, quote ...
    attribute "when" on "date" has the value "1948-13-17", which is not an ISO
    date: YYYY, YYYY-MM or YYYY-MM-DD

"Expected one of" is what may stand at that position, worked out from the
parent's content model (xmlschema gives it only for incomplete content).
`validate.Validator` adds positions and makes Problems of the findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import xmlschema
from lxml import etree
from xmlschema.validators import (
    XMLSchemaChildrenValidationError,
    XMLSchemaValidationError,
    XsdElement,
    XsdGroup,
)

from .ns import TEI_NS, XML_NS, local_name
from .schematron import Finding

# Plain words for the project's datatypes (schema/tei-pipeline.xsd), by type name,
# and the rule name a bad value of that type is reported under.
TYPE_WORDS: dict[str, tuple[str, str]] = {
    "tp.isoDate": ("bad-date", "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"),
    "tp.decimal": (
        "bad-number",
        "a plain decimal number such as 4300000 or 24.5 "
        "(no thousands separators, a point before decimals)",
    ),
    "tp.pointerList": ("bad-pointer", "one or more pointers such as #lenin, separated by spaces"),
    "tp.pointer": ("bad-pointer", "a pointer such as #lenin"),
    "tp.word": ("bad-value", "one word, without spaces"),
    "tp.wordList": ("bad-value", "one or more words separated by spaces"),
    "tp.version": ("bad-value", "a version number such as 0.1.0"),
    "ID": ("bad-id", "an identifier that starts with a letter or '_' and has no spaces or ':'"),
    "language": ("bad-value", "a language tag such as en or de-CH"),
    "Name": ("bad-value", "a name without spaces"),
}
# The same for XSD builtins, for the unnamed types of tei_all.
BUILTIN_WORDS: dict[str, tuple[str, str]] = {
    "date": ("bad-date", "YYYY-MM-DD"),
    "gYear": ("bad-date", "YYYY"),
    "gYearMonth": ("bad-date", "YYYY-MM"),
    "gMonth": ("bad-date", "--MM"),
    "gDay": ("bad-date", "---DD"),
    "gMonthDay": ("bad-date", "--MM-DD"),
    "time": ("bad-date", "hh:mm:ss"),
    "dateTime": ("bad-date", "YYYY-MM-DDThh:mm:ss"),
    "decimal": ("bad-number", "a number"),
    "double": ("bad-number", "a number"),
    "anyURI": ("bad-pointer", "a URI"),
}
MAX_EXPECTED = 20  # longer "expected one of" lists are cut, saying how many were left out
# Listed first in "expected one of", as the likeliest meant; the rest follow A-Z.
COMMON_FIRST = (
    "p",
    "div",
    "head",
    "item",
    "list",
    "quote",
    "cit",
    "q",
    "bibl",
    "title",
    "persName",
    "placeName",
    "orgName",
    "date",
    "num",
    "hi",
    "note",
    "lb",
)


# --------------------------------------------------------------------------
# XSD errors in plain words
# --------------------------------------------------------------------------


def findings(
    schema: xmlschema.XMLSchema, tree: etree._ElementTree, ids_by_rules: bool = False
) -> Iterator[Finding]:
    """Every schema error of `tree`, explained; one finding per fault.

    xmlschema reports a bad value once per member of a union type: those
    repeats are dropped. ids_by_rules: a repeated xml:id is left to the
    Schematron rule unique-id, which says it better.
    """
    seen: set[tuple[int, str, str]] = set()
    for error in schema.iter_errors(tree):
        finding = _explain(schema, error, tree, ids_by_rules)
        if finding is None:
            continue
        key = (id(finding.element), finding.rule, finding.message)
        if key not in seen:
            seen.add(key)
            yield finding


def _explain(
    schema: xmlschema.XMLSchema,
    error: XMLSchemaValidationError,
    tree: etree._ElementTree,
    ids_by_rules: bool,
) -> Finding | None:
    element = error.elem if isinstance(error.elem, etree._Element) else None
    if element is None:
        return Finding(tree.getroot(), None, "schema", _reason(error))
    reason = error.reason or ""
    if isinstance(error, XMLSchemaChildrenValidationError):
        return _children_finding(schema, error, element)
    if "duplicated xs:ID" in reason:
        if ids_by_rules:
            return None
        return Finding(
            element,
            "xml:id",
            "unique-id",
            f'xml:id "{error.obj}" is already used by an earlier element',
        )
    if "character data" in reason or ("text" in reason and "not allowed" in reason):
        return _text_finding(element)
    match = re.search(r"missing required attribute '([^']+)'", reason)
    if match:
        return Finding(
            element,
            None,
            "missing-attribute",
            f'element "{local_name(element.tag)}" needs attribute '
            f'"{_attr_display(match.group(1))}"',
        )
    match = re.search(r"'([^']+)' attribute not allowed", reason)
    if match:
        name = _attr_display(match.group(1))
        return Finding(
            element,
            name,
            "unknown-attribute",
            f'attribute "{name}" is not allowed on "{local_name(element.tag)}"',
        )
    match = re.match(r"attribute (\S+?)=['\"]", reason)
    if match:
        return _value_finding(schema, element, _attr_display(match.group(1)), error.validator)
    return Finding(element, None, "schema", _reason(error))


def _children_finding(
    schema: xmlschema.XMLSchema, error: XMLSchemaChildrenValidationError, parent: etree._Element
) -> Finding:
    child = error.invalid_child
    children = [c for c in parent if isinstance(c.tag, str)]
    # the model xmlschema checked: also right for a locally declared parent
    model = error.validator if isinstance(error.validator, XsdGroup) else None
    if isinstance(child, etree._Element):
        before = [c.tag for c in children[: children.index(child)]]
        expected = _expected(schema, parent, before, model)
        name = _display_name(child.tag)
        known = _element_decl(schema, child.tag) is not None or _declared_locally(schema, child.tag)
        where = (
            f', inside "{local_name(parent.tag)}"' if known else " (the schema has no such element)"
        )
        return Finding(
            child,
            None,
            "unexpected-element" if known else "unknown-element",
            f'element "{name}" is not allowed here{where}; {_expected_words(expected)}',
        )
    expected = _expected(schema, parent, [c.tag for c in children], model)
    return Finding(
        parent,
        None,
        "missing-element",
        f'element "{local_name(parent.tag)}" is incomplete; {_expected_words(expected)}',
    )


def _text_finding(element: etree._Element) -> Finding:
    texts = [element.text] + [c.tail for c in element]
    snippet = next((t.strip() for t in texts if t and t.strip()), "")
    shown = snippet if len(snippet) <= 40 else snippet[:37] + "..."
    return Finding(
        element,
        None,
        "text-not-allowed",
        f'text "{shown}" is not allowed directly inside "{local_name(element.tag)}"; '
        "put it in an element such as p",
        text=snippet,
    )


def _value_finding(
    schema: xmlschema.XMLSchema, element: etree._Element, name: str, checked: object = None
) -> Finding:
    """checked: the type xmlschema checked the value against, for a locally declared element."""
    key = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name
    value = element.get(key, "")
    rule, words = _describe_attribute(schema, element.tag, key)
    if words == "a valid value here" and checked is not None:
        rule, words = _describe_builtins(checked)
    return Finding(
        element,
        name,
        rule,
        f'attribute "{name}" on "{local_name(element.tag)}" has the value "{value}", '
        f"which is not {words}",
    )


def _describe_attribute(schema: xmlschema.XMLSchema, tag: str, key: str) -> tuple[str, str]:
    """(rule, words) for the datatype the schema gives attribute `key` of `tag`."""
    declaration = _element_decl(schema, tag)
    attributes = getattr(getattr(declaration, "type", None), "attributes", {})
    attribute = attributes.get(key)
    xsd_type = getattr(attribute, "type", None)
    if xsd_type is None:
        return "bad-value", "a valid value here"
    named = TYPE_WORDS.get(xsd_type.local_name or "")
    if named:
        return named
    item = getattr(xsd_type, "item_type", None) or getattr(
        getattr(xsd_type, "base_type", None), "item_type", None
    )
    values = _enumeration(item or xsd_type)
    if values:
        many = "one or more of" if item is not None else "one of"
        return "bad-value", f"{many}: {', '.join(values)}"
    return _describe_builtins(item or xsd_type)


def _describe_builtins(xsd_type: object) -> tuple[str, str]:
    """Words for an unnamed type (tei_all's) from the XSD builtins it is made of."""
    members = getattr(xsd_type, "member_types", None) or [xsd_type]
    kinds = []
    for member in members:
        primitive = getattr(getattr(member, "primitive_type", None), "local_name", None)
        if primitive in BUILTIN_WORDS and BUILTIN_WORDS[primitive][1] not in kinds:
            kinds.append(BUILTIN_WORDS[primitive][1])
    if not kinds:
        return "bad-value", "a valid value here"
    rules = {BUILTIN_WORDS[k][0] for k in BUILTIN_WORDS if BUILTIN_WORDS[k][1] in kinds}
    rule = rules.pop() if len(rules) == 1 else "bad-value"
    words = " or ".join(kinds) if len(kinds) < 3 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    return rule, f"a date or time in the form {words}" if rule == "bad-date" else words


def _enumeration(xsd_type: object) -> list[str]:
    values = getattr(xsd_type, "enumeration", None)
    if not values and getattr(xsd_type, "member_types", None):
        values = [v for m in xsd_type.member_types for v in (m.enumeration or [])]  # type: ignore[attr-defined]
    return [str(v) for v in values or []]


def _reason(error: XMLSchemaValidationError) -> str:
    """The library's reason, without Clark namespaces (fallback for rare errors)."""
    return re.sub(r"\{[^}]*\}", "", error.reason or str(error.message))


def _attr_display(name: str) -> str:
    return "xml:" + name.split("}", 1)[1] if name.startswith(f"{{{XML_NS}}}") else name


def _display_name(tag: str) -> str:
    if tag.startswith(f"{{{TEI_NS}}}"):
        return local_name(tag)
    if tag.startswith("{"):
        return f"{local_name(tag)} (namespace {tag[1:].split('}', 1)[0]})"
    return f'{tag} (no namespace: TEI elements need xmlns="{TEI_NS}")'


def _element_decl(schema: xmlschema.XMLSchema, tag: str) -> XsdElement | None:
    return schema.maps.elements.get(tag) if isinstance(tag, str) else None


def _expected_words(names: list[str]) -> str:
    if not names:
        return "nothing more may stand here"
    shown = names[:MAX_EXPECTED]
    more = len(names) - len(shown)
    return "expected one of: " + ", ".join(shown) + (f" and {more} more" if more else "")


# --------------------------------------------------------------------------
# What may stand at a position: Brzozowski derivatives of the content model
# --------------------------------------------------------------------------
# A content model is a regular expression over child tags. Its derivative by the
# tags already seen is what may follow; the first tags of that are "expected".
# Only computed for an error, so clarity wins over speed here.

Rx = tuple[Any, ...]  # (kind, operands...): sym, eps, none, seq, alt, star
_EPS: Rx = ("eps",)
_NONE: Rx = ("none",)


def _declared_locally(schema: xmlschema.XMLSchema, tag: str) -> bool:
    """Whether any (local) element declaration of the schema has this name."""
    return any(getattr(c, "name", None) == tag for c in schema.iter_components(XsdElement))


def _expected(
    schema: xmlschema.XMLSchema,
    parent: etree._Element,
    before: list[str],
    model: XsdGroup | None = None,
) -> list[str]:
    declaration = _element_decl(schema, parent.tag)
    content = getattr(getattr(declaration, "type", None), "content", None) or model
    if not isinstance(content, XsdGroup):
        return []
    rx = _model_rx(content)
    for tag in before:
        rx = _derive(rx, tag)
    names = {local_name(tag) for tag in _first(rx)}
    common = [n for n in COMMON_FIRST if n in names]
    return common + sorted(names - set(common), key=str.lower)


def _model_rx(particle: object) -> Rx:
    if isinstance(particle, XsdElement):
        one: Rx = ("sym", particle.name)
    elif isinstance(particle, XsdGroup):
        parts = [_model_rx(p) for p in particle]
        one = _NONE if particle.model == "choice" else _EPS
        for part in parts:
            one = _alt(one, part) if particle.model == "choice" else _seq(one, part)
    else:
        one = ("sym", "*")  # a wildcard: nothing we can name
    low, high = particle.min_occurs, particle.max_occurs  # type: ignore[attr-defined]
    result = _EPS
    for _ in range(low):
        result = _seq(result, one)
    if high is None:
        return _seq(result, ("star", one))
    for _ in range(high - low):
        result = _seq(result, _alt(one, _EPS))
    return result


def _seq(a: Rx, b: Rx) -> Rx:
    if _NONE in (a, b):
        return _NONE
    return b if a == _EPS else a if b == _EPS else ("seq", a, b)


def _alt(a: Rx, b: Rx) -> Rx:
    return b if a == _NONE else a if b == _NONE or a == b else ("alt", a, b)


@cache
def _nullable(rx: Rx) -> bool:
    kind = rx[0]
    if kind in ("eps", "star"):
        return True
    if kind == "seq":
        return _nullable(rx[1]) and _nullable(rx[2])
    if kind == "alt":
        return _nullable(rx[1]) or _nullable(rx[2])
    return False


@cache
def _derive(rx: Rx, tag: str) -> Rx:
    kind = rx[0]
    if kind == "sym":
        return _EPS if rx[1] == tag else _NONE
    if kind == "alt":
        return _alt(_derive(rx[1], tag), _derive(rx[2], tag))
    if kind == "seq":
        head, rest = rx[1], rx[2]
        first = _seq(_derive(head, tag), rest)
        return _alt(first, _derive(rest, tag)) if _nullable(head) else first
    if kind == "star":
        return _seq(_derive(rx[1], tag), rx)
    return _NONE


@cache
def _first(rx: Rx) -> frozenset[str]:
    kind = rx[0]
    if kind == "sym":
        return frozenset({str(rx[1])}) if rx[1] != "*" else frozenset()
    if kind == "alt":
        return _first(rx[1]) | _first(rx[2])
    if kind == "seq":
        head = _first(rx[1])
        return head | _first(rx[2]) if _nullable(rx[1]) else head
    if kind == "star":
        return _first(rx[1])
    return frozenset()
