from __future__ import annotations

from crosscheck.models import Report
from crosscheck.report import render


def test_evidence_words_are_bold_inside_the_quotes(report: Report) -> None:
    out = render(report, "markdown")
    assert "Blinken met **Foreign Minister** Wang Yi on Saturday." in out
    assert "China's **top diplomat** Wang Yi" in out
    assert "on **Saturday**." in out


def test_markup_in_article_text_is_escaped(report: Report) -> None:
    out = render(report, "markdown")
    assert "**\\<object\\>**" in out
    assert "<object>" not in out
    assert "**Daily \\<News\\>**" in out


def test_table_lists_each_finding_with_locations(report: Report) -> None:
    lines = render(report, "markdown").splitlines()
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| #")]
    assert len(rows) == len(report.findings)
    assert rows[0].startswith("| 1 | high | title |")
    assert "`stories/wire.md:7:1`" in rows[0] and "`stories/daily.txt:1:1`" in rows[0]
    assert "\n" not in rows[1] and "disagree on the day" in rows[1]


def test_summary_corroborations_skips_and_verdict(report: Report) -> None:
    out = render(report, "markdown")
    assert out.startswith("## crosscheck: 3 contradictions (1 high)")
    assert "- 2 sources: shot down on 2023-02-04" in out
    assert "- `stories/empty.html`: no article text found" in out
    assert (
        out.rstrip().splitlines()[-1] == "**3 contradictions (1 high) across 2 articles (1 input skipped)**"
    )


def test_draft_claim_is_quoted_first(draft_report: Report) -> None:
    out = render(draft_report, "markdown")
    section = out[out.index("### 1. title") :]
    assert section.index("stories/daily.txt:1:1") < section.index("stories/wire.md:7:1")
