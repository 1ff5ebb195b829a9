"""suggest: name-like spans no register knows, counted, with the place of their first
occurrence; on small texts of our own and on the five samples."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from tei_pipeline.commands_suggest import suggest as suggest_command
from tei_pipeline.diagnostics import Location
from tei_pipeline.suggest import Candidate, suggest, table
from tests.conftest import REPO, sample_services

SOURCES = REPO / "sources"


def candidates(tmp_path: Path, text: str, name: str = "text.txt") -> dict[str, Candidate]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.text: c for c in suggest([(path, name)], sample_services())}


def test_unregistered_names_are_listed_with_count_and_first_place(tmp_path):
    found = candidates(tmp_path, "A Title\n\nThe letter went from Jenny Marx to Friedrich Adler.\n"
                                 "Later Friedrich Adler answered her.\n")
    assert found["Friedrich Adler"].count == 2
    first = found["Friedrich Adler"].first
    assert (first.path, first.line, first.column) == ("text.txt", 3, 36)
    assert "Jenny Marx" in found


def test_registered_names_and_words_inside_them_are_not_listed(tmp_path):
    found = candidates(tmp_path, "A Title\n\nThe speech of Comrade Mao Zedong in Moscow, "
                                 "with the Communist Party of China and J. V. Stalin.\n")
    assert not set(found) & {"Mao Zedong", "Moscow", "Communist Party of China", "China",
                             "J. V. Stalin", "Stalin", "Comrade", "Comrade Mao Zedong"}


def test_sentence_starts_months_weekdays_and_derived_words_are_not_names(tmp_path):
    found = candidates(tmp_path, "A Title\n\nUndoubtedly the plan failed. It failed on Monday, "
                                 "in December, under Leninism and Russian pressure. "
                                 "Undoubtedly it did. Therefore nothing.\n")
    assert found == {}


def test_a_word_capitalised_inside_sentences_is_a_candidate_even_where_it_begins_one(tmp_path):
    found = candidates(tmp_path, "A Title\n\nSmolny was taken. They met at Smolny.\n")
    assert found["Smolny"].count == 2


def test_title_case_lines_are_left_out(tmp_path):
    found = candidates(tmp_path, "A Title\n\nHuman Rights and Peace Process\n\nOn Religion\n\n"
                                 "A sentence naming Fidel and Ho Chi Minh here.\n")
    assert set(found) == {"Ho Chi Minh"}


def test_sorted_by_count_then_first_place(tmp_path):
    found = candidates(tmp_path, "A Title\n\nWe saw Dresden and Ho Chi Minh; then Ho Chi Minh "
                                 "again.\n")
    path = tmp_path / "text.txt"
    ordered = [c.text for c in suggest([(path, "text.txt")], sample_services())]
    assert ordered == ["Ho Chi Minh", "Dresden"]
    assert found["Dresden"].count == 1


def test_table_is_short_unless_all():
    many = [Candidate(f"Name{i}", 1, Location("x.txt", 1, 1)) for i in range(50)]
    short = table(many)
    assert len(short.splitlines()) == 1 + 40 + 1 and "10 more" in short
    assert len(table(many, None).splitlines()) == 51


# -- the five samples -------------------------------------------------------------------


def test_samples_list_the_unregistered_names_a_reader_would_review():
    texts = ((p, f"sources/{p.name}") for p in sorted(SOURCES.glob("*.txt")))
    found = {c.text: c for c in suggest(texts, sample_services())}
    # names and events the registers leave out on purpose, or do not know
    for expected in ("October Revolution", "November Revolution", "Second World War",
                     "Great November Socialist Revolution", "Chinese International Communists",
                     "Communist Manifesto", "Science"):
        assert expected in found, expected
    assert found["November Revolution"].count == 8
    first = found["Chinese International Communists"].first
    assert (first.path, first.line, first.column) == (
        "sources/chinese-socialists-2022-no-to-imperialist-invasion.txt", 4, 251)
    # registered names, sentence-initial words, months, dates and numbers are not listed
    for absent in ("Lenin", "Stalin", "Council Union", "Comrade", "Feb", "October", "Vol",
                   "Undoubtedly", "Thirdly", "Addressing", "Photo", "Eastern Europe"):
        assert absent not in found, absent


def test_command_prints_the_table_and_exits_0(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A Title\n\nThe letter went from Jenny Marx to Friedrich Adler.\n",
                    encoding="utf-8")
    assert isinstance(suggest_command, click.Command)
    result = CliRunner().invoke(suggest_command, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["count", "candidate", "first", "seen", "at"]
    assert any("Friedrich Adler" in line and "a.txt:3:" in line for line in lines)


def test_command_reports_a_missing_source_as_usage_error(tmp_path):
    result = CliRunner().invoke(suggest_command, [str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
