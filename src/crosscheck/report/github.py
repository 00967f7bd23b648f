"""GitHub Actions workflow commands: one annotation per finding on the article's line, then the verdict."""

from __future__ import annotations

from crosscheck.models import Report
from crosscheck.report._common import locate, ordered_evidence, verdict

COMMANDS = {"high": "error", "medium": "warning", "low": "notice"}


def escape_data(text: str) -> str:
    """The message part: GitHub decodes %25, %0D and %0A."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus ':' and ',' which would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        primary, *others = ordered_evidence(report, finding)
        where = locate(primary.claim)
        message = finding.explanation
        if others:
            message += " (vs " + ", ".join(str(locate(item.claim)) for item in others) + ")"
        properties = {
            "file": where.path,
            "line": where.line,
            "col": where.column,
            "endLine": where.end_line,
            "endColumn": where.end_column,
            "title": f"crosscheck {finding.kind}",
        }
        joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
        lines.append(f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}")
    lines.append(verdict(report))
    return "\n".join(lines) + "\n"
