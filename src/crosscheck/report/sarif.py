"""SARIF 2.1.0, so code-scanning UIs (GitHub's among them) show findings on the article's lines.

One rule per finding kind, one result per finding. The primary location is the first claim,
or the draft's claim in a draft check, so an annotation lands on the text the author can fix.
Regions use the article text's offsets: exact for .txt/.md files (their text is the file).
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from crosscheck.models import Claim, Finding, Report
from crosscheck.report._common import (
    KIND_HELP,
    KINDS,
    display_path,
    finite,
    json_safe,
    locate,
    ordered_evidence,
    verdict,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"high": "error", "medium": "warning", "low": "note"}
#: the distribution's name on PyPI (pyproject's ``name``; the import and command are ``crosscheck``)
DISTRIBUTION = "crosscheck-news"


def _driver_metadata() -> dict[str, str]:
    """Version and home page from the installed package, so they never drift from pyproject."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return {"version": "0+unknown"}
    info = {"version": meta["Version"]}
    urls = [entry.split(",", 1)[-1].strip() for entry in meta.get_all("Project-URL") or []]
    homepage = meta.get("Home-page") or next(iter(urls), None)
    if homepage:
        info["informationUri"] = homepage
    return info


def artifact_uri(path: str) -> str:
    """A relative, forward-slash, percent-encoded URI; absolute paths are made relative to the cwd
    when inside it (where code scanning resolves them), else given as file:// URIs."""
    posix = display_path(path)
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if relative.startswith(".."):
            return Path(path).as_uri()
        posix = display_path(relative)
    return quote(posix, safe="/")


def _location(claim: Claim, *, message: str | None = None, index: int | None = None) -> dict[str, object]:
    where = locate(claim)
    location: dict[str, object] = {}
    if index is not None:
        location["id"] = index
    location["physicalLocation"] = {
        "artifactLocation": {"uri": artifact_uri(claim.article.path)},
        "region": {
            "startLine": where.line,
            "startColumn": where.column,
            "endLine": where.end_line,
            "endColumn": where.end_column,
            "charOffset": claim.start,
            "charLength": claim.end - claim.start,
            "snippet": {"text": claim.text},
        },
    }
    if message:
        location["message"] = {"text": message}
    return location


def _result(report: Report, finding: Finding) -> dict[str, object]:
    primary, *others = ordered_evidence(report, finding)
    result: dict[str, object] = {
        "ruleId": f"crosscheck/{finding.kind}",
        "ruleIndex": KINDS.index(finding.kind),
        "level": LEVELS[finding.severity],
        "message": {"text": finding.explanation},
        "locations": [_location(primary.claim)],
        "partialFingerprints": {"crosscheck/v1": finding.id},
        "properties": {"severity": finding.severity, "score": round(finding.score, 4), "rule": finding.rule},
    }
    if (score := finite(finding.score)) is not None:  # SARIF's rank is a number or absent
        result["rank"] = round(score * 100, 2)
    if others:
        result["relatedLocations"] = [
            _location(item.claim, index=number, message=f"{item.claim.article.label}: {item.claim.text}")
            for number, item in enumerate(others, 1)
        ]
    return result


def to_sarif(report: Report) -> dict[str, object]:
    rules = [
        {
            "id": f"crosscheck/{kind}",
            "name": kind,
            "shortDescription": {"text": short},
            "fullDescription": {"text": help_text},
            "help": {"text": help_text},
            "properties": {"tags": ["crosscheck", kind]},
        }
        for kind in KINDS
        for short, help_text in [KIND_HELP[kind]]
    ]
    driver = {"name": "crosscheck", **_driver_metadata(), "rules": rules}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(report, finding) for finding in report.findings],
                "properties": {"verdict": verdict(report), "drafts": list(report.drafts)},
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(json_safe(to_sarif(report)), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
