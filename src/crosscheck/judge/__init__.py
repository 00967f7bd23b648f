"""Judge aligned claims: typed fact checks first, the NLI model for the rest.

Typed checks (titles, dates, numbers, places, quotes) catch what NLI models
miss; the model is asked only about pairs no typed check settled and that could
contradict at all (see ``statements.worth_asking``), which keeps its call small.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from crosscheck.judge.corroborate import fact_corroborations
from crosscheck.judge.facts import (
    ArticleFacts,
    date_findings,
    negation_findings,
    number_findings,
    place_findings,
)
from crosscheck.judge.quotes import quote_findings
from crosscheck.judge.statements import score, statement_findings, worth_asking
from crosscheck.judge.titles import title_corroborations, title_findings
from crosscheck.models import SEVERITY_ORDER, Claim, ClaimPair, Corroboration, Finding
from crosscheck.nli.base import NLIModel

__all__ = ["JudgeResult", "judge"]


@dataclass
class JudgeResult:
    findings: list[Finding]
    corroborations: list[Corroboration]
    stats: dict[str, int] = field(default_factory=dict)


def _sort_key(finding: Finding) -> tuple[object, ...]:
    first = finding.evidence[0].claim
    return (
        -SEVERITY_ORDER[finding.severity],
        -finding.score,
        finding.kind,
        first.article.id,
        first.start,
        finding.id,
    )


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per id, and per kind and pair of evidence texts (several pairs can show one conflict)."""
    seen: set[object] = set()
    kept = []
    for finding in findings:
        shown = tuple(
            sorted((e.claim.article.id, tuple(s.text.lower() for s in e.spans)) for e in finding.evidence)
        )
        if finding.id in seen or (finding.kind, shown) in seen:
            continue
        seen.update({finding.id, (finding.kind, shown)})
        kept.append(finding)
    return kept


def judge(
    claims: Sequence[Claim],
    pairs: Sequence[ClaimPair],
    load_model: Callable[[], NLIModel] | None,
    *,
    threshold: float,
    kinds: Collection[str] | None = None,
    progress: Callable[[int], None] | None = None,
    on_scoring: Callable[[int], None] | None = None,
) -> JudgeResult:
    """Findings and corroborations for the claims.

    ``load_model`` is called only if some pair needs the model (None: typed checks
    only); ``on_scoring`` is told how many directed pairs will be scored first.
    """
    findings = title_findings(claims) + quote_findings(claims)
    index = ArticleFacts.of(claims)
    settled: set[tuple[int, int]] = set()
    for pair in pairs:
        typed = (
            date_findings(pair, index)
            + number_findings(pair, index)
            + place_findings(pair)
            + negation_findings(pair)
        )
        if typed:
            settled.add((id(pair.first), id(pair.second)))
            findings += typed
    ask = [p for p in pairs if (id(p.first), id(p.second)) not in settled and worth_asking(p)]
    scored = []
    if ask and load_model is not None:
        if on_scoring is not None:
            on_scoring(2 * len(ask))
        scored = score(load_model(), ask, progress)
        findings += statement_findings(scored, threshold, index)
    findings = _unique(sorted(findings, key=_sort_key))
    if kinds is not None:
        findings = [f for f in findings if f.kind in kinds]
    corroborations = title_corroborations(claims) + fact_corroborations(claims)
    corroborations.sort(key=lambda c: (-c.sources, c.kind, c.statement))
    stats = {"pairs_aligned": len(pairs), "pairs_judged_by_nli": len(ask) if load_model is not None else 0}
    return JudgeResult(findings, corroborations, stats)
