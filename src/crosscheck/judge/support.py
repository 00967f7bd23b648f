"""Draft claims no source supports (rule ``unsupported/not-entailed``).

A draft sentence often combines two source sentences ("Blinken met Wang in Munich,
where he warned against arming Russia"), so each draft claim is read against its
closest source sentences one by one and against the two closest together; it is
supported when the model says one of those premises entails it. Claims too short to
state anything are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.judge._common import make_finding
from crosscheck.models import Claim, Finding
from crosscheck.nli.base import ENTAILMENT, NLIModel

#: Entailment probability at which a premise supports a draft claim.
SUPPORTED = 0.5
#: Closest source sentences read as premises, alone; the two closest are also read together.
PREMISES = 3
#: Draft claims with fewer content words than this state too little to check.
MIN_CONTENT_WORDS = 6


@dataclass(frozen=True)
class Support:
    """How well the best premise supports one draft claim."""

    claim: Claim
    entailment: float
    premise: tuple[Claim, ...]


def supports(draft_claims: Sequence[Claim], source_claims: Sequence[Claim], model: NLIModel) -> list[Support]:
    """The best premise (one or two source sentences) for each checkable draft claim, in one batch."""
    from rapidfuzz import fuzz, process

    from crosscheck.align import normalize

    texts = [normalize(claim.text) for claim in source_claims]
    asked: list[tuple[Claim, tuple[Claim, ...]]] = []
    for claim in draft_claims:
        wording = normalize(claim.text)
        if len(wording.split()) < MIN_CONTENT_WORDS or not texts:
            continue
        closest = [
            source_claims[i]
            for _, _, i in process.extract(wording, texts, scorer=fuzz.token_set_ratio, limit=PREMISES)
        ]
        premises = [(c,) for c in closest]
        if len(closest) > 1:
            first, second = sorted(closest[:2], key=lambda c: (c.article.id, c.start))
            premises.append((first, second))
        asked += [(claim, premise) for premise in premises]
    scores = (
        model.predict([(" ".join(c.text for c in premise), claim.text) for claim, premise in asked])
        if asked
        else []
    )
    best: dict[int, Support] = {}
    for (claim, premise), score in zip(asked, scores, strict=True):
        entailment = score.get(ENTAILMENT, 0.0)
        if id(claim) not in best or entailment > best[id(claim)].entailment:
            best[id(claim)] = Support(claim, entailment, premise)
    return list(best.values())


def support_findings(
    draft_claims: Sequence[Claim], source_claims: Sequence[Claim], model: NLIModel
) -> list[Finding]:
    findings = []
    for item in supports(draft_claims, source_claims, model):
        if item.entailment >= SUPPORTED:
            continue
        closest = item.premise[0]
        text = (
            f"{item.claim.article.label}: no source sentence supports this claim (best entailment"
            f" {item.entailment:.2f}, from {closest.article.label})"
        )
        findings.append(
            make_finding(
                "unsupported/not-entailed",
                "unsupported",
                "low",
                1.0 - item.entailment,
                text,
                [(item.claim, []), *((c, []) for c in item.premise)],
            )
        )
    return findings
