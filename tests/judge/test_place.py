from __future__ import annotations

from crosscheck.judge.slots import place
from crosscheck.models import ClaimPair
from tests.conftest import article, claim
from tests.judge.helpers import name


def _pair(text_a, place_a, text_b, place_b):
    a, b = article("a", text_a, "2024-09-03"), article("b", text_b, "2024-09-03")
    first = claim(a, text_a, places=(name(a, place_a, place_a.lower(), "GPE"),))
    second = claim(b, text_b, places=(name(b, place_b, place_b.lower(), "GPE"),))
    return ClaimPair(first, second, 75.0)


def test_landfall_near_two_towns_differs():
    found = place.difference(
        _pair(
            "It came ashore near the town of Baler.",
            "Baler",
            "It slammed ashore near Casiguran.",
            "Casiguran",
        )
    )
    assert found is not None and (found.first.text, found.second.text) == ("Baler", "Casiguran")


def test_places_not_located_or_named_by_the_other_article_are_no_difference():
    assert (
        place.difference(
            _pair("Baler is a fishing town.", "Baler", "It slammed ashore near Casiguran.", "Casiguran")
        )
        is None
    )
    assert (
        place.difference(_pair("They met in Geneva, near Baler.", "Geneva", "They met in Baler.", "Baler"))
        is None
    )
