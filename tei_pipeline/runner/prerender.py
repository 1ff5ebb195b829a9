"""A document's editions made in the worker that converted it, so that a build
with --jobs N renders N documents at once, not one after another in the main
process.

The worker knows the document alone, not the corpus: it renders as if the
entries its names point to were its own (its standOff's) and its page file its
id's (site.page_file with nothing taken), and keeps what it made in
OUTPUT/.tei-pipeline/parts under the key those give (parts.document_key): the
facts, the summary, the anthology part, and the page and book staged for the
main process. The main process (editions.publish_documents) computes each
document's key from the whole corpus; where it is the worker's, it moves the
staged files in place, else (another document's entry gives a name another main
form, two ids share a page file) it renders the document itself and the worker's
parts are swept. Either way the bytes are those one process makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..pipeline import Conversion
from ..readers.tei import parse_tei
from ..writers.html.register_page import merge_entries
from ..writers.html.site import page_file
from ..writers.html.summary import tei_facts
from .parts import Store, document_key, facts_name, render_document


@dataclass(frozen=True)
class EditionsJob:
    """What a worker needs to render the documents it converts: the output folder
    (absolute on a cluster), the same folder as the build's messages name it, the
    formats ("html", "epub") and the run's key (incremental.run_key)."""

    output: Path
    shown: str
    formats: tuple[str, ...]
    run: str


def prerender(conversion: Conversion, tei_sha: str, stem: str, job: EditionsJob) -> None:
    """Render a document just converted (its TEI in `conversion.tei`, written to
    tei/<stem>.xml) into the parts, for the main process to take."""
    try:
        _prerender(conversion, tei_sha, stem, job)
    except Exception:  # the main process renders it again, and says what is wrong
        return


def _prerender(conversion: Conversion, tei_sha: str, stem: str, job: EditionsJob) -> None:
    name = conversion.doc_id
    # parsed from the file's bytes, named as the main process names the file, so the
    # tree and the lines its messages give are those the main process would read
    tree = parse_tei(conversion.tei, conversion.shown_as, str(Path(job.shown) / f"tei/{stem}.xml"))
    store = Store(job.output)
    fact = tei_facts(name, tree.getroot())
    store.save(facts_name(job.run, tei_sha, name), fact.to_json(), durable=False)
    entries = merge_entries(fact.entries)
    file = page_file(name, set())
    key = document_key(job.run, tei_sha, name, file, fact, entries, job.formats)
    done = render_document(tree, fact, name, file, entries, job.formats)
    for path, data in done.files.items():
        store.stage(key, path, data)
    done.keep(store, key)
    # last: the main process takes none without it (not durable: see Store.save)
    store.save(f"{key}.json", done.kept, durable=False)
