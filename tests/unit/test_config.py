"""The sidecar: valid fields load; a wrong one is named with its file and line."""

import pytest

from tei_pipeline.config import Sidecar, load_sidecar
from tei_pipeline.errors import PipelineError


def write(tmp_path, text):
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults():
    side = Sidecar()
    assert side.language == "en" and side.authors == [] and side.editions == []


def test_full_sidecar(tmp_path):
    side = load_sidecar(
        write(
            tmp_path,
            'language = "de"\nlicence = "CC BY 4.0"\n'
            '[[editions]]\ntitle = "Erstdruck"\ndate = "1901"\n',
        ),
        "t.toml",
    )
    assert side.language == "de" and side.editions[0].title == "Erstdruck"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'language = "en"\nlicense = "x"\n',
            't.toml:2:1: error c-002: unknown field "license"; allowed fields are: title,',
        ),
        (
            '\n\nlanguage = "English"\n',
            't.toml:3:1: error c-002: field "language" must be a language tag',
        ),
        ('authors = "Jane"\n', 't.toml:1:1: error c-002: field "authors" '),
        (
            '[[editions]]\ntitle = "T"\nyear = 1901\n',
            't.toml:3:1: error c-002: unknown field "editions.0.year"; allowed fields are: title, author',  # noqa: E501
        ),
        ('language = "en\n', "t.toml:1:"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, text, expected):
    with pytest.raises(PipelineError) as raised:
        load_sidecar(write(tmp_path, text), "t.toml")
    line = raised.value.show()
    assert line.startswith(expected), line
    assert "\n" not in line
