"""`tei-pipeline --help` lists every command with a whole sentence (click cuts a
long first line of the docstring to "..." unless a command says its own
short help), and each command's --help starts with what it does."""

from __future__ import annotations

from click.testing import CliRunner

from tei_pipeline.cli import main


def test_the_command_list_gives_whole_sentences() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    listing = result.output.split("Commands:", 1)[1].strip().splitlines()
    assert {line.split()[0] for line in listing} == set(main.commands)
    for line in listing:
        assert line.rstrip().endswith(".") and "..." not in line, line


def test_each_command_explains_itself() -> None:
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"], terminal_width=80)
        assert result.exit_code == 0, name
        assert result.output.startswith(f"Usage: main {name}") or f" {name} " in result.output
        assert len(result.output.split("\n\n", 2)[1].split()) >= 5, name  # a sentence, not a word
