"""The TEI writer (tei_pipeline/writers/tei.py): what stands around the root of
another project's TEI (its xml-model and other processing instructions, comments)
is written back where it stood."""

from __future__ import annotations

from tei_pipeline.readers.tei import parse_tei
from tei_pipeline.tei.ns import TEI_NS
from tei_pipeline.writers.tei import TeiWriter

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
ROOT = f'<TEI xmlns="{TEI_NS}"><text><body><p>x</p></body></text></TEI>'
MODEL = '<?xml-model href="schema.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>'  # noqa: E501


def written(data: str) -> str:
    return TeiWriter().write(parse_tei(data.encode(), "t.xml")).decode()


def test_prolog_processing_instructions_are_kept_in_order() -> None:
    style = '<?xml-stylesheet type="text/xsl" href="tei.xsl"?>'
    out = written(f"{DECLARATION}\n{MODEL}\n{style}\n{ROOT}")
    assert out.startswith(f"{DECLARATION}\n{MODEL}\n{style}\n<TEI ")


def test_comments_around_the_root_are_kept() -> None:
    out = written(f"{DECLARATION}<!-- made by hand -->{ROOT}<!-- end -->")
    assert out.startswith(f"{DECLARATION}\n<!-- made by hand -->\n<TEI ")
    assert out.endswith("</TEI>\n<!-- end -->\n")


def test_without_a_prolog_the_bytes_are_as_before() -> None:
    # near miss: nothing around the root, nothing added
    out = written(ROOT)
    assert out.startswith(f"{DECLARATION}\n<TEI ") and out.endswith("</TEI>\n")
    assert out.count("<?") == 1 and "<!--" not in out
