"""Scaling: does each stage stay linear on the shapes that once made it slow?

    .venv/bin/python bench/scaling.py [--base N] [--steps K] [--json FILE]

    .venv/bin/python bench/scaling.py --only EPUB --repo ../other-checkout

For each pathological shape (a paragraph of repeated enumerators, of short
quotations, of "he said" attributions, many note markers with their notes
block, many paragraphs, one very long line, a huge text of speeches (2, 4,
8 MB by default); TEI files of many sibling paragraphs or sections, rendered
to HTML or EPUB or made into the site and books of a build; many small TEI
texts made into one site and anthology; the project rules on many sibling
paragraphs), the input is made at sizes N, 2N, 4N ... and converted (or
rendered, or checked) in this process; the table gives the seconds and peak
RSS at each size and the time ratio per doubling, which stays near 2 for a
linear stage (a quadratic one gives 4). Each size runs in a
fresh subprocess so no cache helps and peak memory is measured per run;
--repo measures another checkout's code on the same inputs.
Not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import speeches_text  # noqa: E402  # bench/memory.py

TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    "<title>Scaling</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
    "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>\n"
)


def enumerators(n: int) -> str:
    return "Enumerators\n\n" + "".join(f"and ({i % 9 + 1}) a point " for i in range(n)) + "\n"


def quotations(n: int) -> str:
    return "Quotations\n\n" + "".join(f'he wrote "word {i}" and ' for i in range(n)) + "end.\n"


def said(n: int) -> str:
    return "Attributions\n\n" + "".join(f"he said, and she said {i}, " for i in range(n)) + "\n"


def notes(n: int) -> str:
    body = " ".join(f"A claim number {i}.[{i}]" for i in range(1, n + 1))
    block = "\n".join(f"[{i}] The source of claim {i}." for i in range(1, n + 1))
    return f"Notes\n\n{body}\n\nNOTES\n\n{block}\n"


def paragraphs(n: int) -> str:
    return "Paragraphs\n\n" + "".join(f"Paragraph {i} of the text.\n\n" for i in range(n))


def one_line(n: int) -> str:
    return "One line\n\n" + "word " * (20 * n) + "\n"


def huge_text(n: int) -> str:
    """A book of n bytes of speeches under setext headings (bench/memory.py)."""
    return speeches_text(n)


def tei_siblings(n: int) -> str:
    body = "".join(f"<p>Paragraph {i}.</p>\n" for i in range(n))
    return TEI_HEAD + body + "</body></text></TEI>\n"


def tei_rules(n: int) -> str:
    """Sibling paragraphs with ids, pointers and dates: what the project rules look at."""
    body = "".join(
        f'<p xml:id="p{i}"><persName ref="#e{i % 500}">X</persName> '
        f'<date when="1948">1948</date> <date from="1946" to="1948">then</date>.</p>\n'
        for i in range(n)
    )
    people = "".join(f'<person xml:id="e{k}"><persName>X</persName></person>' for k in range(500))
    standoff = f"<standOff><listPerson>{people}</listPerson></standOff>"
    return TEI_HEAD + body + "</body></text>" + standoff + "</TEI>\n"


PERSONS = 50


def standoff(persons: int) -> str:
    entries = "".join(
        f'<person xml:id="p{k}"><persName>Person {k}</persName></person>' for k in range(persons)
    )
    return f"<standOff><listPerson>{entries}</listPerson></standOff>"


def section(i: int) -> str:
    return (
        f'<div><head>Part {i}</head><p>Paragraph {i} names <persName ref="#p{i % PERSONS}">'
        f'someone</persName> on <date when="19{i % 100:02d}-01-{i % 28 + 1:02d}">a day</date>.'
        f'<note place="foot">Note {i}.</note></p></div>\n'
    )


def tei_sections(n: int) -> str:
    """Sections with a heading, a name, a date and a foot note each: every toc
    entry, mention, timeline line and note of a book or site."""
    body = "".join(section(i) for i in range(n))
    return TEI_HEAD + body + "</body></text>" + standoff(PERSONS) + "</TEI>\n"


def names_in_one_paragraph(n: int) -> str:
    """One paragraph naming the same person n times: n lines of context on the
    names page, all cut from the same paragraph."""
    names = " and ".join(f'<persName ref="#p0">Person {i}</persName>' for i in range(n))
    return TEI_HEAD + f"<p>{names}.</p></body></text>" + standoff(1) + "</TEI>\n"


def many_texts(n: int) -> list[str]:
    """n small texts, each a few sections naming the same persons: one site and anthology."""
    return [
        TEI_HEAD.replace("<title>Scaling</title>", f"<title>Text {k}</title>")
        + "".join(section(k * 3 + i) for i in range(3))
        + "</body></text>"
        + standoff(PERSONS)
        + "</TEI>\n"
        for k in range(n)
    ]


# shape -> (maker, base size, what runs on it: convert, render:html, render:epub or
# editions (the html site and the epub books of a build, as `build` makes them))
SHAPES = {
    "enumerators in a paragraph": (enumerators, 500, "convert"),
    "short quotations in a paragraph": (quotations, 500, "convert"),
    "'he said' in a paragraph": (said, 500, "convert"),
    "note markers + notes block": (notes, 250, "convert"),
    "paragraphs": (paragraphs, 1000, "convert"),
    "one long line (words)": (one_line, 1000, "convert"),
    "huge text (speeches, bytes)": (huge_text, 2_000_000, "convert"),
    "TEI sibling paragraphs -> HTML": (tei_siblings, 2500, "render:html"),
    "TEI sibling paragraphs, large -> HTML": (tei_siblings, 10000, "render:html"),
    "TEI sibling paragraphs -> EPUB": (tei_siblings, 2500, "render:epub"),
    "TEI sections -> HTML": (tei_sections, 500, "render:html"),
    "TEI sections -> EPUB": (tei_sections, 500, "render:epub"),
    "TEI sections -> site + books": (tei_sections, 500, "editions"),
    "TEI names in one paragraph -> site + books": (names_in_one_paragraph, 500, "editions"),
    "many TEI texts -> site + books": (many_texts, 25, "editions"),
    "project rules (Schematron) on TEI": (tei_rules, 5000, "rules"),
}

# One measured run: convert or render the file, or make the editions of the TEI
# files of a folder; print seconds and peak RSS as JSON.
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from tei_pipeline.context import Services
from tei_pipeline import pipeline
path, job = sys.argv[1], sys.argv[2]
from pathlib import Path
start, cpu = time.perf_counter(), time.process_time()
if job == "convert":
    pipeline.convert_file(Path(path), Path(path).name, services=Services())
elif job == "rules":
    from lxml import etree
    from tei_pipeline.tei import schematron
    rules = schematron.load(str(Path(sys.argv[3]) / "tei_pipeline/schema/tei-pipeline.sch"))
    tree = etree.parse(path)
    start, cpu = time.perf_counter(), time.process_time()  # the rules alone
    assert schematron.run(rules, tree) == []
elif job.startswith("render:"):
    pipeline.render_file(Path(path), Path(path).name, job.split(":")[1])
else:
    from lxml import etree
    from tei_pipeline.diagnostics import Reporter
    docs = [(p.stem, etree.parse(str(p))) for p in sorted(Path(path).glob("*.xml"))]
    pipeline.editions(docs, ["html", "epub"], Reporter())
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": rss}))
"""


