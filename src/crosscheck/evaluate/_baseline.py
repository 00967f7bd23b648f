"""The naive baseline crosscheck must beat: NLI on every aligned pair, nothing else.

Claims are stripped of their facts before alignment, so no entity bonus, no
typed check, no attribution and no publication-date gating play a part; both
directions are scored and averaged, and every pair at or above one threshold is
a "statement" finding. It has no notion of wording versus fact, so every
finding is medium severity.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.align import align
from crosscheck.models import Claim, Evidence, Finding
from crosscheck.nli.base import CONTRADICTION, NLIModel


def baseline_findings(claims: Sequence[Claim], model: NLIModel, threshold: float) -> list[Finding]:
    """Statement findings for every aligned pair the model calls a contradiction."""
    bare = [Claim(claim.sentence) for claim in claims]
    pairs = align(bare)
    texts = [(p.first.text, p.second.text) for p in pairs] + [(p.second.text, p.first.text) for p in pairs]
    probabilities = model.predict(texts) if texts else []
    forward, backward = probabilities[: len(pairs)], probabilities[len(pairs) :]
    findings = []
    for pair, there, back in zip(pairs, forward, backward, strict=True):
        contradiction = (there.get(CONTRADICTION, 0.0) + back.get(CONTRADICTION, 0.0)) / 2
        if contradiction < threshold:
            continue
        findings.append(
            Finding(
                id=f"baseline-{len(findings) + 1}",
                kind="statement",
                severity="medium",
                score=round(contradiction, 4),
                explanation=(
                    f"{pair.first.article.label} and {pair.second.article.label}:"
                    f" NLI contradiction {contradiction:.2f}"
                ),
                evidence=(Evidence(pair.first), Evidence(pair.second)),
            )
        )
    return findings
