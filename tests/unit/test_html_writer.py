"""The HTML writer (tei_pipeline/writers/html): one rule per test on small TEI
fragments, escaping, landmarks and ids, and a lossless check on whole documents
(ours, built in a temporary folder, and letters of another TEI project): the
letters and digits of the TEI text appear in the page in the same order. The
site (index, names, timeline) and the Nu Html Checker run: test_html_site.py."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from tei_pipeline.diagnostics import Reporter
from tei_pipeline.tei.builder import drop
from tei_pipeline.tei.ns import TEI_NS, local_name
from tei_pipeline.transforms.base import Context
from tei_pipeline.writers.html import HtmlWriter, PageOptions, render_page, stylesheet
from tei_pipeline.writers.html.corpus import Contexts, kwic, kwic_walk
from tei_pipeline.writers.html.notes import is_footnote
from tei_pipeline.writers.html.site import corpus_pages, render_documents
from tests.support.steps import demanding_tei, growth

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
SCHNITZLER = REPO.parent / "shared" / "corpora" / "schnitzler-letters"
VENV_BIN = Path(sys.executable).parent

HEADER = """<teiHeader><fileDesc>
  <titleStmt><title type="main">Header Title</title><author>An Author</author>
    <respStmt><resp>Encoded by rule</resp><name>tei-pipeline</name></respStmt></titleStmt>
  <publicationStmt><availability><licence>Free to read.</licence></availability></publicationStmt>
  <sourceDesc>
    <bibl type="digitalSource"><title>src.txt</title><idno type="sha256">ab12cd</idno></bibl>
    <listBibl><bibl><title level="m">Selected Works</title><biblScope unit="volume">4</biblScope>
      <publisher>FLP</publisher><date when="1965">1965</date></bibl></listBibl>
  </sourceDesc></fileDesc>
  <encodingDesc><editorialDecl><normalization><p>Kept as in the source.</p></normalization>
  </editorialDecl></encodingDesc></teiHeader>"""


def tei(
    body: str = "<p>x</p>",
    front: str = "",
    back: str = "",
    lang: str = "en",
    header: str = HEADER,
    extra: str = "",
) -> etree._Element:
    front = f"<front>{front}</front>" if front else ""
    back = f"<back>{back}</back>" if back else ""
    return etree.fromstring(
        f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}">{header}<text>{front}<body>{body}</body>'
        f"{back}</text>{extra}</TEI>"
    )


STANDOFF = """<standOff><listPerson><person xml:id="mao-zedong"><persName type="main">Mao Zedong
  </persName></person></listPerson><listPlace><place xml:id="china"><placeName>China</placeName>
  </place></listPlace><listOrg><org xml:id="cpc"><orgName>Communist Party of China</orgName></org>
  </listOrg></standOff>"""


def page(body: str = "<p>x</p>", reporter: Reporter | None = None, **kw: str) -> html.HtmlElement:
    ctx = Context(shown_as="case.xml", reporter=reporter or Reporter())
    return html.document_fromstring(HtmlWriter().write(etree.ElementTree(tei(body, **kw)), ctx))


def main_of(doc: html.HtmlElement) -> html.HtmlElement:
    return doc.xpath("//main")[0]


def text_of(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


# --- page shape ---------------------------------------------------------------------


def test_writer_contract() -> None:
    assert HtmlWriter.name == "html" and HtmlWriter.media_type == "text/html"
    out = HtmlWriter().write(etree.ElementTree(tei()), Context(shown_as="x"))
    assert isinstance(out, bytes) and out.startswith(b"<!DOCTYPE html>")


def test_lang_from_xml_lang() -> None:
    assert page(lang="de").get("lang") == "de"
    assert page(lang="fra").get("lang") == "fr"  # HTML wants the BCP 47 short form


def test_landmarks_and_one_h1() -> None:
    doc = page()
    for landmark in ("header", "nav", "main", "footer"):
        assert doc.xpath(f"//body//{landmark}"), landmark
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath("//head/title")[0].text == "Header Title"
    assert doc.xpath("//head/meta[@charset='utf-8']")


def test_page_links_point_to_existing_ids() -> None:
    doc = page('<p>a<note place="foot" n="1">n</note></p>')
    ids = set(doc.xpath("//@id"))
    hrefs = [h[1:] for h in doc.xpath("//a/@href") if h.startswith("#")]
    assert hrefs and all(h in ids for h in hrefs)


def test_no_duplicate_ids_even_when_xml_ids_clash() -> None:
    doc = page(
        '<p xml:id="fn-1">a<note place="foot" n="1">n</note></p>'
        '<p xml:id="text">b</p><p xml:id="notes">c</p>'
    )
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_css_is_package_data_with_print_rules() -> None:
    css = stylesheet()
    assert "@media print" in css and "max-width" in css
    assert "@media print" in page().xpath("//head/style")[0].text


def test_output_is_deterministic() -> None:
    tree = etree.ElementTree(tei('<p>a<note place="foot">n</note></p>'))
    assert HtmlWriter().write(tree, None) == HtmlWriter().write(tree, None)


def test_escaping_text_stays_text() -> None:
    raw = HtmlWriter().write(
        etree.ElementTree(tei("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>")), None
    )
    assert b"<script" not in raw
    assert b"&lt;script&gt;" in raw and b"&amp; co" in raw
    doc = html.document_fromstring(raw)
    assert not doc.xpath("//script")
    assert "<script>alert(1)</script> & co" in text_of(main_of(doc))


# --- core: structure ----------------------------------------------------------------


def test_div_head_levels_never_skip() -> None:
    doc = page(
        "<div><head>A</head><div><head>B</head><p>x</p></div></div>"
        "<div><div><head>C</head></div></div>"
    )
    assert [(h.tag, h.text) for h in doc.xpath("//main//*[self::h2 or self::h3]")] == [
        ("h2", "A"),
        ("h3", "B"),
        ("h2", "C"),
    ]
    assert doc.xpath("//main//section[h2='A']")


def test_p_and_lb() -> None:
    doc = page("<p>one<lb/>two</p>")
    p = main_of(doc).xpath(".//p")[0]
    assert p.text == "one" and p[0].tag == "br" and p[0].tail == "two"


def test_list_and_items() -> None:
    doc = page(
        '<list rend="bulleted"><item>a</item><item>b</item></list>'
        '<list rend="numbered"><label>1.</label><item>c</item></list>'
    )
    assert [li.text for li in doc.xpath("//main//ul/li")] == ["a", "b"]
    li = doc.xpath("//main//ol/li")[0]
    assert li.xpath("span[contains(@class,'label')]")[0].text == "1." and text_of(li) == "1.c"


def test_list_inside_p_stays_phrasing() -> None:
    doc = page("<p>see <list><item>a</item></list> end</p>")
    assert not doc.xpath("//p//ul | //p//li | //p//div")
    assert text_of(main_of(doc).xpath(".//p")[0]) == "see a end"


def test_cit_quote_bibl() -> None:
    doc = page("<cit><quote><p>Words.</p></quote><bibl>Lenin</bibl></cit>")
    fig = doc.xpath("//main//figure[contains(@class,'tei-cit')]")[0]
    assert fig.xpath("blockquote/p")[0].text == "Words."
    assert fig.xpath("figcaption")[0].text_content() == "Lenin"


def test_q_and_quote_inline() -> None:
    doc = page('<p>a "<q>b</q>" <quote>c</quote></p>')
    assert [q.text for q in doc.xpath("//main//p/q")] == ["b", "c"]


def test_hi_rend() -> None:
    doc = page(
        '<p><hi rend="italic">i</hi><hi rend="letterspaced">s</hi><hi rend="superscript">2</hi></p>'
    )
    p = main_of(doc).xpath(".//p")[0]
    assert p.xpath("i")[0].text == "i" and p.xpath("sup")[0].text == "2"
    assert "rend-letterspaced" in p.xpath("span")[0].get("class")


def test_epigraph_byline_docdate_docauthor() -> None:
    doc = page(
        '<epigraph rend="centred"><p>Unite!</p></epigraph>'
        "<byline><docAuthor>Mao</docAuthor></byline>"
        '<docDate when="1948-10-17">17th of October, 1948</docDate>'
    )
    main = main_of(doc)
    assert main.xpath(".//div[contains(@class,'tei-epigraph')]/p")[0].text == "Unite!"
    assert "rend-centred" in main.xpath(".//div[contains(@class,'tei-epigraph')]")[0].get("class")
    assert main.xpath(".//p[contains(@class,'tei-byline')]/span")[0].text == "Mao"
    time_el = main.xpath(".//p[contains(@class,'tei-docDate')]/time")[0]
    assert time_el.get("datetime") == "1948-10-17" and time_el.text == "17th of October, 1948"


def test_closer_signed_dateline() -> None:
    doc = page(
        "<closer><signed>J. V. Stalin</signed>"
        '<dateline><date when="1924-12-17">December 17, 1924</date></dateline></closer>'
    )
    closer = doc.xpath("//main//div[contains(@class,'tei-closer')]")[0]
    assert closer.xpath("p[contains(@class,'tei-signed')]")[0].text == "J. V. Stalin"
    assert closer.xpath("p[contains(@class,'tei-dateline')]/time/@datetime") == ["1924-12-17"]


def test_figure_label_figdesc_credit() -> None:
    doc = page(
        "<figure><label>Photo:</label><figDesc>A rally.</figDesc>"
        '<note type="credit">AFP</note></figure>'
    )
    cap = doc.xpath("//main//figure/figcaption")[0]
    assert [p.text for p in cap.xpath("p")] == ["Photo:", "A rally.", "AFP"]
    assert cap.xpath("p[contains(@class,'credit')]")[0].text == "AFP"
    assert not doc.xpath("//section[contains(@class,'notes')]")


def test_milestone() -> None:
    assert page('<p>a</p><milestone unit="section" rend="- - -"/><p>b</p>').xpath(
        "//main//hr[contains(@class,'tei-milestone')]"
    )


def test_title_page_gives_h1_and_subtitle() -> None:
    doc = page(
        front='<titlePage><docTitle><titlePart type="main">Main</titlePart>'
        '<titlePart type="sub">Sub</titlePart></docTitle></titlePage>'
    )
    assert [h.text for h in doc.xpath("//h1")] == ["Main"]
    assert doc.xpath("//header//h1") and doc.xpath("//header//p[contains(@class,'subtitle')]")
    assert "Main" not in text_of(main_of(doc))


def test_h1_from_header_without_title_page() -> None:
    doc = page()
    h1 = doc.xpath("//h1")[0]
    assert h1.text == "Header Title" and "gen" in h1.get("class")


def test_navigation_div_is_a_nav_outside_main() -> None:
    doc = page(
        front='<div type="navigation"><list rend="menu"><item>Home</item></list></div>',
        back='<div type="navigation"><list rend="menu"><item>More</item></list></div>',
    )
    navs = doc.xpath("//body/nav")
    # folded in a <details>: out of the reading flow, one click away
    assert [text_of(n.xpath("details/div")[0]) for n in navs] == ["Home", "More"]
    assert [n.xpath("details/summary")[0].text for n in navs] == [
        "Menu of the source page (top), 1 entry",
        "Menu of the source page (bottom), 1 entry",
    ]
    assert not doc.xpath("//body/nav/details[@open]")
    assert len({n.get("aria-label") for n in navs}) == 2
    assert "Home" not in text_of(main_of(doc)) and "More" not in text_of(main_of(doc))
    assert doc.xpath("//body/nav[1]/following-sibling::main")
    assert doc.xpath("//body/main/following-sibling::nav")


def test_preface_div() -> None:
    doc = page(front='<div type="preface"><p>This edition</p></div>')
    assert main_of(doc).xpath(".//div[contains(@class,'div-preface')]/p")[0].text == "This edition"


# --- header: provenance panel ---------------------------------------------------------


def test_provenance_panel() -> None:
    panel = page().xpath("//footer/section[contains(@class,'provenance')]")[0]
    text = text_of(panel)
    assert "Selected Works, Vol. 4, FLP, 1965." in text
    assert panel.xpath(".//code[contains(@class,'sha256')]")[0].text == "ab12cd"
    assert "Encoded by rule: tei-pipeline" in text
    assert panel.xpath(".//dt")[0].text == "Normalization"
    assert "Kept as in the source." in text and "Free to read." in text


def test_header_text_not_in_reading_flow() -> None:
    doc = page(
        extra="<standOff><listPerson><person><persName>Hidden</persName></person>"
        "</listPerson></standOff>"
    )
    assert "Hidden" not in text_of(doc.xpath("//body")[0])
    assert "ab12cd" not in text_of(main_of(doc))


# --- notes ----------------------------------------------------------------------------


def test_footnote_marker_and_back_link() -> None:
    doc = page('<p>East.<note place="foot" n="1">Source: Stalin</note> More.</p>')
    sup = main_of(doc).xpath(".//p/sup[contains(@class,'noteref')]")[0]
    assert sup.get("id") == "fnref-1" and sup.xpath("a/@href") == ["#fn-1"]
    li = doc.xpath("//section[contains(@class,'notes')]//li")[0]
    assert li.get("id") == "fn-1"
    assert li.xpath("a[contains(@class,'backref')]/@href") == ["#fnref-1"]
    assert text_of(li.xpath("div")[0]) == "Source: Stalin"
    p = main_of(doc).xpath(".//p")[0]
    preview = p.xpath("sup/span[@class='note-preview']")[0]
    assert preview.get("aria-hidden") == "true" and text_of(preview) == "Note 1 Source: Stalin"
    drop(preview)
    assert text_of(p) == "East.1 More." and "gen" in sup.get("class")
    assert doc.xpath("//section[contains(@class,'notes')]/h2")


def test_footnote_ids_by_position_without_n() -> None:
    doc = page('<p>a<note place="foot">x</note>b<note place="foot">y</note></p>')
    assert doc.xpath("//ol[contains(@class,'footnotes')]/li/@id") == ["fn-1", "fn-2"]
    assert [a.text for a in doc.xpath("//sup/a")] == ["1", "2"]


def test_inline_editorial_note_in_brackets() -> None:
    doc = page('<p>the revolution <note type="editorial" place="inline">See the speech</note>.</p>')
    p = main_of(doc).xpath(".//p")[0]
    assert text_of(p) == "the revolution [See the speech]."
    assert not doc.xpath("//section[contains(@class,'notes')]")


def test_is_footnote_rules() -> None:
    root = tei(
        '<p><note place="foot">a</note><note>b</note><note place="inline">c</note></p>',
        back="<div><note>d</note></div>",
    )
    notes = list(root.iter(f"{{{TEI_NS}}}note"))
    assert [is_footnote(n) for n in notes] == [True, True, False, False]


# --- names and dates ------------------------------------------------------------------


def test_names_link_to_register_or_span() -> None:
    doc = page(
        '<p><persName ref="#mao-zedong">Mao</persName> in '
        '<placeName>Xibaipo</placeName> and <orgName ref="#cpc">CPC</orgName>, '
        '<persName ref="#unknown">Nobody</persName></p>',
        extra=STANDOFF,
    )
    p = main_of(doc).xpath(".//p")[0]
    person = p.xpath("a[contains(@class,'tei-persName')]")[0]
    assert person.get("href") == "names.html#mao-zedong" and person.get("id") == "m-mao-zedong"
    assert p.xpath("a[contains(@class,'tei-orgName')]/@href") == ["names.html#cpc"]
    assert p.xpath("span[contains(@class,'tei-placeName')]")[0].text == "Xibaipo"
    # a ref to no entry of the document: no link that would lead nowhere; the ref is kept
    unknown = p.xpath("span[contains(@class,'tei-persName')]")[0]
    assert unknown.text == "Nobody" and unknown.get("data-ref") == "#unknown"


def test_each_mention_has_its_own_id() -> None:
    doc = page(
        '<p xml:id="m-cpc"><orgName ref="#cpc">CPC</orgName>, <orgName ref="#cpc">the'
        ' Party</orgName>, <orgName ref="#cpc" xml:id="own">CPC</orgName>'
        '<note place="foot"><orgName ref="#cpc">CPC</orgName></note></p>',
        extra=STANDOFF,
    )
    ids = doc.xpath("//a[contains(@class,'tei-orgName')]/@id")
    # the TEI's own ids are kept and never taken by a generated one
    assert ids == ["m-cpc-2", "m-cpc-3", "own", "m-cpc-4"]
    assert doc.xpath("//p[@id='m-cpc']")


def test_rs_links_only_to_persons_places_orgs() -> None:
    doc = page(
        '<p><rs type="person" ref="#mao-zedong">the Chairman</rs> wrote '
        '<rs type="work" ref="#w1">a poem</rs></p>',
        extra=STANDOFF,
    )
    p = main_of(doc).xpath(".//p")[0]
    assert p.xpath("a[contains(@class,'tei-rs')]/@href") == ["names.html#mao-zedong"]
    assert p.xpath("span[contains(@class,'tei-rs')]/@data-ref") == ["#w1"]


def test_nested_names_are_not_nested_links() -> None:
    doc = page(
        '<p><orgName ref="#cpc">Communist Party of <placeName ref="#china">China'
        "</placeName></orgName></p>",
        extra=STANDOFF,
    )
    org = main_of(doc).xpath(".//p/a")[0]
    inner = org.xpath("span[contains(@class,'tei-placeName')]")[0]
    assert not doc.xpath("//a//a") and inner.get("id") == "m-china"


def test_no_link_inside_link() -> None:
    doc = page(
        '<p><ref target="https://example.org/">see <persName ref="#x">X</persName>'
        '<note place="foot">n</note></ref></p>'
    )
    assert not doc.xpath("//a//a")


def test_date_time_element() -> None:
    doc = page(
        '<p><date when="1948-11-01">1st of November</date> '
        '<date when="about 1900">c. 1900</date></p>'
    )
    p = main_of(doc).xpath(".//p")[0]
    assert p.xpath("time/@datetime") == ["1948-11-01"]
    assert p.xpath("span[contains(@class,'tei-date')]/@data-when") == ["about 1900"]
    # a dated date gets an id for the timeline; one without a usable value does not
    assert p.xpath("time/@id") == ["date-1"] and p.xpath("span/@id") == []


def test_date_spans_and_bounds() -> None:
    doc = page(
        '<p><date from="1864" to="1876">from 1864 to 1876</date>, '
        '<date notBefore="1980" notAfter="1989">the 1980\'s</date></p>'
    )
    spans = main_of(doc).xpath(".//p/span[contains(@class,'tei-date')]")
    assert [(s.get("data-from"), s.get("data-to"), s.get("id")) for s in spans[:1]] == [
        ("1864", "1876", "date-1")
    ]
    assert spans[1].get("data-notbefore") == "1980" and spans[1].get("id") == "date-2"


def test_num_keeps_words_and_value() -> None:
    doc = page("<p><num value=\"4300000\">4'300'000</num> and <num>many</num></p>")
    p = main_of(doc).xpath(".//p")[0]
    assert p.xpath("data/@value") == ["4300000"] and p.xpath("data")[0].text == "4'300'000"
    assert text_of(p) == "4'300'000 and many"


# --- unknown elements -------------------------------------------------------------------


def test_unknown_element_keeps_text_and_reports_once() -> None:
    reporter = Reporter()
    doc = page(
        '<p>a <foo>kept <hi rend="bold">bold</hi></foo> <foo>again</foo></p>'
        "<bar><p>block</p></bar>",
        reporter=reporter,
    )
    main = main_of(doc)
    assert [text_of(s) for s in main.xpath(".//span[@class='tei-foo']")] == ["kept bold", "again"]
    assert main.xpath(".//div[@class='tei-bar']/p")[0].text == "block"
    codes = [(d.code, d.detail.split(">")[0]) for d in reporter.diagnostics]
    assert codes == [("w-001", "<foo"), ("w-001", "<bar")]
    assert reporter.diagnostics[0].location.path == "case.xml"


# --- lossless: whole documents ------------------------------------------------------------


def alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def tei_reading_order(text_el: etree._Element) -> str:
    """Letters and digits of the TEI text; foot notes read at the end, in the order
    their markers come (notes inside notes after them), as the page shows them."""
    queue: list[etree._Element] = []

    def flow(el: etree._Element, top: bool) -> str:
        out = [el.text or ""] if top or not is_note(el) else []
        for child in el:
            if isinstance(child.tag, str):
                if is_note(child):
                    queue.append(child)
                else:
                    out.append(flow(child, False))
            out.append(child.tail or "")
        return "".join(out)

    def is_note(el: etree._Element) -> bool:
        return local_name(el.tag) == "note" and is_footnote(el)

    parts = [flow(text_el, True)]
    done = 0
    while done < len(queue):
        parts.append(flow(queue[done], True))
        done += 1
    return alnum("".join(parts))


def html_reading_order(raw: bytes) -> str:
    body = html.document_fromstring(raw).xpath("//body")[0]
    for node in body.xpath(".//footer | .//*[contains(concat(' ', @class, ' '), ' gen ')]"):
        if node.getparent() is not None:
            drop(node)
    bodies = body.xpath(".//section[contains(@class,'notes')]//div[contains(@class,'note-body')]")
    notes = "".join(alnum(n.text_content()) for n in bodies)
    for section in body.xpath(".//section[contains(@class,'notes')]"):
        drop(section)
    return alnum(body.text_content()) + notes


def check_lossless(path: Path) -> float:
    tree = etree.parse(str(path))
    start = time.perf_counter()
    raw = HtmlWriter().write(tree, Context(shown_as=str(path)))
    elapsed = time.perf_counter() - start
    text_el = tree.getroot().find(f"{{{TEI_NS}}}text")
    assert text_el is not None
    expected, got = tei_reading_order(text_el), html_reading_order(raw)
    if expected != got:
        k = next(
            (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
            min(len(expected), len(got)),
        )
        pytest.fail(
            f"{path.name}: text differs at {k}: TEI …{expected[max(0, k - 40) : k + 40]}… "
            f"HTML …{got[max(0, k - 40) : k + 40]}…"
        )
    return elapsed


@pytest.fixture(scope="session")
def built_tei(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("build")
    exe = VENV_BIN / "tei-pipeline"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tei_pipeline.cli"]
    subprocess.run(
        [*cmd, "build", str(REPO / "sources"), "-o", str(out), "-q"],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    files = sorted(out.rglob("*.xml"))
    assert files, "the build wrote no TEI"
    return files


def test_lossless_built_documents(built_tei: list[Path]) -> None:
    for path in built_tei:
        check_lossless(path)


def schnitzler_sample(count: int = 20) -> list[Path]:
    files = sorted(SCHNITZLER.glob("*.xml")) if SCHNITZLER.is_dir() else []
    step = max(1, len(files) // count)
    return files[::step][:count]


@pytest.mark.skipif(not schnitzler_sample(), reason=f"{SCHNITZLER} is missing")
@pytest.mark.parametrize("path", schnitzler_sample(), ids=lambda p: p.name)
def test_lossless_foreign_tei(path: Path) -> None:
    check_lossless(path)


def test_xml_lang_on_elements() -> None:
    doc = page(
        '<p>a <foreign xml:lang="lat">ibidem</foreign> <foreign xml:lang="esp">x</foreign></p>'
    )
    spans = main_of(doc).xpath(".//p/span")
    assert spans[0].get("lang") == "la"
    # not a language tag HTML accepts: kept as data, so the page stays valid
    assert spans[1].get("lang") is None and spans[1].get("data-lang") == "esp"


def test_script_only_where_it_does_something() -> None:
    assert not page().xpath("//script")
    with_note = page('<p>a<note place="foot">n</note></p>')
    assert "previews-closed" in with_note.xpath("//head/script")[0].text
    tree = etree.ElementTree(tei('<p>a<note place="foot">n</note></p>'))
    plain = html.document_fromstring(render_page(tree, None, PageOptions(note_previews=False)))
    assert not plain.xpath("//script") and not plain.xpath("//*[@class='note-preview']")
    linked = html.document_fromstring(
        render_page(tree, None, PageOptions(css_href="style.css", script_href="site.js"))
    )
    assert linked.xpath("//head/script/@src") == ["site.js"]
    assert linked.xpath("//head/link/@href") == ["style.css"] and not linked.xpath("//style")


def test_skip_link_first_and_pointing_at_main() -> None:
    doc = page('<p xml:id="text">clash</p>')
    skip = doc.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#" + doc.xpath("//main/@id")[0]
    assert doc.xpath("//main/@id") == ["text-2"] and doc.xpath("//p[@id='text']")


def test_title_of_the_item_not_of_the_series() -> None:
    header = HEADER.replace(
        '<title type="main">Header Title</title>',
        '<title level="s">The Series</title><title type="iso-date">1889'
        '</title><title level="a">A Letter, 2. 8. 1889</title>',
    )
    assert page(header=header).xpath("//head/title")[0].text == "A Letter, 2. 8. 1889"


def test_register_lists_in_back_are_folded_one_line_an_entry() -> None:
    doc = page(
        back='<listPerson><person xml:id="p1"><persName><surname>Bahr</surname>'
        '<forename>Hermann</forename></persName><birth><date when="1863-07-19">19. 7. '
        "1863</date></birth></person></listPerson>"
    )
    fold = main_of(doc).xpath(".//details[contains(@class,'register-list')]")[0]
    assert fold.xpath("summary")[0].text == "Persons named in this text (1)"
    line = fold.xpath("p[contains(@class,'entry-line')]")[0]
    assert line.get("id") == "p1" and text_of(line) == "BahrHermann19. 7. 1863"
    assert not line.xpath(".//time/@id")  # a life date is not a date of the text


def test_note_with_words_and_a_bibl_stays_one_paragraph() -> None:
    doc = page('<p>a<note place="foot">Printed in <bibl>Nr. 358</bibl> (1891).</note></p>')
    body = doc.xpath("//div[contains(@class,'note-body')]")[0]
    assert [c.tag for c in body] == ["p"] and text_of(body) == "Printed in Nr. 358 (1891)."


# --- linear time: counted steps, never timings (tests/support/steps.py) -----------------


def test_a_document_of_20000_paragraphs_renders() -> None:
    body = "".join(f"<p>Paragraph {i}.</p>\n" for i in range(20000))
    doc = html.document_fromstring(render_page(etree.ElementTree(tei(body))))
    paragraphs = main_of(doc).xpath(".//p")
    assert len(paragraphs) == 20000
    shown = [p.text for p in paragraphs[::4999]]
    assert shown == [f"Paragraph {k}." for k in range(0, 20000, 4999)]


def page_of_size(n: int) -> Callable[[], object]:
    data = demanding_tei(n)
    return lambda: render_page(etree.ElementTree(etree.fromstring(data)))


def site_pages_of_size(n: int) -> Callable[[], object]:
    data = demanding_tei(n)

    def work() -> object:
        docs = [("steps", etree.ElementTree(etree.fromstring(data)))]
        done = render_documents(docs, Reporter())
        return corpus_pages(done.summaries, done.entries)

    return work


@pytest.mark.parametrize("make", [page_of_size, site_pages_of_size], ids=["page", "site-pages"])
def test_rendering_takes_linear_steps(make: Callable[[int], Callable[[], object]]) -> None:
    # Four times the input: about four times the steps when linear, sixteen when quadratic.
    ratio = growth(make, 60)
    assert ratio < 4.6, f"4x the input took {ratio:.1f}x the steps"


def test_the_step_count_sees_a_quadratic_walk() -> None:
    # Near miss for the test above: a walk asking len() of the parent per child.
    def quadratic(n: int) -> Callable[[], object]:
        def work() -> object:
            parent = html.Element("div")
            for _ in range(n):
                etree.SubElement(parent, "p")
                len(parent)
            return parent

        return work

    assert growth(quadratic, 60) > 8


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "gen", "br", "b"]),
            st.integers(0, 3),
            st.sampled_from(["", " ", "word", " two words ", "\n  x", "long" * 9]),
        ),
        min_size=1,
        max_size=14,
    ),
    st.integers(1, 30),
)
def test_context_lines_read_once_match_one_walk_per_name(
    spec: list[tuple[str, int, str]], width: int
) -> None:
    # kwic reads each block once (corpus.Contexts) and collapses a window around the
    # name; kwic_walk walks the block for each name: the lines must be the same.
    block = html.Element("p")
    block.text = "start"
    open_els = [block]
    for kind, depth, words in spec:
        parent = open_els[min(depth, len(open_els) - 1)]
        el = etree.SubElement(parent, "span" if kind in ("a", "gen") else kind)
        if kind == "gen":
            el.set("class", "gen")
        el.text, el.tail = (None if kind == "br" else words), words
        open_els.append(el)
    contexts = Contexts()
    for node in block.iter():
        if node is not block:
            assert kwic(node, width, contexts) == kwic_walk(node, block, width)


def test_facsimile_shows_nothing_but_figures_keep_their_graphic() -> None:
    # A facsimile (TEI 11.1) is page images, not words: no empty block, no w-001;
    # near miss: a graphic in a figure of the text is still shown.
    reporter = Reporter()
    facsimile = '<facsimile><surface><graphic url="page-1.jpg"/></surface></facsimile>'
    doc = page(
        '<figure><graphic url="figure.jpg"/></figure>', reporter=reporter, header=HEADER + facsimile
    )
    assert not doc.xpath("//*[contains(@class, 'tei-facsimile')] | //*[@data-url='page-1.jpg']")
    assert doc.xpath("//figure//span[@class='tei-graphic']/@data-url") == ["figure.jpg"]
    assert [d.code for d in reporter.diagnostics] == []


def test_a_summary_as_json_is_what_asdict_gives() -> None:
    from dataclasses import asdict

    from tei_pipeline.writers.html.register_page import Entry
    from tei_pipeline.writers.html.summary import DateLine, DocSummary, MentionLine

    summary = DocSummary(
        name="a",
        authors=["B"],
        date_key=(1900, 1, 2),
        entries=[Entry("p1", "person", "Anne", ["A."], links=[("VIAF", "")], point=(1.5, 2.0))],
        header_refs=[("p1", "author")],
        mentions=[MentionLine("p1", "n1", ("before", "Anne", "after"))],
        dates=[DateLine("d1", "1900-01-02", "2 January", "high", None, ("", "x", ""))],
    )
    made = summary.to_json()
    assert made == asdict(summary)
    assert repr(made) == repr(asdict(summary))  # tuples stay tuples, as asdict leaves them
    assert made["entries"][0]["variants"] is not summary.entries[0].variants  # a copy
