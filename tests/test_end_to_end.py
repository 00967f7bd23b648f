"""End to end with the real bundled model, offline: fixtures/balloon, the drafts, and the seeds.

These load the embedded NLI model (built once into the cache); CI runs them, a developer can
skip them with ``-m "not slow"``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import check
from crosscheck.cli import app
from crosscheck.ingest import ingest
from crosscheck.models import Finding, Report

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BALLOON = ROOT / "fixtures" / "balloon"
DRAFTS = ROOT / "fixtures" / "drafts"
SEEDS = ROOT.parent / "shared" / "seeds"


def _side_matches(claim, side: dict) -> bool:  # type: ignore[no-untyped-def]
    text = " ".join(claim.text.split()).lower().replace("’", "'").replace("“", '"').replace("”", '"')
    return claim.article.id in side["articles"] and side["contains"].lower() in text


def matches(finding: Finding, entry: dict) -> bool:
    first, second = finding.claims[0], finding.claims[-1]
    return (_side_matches(first, entry["a"]) and _side_matches(second, entry["b"])) or (
        _side_matches(second, entry["a"]) and _side_matches(first, entry["b"])
    )


@pytest.fixture(scope="module")
def balloon() -> Report:
    return check([BALLOON])


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((BALLOON / "expected.json").read_text(encoding="utf-8"))


def test_wang_yi_title_discrepancy_is_reported_high(balloon, expected):
    entry = next(e for e in expected["findings"] if e["id"] == "wang-yi-title")
    found = [f for f in balloon.findings if matches(f, entry)]
    assert found, [f.explanation for f in balloon.findings]
    assert found[0].kind == "title" and found[0].severity == "high"
    assert "Wang Yi" in found[0].explanation
    assert balloon.findings.index(found[0]) < 3


def test_every_required_finding_is_reported(balloon, expected):
    for entry in expected["findings"]:
        if entry.get("required", True):
            assert any(matches(f, entry) for f in balloon.findings), entry["id"]


def test_no_trap_is_reported_above_its_allowed_severity(balloon, expected):
    order = {"low": 1, "medium": 2, "high": 3}
    for trap in expected["traps"]:
        for finding in balloon.findings:
            if matches(finding, trap):
                allowed = trap["max_severity"]
                assert allowed is not None and order[finding.severity] <= order[allowed], (
                    trap["id"],
                    finding.explanation,
                )


def test_surveillance_balloon_and_civilian_airship_are_not_a_contradiction(balloon):
    for finding in balloon.findings:
        texts = [c.text.lower() for c in finding.claims]
        assert not (any("surveillance" in t for t in texts) and any("airship" in t for t in texts)), (
            finding.explanation
        )


def test_the_shootdown_date_is_corroborated(balloon):
    statements = [c.statement for c in balloon.corroborations if c.kind == "date"]
    assert any("2023-02-04" in s for s in statements), statements


def test_cli_prints_the_report_on_the_fixtures():
    result = CliRunner().invoke(app, ["check", str(BALLOON)])
    assert result.exit_code == 0
    assert "Wang Yi" in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("across 5 articles")


@pytest.mark.parametrize(
    ("draft", "code", "line"),
    [
        ("wrong-title.md", 1, 7),
        ("wrong-date.md", 1, 11),
        ("wrong-number.md", 1, 11),
        ("faithful.md", 0, None),
    ],
)
def test_drafts_fail_on_wrong_facts_and_pass_when_faithful(draft, code, line):
    result = CliRunner().invoke(app, ["draft", str(DRAFTS / draft), "--source", str(BALLOON), "-f", "github"])
    assert result.exit_code == code, result.stdout
    if line is not None:
        # the most severe annotation (an error when the verdict is sure, else a warning) is on the line
        failing = [row for row in result.stdout.splitlines() if row.startswith(("::error", "::warning"))]
        assert failing and f"line={line}," in failing[0]


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles are not beside this checkout (../shared/seeds)"
)
def test_seed_articles_report_the_wang_yi_title_among_the_top_findings():
    dates = {
        "000": "2023-06-19",
        "001": "2023-02-18",
        "002": "2023-06-14",
        "003": "2023-02-19",
        "004": "2023-02-20",
    }
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        [article] = ingest([path]).articles
        articles.append(dataclasses.replace(article, published=dt.date.fromisoformat(dates[path.name[:3]])))
    report = check(articles)
    top = report.findings[:3]
    assert any(f.kind == "title" and "Wang Yi" in f.explanation for f in top), [
        f.explanation for f in report.findings
    ]
    assert not any(
        f.severity == "high" and any("airship" in c.text for c in f.claims) for f in report.findings
    )


def test_the_real_model_run_opens_no_network_connection(monkeypatch, tmp_path):
    import socket

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "cache"))  # converts the bundled model afresh
    report = check([BALLOON / "npr-2023-02-18.md", BALLOON / "dw-2023-02-19.md"])
    assert report.model["name"] == "crosscheck-news-nli"
    assert report.stats["pairs_judged_by_nli"] > 0


def test_same_json_twice_and_with_the_arguments_reversed():
    paths = sorted(str(p) for p in BALLOON.glob("*.md"))

    def run(args: list[str]) -> dict:
        result = CliRunner().invoke(app, ["check", *args, "--format", "json"])
        report = json.loads(result.stdout)
        report["stats"].pop("timings")
        return report

    first = run(paths)
    assert first == run(paths) == run(list(reversed(paths)))
