"""Mentions: normalized names, surnames resolved within the article, places, same_person."""

from __future__ import annotations

from crosscheck.extract import same_person
from crosscheck.extract.names import normalize


def test_normalize_strips_possessive_and_the():
    assert normalize("North Korea's") == "north korea"
    assert normalize("the United Nations") == "united nations"
    assert normalize("Blinken’s") == "blinken"


def test_same_person():
    assert same_person("Blinken", "Antony Blinken")
    assert same_person("Wang", "Wang Yi")
    assert same_person("J. Biden", "Joe Biden")
    assert not same_person("Hunter Biden", "Joe Biden")
    assert not same_person("Wang Yi", "Qin Gang")
    assert not same_person("", "Qin Gang")


def test_surname_normalized_to_full_name(claims):
    first, second = claims("Mayor Helena Vogt toured Hamburg. Vogt's office later praised the police.")
    people = {m.normalized for m in second.facts.mentions if m.label == "PERSON"}
    assert people == {"helena vogt"}
    assert any(m.normalized == "hamburg" for m in first.facts.places)


def test_mention_spans_point_at_text(claims):
    for claim in claims("The Red Cross and the United Nations sent aid to Gaza and the West Bank."):
        assert claim.facts.mentions
        for mention in claim.facts.mentions:
            assert claim.article.text[mention.span.start : mention.span.end] == mention.span.text
            assert mention.normalized == mention.normalized.lower()
        assert {p.normalized for p in claim.facts.places} >= {"gaza", "west bank"}
