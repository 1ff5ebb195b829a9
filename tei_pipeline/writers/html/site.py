"""HTML writer, a static site of many TEI documents: the reading edition.

Stage: writer. Input: (name, TEI tree) pairs and a Reporter. Output: a dict of
relative path -> bytes, for the caller to write (STYLE.md 3: the CLI decides
where bytes go):

    index.html     every document: title, author, date, source editions; by date
    <name>.html    one page per document (render_page), names linking to names.html
    names.html     persons, places, organizations of all documents (register_page.py)
    timeline.html  every dated date of the texts, in order (timeline_page.py)
    search.html    search over every paragraph and name (search.py, Pagefind's
                   index in pagefind/); a search box in every page's navigation
    style.css      the shared stylesheet; site.js: Escape closes note previews

Every page links only to pages and ids of the site (see `dangling_links`).
Same documents in, same bytes out: nothing depends on the clock or on dict
order of anything but the input.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from ...diagnostics import Reporter
from ...errors import PipelineError
from ...transforms.base import Context
from ..base import Corpus, CorpusWriter
from . import Page, build_page, search, shell
from .core import PageOptions, sub
from .corpus import SitePage, doc_link, loose, site_page, write_page
from .register_page import Entry, merge_entries, write_names
from .spool import Spool, spooled
from .summary import DocSummary, document_date, page_facts, tei_facts
from .timeline_page import write_timeline

Writer = Callable[[BinaryIO], None]  # writes one page to a stream

__all__ = [
    "SiteRendering",
    "SiteWriter",
    "build_site",
    "corpus_pages",
    "corpus_writers",
    "dangling_links",
    "document_date",
    "page_file",
    "render_documents",
    "shared_rendering",
]

INDEX, NAMES, TIMELINE = "index.html", "names.html", "timeline.html"
CSS, SCRIPT = "style.css", "site.js"
SITE_LINKS = (("Texts", INDEX), ("Names", NAMES), ("Timeline", TIMELINE))
RESERVED = frozenset({"index", "names", "timeline", "style", "site", "search"})
DEFAULT_TITLE = "Reading edition"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_file(name: str, taken: set[str]) -> str:
    """A safe, unique file name for a document page: '<name>.html', with other
    characters than letters, digits, '.', '_' and '-' replaced, and a prefix or
    a number where the name would take a site page's or another document's file."""
    base = _UNSAFE.sub("-", name).strip("-.") or "text"
    if base.lower() in RESERVED:
        base = f"text-{base}"
    candidate, k = base, 1
    while f"{candidate}.html".lower() in taken:
        k += 1
        candidate = f"{base}-{k}"
    taken.add(f"{candidate}.html".lower())
    return f"{candidate}.html"


def site_title(publishers: list[list[str]]) -> str:
    """The publisher all documents share (their publicationStmt; each document's
    list, DocSummary.publishers), else DEFAULT_TITLE."""
    found = {p for mine in publishers for p in mine}
    found.discard("")
    return found.pop() if len(found) == 1 and publishers else DEFAULT_TITLE


def site_options(entries: dict[str, Entry]) -> PageOptions:
    """How every document page of a site is rendered: its names link to the
    entries of all documents."""
    return PageOptions(
        css_href=CSS,
        script_href=SCRIPT,
        site_links=SITE_LINKS,
        register_page=NAMES,
        register_ids=frozenset(entries),
        paragraph_ids=True,
        search_href=search.SEARCH,
    )


def page_files(names: list[str]) -> list[str]:
    """The page file of each document, in build order (page_file)."""
    taken: set[str] = set()
    return [page_file(name, taken) for name in names]


@dataclass
class SiteRendering:
    """Every document of a site rendered once (build_page with the site's options):
    the site writes its pages from these, the EPUB writer its books; and each
    document's summary, for the pages about all of them."""

    pages: list[SitePage]
    entries: dict[str, Entry]
    options: PageOptions
    summaries: list[DocSummary]


def render_documents(
    documents: list[tuple[str, etree._ElementTree]], reporter: Reporter
) -> SiteRendering:
    """Render each document once with the site's options. Problems met (w- codes)
    go to `reporter`, located at the document's file when the tree was parsed
    from one, else at its name."""
    roots = [
        tree.getroot() if isinstance(tree, etree._ElementTree) else tree for _, tree in documents
    ]
    summaries = [tei_facts(name, root) for (name, _), root in zip(documents, roots, strict=True)]
    files = page_files([name for name, _ in documents])
    entries = merge_entries(e for s in summaries for e in s.entries)
    options = site_options(entries)
    pages = []
    for (name, tree), root, file, summary in zip(documents, roots, files, summaries, strict=True):
        summary.file = file
        page = render_one(name, tree, options, reporter)
        page_facts(summary, page)
        pages.append(SitePage(file, root, page))
    return SiteRendering(pages, entries, options, summaries)


def render_one(
    name: str, tree: etree._ElementTree | etree._Element, options: PageOptions, reporter: Reporter
) -> Page:
    """One document's page with the site's options (w- codes to `reporter`)."""
    url = tree.docinfo.URL if isinstance(tree, etree._ElementTree) else None
    ctx = Context(shown_as=url or name, reporter=reporter, doc_id=name)
    return build_page(tree, ctx, options)


def shared_rendering(corpus: Corpus, reporter: Reporter) -> SiteRendering:
    """The corpus's one rendering of its documents (made by whichever writer asks first)."""
    return corpus.shared("html-site", lambda: render_documents(corpus.documents, reporter))


def build_site(
    documents: list[tuple[str, etree._ElementTree]],
    reporter: Reporter,
    rendering: SiteRendering | None = None,
) -> dict[str, bytes]:
    """The static site of `documents` (see the module docstring), from their
    rendering (made here when not given)."""
    done = rendering or render_documents(documents, reporter)
    entries = done.entries
    site: dict[str, bytes] = {
        page.file: search.marked_page(page.page.root, summary, entries)
        for page, summary in zip(done.pages, done.summaries, strict=True)
    }
    site.update(corpus_pages(done.summaries, entries))
    indexed: dict[str, bytes | Path] = {p.file: site[p.file] for p in done.pages}
    site.update(search_files(indexed | {NAMES: site[NAMES]}, done.summaries, reporter))
    return dict(sorted(site.items()))


def corpus_pages(summaries: list[DocSummary], entries: dict[str, Entry]) -> dict[str, bytes]:
    """The pages about all documents, from their summaries alone: index, names,
    timeline, search form, stylesheet and scripts (not the search index)."""
    with spooled(summaries) as spool:
        return {path: _written(write) for path, write in corpus_writers(spool, entries).items()}


def corpus_writers(spool: Spool, entries: dict[str, Entry]) -> dict[str, Writer]:
    """corpus_pages as writers of each page to a stream, from the spooled summaries:
    the index, names and timeline pages written one entry at a time."""
    options = site_options(entries)
    title = site_title([s.publishers for s in spool.heads])

    def constant(data: bytes) -> Writer:
        def write(out: BinaryIO) -> None:
            out.write(data)

        return write

    return {
        INDEX: lambda out: write_index(out, spool.heads, title, _current(options, INDEX)),
        NAMES: lambda out: write_names(
            out, spool, entries, _current(options, NAMES), search.mark_names_page
        ),
        TIMELINE: lambda out: write_timeline(out, spool, _current(options, TIMELINE)),
        CSS: constant(shell.stylesheet().encode("utf-8")),
        SCRIPT: constant(shell.script().encode("utf-8")),
        search.SEARCH: constant(
            shell.tostring(search.search_page(_current(options, search.SEARCH)))
        ),
        search.SCRIPT: constant(search.search_script()),
    }


def _written(write: Writer) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


def search_files(
    indexed: dict[str, bytes | Path], summaries: list[DocSummary], reporter: Reporter
) -> dict[str, bytes]:
    """The search index of the indexed pages (file -> bytes, or the file holding
    them); none when Pagefind fails: the site stands without it, search.html says so."""
    try:
        language = search.site_language(list(summaries))
        return search.search_bundle(indexed, language, frozenset({NAMES}))
    except PipelineError as error:
        reporter.diagnostics.append(error.diagnostic)
        return {}


class SiteWriter(CorpusWriter):
    """The corpus writer of html/: build_site from the corpus's shared rendering."""

    name = "html"

    def write_corpus(self, corpus: Corpus, ctx: Context) -> dict[str, bytes]:
        return build_site(corpus.documents, ctx.reporter, shared_rendering(corpus, ctx.reporter))


def _current(options: PageOptions, href: str) -> PageOptions:
    from dataclasses import replace

    return replace(options, current=href)


# --- the index -------------------------------------------------------------------------


def write_index(out: BinaryIO, pages: list[DocSummary], title: str, options: PageOptions) -> None:
    """index.html to `out`: the documents, dated ones in time order, then the
    undated; one document's item at a time."""
    count = len(pages)
    root, main = site_page(title, options, title)
    intro = sub(
        main.getprevious(),
        "p",
        f"{count} text{'s' if count != 1 else ''}, in order of "
        "date. The persons, places and organizations they name are gathered on the ",
        class_="intro",
    )
    sub(intro, "a", "Names", href=NAMES).tail = " page, the dates they give on the "
    sub(intro, "a", "Timeline", href=TIMELINE).tail = "."
    dated = sorted(
        enumerate(pages),
        key=lambda item: (
            item[1].date_key is None,
            item[1].date_key or (0, 0, 0),
            item[1].title.casefold(),
            item[0],
        ),
    )
    ol = sub(main, "ol", class_="doc-list")

    def fill(xf: Any) -> None:
        for _, page in dated:
            item = loose("li")
            _index_item(item, page)
            xf.write(item)

    write_page(out, root, ol, fill)


EARLIER = (
    "From an earlier build: this text could not be converted this time, "
    "so its earlier edition is shown."
)


def _index_item(li: Any, page: DocSummary) -> None:
    art = sub(li, "article", class_="doc")
    doc_link(sub(art, "h2"), page)
    if page.subtitle:
        sub(art, "p", page.subtitle, class_="subtitle")
    meta = sub(art, "p", class_="meta")
    if page.authors:
        sub(meta, "span", ", ".join(page.authors), class_="author").tail = " · "
    sub(meta, "span", page.date_label, class_="date")
    if page.earlier:
        sub(art, "p", EARLIER, class_="earlier")
    if page.editions:
        sub(art, "p", "Source editions:", class_="editions-label")
        ul = sub(art, "ul", class_="sources")
        for text in page.editions:
            sub(ul, "li", text)


# --- checking ----------------------------------------------------------------------------


def dangling_links(site: Mapping[str, bytes]) -> list[str]:
    """Internal links of the site's HTML pages that lead nowhere: 'page: href'
    for every href="#id", "page.html" or "page.html#id" (and src/stylesheet
    href) whose page or id is missing. External http(s) links are not checked."""
    ids: dict[str, set[str]] = {}
    trees: dict[str, Any] = {}
    for path, data in site.items():
        if path.endswith(".html"):
            trees[path] = html.document_fromstring(data)
            ids[path] = {str(v) for v in cast(list[Any], trees[path].xpath("//@id"))}
    problems = []
    for path, tree in trees.items():
        for attr in cast(list[Any], tree.xpath("//a/@href | //link/@href | //script/@src")):
            problem = _resolve(str(attr), path, site, ids)
            if problem:
                problems.append(f"{path}: {attr} ({problem})")
    return problems


def _resolve(href: str, path: str, site: Mapping[str, Any], ids: dict[str, set[str]]) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return "" if parts.scheme in ("http", "https", "mailto") else "unexpected scheme"
    target = unquote(parts.path) or path
    if target not in site:
        return "no such page"
    if parts.fragment and unquote(parts.fragment) not in ids.get(target, set()):
        return "no such id"
    return ""
