"""Judge aligned claims: the model decides whether two claims are the same claim.

Title and quote checks compare all articles at once (the evidence that a title is
outdated is spread over several). Every aligned pair past the documented
exemptions (``exemptions``) gets its typed difference (``slots``), the model's
answers on the original and the value-swapped pair (``signals``), and one verdict
(``verdict``) that becomes a finding (``conflicts``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from crosscheck.judge.conflicts import conflict_findings
from crosscheck.judge.corroborate import fact_corroborations
from crosscheck.judge.quotes import quote_findings
from crosscheck.judge.signals import candidates, gather, questions
from crosscheck.judge.titles import title_corroborations, title_findings
from crosscheck.judge.verdict import shipped
from crosscheck.models import SEVERITY_ORDER, Claim, ClaimPair, Corroboration, Finding
from crosscheck.nli.base import NLIModel

__all__ = ["JudgeResult", "judge", "nli_questions"]


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


def nli_questions(claims: Sequence[Claim], pairs: Sequence[ClaimPair]) -> list[tuple[str, str]]:
    """The (premise, hypothesis) pairs ``judge`` asks the model first for these claims, each
    candidate's original pair one way (what it asks next depends on the answers): scored ahead
    for many stories at once, they reach ``judge`` through the result cache."""
    found = candidates(claims, pairs)
    return questions(found).texts[: 2 * len(found) : 2]


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

    ``load_model`` is called only if some pair needs the model (None: title and
    quote checks only); ``on_scoring`` is told how many directed pairs will be scored.
    """
    findings = title_findings(claims) + quote_findings(claims)
    found = candidates(claims, pairs) if load_model is not None else []
    if found and load_model is not None:
        verdict = shipped()
        signals = gather(
            load_model(),
            found,
            progress,
            on_scoring,
            reachable=lambda pairs: [ceiling >= threshold for ceiling in verdict.ceilings(pairs)],
        )
        findings += conflict_findings(signals, verdict, threshold)
    findings = _unique(sorted(findings, key=_sort_key))
    if kinds is not None:
        findings = [f for f in findings if f.kind in kinds]
    corroborations = title_corroborations(claims) + fact_corroborations(claims)
    corroborations.sort(key=lambda c: (-c.sources, c.kind, c.statement))
    stats = {"pairs_aligned": len(pairs), "pairs_judged_by_nli": len(found)}
    return JudgeResult(findings, corroborations, stats)
