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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from lxml import etree, html

from ...diagnostics import Reporter
from ...errors import PipelineError
from ...transforms.base import Context
from ..base import Corpus, CorpusWriter
from . import build_page, search, shell
from .core import PageOptions, sub
from .corpus import SitePage, doc_link, site_page
from .header import bibl_text, plain, xp
from .names import date_key, human_date
from .register_page import Entry, collect_entries, names_page
from .timeline_page import timeline_page

__all__ = [
    "SiteRendering",
    "SiteWriter",
    "build_site",
    "dangling_links",
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


def site_title(roots: list[etree._Element]) -> str:
    """The publisher all documents share (their publicationStmt), else DEFAULT_TITLE."""
    path = "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher"
    publishers = {plain(p) for root in roots for p in xp(root, path)}
    publishers.discard("")
    return publishers.pop() if len(publishers) == 1 and roots else DEFAULT_TITLE


@dataclass
class SiteRendering:
    """Every document of a site rendered once (build_page with the site's options):
    the site writes its pages from these, the EPUB writer its books."""

    pages: list[SitePage]
    entries: dict[str, Entry]
    options: PageOptions


def render_documents(
    documents: list[tuple[str, etree._ElementTree]], reporter: Reporter
) -> SiteRendering:
    """Render each document once with the site's options. Problems met (w- codes)
    go to `reporter`, located at the document's file when the tree was parsed
    from one, else at its name."""
    roots = [
        tree.getroot() if isinstance(tree, etree._ElementTree) else tree for _, tree in documents
    ]
    taken: set[str] = set()
    files = [page_file(name, taken) for name, _ in documents]
    pages = [SitePage(file, root, None) for file, root in zip(files, roots, strict=True)]
    entries = collect_entries(pages)
    options = PageOptions(
        css_href=CSS,
        script_href=SCRIPT,
        site_links=SITE_LINKS,
        register_page=NAMES,
        register_ids=frozenset(entries),
        paragraph_ids=True,
        search_href=search.SEARCH,
    )
    for (name, tree), page in zip(documents, pages, strict=True):
        url = tree.docinfo.URL if isinstance(tree, etree._ElementTree) else None
        ctx = Context(shown_as=url or name, reporter=reporter, doc_id=name)
        page.page = build_page(tree, ctx, options)
    return SiteRendering(pages, entries, options)


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
    pages, entries, options = done.pages, done.entries, done.options
    title = site_title([page.tei for page in pages])
    # the search marks go on a copy: the rendering is shared with the EPUB writer
    site: dict[str, bytes] = {page.file: search.marked_page(page, entries) for page in pages}
    site[INDEX] = shell.tostring(index_page(pages, title, _current(options, INDEX)))
    names = names_page(pages, entries, _current(options, NAMES))
    search.mark_names_page(names)
    site[NAMES] = shell.tostring(names)
    site[TIMELINE] = shell.tostring(timeline_page(pages, _current(options, TIMELINE)))
    site[CSS] = shell.stylesheet().encode("utf-8")
    site[SCRIPT] = shell.script().encode("utf-8")
    site[search.SEARCH] = shell.tostring(search.search_page(_current(options, search.SEARCH)))
    site[search.SCRIPT] = search.search_script()
    indexed = {p.file: site[p.file] for p in pages} | {NAMES: site[NAMES]}
    try:
        site.update(search.search_bundle(indexed, search.site_language(pages)))
    except PipelineError as error:  # the site stands without its index; search.html says so
        reporter.diagnostics.append(error.diagnostic)
    return dict(sorted(site.items()))


class SiteWriter(CorpusWriter):
    """The corpus writer of html/: build_site from the corpus's shared rendering."""

    name = "html"

    def write_corpus(self, corpus: Corpus, ctx: Context) -> dict[str, bytes]:
        return build_site(corpus.documents, ctx.reporter, shared_rendering(corpus, ctx.reporter))


def _current(options: PageOptions, href: str) -> PageOptions:
    from dataclasses import replace

    return replace(options, current=href)


# --- the index -------------------------------------------------------------------------


def document_date(root: etree._Element) -> tuple[tuple[int, int, int] | None, str]:
    """When a document was written (profileDesc/creation) or sent (a letter's
    correspDesc), else the date it gives itself (docDate), else its earliest
    source edition: (sort key, label)."""
    sources = (
        ("tei:teiHeader/tei:profileDesc/tei:creation//tei:date", "Written"),
        (
            "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']"
            "//tei:date",
            "Sent",
        ),
        ("tei:text//tei:docDate", "Dated"),
        ("tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:bibl//tei:date", "Published"),
    )
    for path, label in sources:
        dated = []
        for el in xp(root, path):
            for attr in ("when", "from", "notBefore", "when-iso", "from-iso", "notBefore-iso"):
                key = date_key(el.get(attr))
                if key is not None:
                    dated.append((key, el.get(attr)))
                    break
        if dated:
            key, value = min(dated)
            return key, f"{label} {human_date(value)}"
    return None, "Undated"


def index_page(pages: list[SitePage], title: str, options: PageOptions) -> Any:
    """index.html: the documents, dated ones in time order, then the undated."""
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
    dated = [(document_date(page.tei), k, page) for k, page in enumerate(pages)]
    dated.sort(
        key=lambda item: (
            item[0][0] is None,
            item[0][0] or (0, 0, 0),
            item[2].title.casefold(),
            item[1],
        )
    )
    ol = sub(main, "ol", class_="doc-list")
    for (_, label), _, page in dated:
        _index_item(ol, page, label)
    return root


def _index_item(ol: Any, page: SitePage, date_label: str) -> None:
    art = sub(sub(ol, "li"), "article", class_="doc")
    doc_link(sub(art, "h2"), page)
    if page.subtitle():
        sub(art, "p", page.subtitle(), class_="subtitle")
    meta = sub(art, "p", class_="meta")
    authors = page.authors()
    if authors:
        sub(meta, "span", ", ".join(authors), class_="author").tail = " · "
    sub(meta, "span", date_label, class_="date")
    editions = [
        b
        for b in xp(page.header(), "tei:fileDesc/tei:sourceDesc//tei:bibl")
        if b.get("type") != "digitalSource" and b.getparent().tag != b.tag
    ]
    if editions:
        sub(art, "p", "Source editions:", class_="editions-label")
        ul = sub(art, "ul", class_="sources")
        for bibl in editions:
            sub(ul, "li", bibl_text(bibl))


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
