"""No format ever carries a non-finite number: NaN scores (damaged weights) become null or 'n/a'."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from crosscheck.models import Report
from crosscheck.report import FORMATS, render, to_dict


@pytest.fixture
def nan_report(report: Report) -> Report:
    scores = [float("nan"), float("inf"), -float("inf")]
    findings = [dataclasses.replace(f, score=s) for f, s in zip(report.findings, scores, strict=True)]
    return dataclasses.replace(
        report, findings=findings, stats={**report.stats, "rate": float("nan"), "n": [float("inf")]}
    )


def _strict(text: str) -> object:
    def refuse(constant: str) -> None:
        raise ValueError(f"non-finite number {constant} in JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_prints_nan_or_infinity(nan_report: Report, fmt: str) -> None:
    text = render(nan_report, fmt)
    if fmt in ("json", "sarif"):
        _strict(text)
    words = text.lower().replace("n/a", "")
    assert "nan" not in words.split() and "infinity" not in words and " inf" not in words


def test_json_scores_are_null_and_valid_against_the_schema(nan_report: Report) -> None:
    import jsonschema
    from tests.report.test_report_json import schema

    document = to_dict(nan_report)
    assert [f["score"] for f in document["findings"]] == [None, None, None]
    assert document["stats"]["rate"] is None and document["stats"]["n"] == [None]
    jsonschema.validate(document, schema())


def test_sarif_leaves_out_the_rank_of_a_non_finite_score(nan_report: Report) -> None:
    results = _strict(render(nan_report, "sarif"))["runs"][0]["results"]
    assert all("rank" not in result for result in results)
    assert all(result["properties"]["score"] is None for result in results)


def test_finite_scores_keep_their_rank(report: Report) -> None:
    results = _strict(render(report, "sarif"))["runs"][0]["results"]
    assert [r["rank"] for r in results] == [round(f.score * 100, 2) for f in report.findings]
    assert all(math.isfinite(r["rank"]) for r in results)
