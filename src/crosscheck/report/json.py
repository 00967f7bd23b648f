"""The JSON report (schema ``crosscheck/report/v1``, see ``schema.json``): the machine-readable truth.

Deterministic so reports can be diffed and cached: fixed key order, floats rounded to 4
places, findings in the pipeline's order.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable
from pathlib import PurePath

from crosscheck.models import Claim, Report, Span
from crosscheck.report._common import SEVERITIES, display_path, json_safe, locate, verdict

SCHEMA_ID = "crosscheck/report/v1"


def _plain(value: object) -> object:
    """A JSON-safe copy of free-form model/stats values (paths, dates, tuples, floats)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    return str(value)


def _span(span: Span) -> dict[str, object]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _claim(claim: Claim, spans: tuple[Span, ...] = ()) -> dict[str, object]:
    where = locate(claim)
    attribution = claim.facts.attribution
    return {
        "article": claim.article.id,
        "path": where.path,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "attribution": attribution.source if attribution else None,
        "evidence": [_span(span) for span in spans],
    }


def _finite_only(build: Callable[[Report], dict[str, object]]) -> Callable[[Report], dict[str, object]]:
    """Strict JSON has no NaN: every float the document carries is finite or null."""

    @functools.wraps(build)
    def safe(report: Report) -> dict[str, object]:
        return json_safe(build(report))  # type: ignore[return-value]

    return safe


@_finite_only
def to_dict(report: Report) -> dict[str, object]:
    """The report as the v1 JSON document (plain dicts and lists, ready for ``json.dumps``)."""
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in report.findings:
        counts[finding.severity] += 1
    return {
        "schema": SCHEMA_ID,
        "drafts": list(report.drafts),
        "verdict": verdict(report),
        "summary": {"articles": len(report.articles), "findings": len(report.findings), **counts},
        "articles": [
            {
                "id": article.id,
                "path": display_path(article.path),
                "outlet": article.outlet,
                "title": article.title,
                "url": article.url,
                "published": article.published.isoformat() if article.published else None,
                "sentences": report.sentences.get(article.id, 0),
                "warnings": list(article.warnings),
            }
            for article in report.articles
        ],
        "findings": [
            {
                "id": finding.id,
                "kind": finding.kind,
                "rule": finding.rule,
                "severity": finding.severity,
                "score": round(finding.score, 4),
                "explanation": finding.explanation,
                "claims": [_claim(item.claim, item.spans) for item in finding.evidence],
            }
            for finding in report.findings
        ],
        "corroborations": [
            {
                "kind": corroboration.kind,
                "statement": corroboration.statement,
                "sources": corroboration.sources,
                "claims": [_claim(claim) for claim in corroboration.claims],
            }
            for corroboration in report.corroborations
        ],
        "skipped": [{"path": display_path(item.path), "problem": item.problem} for item in report.skipped],
        "syndicated": [
            {
                "article": item.article.id,
                "outlets": list(item.outlets),
                "similarity": round(item.similarity, 4),
                "copies": [{"id": copy.id, "path": display_path(copy.path)} for copy in item.copies],
            }
            for item in report.syndicated
        ],
        "model": _plain(report.model),
        "stats": _plain(report.stats),
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
