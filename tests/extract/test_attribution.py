"""Attribution: who asserts a sentence, normalized to one key per party; negation."""

from __future__ import annotations

import pytest

from crosscheck.extract.sources import normalize_source


def _source(claim):
    attribution = claim.facts.attribution
    return None if attribution is None else (attribution.source, attribution.kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow insists the drills were routine.", ("russia", "said")),
        ("The U.S. says the shipment was seized.", ("us", "said")),
        ("American officials said the convoy was hit.", ("us", "said")),
        ("The Pentagon denied that troops had crossed.", ("us", "said")),
        ("Tokyo's foreign ministry said the talks were useful.", ("japan", "said")),
        ("State media reported that the dam held.", ("state media", "reported")),
        ("The harbour was closed, according to Port Director Mia Lund.", ("mia lund", "according")),
    ],
)
def test_sources(claims, text, expected):
    assert _source(claims(text)[0]) == expected


def test_surname_resolves_to_full_name_and_pronoun_to_speaker(claims):
    text = 'Greta Lind opened the session. "We will not wait," Lind said. "The vote is final," she added.'
    _, second, third = claims(text)
    assert _source(second) == ("greta lind", "quote")
    assert _source(third) == ("greta lind", "quote")
    assert second.facts.attribution.span.text == "Lind"


def test_a_pronoun_skips_the_person_an_honorific_rules_out(claims):
    (_, judge) = claims(
        'Judge Conor Byrne ruled for Deirdre Hanafin. "The paper gave Ms Hanafin two days," he said.'
    )
    assert _source(judge) == ("conor byrne", "quote")
    (_, _, hanafin) = claims(
        'Deirdre Hanafin sued the paper. Mr Conor Byrne ruled for her. "I am relieved," she said.'
    )
    assert _source(hanafin) == ("deirdre hanafin", "quote")


def test_unattributed_sentence(claims):
    assert claims("The bridge reopened to traffic at noon.")[0].facts.attribution is None


def test_source_table():
    assert normalize_source("Chinese officials") == "china"
    assert normalize_source("the White House") == "us"
    assert normalize_source("Beijing") == "china"
    assert normalize_source("the Kremlin") == "russia"
    assert normalize_source("a local farmer") == "local farmer"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The ministry did not confirm the figure.", True),
        ("The army has denied any role in the blast.", True),
        ("The agency said it has not seen evidence of fraud.", True),
        ("The mayor never visited the site.", True),
        ("The mayor visited the site.", False),
        ("No weather warning was in force for the city that afternoon.", True),
        ("The navy issued no warning for the coast.", True),
        ("There were no deaths, the health directorate said.", True),
        ("The navy issued a warning for the coast.", False),
        ("No longer a candidate, she campaigned for her rival.", False),
        ("The agency said it has seen evidence of fraud.", False),
        ("The licence allowed no more than 160 passengers, the coast guard said.", False),
        ("The firm will cut no fewer than 300 jobs.", False),
        ("The licence did not allow more than 160 passengers.", True),
    ],
)
def test_negation(claims, text, negated):
    assert claims(text)[0].facts.negated is negated


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("As of Monday, Halas had not conceded.", ("concede",)),
        (
            "The navy said the quake posed no threat and issued no warning for the coast.",
            ("threat", "warning"),
        ),
        ("No weather warning was in force for the city that afternoon.", ("warning",)),
        ("The army has denied any role in the blast.", ("role",)),
        ("The army claimed a role in the blast.", ()),
        (
            "Residents were urged to head for higher ground, though no evacuation order was issued.",
            ("order",),
        ),
        ("Both drivers, neither of whom was hurt, gave breath tests, police said.", ("hurt",)),
        ("The two drivers, who were both hurt, gave breath tests, police said.", ()),
        ("The mayor, who did not attend, sent a deputy to the ceremony.", ("attend",)),
        # the main clause's denial is what counts when it has one
        ("The mayor did not attend the ceremony, which nobody had expected.", ("attend", "ceremony")),
        # the object counts too: the other article may tell the act with another verb
        ("The pilots did not dump fuel before landing, the airline said.", ("dump", "fuel")),
        # averting verbs deny their complement
        ("The union stopped short of calling a strike.", ("call", "strike")),
        ("The minister refused to resign, her office said.", ("resign",)),
        ("The government avoided a default.", ("default",)),
        ("The union refrained from calling a strike.", ("call", "strike")),
        ("The bus stopped short of the barrier.", ()),
        # a refusal to speak denies nothing about the story
        ("The company declined to comment.", ()),
        ("She declined to say how much was paid.", ()),
    ],
)
def test_what_a_negation_denies(claims, text, denied):
    assert claims(text)[0].facts.denied == denied


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # an irregular past meets its lemma, so "did not sink" can meet "sank"
        ("The ferry sank off the coast.", {"sank", "sink"}, set()),
        ("The ruling said he knew where the money was going.", {"knew", "know"}, set()),
        # a word a negation covers is not asserted
        ("The ferry did not sink, the coast guard said.", {"ferry", "guard"}, {"sink"}),
    ],
)
def test_what_a_sentence_asserts(claims, text, present, absent):
    asserted = set(claims(text)[0].facts.asserted)
    assert present <= asserted and not absent & asserted
