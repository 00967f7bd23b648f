from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from crosscheck.models import Report
from crosscheck.report import render, to_dict


def schema() -> dict:
    return json.loads(resources.files("crosscheck.report").joinpath("schema.json").read_text("utf-8"))


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_document_has_the_v1_shape(report: Report) -> None:
    doc = to_dict(report)
    assert doc["schema"] == "crosscheck/report/v1"
    assert list(doc)[:1] == ["schema"]
    assert {"articles", "findings", "corroborations", "skipped", "model", "stats"} <= set(doc)
    wire = doc["articles"][0]
    assert list(wire) == ["id", "path", "outlet", "title", "url", "published", "sentences", "warnings"]
    assert wire["published"] == "2023-02-19"
    assert [a["sentences"] for a in doc["articles"]] == [report.sentences["wire"], report.sentences["daily"]]
    assert doc["articles"][1]["path"] == "stories/daily.txt"
    assert doc["skipped"] == [{"path": "stories/empty.html", "problem": "no article text found"}]
    assert doc["corroborations"][0]["sources"] == 2


def test_claims_point_at_text_line_and_column(report: Report) -> None:
    doc = to_dict(report)
    assert [f["id"] for f in doc["findings"]] == [f.id for f in report.findings]
    for finding, source in zip(doc["findings"], report.findings, strict=True):
        assert len(finding["claims"]) == len(source.evidence)
        for claim, evidence in zip(finding["claims"], source.evidence, strict=True):
            text = evidence.claim.article.text
            assert text[claim["start"] : claim["end"]] == claim["text"]
            assert (claim["line"], claim["column"]) == line_and_column(text, claim["start"])
            assert (claim["end_line"], claim["end_column"]) == line_and_column(text, claim["end"])
            for span in claim["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]
                assert claim["start"] <= span["start"] < span["end"] <= claim["end"]
    assert doc["findings"][0]["claims"][0]["line"] == 7
    assert doc["findings"][0]["claims"][1]["attribution"] == "officials"


def test_floats_are_rounded_and_values_made_plain(report: Report) -> None:
    doc = to_dict(report)
    assert doc["findings"][0]["score"] == 0.9877
    assert doc["model"] == {
        "name": "fake-nli",
        "threshold": 0.1235,
        "labels": ["entailment", "contradiction"],
    }
    assert doc["stats"]["seconds"]["judge"] == 1.2346


@pytest.mark.parametrize("name", ["report", "draft_report", "empty_report"])
def test_document_validates_against_the_shipped_schema(name: str, request: pytest.FixtureRequest) -> None:
    doc = json.loads(render(request.getfixturevalue(name), "json"))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator(schema()).validate(doc)


def test_schema_rejects_a_claim_without_location(report: Report) -> None:
    doc = to_dict(report)
    del doc["findings"][0]["claims"][0]["line"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema()).validate(doc)


def test_output_is_deterministic(report: Report, draft_report: Report) -> None:
    first = render(report, "json")
    assert render(report, "json") == first
    assert json.loads(first) == to_dict(report)
    assert first.endswith("}\n")
    assert render(draft_report, "json") != first
    assert json.loads(render(draft_report, "json"))["drafts"] == ["daily"]
