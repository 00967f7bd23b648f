"""Check drafts against their sources: only the drafts' claims are on trial.

Source-versus-source disagreements are not a draft's fault, so they are left out
unless asked for, and drafts are not compared with each other; every finding's
first claim is the draft's, so locations (SARIF, GitHub annotations) point into
the draft. Several drafts may be checked at once (a pre-commit hook passes every
staged file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from crosscheck.config import Settings
from crosscheck.errors import InputError
from crosscheck.models import Article, Finding, Report
from crosscheck.nli.base import NLIModel
from crosscheck.pipeline import Hooks, Input, judge_claims, model_label, prepare


def _draft_first(finding: Finding, draft_ids: set[str]) -> Finding:
    evidence = sorted(finding.evidence, key=lambda e: e.claim.article.id not in draft_ids)
    return dataclasses.replace(finding, evidence=tuple(evidence))


def _draft_articles(articles: Sequence[Article], drafts: Sequence[str]) -> set[str]:
    from crosscheck.ingest import STDIN_PATH

    found = set()
    for draft_path in drafts:
        given = STDIN_PATH if draft_path == "-" else draft_path.rstrip("/")
        ids = {a.id for a in articles if _within(a.path.split("#")[0], given)}
        if not ids:
            raise InputError("the draft could not be read as an article", path=draft_path)
        found |= ids
    return found


def _within(path: str, given: str) -> bool:
    """The article came from the draft path itself, or from inside a draft folder."""
    return path == given or path.startswith(given + "/")


def draft(
    drafts: str | Path | Sequence[str | Path],
    sources: Sequence[Input],
    settings: Settings | None = None,
    *,
    nli: NLIModel | None = None,
    include_sources: bool = False,
    unsupported: bool = True,
    stdin: TextIO | None = None,
    hooks: Hooks | None = None,
) -> Report:
    """Contradictions (and unsupported facts) of the drafts relative to their sources."""
    from crosscheck.align import align
    from crosscheck.judge.support import support_findings
    from crosscheck.judge.unsupported import unsupported_findings
    from crosscheck.nli._registry import check_model_reference
    from crosscheck.pipeline import configured_model

    settings = settings or Settings()
    hooks = hooks or Hooks()
    draft_paths = [str(drafts)] if isinstance(drafts, (str, Path)) else [str(d) for d in drafts]
    if not sources:
        raise InputError("no sources given: name them with --source")
    prepared = prepare([*draft_paths, *sources], settings, stdin=stdin, hooks=hooks)
    draft_ids = _draft_articles(prepared.report.articles, draft_paths)
    if len(draft_ids) == len(prepared.report.articles):
        raise InputError(
            "none of the sources could be read as an article: nothing to check the draft against"
        )
    with prepared.timer.stage("align"):
        pairs = align(prepared.claims)
    if not include_sources:
        pairs = [p for p in pairs if (p.first.article.id in draft_ids) != (p.second.article.id in draft_ids)]
    given = nli is not None
    if nli is None:  # one model for the judge and the support check, loaded on first use
        check_model_reference(settings.model)
        nli = configured_model(settings)
    report = judge_claims(prepared, prepared.claims, pairs, settings, hooks, nli)
    report.model["name"] = model_label(settings, nli if given else None)
    findings = [
        _draft_first(f, draft_ids)
        for f in report.findings
        if include_sources or any(c.article.id in draft_ids for c in f.claims)
    ]
    if unsupported and "unsupported" in settings.kinds:
        source_claims = [c for c in prepared.claims if c.article.id not in draft_ids]
        for draft_id in sorted(draft_ids):
            draft_claims = [c for c in prepared.claims if c.article.id == draft_id]
            findings += unsupported_findings(draft_claims, source_claims)
            findings += support_findings(draft_claims, source_claims, nli)
    report.findings = findings
    report.drafts = sorted(draft_ids)
    report.stats["findings"] = len(findings)
    return report
