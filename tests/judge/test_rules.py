from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from crosscheck.cli import app
from crosscheck.judge.rules import RULES, rule

JUDGE = Path(__file__).resolve().parents[2] / "src" / "crosscheck" / "judge"


def test_every_rule_code_is_unique_and_documented():
    assert len({r.code for r in RULES}) == len(RULES)
    for item in RULES:
        assert re.fullmatch(r"[a-z]+/[a-z-]+", item.code)
        assert item.summary and item.why and item.fires and item.silent


def test_every_rule_a_finding_can_name_is_registered():
    named = set()
    for path in JUDGE.rglob("*.py"):
        named |= set(
            re.findall(
                r'"((?:number|date|place|negation|statement|title|quote|unsupported)/[a-z-]+)"',
                path.read_text(),
            )
        )
    assert named and all(rule(code) for code in named)


def test_rules_command_lists_every_rule_and_explains_one():
    listing = CliRunner().invoke(app, ["rules"])
    assert listing.exit_code == 0 and all(r.code in listing.output for r in RULES)
    one = CliRunner().invoke(app, ["rules", "title/one-office-two-people"])
    assert one.exit_code == 0 and "Why:" in one.output and "spokesperson" in one.output
    assert CliRunner().invoke(app, ["rules", "no/such-rule"]).exit_code == 2
