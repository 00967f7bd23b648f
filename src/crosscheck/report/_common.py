"""What every renderer needs to say the same thing: verdict, locations, highlighted segments."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

from crosscheck.models import Claim, Evidence, Finding, FindingKind, Report, Span

SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
KINDS: tuple[str, ...] = get_args(FindingKind)

# Per kind: a short description and the help text SARIF rules and report legends show.
KIND_HELP: dict[str, tuple[str, str]] = {
    "title": (
        "Different titles or roles for the same person",
        "Two sources name the same person with titles or roles that cannot both be current.",
    ),
    "date": (
        "Different dates for the same event",
        "Two sources put the same event on different days, months or years.",
    ),
    "number": (
        "Different numbers for the same quantity",
        "Two sources state different values for the same count or amount.",
    ),
    "place": (
        "Different places for the same event",
        "Two sources locate the same event in different places.",
    ),
    "negation": (
        "One source denies what another affirms",
        "One source states that something happened and another that it did not.",
    ),
    "quote": (
        "The same quote worded or attributed differently",
        "Two sources quote the same remark with different words or a different speaker.",
    ),
    "statement": (
        "Contradictory statements",
        "The NLI model judges the two sentences to contradict each other.",
    ),
    "unsupported": (
        "A precise fact no source states",
        "The draft states a number, date or title that none of its sources states.",
    ),
}


def finite(value: object) -> float | None:
    """``value`` as a float when it is a finite number, else None (NaN from damaged weights, inf)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def score_text(score: float, digits: int = 2) -> str:
    """A score as text; a non-finite one says so instead of printing 'nan'."""
    value = finite(score)
    return "n/a" if value is None else f"{value:.{digits}f}"


def json_safe(value: object) -> object:
    """A copy of a JSON-ready document with every non-finite float replaced by null.

    Strict JSON has no NaN or Infinity; one such number makes the whole report unreadable.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value


def plural(count: int, word: str) -> str:
    """'1 article', '3 articles'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def verdict(report: Report) -> str:
    """The one-line conclusion every format ends with, so CI logs and readers agree.

    Factual contradictions, wording differences (a quote reworded) and unsupported
    draft facts are counted apart: "2 contradictions (1 high), 4 wording differences".
    """
    contradictions = [f for f in report.findings if f.kind != "unsupported" and not f.wording_only]
    wording = sum(1 for f in report.findings if f.wording_only)
    unsupported = sum(1 for f in report.findings if f.kind == "unsupported" and not f.wording_only)
    parts = []
    if contradictions:
        high = sum(1 for f in contradictions if f.severity == "high")
        parts.append(plural(len(contradictions), "contradiction") + (f" ({high} high)" if high else ""))
    if wording:
        parts.append(f"{wording} wording difference{'' if wording == 1 else 's'}")
    if unsupported:
        parts.append(plural(unsupported, "unsupported fact"))
    articles = plural(len(report.articles), "article")
    line = f"{', '.join(parts)} across {articles}" if parts else f"No contradictions found across {articles}"
    if report.skipped:
        line += f" ({plural(len(report.skipped), 'input')} skipped)"
    return line


def display_path(path: str) -> str:
    """The path as written, with forward slashes on every platform."""
    return path.replace("\\", "/")


@dataclass(frozen=True)
class Location:
    """Where a claim is: 1-based lines and columns, the end column exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def locate(claim: Claim) -> Location:
    article = claim.article
    line, column = article.line_column(claim.start)
    end_line, end_column = article.line_column(claim.end)
    return Location(display_path(article.path), line, column, end_line, end_column)


def segments(claim: Claim, spans: tuple[Span, ...]) -> list[tuple[str, bool]]:
    """The claim's text cut into (text, is_evidence) pieces, spans clipped to the sentence."""
    ranges = sorted(
        (max(span.start, claim.start), min(span.end, claim.end))
        for span in spans
        if span.end > claim.start and span.start < claim.end
    )
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text = claim.article.text
    pieces: list[tuple[str, bool]] = []
    cursor = claim.start
    for start, end in merged:
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < claim.end:
        pieces.append((text[cursor : claim.end], False))
    return pieces


def ordered_evidence(report: Report, finding: Finding) -> tuple[Evidence, ...]:
    """The finding's evidence with the draft's claim first, so a draft check points at the draft."""
    if not report.drafts:
        return finding.evidence
    return tuple(sorted(finding.evidence, key=lambda item: item.claim.article.id not in report.drafts))


def by_severity(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped high, medium, low, keeping the pipeline's order inside each group."""
    groups = [(severity, [f for f in findings if f.severity == severity]) for severity in SEVERITIES]
    return [(severity, items) for severity, items in groups if items]
