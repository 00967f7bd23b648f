from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest

from crosscheck.models import Report
from crosscheck.report import render
from crosscheck.report.sarif import DISTRIBUTION, artifact_uri

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def sarif(report: Report) -> dict:
    return json.loads(render(report, "sarif"))


@pytest.mark.parametrize("name", ["report", "draft_report", "empty_report"])
def test_validates_against_the_official_schema(name: str, request: pytest.FixtureRequest) -> None:
    log = sarif(request.getfixturevalue(name))
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message if errors else ""


def test_schema_is_strict_enough_to_catch_mistakes(report: Report) -> None:
    log = sarif(report)
    log["runs"][0]["results"][0]["level"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_driver_rules_and_levels(report: Report) -> None:
    log = sarif(report)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "crosscheck" and driver["version"] == metadata.version(DISTRIBUTION)
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(set(rule_ids)) == len(rule_ids) and "crosscheck/title" in rule_ids
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f"crosscheck/{f.kind}" for f in report.findings]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert [r["message"]["text"] for r in results] == [f.explanation for f in report.findings]
    assert [r["partialFingerprints"]["crosscheck/v1"] for r in results] == [f.id for f in report.findings]


def test_locations_point_at_the_claims(report: Report) -> None:
    result = sarif(report)["runs"][0]["results"][0]
    (primary,) = result["locations"]
    physical = primary["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "stories/wire.md"
    region = physical["region"]
    wire = report.articles[0].text
    start = region["charOffset"]
    assert wire[start : start + region["charLength"]] == region["snippet"]["text"]
    assert region["snippet"]["text"] == "Blinken met Foreign Minister Wang Yi on Saturday."
    assert wire.splitlines()[region["startLine"] - 1].startswith(region["snippet"]["text"])
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
        7,
        1,
        7,
        50,
    )
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "stories/daily.txt"
    assert related["physicalLocation"]["region"]["startLine"] == 1


def test_draft_check_puts_the_draft_claim_first(draft_report: Report) -> None:
    results = sarif(draft_report)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == ["stories/daily.txt"] * len(results)
    assert (
        results[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stories/wire.md"
    )
    assert "relatedLocations" not in results[-1]
    assert results[-1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_artifact_uris_are_relative_and_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("news\\my story.md") == "news/my%20story.md"
    assert artifact_uri(str(tmp_path / "a" / "b.txt")) == "a/b.txt"
    outside = tmp_path.parent / "elsewhere.txt"
    assert artifact_uri(str(outside)) == outside.as_uri()


def test_the_driver_reads_the_distribution_pyproject_names():
    import re
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^name = "([^"]+)"', pyproject, re.MULTILINE).group(1) == DISTRIBUTION
