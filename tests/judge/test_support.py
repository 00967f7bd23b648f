from __future__ import annotations

from crosscheck.judge.support import support_findings, supports
from tests.conftest import article, claim
from tests.judge.helpers import ENTAILS, NEUTRAL_ONLY, ScriptedNLI

SOURCE = [
    "US Secretary of State Antony Blinken met Wang Yi in Munich on Saturday.",
    "The meeting was the highest level of contact since the balloon crossed US airspace.",
    "The talks took place on the sidelines of the Munich Security Conference.",
]


def _claims(texts, article_id):
    owner = article(article_id, " ".join(texts), "2023-02-20", "Wire" if article_id == "s" else "Draft")
    return [claim(owner, text, index) for index, text in enumerate(texts)]


def test_a_draft_claim_joining_two_source_sentences_is_supported_by_the_pair():
    draft = _claims(
        ["Blinken met Wang in Munich, the highest level of contact since the balloon crossed US airspace."],
        "d",
    )
    sources = _claims(SOURCE, "s")
    both = ScriptedNLI(
        lambda p, h: ENTAILS if "Munich on Saturday" in p and "highest level" in p else NEUTRAL_ONLY
    )
    [best] = supports(draft, sources, both)
    assert best.entailment > 0.9 and len(best.premise) == 2
    assert support_findings(draft, sources, both) == []
    assert any(" ".join(s.text for s in sources[:2]) == premise for premise, _ in both.calls)


def test_a_claim_no_premise_entails_is_an_unsupported_finding_pointing_at_the_draft():
    draft = _claims(
        ["Wang apologised for the balloon incident and promised compensation to Washington."], "d"
    )
    [finding] = support_findings(draft, _claims(SOURCE, "s"), ScriptedNLI(lambda p, h: NEUTRAL_ONLY))
    assert finding.rule == "unsupported/not-entailed" and finding.severity == "low"
    assert finding.evidence[0].claim is draft[0]
    assert "no source sentence supports this claim" in finding.explanation


def test_claims_too_short_to_state_anything_are_not_checked():
    model = ScriptedNLI(lambda p, h: NEUTRAL_ONLY)
    assert support_findings(_claims(["He agreed."], "d"), _claims(SOURCE, "s"), model) == []
    assert model.calls == []
