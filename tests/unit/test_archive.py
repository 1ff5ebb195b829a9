"""The `archive` command: a BagIt bag of a build, its teiCorpus and build record, and --check."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from tei_pipeline.archive.bag import bag_size
from tei_pipeline.archive.corpus import prefix_ids
from tei_pipeline.cli import main
from tei_pipeline.diagnostics import CODES
from tests.conftest import REPO, TEI_ALL_RNG
from tests.support.cases import read_cases

CASES = REPO / "tests" / "fixtures" / "archive" / "prefix-ids.cases"
TEXTS = ("mao-1948-revolutionary-forces-unite", "stalin-1924-october-revolution-world-revolution")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env or {"SOURCE_DATE_EPOCH": ""})


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sample texts and the registers, built into <tmp>/output."""
    root = tmp_path_factory.mktemp("archive")
    shutil.copy(REPO / "tei-pipeline.toml", root)  # the sample project: its publisher
    sources = root / "sources"
    shutil.copytree(REPO / "sources" / "registers", sources / "registers")
    for stem in TEXTS:
        for suffix in (".txt", ".toml"):
            shutil.copy(REPO / "sources" / f"{stem}{suffix}", sources)
    result = run("build", str(sources), "-o", str(root / "output"), "-q")
    assert result.exit_code == 0, result.output
    return root


