"""The README documents every command and option, and its examples name real commands."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from crosscheck import __all__ as public_names
from crosscheck.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "") -> dict:  # type: ignore[no-untyped-def]
    """Every leaf command of the typer app by its full name ("model info")."""
    found = {}
    for name, command in group.commands.items():
        full = f"{prefix} {name}".strip()
        if hasattr(command, "commands"):
            found.update(_commands(command, full))
        else:
            found[full] = command
    return found


COMMANDS = _commands(typer.main.get_command(app))  # type: ignore[arg-type]


def test_every_command_is_documented_with_an_example():
    assert set(COMMANDS) >= {"check", "draft", "eval", "config", "model info", "model prepare"}
    for name in COMMANDS:
        assert f"crosscheck {name}" in README, f"README does not show `crosscheck {name}`"
        assert "Example:" in (COMMANDS[name].help or ""), f"`crosscheck {name} --help` has no example"


def test_every_option_is_documented():
    for name, command in COMMANDS.items():
        for parameter in command.params:
            if parameter.param_type_name == "option":
                for flag in parameter.opts:
                    if flag.startswith("--") and flag != "--help":
                        assert flag in README, f"README does not document {flag} of `crosscheck {name}`"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    lines = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert lines[:2] == ["make demo", "make test"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make test"


def test_public_api_is_sorted_and_importable():
    import crosscheck

    assert list(public_names) == sorted(public_names)
    for name in public_names:
        assert hasattr(crosscheck, name)
