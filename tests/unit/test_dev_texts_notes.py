"""Footnotes of the real dev texts (../shared/corpora/dev-texts/), read by hand.

For each text: which markers became which notes, at which place: the note's @n,
the words just before its marker, and the first words of the note. Written by
reading each text's markers and notes (the README lists their lines), not from
the pipeline's output. Also: the warnings for unmatched notes and markers, and
that matching stays linear (2,000 markers in one paragraph).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from lxml import etree

from tei_pipeline.transforms import notes
from tests.conftest import CORPORA, convert_string, tree_of, xp

DEV = CORPORA / "dev-texts"

# (n, the last words before the marker, the first words of the note)
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "D06": [  # superscript markers; the note paragraph opens with the same superscript
        ("1", "his involuntary honesty.", "Those who would fully un"),
        ("1", "e honest soul of Barclay", '"Thou hast tasted of pro'),
    ],
    "D07": [("*", " bloom of beauty is over", "A lively writer, I canno")],  # (*Footnote. ...)
    "D08": [  # [1]-[5] and the FOOTNOTES: block ending the introduction
        ("1", "tten in a previous work.", "_Life of John Stuart Mil"),
        ("2", 'g was already complete,"', "_Autobiography_, p. 190."),
        ("3", 'economy and politics.)_"', "_Ibid._, p. 242."),
        ("4", "y my wife's promptings.\"", "_Autobiography_, pp. 246"),
        ("5", "her steadying influence,", "Cf. an instructive page "),
    ],
    "D09": [  # [1] markers, [Footnote 1: ...] after each letter, numbering per letter
        ("1", "TO THE COPYIST.", "This letter is evidently"),
        ("1", "his kind forward as H.W.", "Gottfried Weber, the wel"),
        ("1", "TO STEPHAN V. BREUNING.", "Schindler places this le"),
        ("2", "My portrait", 'Schindler says, "It was '),
        ("1", 'ool for the Pianoforte;"', "Czerny, _The Vienna Pian"),
        ("1", "456.", "Carl Holz ceded his righ"),
        ("1", "ieur terrible amoureux._", "This letter contains all"),
        ("1", ", being confined to bed,", "On which account this le"),
        ("2", "h has now been accorded.", "In consequence of his ap"),  # three paragraphs
        ("3", "where among good people.", "It was during those week"),
        ("1", "TO TOBIAS HASLINGER.", "The music alone and the "),
        ("1", "ng the summer. A quartet", "Probably the one in F, O"),
        ("1", "only add, in conclusion,", "Here Beethoven's own wri"),
        ("1", "TO DR. BACH.", "The signature alone is i"),
        ("1", "ome and agreeable to me.", "Wegeler had reminded him"),
        ("2", "-day; but I am too weak,", "Beethoven's last letter "),
        ("1", "dy sent to Herr Stumpff.", "Stumpff, a Thuringian ma"),
        ("1", "TO BARON VON PASQUALATI.", "Traced in feeble and tre"),
        ("1", " of _Krumbholzkirchner_,", "Gumpoldskirchner--a cele"),
        ("1", "472.", 'In a tremulous hand,--"M'),
        ("1", "d, through Herr Lewisey,", "Schindler mentions, on B"),
        ("1", "474.", "Schindler dates this not"),
        ("1", "ed me to my inmost soul.", "A hundred pounds had bee"),
        ("2", "[Say", "In the original the word"),
        ("1", "CODICIL.", "See No. 463. Schindler r"),
        ("2", "LUDWIG VAN BEETHOVEN.", "Next day, at noon, he lo"),
    ],
    "D10": [  # [1] in a song's heading, [Footnote 1: ...] right under it
        ("1", "RO BOY SOLD FOR A WATCH.", "An African prince having"),
        ("2", "SONG OF THE COFFLE GANG.", "This song is said to be "),
    ],
    "D14": [("A", "e depuis quelques années", "Voyez les Mémoires de l'")],  # [Note A: ...]
    "D18": [  # reStructuredText [2]_ and .. [2], an auto-label [#fn-hi]_ too
        ("2", "from Barry's style guide", "Barry's GNU Mailman styl"),
        ("#fn-hi", "using a *hanging indent*", "*Hanging indentation* is"),
        ("3", 'efore binary operations"', "Donald Knuth's *The TeXB"),
        ("4", "umpy look of its letters", "http://www.wikipedia.com"),
        ("5", "hrough the typeshed repo", "Typeshed repo https://gi"),
    ],
}
# Texts with no footnote to attach: D11's brace notes {...} are left as text (a brace
# also holds a work's title there, "Byron, {Churchill's Grave}"); D12's [1]-[48] and
# D14's [1]-[17] point to notes outside the excerpt; D17's [ISO8601] are citations.
NO_NOTES = ["D01", "D02", "D03", "D04", "D05", "D11", "D12", "D13", "D15", "D16", "D17"]


def convert_dev(code: str) -> Any:
    path = next(DEV.glob(f"{code}_*.txt"))
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # D08, D09, D13 are ISO-8859-1
    return convert_string(text, path.name)


def _words(text: str) -> str:
    return " ".join(text.split())


def before_marker(note: etree._Element, size: int = 24) -> str:
    """The last words of the note's parent before the note (other notes left out)."""
    parent = note.getparent()
    assert parent is not None
    parts = [parent.text or ""]
    for child in parent:
        if child is note:
            break
        if etree.QName(child).localname == "lb":
            parts.append(" ")  # a line break in a heading ("438." / "TO THE COPYIST.")
        elif etree.QName(child).localname != "note":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return _words("".join(parts))[-size:]


