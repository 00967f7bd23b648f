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