def archive(build: Path, bag: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    return run(
        "archive",
        str(build / "output"),
        "--sources",
        str(build / "sources"),
        "-o",
        str(bag),
        *extra,
        env=env,
    )


@pytest.fixture(scope="module")
def bag(build: Path) -> Path:
    result = archive(build, build / "bag")
    assert result.exit_code == 0, result.output
    return build / "bag"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def info_of(bag: Path) -> dict[str, str]:
    lines = (bag / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines)


def test_bag_holds_sources_tei_corpus_schema_site_books_and_record(bag: Path) -> None:
    names = set(files_of(bag / "data"))
    for stem in TEXTS:
        assert {
            f"sources/{stem}.txt",
            f"sources/{stem}.toml",
            f"tei/{stem}.xml",
            f"html/{stem}.html",
            f"epub/{stem}.epub",
        } <= names
    assert {
        "sources/registers/persons.xml",
        "corpus.xml",
        "build-record.json",
        "schema/tei-pipeline.odd",
        "schema/tei-pipeline.xsd",
        "schema/tei-pipeline.sch",
        "html/index.html",
        "html/timeline.html",
        "epub/anthology.epub",
    } <= names
    assert (
        bag / "bagit.txt"
    ).read_text() == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    assert {p.name for p in bag.iterdir()} == {
        "bagit.txt",
        "bag-info.txt",
        "data",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    }


def test_bagit_validates_the_bag(bag: Path) -> None:
    bagit.Bag(str(bag)).validate()
    script = Path(sys.executable).with_name("bagit.py")  # the package's own command line
    done = subprocess.run(
        [sys.executable, str(script), "--validate", str(bag)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "is valid" in done.stderr


def test_bag_info_fields(bag: Path, build: Path) -> None:
    info = info_of(bag)
    payload = files_of(bag / "data")
    assert info["Payload-Oxum"] == f"{sum(map(len, payload.values()))}.{len(payload)}"
    assert info["Bag-Size"] == bag_size(sum(map(len, payload.values())))
    assert info["Source-Organization"] == "The tei-pipeline sample corpus"  # what the TEI names
    # the latest date in the two headers: the sidecars say the editions' dates
    assert info["Bagging-Date"] == "2023-01-01"
    assert "2 texts as TEI P5" in info["External-Description"]


def test_bag_sizes_read_as_people_write_them() -> None:
    assert [bag_size(n) for n in (0, 999, 1000, 648_000, 2_500_000)] == [
        "0 bytes",
        "999 bytes",
        "1.0 KB",
        "648.0 KB",
        "2.5 MB",
    ]


def test_two_runs_give_the_same_bytes_and_the_date_comes_from_source_date_epoch(
    bag: Path, build: Path
) -> None:
    again = build / "again"
    assert archive(build, again).exit_code == 0
    assert files_of(again) == files_of(bag)
    dated = build / "dated"
    assert archive(build, dated, env={"SOURCE_DATE_EPOCH": "1700000000"}).exit_code == 0
    assert info_of(dated)["Bagging-Date"] == "2023-11-14"
    assert files_of(dated / "data") != files_of(bag / "data")  # the corpus header's date too


def test_project_file_names_the_project_and_publisher(build: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(build / "sources", sources)
    (sources / "tei-pipeline.toml").write_text(
        'name = "October Texts"\npublisher = "Red Archive Press"\n', encoding="utf-8"
    )
    result = run(
        "archive", str(build / "output"), "--sources", str(sources), "-o", str(tmp_path / "bag")
    )
    assert result.exit_code == 0, result.output
    info = info_of(tmp_path / "bag")
    assert info["Source-Organization"] == "Red Archive Press"
    assert info["External-Description"].startswith("October Texts: ")
    assert (tmp_path / "bag" / "data" / "tei-pipeline.toml").exists()  # data/ is a project
    corpus = etree.parse(str(tmp_path / "bag" / "data" / "corpus.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert (
        corpus.xpath("string(/t:teiCorpus/t:teiHeader//t:titleStmt/t:title)", namespaces=ns)
        == "October Texts"
    )


def test_check_finds_one_changed_byte(bag: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(bag, copy)
    assert run("archive", "--check", str(copy)).exit_code == 0
    target = copy / "data" / "tei" / f"{TEXTS[0]}.xml"
    data = bytearray(target.read_bytes())
    data[500] ^= 0x01
    target.write_bytes(bytes(data))
    result = run("archive", "--check", str(copy))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{copy}/data/tei/{TEXTS[0]}.xml: error a-003: "
        f"{CODES['a-003'].message}; {CODES['a-003'].hint}"
    ]


def test_check_near_miss_a_touched_but_unchanged_file_is_fine(bag: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(bag, copy)
    target = copy / "data" / "html" / "index.html"
    target.write_bytes(target.read_bytes())  # new mtime, same bytes
    assert run("archive", "--check", str(copy)).exit_code == 0


def test_check_names_every_missing_added_and_changed_file(bag: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(bag, copy)
    (copy / "data" / "html" / "names.html").unlink()
    (copy / "data" / "notes.txt").write_text("added later\n")
    with (copy / "bag-info.txt").open("a") as stream:
        stream.write("Contact-Name: someone\n")
    (copy / "data" / "sources" / f"{TEXTS[1]}.txt").write_text("another text\n")
    result = run("archive", "--check", str(copy))
    assert result.exit_code == 1
    found = [
        (line.split(": ")[0].removeprefix(f"{copy}/"), line.split()[2].rstrip(":"))
        for line in result.stdout.splitlines()
    ]
    assert found == [
        ("bag-info.txt", "a-003"),
        ("data/html/names.html", "a-004"),
        ("data/notes.txt", "a-005"),
        (f"data/sources/{TEXTS[1]}.txt", "a-003"),
    ]


def test_check_of_a_folder_that_is_not_a_bag(tmp_path: Path) -> None:
    result = run("archive", "--check", str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"{tmp_path}: error a-007: {CODES['a-007'].message}; "
        f"{CODES['a-007'].hint}"
    )


def test_never_overwrites_a_folder_that_is_not_a_bag(build: Path, tmp_path: Path) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "letter.txt").write_text("mine\n")
    result = archive(build, keep)
    assert result.exit_code == 2
    assert "a-002" in result.stderr and "Traceback" not in result.output
    assert files_of(keep) == {"letter.txt": b"mine\n"}


def test_replaces_an_earlier_bag_and_fills_an_empty_folder(build: Path, tmp_path: Path) -> None:
    target = tmp_path / "bag"
    target.mkdir()
    assert archive(build, target).exit_code == 0
    (target / "data" / "stale.txt").write_text("from before\n")
    assert archive(build, target).exit_code == 0
    assert not (target / "data" / "stale.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_refuses_a_bag_inside_what_it_archives(build: Path) -> None:
    result = archive(build, build / "output" / "bag")
    assert result.exit_code == 2
    assert "a-002" in result.stderr and "inside" in result.stderr
    assert not (build / "output" / "bag").exists()


def test_not_a_build(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()  # a folder, but not a build: no tei/
    result = run("archive", str(tmp_path / "site"), "-o", str(tmp_path / "bag"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'site'}: error a-001: ")


def test_tei_made_from_another_version_of_its_source(build: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(build / "sources", sources)
    text = sources / f"{TEXTS[0]}.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    result = run(
        "archive", str(build / "output"), "--sources", str(sources), "-o", str(tmp_path / "bag")
    )
    assert result.exit_code == 1
    assert (
        "a-006" in result.stderr and f"another version of sources/{TEXTS[0]}.txt" in result.stderr
    )
    assert not (tmp_path / "bag").exists()


def test_build_record_lists_inputs_with_sha256_and_what_came_from_what(bag: Path) -> None:
    data = bag / "data"
    record = json.loads((data / "build-record.json").read_text(encoding="utf-8"))
    assert record["tool"]["name"] == "tei-pipeline"
    assert {"lxml", "bagit", "libxml2"} <= set(record["libraries"])
    inputs = {entry["path"]: entry for entry in record["inputs"]}
    text = f"sources/{TEXTS[0]}.txt"
    assert inputs[text]["sha256"] == hashlib.sha256((data / text).read_bytes()).hexdigest()
    outputs = {entry["path"]: entry["made_from"] for entry in record["outputs"]}
    assert f"sources/{TEXTS[0]}.toml" in outputs[f"tei/{TEXTS[0]}.xml"]
    assert "sources/registers/persons.xml" in outputs[f"tei/{TEXTS[0]}.xml"]
    assert outputs[f"epub/{TEXTS[0]}.epub"] == [f"tei/{TEXTS[0]}.xml"]
    assert outputs["corpus.xml"] == sorted(f"tei/{s}.xml" for s in TEXTS)
    assert outputs["html/style.css"] == []  # the tool's own file
    assert outputs["html/pagefind/s0/pagefind.js"] == []  # Pagefind's own code
    index = outputs["html/index.html"]
    assert outputs["html/pagefind/s0/offline.js"] == index == outputs["corpus.xml"]
    assert outputs["html/pagefind/shards.js"] == index  # near miss: a .js made from the texts


def test_corpus_gathers_every_tei_with_unique_ids(bag: Path) -> None:
    corpus = etree.parse(str(bag / "data" / "corpus.xml"))  # the parser rejects duplicate ids
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert corpus.getroot().tag == "{http://www.tei-c.org/ns/1.0}teiCorpus"
    assert corpus.xpath("/t:teiCorpus/t:TEI/@xml:id", namespaces=ns) == list(TEXTS)
    ids = set(corpus.xpath("//@xml:id", namespaces=ns))
    pointers = [
        v[1:]
        for v in corpus.xpath("//@ref | //@target | //@who", namespaces=ns)
        if v.startswith("#")
    ]
    assert pointers and all(p in ids for p in pointers)


@pytest.mark.checker
def test_corpus_is_valid_against_tei_all(bag: Path) -> None:
    jing = shutil.which("jing")
    if jing is None or not TEI_ALL_RNG.exists():
        pytest.skip("jing or tei_all.rng not installed (run `make tools`)")
    done = subprocess.run(
        [jing, str(TEI_ALL_RNG), str(bag / "data" / "corpus.xml")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    ("title", "line", "source", "expected"),
    read_cases(CASES),
    ids=[f"{CASES.name}:{line}" for _, line, _, _ in read_cases(CASES)],
)
def test_prefix_ids(title: str, line: int, source: str, expected: str) -> None:
    document = etree.fromstring(source)
    prefix_ids(document, "d1")
    assert etree.tostring(document, encoding="unicode") == expected, title
