from __future__ import annotations

from crosscheck.judge.slots import negation
from crosscheck.models import ClaimPair
from tests.conftest import article, claim


def test_opposite_polarity_is_marked_with_the_cue_and_has_no_value_to_swap():
    a, b = (
        article("a", "The council approved the budget."),
        article("b", "The council did not approve the budget."),
    )
    found = negation.difference(ClaimPair(claim(a, a.text), claim(b, b.text, negated=True), 90.0))
    assert found is not None and not found.substitutable
    assert found.first is None and found.second is not None and found.second.text == "not"


def test_same_polarity_is_no_difference():
    a, b = (
        article("a", "He warned Beijing not to send weapons."),
        article("b", "He warned Beijing against giving weapons."),
    )
    assert (
        negation.difference(ClaimPair(claim(a, a.text, negated=True), claim(b, b.text, negated=True), 90.0))
        is None
    )


def test_a_denial_of_what_the_other_claim_asserts_differs():
    a, b = (
        article("a", "The navy issued a tsunami warning for the coast."),
        article("b", "The navy said the quake posed no threat and issued no warning for the coast."),
    )
    found = negation.difference(
        ClaimPair(claim(a, a.text), claim(b, b.text, negated=True, denied=("threat", "warning")), 80.0)
    )
    assert found is not None and found.second is not None and found.second.text == "no"


def test_a_denial_of_something_the_other_claim_does_not_mention_is_no_difference():
    a, b = (
        article("a", "The union said up to 2,000 jobs could be at risk at the plants."),
        article("b", "The union warned jobs were at risk; the buyer said no plant closures were planned."),
    )
    pair = ClaimPair(claim(a, a.text), claim(b, b.text, negated=True, denied=("closure",)), 80.0)
    assert negation.difference(pair) is None


def test_a_denial_both_make_is_no_difference_even_where_the_parse_misses_one():
    a = article("a", 'Price said Blinken warned that "this act must never again occur."')
    b = article("b", 'Blinken told Wang that such an incident "must never occur again."')
    pair = ClaimPair(claim(a, a.text), claim(b, b.text, negated=True, denied=("occur",)), 80.0)
    assert negation.difference(pair) is None


def test_a_denial_in_other_words_is_asked_about_however_little_wording_it_shares():
    from crosscheck.judge.signals import SAME_TOPIC, candidates

    a, b = (
        article("a", "Police said they had arrested the site engineer on Tuesday night."),
        article("b", "No arrests have been made over the collapse, a police spokeswoman told reporters."),
    )
    asserting, denying = claim(a, a.text), claim(b, b.text, negated=True, denied=("arrest",))
    denial = ClaimPair(asserting, denying, SAME_TOPIC - 20)
    unrelated = ClaimPair(asserting, claim(b, b.text, negated=True, denied=("injury",)), SAME_TOPIC - 20)
    [found] = candidates([asserting, denying], [denial, unrelated])
    assert found.pair is denial and found.difference is not None and found.difference.kind == "negation"


def test_a_denial_meets_the_irregular_past_it_denies():
    from crosscheck.extract import extract_claims
    from tests.extract.helpers import make_article, split

    def extracted(text: str):
        owner = make_article(text)
        [found] = extract_claims(owner, split(owner))
        return found

    knew = extracted('The ruling said Villalba "knew perfectly well where his money was going".')
    denial = extracted('The judge wrote that Villalba "did not know exactly where his money was going".')
    found = negation.difference(ClaimPair(knew, denial, 80.0))
    assert found is not None and found.kind == "negation"
