from __future__ import annotations

import pytest

from crosscheck.errors import UsageError
from crosscheck.models import Report
from crosscheck.report import FORMATS, render, verdict


def test_formats_are_the_documented_six() -> None:
    assert FORMATS == ("rich", "json", "markdown", "html", "sarif", "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_single_claim_findings(fmt: str, draft_report: Report) -> None:
    out = render(draft_report, fmt)
    assert out.endswith("\n")
    assert "No source states that 50% of debris was found." in out.replace("50%25", "50%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_report_says_nothing_was_found(fmt: str, empty_report: Report) -> None:
    assert "No contradictions found across 2 articles" in render(empty_report, fmt)


def test_unknown_format_is_a_usage_error(report: Report) -> None:
    with pytest.raises(UsageError, match="pdf"):
        render(report, "pdf")


def test_verdict_counts_contradictions_and_unsupported_facts(
    report: Report, draft_report: Report, empty_report: Report
) -> None:
    assert verdict(report) == "3 contradictions (1 high) across 2 articles (1 input skipped)"
    assert verdict(draft_report) == "3 contradictions (1 high), 1 unsupported fact across 2 articles"
    assert verdict(empty_report) == "No contradictions found across 2 articles"
    one = Report(articles=report.articles[:1], findings=report.findings[1:2])
    assert verdict(one) == "1 contradiction across 1 article"
