"""The Markdown report, for pull-request comments: a table to scan, then each finding's quotes."""

from __future__ import annotations

import re

from crosscheck.models import Evidence, Report
from crosscheck.report._common import (
    display_path,
    locate,
    ordered_evidence,
    plural,
    score_text,
    segments,
    verdict,
)

# CommonMark's backslash escapes for characters that would start markup or HTML mid-line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text that renders literally: markup characters escaped, newlines folded to spaces."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def _bold(text: str) -> str:
    """Bold that renders even when the span has edge spaces (``** x**`` would not)."""
    core = text.strip()
    if not core:
        return escape(text)
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return f"{lead}**{escape(core)}**{trail}"


def _quote(item: Evidence) -> str:
    text = "".join(_bold(piece) if lit else escape(piece) for piece, lit in segments(item.claim, item.spans))
    source = f"**{escape(item.claim.article.label)}** (`{locate(item.claim)}`)"
    who = item.claim.source_as_written
    said = f", according to {escape(who)}" if who else ""
    return f"> {source}{said}: {text}"


def render(report: Report) -> str:
    lines = [f"## crosscheck: {escape(verdict(report))}", ""]
    if report.findings:
        lines += ["| # | Severity | Kind | Explanation | Locations |", "|---|---|---|---|---|"]
        for number, finding in enumerate(report.findings, 1):
            where = "<br>".join(f"`{locate(item.claim)}`" for item in ordered_evidence(report, finding))
            explanation = escape(finding.explanation)
            lines.append(f"| {number} | {finding.severity} | {finding.kind} | {explanation} | {where} |")
        lines.append("")
        for number, finding in enumerate(report.findings, 1):
            lines += [
                f"### {number}. {finding.kind} ({finding.severity}, score {score_text(finding.score)}, rule `{finding.rule}`)",
                "",
                escape(finding.explanation),
                "",
            ]
            for item in ordered_evidence(report, finding):
                lines += [_quote(item), ""]
    if report.corroborations:
        lines += ["### Corroborated", ""]
        for item in report.corroborations:
            where = ", ".join(f"`{locate(claim)}`" for claim in item.claims)
            lines.append(f"- {plural(item.sources, 'source')}: {escape(item.statement)} ({where})")
        lines.append("")
    if report.skipped:
        lines += ["### Skipped inputs", ""]
        lines += [f"- `{display_path(item.path)}`: {escape(item.problem)}" for item in report.skipped]
        lines.append("")
    lines.append(f"**{escape(verdict(report))}**")
    return "\n".join(lines) + "\n"
