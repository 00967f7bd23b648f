"""Check a draft against its sources: only the draft's claims are on trial.

Source-versus-source disagreements are not the draft's fault, so they are left
out unless asked for; every finding's first claim is the draft's, so locations
(SARIF, GitHub annotations) point into the draft.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from crosscheck.config import Settings
from crosscheck.errors import InputError
from crosscheck.models import Finding, Report
from crosscheck.nli.base import NLIModel
from crosscheck.pipeline import Hooks, Input, judge_claims, prepare


def _draft_first(finding: Finding, draft_id: str) -> Finding:
    evidence = sorted(finding.evidence, key=lambda e: e.claim.article.id != draft_id)
    return dataclasses.replace(finding, evidence=tuple(evidence))


def draft(
    draft_input: str | Path,
    sources: Sequence[Input],
    settings: Settings | None = None,
    *,
    nli: NLIModel | None = None,
    include_sources: bool = False,
    unsupported: bool = True,
    stdin: TextIO | None = None,
    hooks: Hooks | None = None,
) -> Report:
    """Contradictions (and unsupported facts) of the draft relative to its sources."""
    from crosscheck.align import align
    from crosscheck.judge.unsupported import unsupported_findings

    settings = settings or Settings()
    hooks = hooks or Hooks()
    prepared = prepare([draft_input, *sources], settings, stdin=stdin, hooks=hooks)
    report = prepared.report
    draft_path = str(draft_input)
    draft_article = next((a for a in report.articles if a.path.split("#")[0] == draft_path), None)
    if draft_article is None:
        raise InputError("the draft could not be read as an article", path=draft_path)
    draft_id = draft_article.id
    with prepared.timer.stage("align"):
        pairs = align(prepared.claims)
    if not include_sources:
        pairs = [p for p in pairs if (p.first.article.id == draft_id) != (p.second.article.id == draft_id)]
    report = judge_claims(prepared, prepared.claims, pairs, settings, hooks, nli)
    findings = [
        f for f in report.findings if include_sources or any(c.article.id == draft_id for c in f.claims)
    ]
    findings = [_draft_first(f, draft_id) for f in findings]
    if unsupported and "unsupported" in settings.kinds:
        draft_claims = [c for c in prepared.claims if c.article.id == draft_id]
        source_claims = [c for c in prepared.claims if c.article.id != draft_id]
        findings += unsupported_findings(draft_claims, source_claims)
    report.findings = findings
    report.draft = draft_id
    report.stats["findings"] = len(findings)
    return report
