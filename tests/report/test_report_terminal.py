from __future__ import annotations

import re

import pytest

from crosscheck.models import Report
from crosscheck.report import render

ANSI = re.compile(r"\x1b\[")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_plain_output_has_no_escape_codes_and_shows_both_sentences(report: Report) -> None:
    out = render(report, "rich", color=False, width=400)
    assert not ANSI.search(out)
    for finding in report.findings:
        for claim in finding.claims:
            assert claim.text in out
    assert "stories/wire.md:7:1" in out
    assert "stories/daily.txt:1:1" in out
    assert (
        out.rstrip("\n").splitlines()[-1] == "3 contradictions (1 high) across 2 articles (1 input skipped)"
    )


def test_none_color_means_plain(report: Report) -> None:
    assert not ANSI.search(render(report, "rich"))


def test_the_caller_decides_color_not_the_environment(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "30")
    assert not ANSI.search(render(report, "rich", color=False, width=200))
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI.search(render(report, "rich", color=True, width=200))
    assert max(len(line) for line in render(report, "rich", width=200).splitlines()) > 30


def test_findings_grouped_high_first_with_articles_corroborations_and_skips(report: Report) -> None:
    out = render(report, "rich", color=False, width=200)
    assert out.index("Articles") < out.index("HIGH") < out.index("MEDIUM") < out.index("LOW")
    assert "2023-02-19" in out
    assert "shot down on 2023-02-04" in out
    assert "stories/empty.html: no article text found" in out
    assert "evidence: Foreign Minister" in out


def test_narrow_plain_output_stacks_the_claims(report: Report) -> None:
    out = render(report, "rich", color=False, width=60)
    *body, last = out.rstrip("\n").splitlines()
    assert max(len(line.rstrip()) for line in body) <= 60
    assert "│" not in out
    flat = squash(out)
    for claim in report.findings[0].claims:
        assert squash(claim.text) in flat
    assert last == "3 contradictions (1 high) across 2 articles (1 input skipped)"


def test_wide_output_puts_claims_side_by_side(report: Report) -> None:
    out = render(report, "rich", color=False, width=160)
    first, second = (claim.text for claim in report.findings[0].claims)
    assert any(first[:30] in line and second[:30] in line for line in out.splitlines())


def test_color_output_highlights_only_the_evidence(report: Report) -> None:
    out = render(report, "rich", color=True, width=200)
    assert ANSI.search(out)
    lit = re.findall(r"\x1b\[([0-9;]*)m([^\x1b]+)", out)
    reversed_text = {text for codes, text in lit if "7" in codes.split(";")}
    assert {"Foreign Minister", "top diplomat", "Saturday", "Sunday", "Virginia"} <= reversed_text
    assert not any("Blinken" in text for text in reversed_text)
    assert "evidence:" not in out