def measure(text: str | list[str], job: str, folder: Path, repo: Path) -> dict[str, float]:
    if job == "editions":  # a folder of TEI files
        path = folder / f"input-{len(list(folder.iterdir()))}"
        path.mkdir()
        texts = [text] if isinstance(text, str) else text
        for k, one in enumerate(texts):
            (path / f"text-{k:05d}.xml").write_text(one, encoding="utf-8")
    else:
        assert isinstance(text, str)
        path = folder / ("input.txt" if job == "convert" else "input.xml")
        path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), job, str(repo)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        return {"seconds": float("nan"), "cpu_seconds": float("nan"), "peak_rss_mb": float("nan")}
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply each base size")
    parser.add_argument("--steps", type=int, default=3, help="sizes N, 2N, ... (default 3)")
    parser.add_argument("--only", help="run only shapes whose name contains this")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--repo", type=Path, default=REPO, help="measure this checkout's code")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, base, job) in SHAPES.items():
            if args.only and args.only not in name:
                continue
            sizes = [int(base * args.scale) * 2**k for k in range(args.steps)]
            runs = [measure(make(n), job, Path(tmp), args.repo.resolve()) for n in sizes]
            pairs = list(zip(runs, runs[1:], strict=False))
            ratios = [b["seconds"] / a["seconds"] for a, b in pairs]
            # CPU seconds too: on a shared machine the wall clock also measures the others
            cpu_ratios = [b["cpu_seconds"] / a["cpu_seconds"] for a, b in pairs]
            rows.append(
                {"shape": name, "sizes": sizes, "runs": runs, "ratios": ratios, "cpu": cpu_ratios}
            )
            cells = "  ".join(
                f"{n:>7}: {r['seconds']:7.2f} s {r['peak_rss_mb']:6.0f} MB"
                for n, r in zip(sizes, runs, strict=True)
            )
            print(
                f"{name:<42} {cells}  ratio/doubling "
                + " ".join(f"{x:.2f}" for x in ratios)
                + "  (CPU "
                + " ".join(f"{x:.2f}" for x in cpu_ratios)
                + ")",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