def note_start(note: etree._Element, size: int = 24) -> str:
    """The first words of the note, without its label ("Footnote 1:")."""
    parts = [note.text or ""]
    for child in note:
        if etree.QName(child).localname != "label":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return _words("".join(parts))[:size]


def foot_notes(conversion: Any) -> list[tuple[str, str, str]]:
    found = xp(tree_of(conversion), "//tei:note[@place='foot']")
    return [(n.get("n"), before_marker(n), note_start(n)) for n in found]


def unmarked(notes: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Without the emphasis marks (_x_, *x*), which the reader turns into hi: the
    test is about where each note goes, not about its emphasis."""
    return [
        (n, re.sub(r"[_*]", "", a).strip(), re.sub(r"[_*]", "", b).strip()) for n, a, b in notes
    ]


@pytest.mark.skipif(not DEV.exists(), reason="dev texts not present")
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_notes_of_dev_text(code: str) -> None:
    conversion = convert_dev(code)
    found, expected = unmarked(foot_notes(conversion)), unmarked(EXPECTED[code])
    assert [n for n, _, _ in found] == [n for n, _, _ in expected]
    for (_, before, start), (_, want_before, want_start) in zip(found, expected, strict=True):
        assert before.endswith(want_before[-18:]) and start.startswith(want_start[:18])
    assert conversion.lossless.ok, conversion.lossless.detail
    assert not [d for d in conversion.reporter.diagnostics if d.code.startswith("n-")]


@pytest.mark.skipif(not DEV.exists(), reason="dev texts not present")
@pytest.mark.parametrize("code", NO_NOTES)
def test_dev_text_without_notes(code: str) -> None:
    conversion = convert_dev(code)
    tree = tree_of(conversion)
    assert foot_notes(conversion) == []
    # a bracketed marker or citation number is never a num
    for num in xp(tree, "//tei:num"):
        previous = num.getprevious()
        before = (previous.tail if previous is not None else num.getparent().text) or ""
        assert not (before.endswith("[") and (num.tail or "").startswith("]")), num.text


def test_inline_enumerations_of_d12_stay_text() -> None:
    text = "".join(xp(tree_of(convert_dev("D12")), "//tei:body//text()"))
    assert re.search(r"\(1\)\s+Sun Tzu was first recommended", text)


# -- warnings ------------------------------------------------------------------------


def codes(source: str) -> list[str]:
    conversion = convert_string(source)
    assert conversion.lossless.ok, conversion.lossless.detail
    return [d.astext() for d in conversion.reporter.diagnostics if d.code.startswith("n-")]


def test_a_note_without_its_marker_is_reported_where_it_stands() -> None:
    found = codes("A letter with no marker.\n\n[Footnote 2: A lost note.]\n\nMore text.\n")
    assert found == [
        "case.txt:3:1: warning n-001: note 2 has no marker in the text before it; "
        "add the marker (word1, word[1] or word¹) where the note belongs"
    ]


def test_a_marker_without_its_note_is_reported_at_the_marker() -> None:
    source = "One claim[1]. Another[2]. Again[1].\n\nFOOTNOTES:\n\n[1] The note.\n\n[2] Two.\n"
    found = codes(source)
    assert found == [
        "case.txt:1:32: warning n-003: marker [1] has no note after it in this notes block; "
        "add the note to the notes block, or remove the marker"
    ]


# -- linear time ------------------------------------------------------------------------


class CountingPattern:
    """A marker pattern that counts the characters it is asked to search."""

    def __init__(self, pattern: re.Pattern[str], scanned: list[int]) -> None:
        self.pattern = pattern
        self.scanned = scanned

    def finditer(self, text: str) -> Any:
        self.scanned.append(len(text))
        return self.pattern.finditer(text)


def test_two_thousand_markers_give_two_thousand_notes_in_one_pass(monkeypatch) -> None:
    count = 2000
    paragraph = " ".join(f"Claim number {i}[{i}]." for i in range(1, count + 1))
    block = "\n\n".join(f"[{i}] Source {i}." for i in range(1, count + 1))
    source = f"{paragraph}\n\nFOOTNOTES:\n\n{block}\n"
    scanned: list[int] = []
    original = notes.marker_pattern
    monkeypatch.setattr(
        notes, "marker_pattern", lambda shapes: CountingPattern(original(shapes), scanned)
    )
    searched_places: list[int] = []  # a search of the siblings for a note's place
    insert = notes.insert_after_slot
    monkeypatch.setattr(
        notes, "insert_after_slot", lambda *args: (searched_places.append(1), insert(*args))
    )
    conversion = convert_string(source)
    placed = xp(tree_of(conversion), "//tei:p/tei:note[@place='foot']")
    assert [n.get("n") for n in placed] == [str(i) for i in range(1, count + 1)]
    assert conversion.lossless.ok
    # the reader checks the markers once, the transform searches each text node once:
    # twice the text at most, not the text once per marker
    assert sum(scanned) <= 2 * len(paragraph) + 100
    # and only the first note of the paragraph looks for its place; the others follow it
    assert len(searched_places) == 1
