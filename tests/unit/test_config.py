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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('date = "not a date"\n', 't.toml:1:1: error c-002: field "date" is "not a date", '),
        ('title = "T"\ndate = "1918-02-30"\n', 't.toml:2:1: error c-002: field "date" is '),
        (
            '[[editions]]\ntitle = "T"\ndate = "someday"\n',
            't.toml:3:1: error c-002: field "editions.0.date"',
        ),  # noqa: E501
        (
            'publisher = "a\\u0001b"\n',
            't.toml:1:15: error c-002: field "publisher" holds the control character U+0001',
        ),  # noqa: E501
        (
            'title = "T"\nlicence = "x\\U0000001Fy"\n',
            't.toml:2:13: error c-002: field "licence" holds the control character U+001F',
        ),  # noqa: E501
        (
            'authors = ["A", "B\\u0085"]\n',
            't.toml:1:19: error c-002: field "authors.1" holds the control character U+0085',
        ),  # noqa: E501
        (
            'title = "T\\u0007"\n',
            't.toml:1:11: error c-002: field "title" holds the control character U+0007',
        ),  # noqa: E501
    ],
)
def test_bad_dates_and_control_characters_are_errors(tmp_path, text, expected):
    with pytest.raises(PipelineError) as raised:
        load_sidecar(write(tmp_path, text), "t.toml")
    line = raised.value.show()
    assert line.startswith(expected), line
    assert "\n" not in line


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ('date = "1918-11-08"\n', "date", "1918-11-08"),
        ('date = "1918-11"\n', "date", "1918-11"),
        ('date = "8 November 1918"\n', "date", "8 November 1918"),
        ('publisher = "Caf\\u00e9\\tPress"\n', "publisher", "Caf\u00e9\tPress"),  # tab is text
        ("\ufeffpublisher = 'P'\n", "publisher", "P"),  # a byte order mark is read, not refused
    ],
)
def test_near_misses_load(tmp_path, text, field, value):
    assert getattr(load_sidecar(write(tmp_path, text), "t.toml"), field) == value


def test_a_bom_inside_the_file_is_still_not_toml(tmp_path):
    with pytest.raises(PipelineError) as raised:
        load_sidecar(write(tmp_path, 'title = "T"\n\ufeffdate = "1918"\n'), "t.toml")
    assert raised.value.show().startswith("t.toml:2:1: error c-001:")
