"""End to end through the command line (click's CliRunner): exit codes,
one-line errors, atomic and idempotent output."""

from click.testing import CliRunner

from tei_pipeline.cli import main
from tests.conftest import REPO


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_writes_every_text_and_is_idempotent(sources, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(sources), "-o", str(out))
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (out / "tei").glob("*.xml"))
    assert built == sorted(p.stem + ".xml" for p in sources.glob("*.txt"))
    assert "5 of 5 texts converted." in result.output
    assert (out / "html" / "index.html").exists() and (out / "html" / "names.html").exists()
    assert (out / "epub" / "anthology.epub").exists()
    assert len(list((out / "epub").glob("*.epub"))) == len(built) + 1

    def snapshot() -> dict[str, tuple[bytes, int]]:
        return {
            str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in out.rglob("*")
            if p.is_file()
        }

    before = snapshot()
    again = run("build", str(sources), "-o", str(out))
    assert again.exit_code == 0 and "unchanged" in again.output
    assert "0 files changed" in again.output
    assert snapshot() == before  # same bytes, files not even rewritten


def test_a_bad_text_fails_alone_and_keeps_its_earlier_output(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(sources), "-o", str(out), "-q", "-f", "tei").exit_code == 0
    victim = sorted(sources.glob("*.txt"))[0]
    good = (out / "tei" / f"{victim.stem}.xml").read_bytes()
    victim.write_bytes(b"\n  \n")  # nothing to convert
    result = run("build", str(sources), "-o", str(out), "-q", "-f", "tei")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "r-002" in line]
    assert len(lines) == 1
    assert lines[0].endswith(
        f"{victim.name}:1:1: error r-002: the file holds no text; "
        "add the text, or remove the file from the sources"
    )
    assert "Traceback" not in result.output
    assert (out / "tei" / f"{victim.stem}.xml").read_bytes() == good
    assert not list((out / "tei").glob(".*.tmp"))


def test_a_bad_sidecar_is_one_line_with_file_and_line(sources, tmp_path):
    text = sorted(sources.glob("*.txt"))[0]
    text.with_suffix(".toml").write_text('language = "en"\ncolour = "red"\n', encoding="utf-8")
    result = run("convert", str(text))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert '.toml:2:1: error c-002: unknown field "colour"' in result.output


def test_convert_to_stdout_and_to_file(sources, tmp_path):
    text = sources / "workers-vanguard-2018-october-revolution.txt"
    result = run("convert", str(text))
    assert result.exit_code == 0
    assert result.output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI ')
    target = tmp_path / "wv.xml"
    assert run("convert", str(text), "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == result.output


def test_wrong_calls_exit_2(tmp_path):
    assert run("convert", str(tmp_path / "missing.txt")).exit_code == 2
    assert run("build", str(tmp_path / "nowhere")).exit_code == 2
    assert run("build", str(tmp_path)).exit_code == 2  # no .txt inside
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    result = run("convert", str(empty))
    assert result.exit_code == 1 and "r-002" in result.output


def test_help_explains(tmp_path):
    result = run("build", "--help")
    assert "Sidecar fields" in result.output and "licence" in result.output
    assert "exit status is 0 only when every text converted" in " ".join(result.output.split())


def test_render_html_of_a_built_document_and_of_foreign_tei(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(sources), "-o", str(out), "-q", "-f", "tei").exit_code == 0
    tei = out / "tei" / "workers-vanguard-2018-october-revolution.xml"
    result = run("render", str(tei), "--to", "html", "-o", str(tmp_path / "html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "html" / "workers-vanguard-2018-october-revolution.html").read_text(
        encoding="utf-8"
    )
    assert page.startswith("<!DOCTYPE html>") and "Speech on the International Situation" in page


def test_render_rejects_broken_xml_in_one_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><p>open\n', encoding="utf-8"
    )
    result = run("render", str(broken), "--to", "html", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.output.count("\n") == 1 and "r-005" in result.output and ":3:" in result.output
    )  # where the data ran out
    not_tei = tmp_path / "other.xml"
    not_tei.write_text("<html/>", encoding="utf-8")
    result = run("render", str(not_tei), "-o", str(tmp_path))
    assert result.exit_code == 1 and "r-006" in result.output


INVALID = REPO / "tests" / "fixtures" / "invalid"


def test_validate_accepts_the_worked_example_and_rejects_each_fixture(tmp_path):
    example = REPO.parent / "shared" / "examples" / "workers-vanguard-2018.xml"
    assert run("validate", str(example)).exit_code == 0
    result = run("validate", str(INVALID))
    assert result.exit_code == 1
    files = sorted(INVALID.glob("*.xml"))
    flagged = {
        line.split(":")[0].rsplit("/", 1)[-1]
        for line in result.output.splitlines()
        if ": error v-00" in line
    }
    assert flagged == {path.name for path in files}
    # each line names file:line:column
    assert all(line.count(":") >= 3 for line in result.output.splitlines() if "error v-" in line)


def test_validate_json_and_unreadable(tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<TEI", encoding="utf-8")
    result = run("validate", "--format", "json", str(bad))
    assert result.exit_code == 2
    assert '"code": "r-005"' in result.output


def test_render_epub(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(sources), "-o", str(out), "-q", "-f", "tei").exit_code == 0
    tei = out / "tei" / "mao-1948-revolutionary-forces-unite.xml"
    target = tmp_path / "mao.epub"
    assert run("render", str(tei), "--to", "epub", "-o", str(target)).exit_code == 0
    assert target.read_bytes()[30:58] == b"mimetypeapplication/epub+zip"


def test_a_sidecar_that_is_not_utf8_is_one_line(sources):
    text = sources / "workers-vanguard-2018-october-revolution.txt"
    text.with_suffix(".toml").write_bytes(b'language = "en"\npublisher = "Caf\xe9"\n')
    result = run("convert", str(text))
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        ".toml:2:17: error c-004: byte 0xe9 is not UTF-8; save it as UTF-8 and run again"
    )


def test_a_converter_bug_is_one_line_and_the_other_texts_still_build(
    sources, tmp_path, monkeypatch
):
    from tei_pipeline.transforms import notes

    def broken(self, doc, ctx):
        if "mao" in ctx.shown_as:
            raise RuntimeError("boom")

    monkeypatch.setattr(notes.NotesTransform, "apply", broken)
    out = tmp_path / "out"
    result = run("build", str(sources), "-o", str(out), "-q", "-f", "tei")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "x-001" in line]
    assert len(lines) == 1 and "internal error (RuntimeError: boom)" in lines[0]
    assert len(list((out / "tei").glob("*.xml"))) == 4
