"""HTML writer, the page shell shared by the document pages and the site's own
pages (index, names, timeline).

Stage: writer. Input: a title, a language and the PageOptions. Output: the
<html lang> element with its <head> (charset, viewport, title, stylesheet and
script, inline or linked), and a <body> opening with a skip link and, on a
site, the site navigation; `tostring` serializes a finished page.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from lxml import html

from .core import GEN, PageOptions, sub
from .lang import direction

SKIP_TARGET = "text"


def stylesheet() -> str:
    """The reading edition's CSS (package data style.css)."""
    return files(__package__).joinpath("style.css").read_text(encoding="utf-8")


def script() -> str:
    """The optional script (package data site.js): Escape closes a note preview;
    a link into a folded menu opens it."""
    return files(__package__).joinpath("site.js").read_text(encoding="utf-8")


def new_page(title: str, lang: str, options: PageOptions) -> Any:
    """An <html> element with head and body. The body holds the skip link (its
    href is set by `skip_to`) and the site navigation, if the options have one."""
    root = html.Element("html")
    root.set("lang", lang)
    if direction(lang) == "rtl":  # the page is the text's: its language and direction
        root.set("dir", "rtl")
    head = sub(root, "head")
    sub(head, "meta", charset="utf-8")
    sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    sub(head, "title", title)
    if options.css_href is None:
        sub(head, "style", stylesheet())
    else:
        sub(head, "link", rel="stylesheet", href=options.css_href)
    body = sub(root, "body")
    skip = sub(body, "a", "Skip to the text", href=f"#{SKIP_TARGET}")
    skip.set("class", f"skip-link {GEN}")
    if options.site_links:
        site_nav(body, options)
    return root


def add_script(root: Any, options: PageOptions) -> None:
    """The script, for pages with note previews or folded menus."""
    head = root.find("head")
    if options.script_href is None:
        sub(head, "script", script())
    else:
        sub(head, "script", src=options.script_href, defer="defer")


def site_nav(body: Any, options: PageOptions) -> Any:
    nav = sub(body, "nav", aria_label="Site", class_=f"site-nav {GEN}")
    ul = sub(nav, "ul")
    for label, href in options.site_links:
        link = sub(sub(ul, "li"), "a", label, href=href)
        if href == options.current:
            link.set("aria-current", "page")
    if options.search_href and options.current != options.search_href:
        search_form(nav, options.search_href, "site-search-q")
    return nav


def search_form(parent: Any, action: str, field_id: str) -> Any:
    """A search box: a GET form to the search page (writers/html/search.py), which
    reads the words from its address, so the box needs no script of its own."""
    form = sub(
        parent, "form", action=action, method="get", role="search", class_=f"site-search {GEN}"
    )
    sub(form, "label", "Search the texts", for_=field_id, class_="visually-hidden")
    sub(form, "input", type="search", name="q", id=field_id, placeholder="Search the texts")
    sub(form, "button", "Search", type="submit")
    return form


def body_of(root: Any) -> Any:
    return root.find("body")


def skip_to(root: Any, target_id: str, label: str | None = None) -> None:
    """Point the skip link at the page's main content."""
    skip = root.find("body/a")
    skip.set("href", f"#{target_id}")
    if label:
        skip.text = label


def tostring(root: Any) -> bytes:
    return bytes(html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"))
