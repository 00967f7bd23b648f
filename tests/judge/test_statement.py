"""The pair judge end to end: value swaps asked of the model, one verdict, explained findings."""

from __future__ import annotations

from crosscheck.config import DEFAULT_THRESHOLD
from crosscheck.judge import judge, nli_questions
from crosscheck.judge.conflicts import conflict_findings
from crosscheck.judge.signals import candidates, gather
from crosscheck.judge.slots import clause
from crosscheck.judge.verdict import severity
from crosscheck.models import Attribution, ClaimPair
from tests.conftest import FakeNLI, article, claim, span
from tests.judge.helpers import (
    ENTAILS,
    NEUTRAL_ONLY,
    SURELY_CONTRADICTS,
    ScriptedNLI,
    name,
    number,
    verdict_on,
)

DEAL_A = "Harlow agreed to buy Northwind for $4.2 billion, the companies said."
DEAL_B = "Harlow will pay $2.4 billion for Northwind, its chief executive told analysts."


def _deal_pair(text_b=DEAL_B, value_b="$2.4 billion", said_b=None):
    a, b = article("a", DEAL_A, "2025-03-04", "Wire A"), article("b", text_b, "2025-03-04", "Wire B")
    first = claim(
        a,
        DEAL_A,
        numbers=(number(a, "$4.2 billion", 4.2e9, "usd"),),
        mentions=(name(a, "Northwind", "northwind"),),
        attribution=Attribution("companies", span(a, "companies")),
    )
    second = claim(
        b,
        text_b,
        numbers=(number(b, value_b, float(value_b.removeprefix("$").removesuffix(" billion")) * 1e9, "usd"),),
        mentions=(name(b, "Northwind", "northwind"),),
        attribution=Attribution(said_b, span(b, "Harlow")) if said_b else None,
    )
    return [first, second], ClaimPair(first, second, 70.0)


def test_the_model_is_asked_about_the_pair_and_about_it_with_one_value_swapped():
    claims, pair = _deal_pair()
    model = ScriptedNLI(lambda p, h: NEUTRAL_ONLY)
    [signals] = gather(model, candidates(claims, [pair]))
    asked = [h for _, h in model.calls]
    assert "Harlow will pay $4.2 billion for Northwind, its chief executive told analysts." in asked
    assert "Harlow will pay $4.2 billion for Northwind" in asked  # the clause that holds the value
    assert len(model.calls) == 6  # original, swapped sentence, swapped clause; both directions
    assert signals.difference is not None and signals.difference.kind == "number"


def test_the_questions_listed_ahead_are_the_ones_the_judge_asks_first():
    claims, pair = _deal_pair()
    model = ScriptedNLI(lambda p, h: SURELY_CONTRADICTS)
    judge(claims, [pair], lambda: model, threshold=0.8)
    assert nli_questions(claims, [pair]) == model.calls[:1] and len(model.calls) == 6


def test_a_swap_that_entails_makes_a_conflict_and_one_that_stays_neutral_does_not():
    claims, pair = _deal_pair()
    swap_entails = ScriptedNLI(lambda p, h: ENTAILS if "$4.2" in p and "$4.2" in h else NEUTRAL_ONLY)
    verdict = verdict_on(swapped_entailment=10.0, bias=5.0)
    [finding] = conflict_findings(gather(swap_entails, candidates(claims, [pair])), verdict, 0.5)
    assert finding.kind == "number" and finding.rule == "number/same-claim-other-figure"
    assert [[s.text for s in e.spans] for e in finding.evidence] == [["$4.2 billion"], ["$2.4 billion"]]
    assert not finding.explanation.startswith("Sources differ")  # Wire B speaks in its own words
    assert (
        "Wire A gives $4.2 billion and Wire B $2.4 billion, in claims that otherwise match (with the values swapped"
        in finding.explanation
    )
    stays_neutral = ScriptedNLI(lambda p, h: NEUTRAL_ONLY)
    assert conflict_findings(gather(stays_neutral, candidates(claims, [pair])), verdict, 0.5) == []


def test_severity_is_high_only_for_a_dated_typed_conflict_in_one_voice():
    claims, pair = _deal_pair(said_b="harlow")
    [signals] = gather(ScriptedNLI(lambda p, h: NEUTRAL_ONLY), candidates(claims, [pair]))
    assert signals.sources_differ and severity(0.99, signals) == "medium"
    [finding] = conflict_findings([signals], verdict_on(bias=-5.0), 0.5)
    assert finding.explanation.startswith("Sources differ (according to companies vs Harlow).")
    a, b = (
        article("a", "The deal is worth $4.2 billion.", "2025-03-04"),
        article("b", "The deal is worth $2.4 billion.", "2025-03-04"),
    )
    same_voice = ClaimPair(
        claim(a, a.text, numbers=(number(a, "$4.2 billion", 4.2e9, "usd"),)),
        claim(b, b.text, numbers=(number(b, "$2.4 billion", 2.4e9, "usd"),)),
        90.0,
    )
    [signals] = gather(
        ScriptedNLI(lambda p, h: NEUTRAL_ONLY),
        candidates(list((same_voice.first, same_voice.second)), [same_voice]),
    )
    assert (
        severity(0.99, signals) == "high"
        and severity(0.9, signals) == "medium"
        and severity(0.85, signals) == "low"
    )


def test_the_shipped_verdict_reports_what_the_model_calls_contradictory_and_not_what_it_calls_neutral():
    a, b = (
        article("a", "The jury acquitted Marsh of conspiracy.", "2025-11-14"),
        article("b", "The jury convicted Marsh of conspiracy.", "2025-11-14"),
    )
    claims = [
        claim(a, a.text, mentions=(name(a, "Marsh", "marsh", "PERSON"),)),
        claim(b, b.text, mentions=(name(b, "Marsh", "marsh", "PERSON"),)),
    ]
    pair = ClaimPair(claims[0], claims[1], 85.0)
    [finding] = judge(
        claims, [pair], lambda: ScriptedNLI(lambda p, h: SURELY_CONTRADICTS), threshold=DEFAULT_THRESHOLD
    ).findings
    assert finding.kind == "statement" and finding.rule == "statement/nli-contradiction"
    assert "acquitted" in [s.text for s in finding.evidence[0].spans]
    assert judge(claims, [pair], lambda: FakeNLI(), threshold=DEFAULT_THRESHOLD).findings == []


def test_a_clause_is_widened_until_it_says_something():
    a = article("a", "The offer values Brightwater at $46 per share, paid in cash, a 32% premium.")
    text, at = clause(claim(a, a.text), span(a, "$46 per share"))
    assert text == "The offer values Brightwater at $46 per share" and text[at:].startswith("$46")


def test_claims_without_a_value_are_asked_about_only_when_worded_closely():
    a = article("a", "The mayor said the bridge would reopen to cyclists in spring.", "2025-03-04")
    b = article(
        "b", "The bridge will stay closed to cyclists until the autumn, officials said.", "2025-03-04"
    )
    first, second = claim(a, a.text), claim(b, b.text)
    assert len(candidates([first, second], [ClaimPair(first, second, 63.0)])) == 1
    assert candidates([first, second], [ClaimPair(first, second, 58.0)]) == []
