from __future__ import annotations

from crosscheck.judge.facts import ArticleFacts
from crosscheck.judge.slots import place
from crosscheck.models import ClaimPair
from tests.conftest import article, claim
from tests.judge.helpers import name


def _claims(text_a, places_a, text_b, places_b):
    a, b = article("a", text_a, "2024-09-03"), article("b", text_b, "2024-09-03")
    first = claim(a, text_a, places=tuple(name(a, p, p.lower(), "GPE") for p in places_a))
    second = claim(b, text_b, places=tuple(name(b, p, p.lower(), "GPE") for p in places_b))
    return first, second


def _difference(text_a, places_a, text_b, places_b):
    first, second = _claims(text_a, places_a, text_b, places_b)
    return place.difference(ClaimPair(first, second, 75.0), ArticleFacts.of([first, second]))


def test_landfall_near_two_towns_differs():
    found = _difference(
        "It came ashore near the town of Baler.",
        ["Baler"],
        "It slammed ashore near Casiguran.",
        ["Casiguran"],
    )
    assert found is not None and (found.first.text, found.second.text) == ("Baler", "Casiguran")


def test_places_not_located_or_located_by_the_other_article_too_are_no_difference():
    assert (
        _difference("Baler is a fishing town.", ["Baler"], "It slammed ashore near Casiguran.", ["Casiguran"])
        is None
    )
    assert (
        _difference("They met in Geneva, near Baler.", ["Geneva", "Baler"], "They met in Baler.", ["Baler"])
        is None
    )


def test_a_place_the_other_article_only_names_elsewhere_still_differs():
    """A dateline locates nothing there (nor does "an economist at a Nairobi think tank")."""
    found = _difference(
        "The deal was signed on Thursday in Nairobi.",
        ["Nairobi"],
        "NAIROBI — The deal was signed in Mombasa.",
        ["NAIROBI", "Mombasa"],
    )
    assert found is not None and (found.first.text, found.second.text) == ("Nairobi", "Mombasa")


def test_an_event_named_after_the_place_puts_the_story_there():
    """ "on the sidelines of the Munich Security Conference" is a claim about Munich."""
    first, second = _claims(
        "They held talks in Munich on Saturday.",
        ["Munich"],
        "It was downed off South Carolina, before the Munich Security Conference opened.",
        ["South Carolina"],
    )
    conference = name(second.article, "Munich Security Conference", "munich security conference", "EVENT")
    second = claim(second.article, second.article.text, places=second.facts.places, mentions=(conference,))
    assert place.difference(ClaimPair(first, second, 75.0), ArticleFacts.of([first, second])) is None
