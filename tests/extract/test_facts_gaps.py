"""Facts the judge needs that the first extractor missed: titles, affiliations, rates, places, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck.extract.context import build_context
from crosscheck.extract.nlp import parse
from crosscheck.extract.sources import country_key, normalize_source
from tests.extract.helpers import make_article


def _titles(claim):
    return {(t.person, t.title, t.affiliation) for t in claim.facts.titles}


def _numbers(claim):
    return {(n.value, n.unit) for n in claim.facts.numbers}


def _places(claim):
    return {p.normalized for p in claim.facts.places}


def test_titles_after_includes_and_serving_as(claims):
    first, second = claims(
        "The crew also includes pilot Tomas Brandt and flight engineer Ana Velez. "
        "The mission is led by Karin Holm, with Ulla Berg serving as pilot."
    )
    assert {("tomas brandt", "pilot", None), ("ana velez", "flight engineer", None)} <= _titles(first)
    assert ("ulla berg", "pilot", None) in _titles(second)


def test_company_before_lower_case_role_is_affiliation(claims):
    first, second = claims(
        "Corvane chief executive Dana Whitlock told staff the plant would stay open. "
        "Costs rose, Corvane's chief financial officer, Piet Aalders, said."
    )
    assert ("dana whitlock", "chief executive", "corvane") in _titles(first)
    assert ("piet aalders", "chief financial officer", "corvane") in _titles(second)


def test_abbreviations_share_one_title(claims):
    first, second = claims("Meridale CEO Ruth Okonkwo met investors. The CFO, Hal Brenner, stayed home.")
    assert ("ruth okonkwo", "chief executive", "meridale") in _titles(first)
    assert ("hal brenner", "chief financial officer", None) in _titles(second)


def test_founder_of_company_names_company_not_holder(claims):
    claim = claims("The jury convicted Nadia Ferrante, the founder of payments firm Zellico, on Monday.")[0]
    assert _titles(claim) == {("nadia ferrante", "founder", "zellico")}


def test_demonym_and_country_give_one_affiliation(claims):
    first, second = claims(
        "Ostrelian Foreign Minister Pavel Dunn met reporters. Ostrelia's deputy foreign minister, Ida Moss, stayed."
    )
    assert ("pavel dunn", "foreign minister", "ostrelia") in _titles(first)
    assert ("ida moss", "deputy foreign minister", "ostrelia") in _titles(second)


def test_country_key_rules():
    assert country_key("Pakistani", ("pakistan",)) == "pakistan"
    assert country_key("Gorvish") == "gorvish"
    assert country_key("Swiss") == "switzerland"
    assert normalize_source("a statement from the Swiss foreign ministry") == "switzerland"
    assert normalize_source("the Ostrelian embassy in Bern") == "ostrelia"


def test_price_per_share_is_a_rate(claims):
    first, second = claims("The bid values Corvane at $46 per share. Rivals offered $48 a share in cash.")
    assert (46.0, "usd per share") in _numbers(first)
    assert (48.0, "usd per share") in _numbers(second)


def test_a_day_earlier_is_no_rate(claims):
    (only,) = claims("The fire had burned 23,900 acres, up from 18,420 acres a day earlier.")
    units = [unit for _, unit in _numbers(only)]
    assert len(units) == 2 and len(set(units)) == 1 and "per" not in units[0]


def test_a_rate_after_what_is_measured_is_still_a_rate(claims):
    (only,) = claims("Households may use 120 litres of water per person a day.")
    assert (120.0, "litre per person") in _numbers(only)


def test_speed_units_agree(claims):
    first, second = claims("Winds reached 150 kilometres per hour. Gusts hit up to 185 km/h.")
    assert (150.0, "kilometre per hour") in _numbers(first)
    assert (185.0, "kilometre per hour") in _numbers(second)


def test_scores_and_party_counts_are_not_quantities(claims):
    first, second = claims(
        "The two leaders met after Rovers won 3-1 before 40,000 fans. The two countries agreed to free three prisoners."
    )
    assert _numbers(first) == {(40000.0, "fan")}
    assert _numbers(second) == {(3.0, "prisoner")}


def test_compound_noun_gives_the_counted_unit(claims):
    claim = claims("She is a veteran of four space station flights.")[0]
    assert (4.0, "flight") in _numbers(claim)


def test_place_after_town_of_and_facility(claims):
    first, second = claims(
        "The storm came ashore near the fishing town of Pandoril on Monday. "
        "The rocket lifted off from Kessler Space Force Base in California."
    )
    assert "pandoril" in _places(first)
    assert "kessler space force base" in _places(second)


def test_an_untagged_city_after_in_is_a_place(claims):
    (claim,) = claims("The final was held in Brandholm.")
    assert "brandholm" in _places(claim)


@pytest.mark.parametrize(
    "text, place",
    [
        ("The shop in the centre of Brandholm sold the ticket.", "brandholm"),
        ("The fire began in the hills north of Velmora.", "velmora"),
        ("A transformer failed at its Kessly substation on Monday.", "kessly"),
        ("The tug is towing the tanker to Portrenne.", "portrenne"),
    ],
)
def test_an_untagged_name_a_cue_places_is_a_place(claims, text, place):
    (claim,) = claims(text)
    assert any(place in found for found in _places(claim))


def test_dateline_places_name_the_story_s_places():
    """No claim holds the dateline (segment leaves it out), but its places are the article's:
    what a demonym ("the Torvik side") is matched against."""
    article = make_article("TORVIK/OSLO — Rovers won the cup on Saturday.")
    assert {"torvik", "oslo"} <= set(build_context(article, parse(article)).place_names)


def test_a_day_after_dates_the_earlier_event(claims):
    claim = claims("The capsule docked on Friday, a day after it lifted off from the coast.")[0]
    found = {(d.value, d.event) for d in claim.facts.dates}
    assert (dt.date(2024, 3, 8), "dock") in found
    assert (dt.date(2024, 3, 7), "lift off") in found


def test_a_date_followed_by_an_after_clause_keeps_its_own_event(claims):
    claim = claims("The navy sank the trawler on March 4 after it drifted into the strait.")[0]
    assert [(d.value, d.span.text, d.event) for d in claim.facts.dates] == [
        (dt.date(2024, 3, 4), "March 4", "sink")
    ]


def test_closing_price_weekday_is_past_even_under_will(claims):
    claim = claims("Corvane will pay a premium of 30% to its closing price on Friday.", dt.date(2024, 3, 12))[
        0
    ]
    assert [d.value for d in claim.facts.dates] == [dt.date(2024, 3, 8)]


def test_just_over_and_a_little_under_are_close_figures_not_bounds(claims):
    found = claims("Talks lasted just over three hours, and a little under 200 people attended.")[
        0
    ].facts.numbers
    assert [(n.value, n.qualifier) for n in found] == [(3.0, "about"), (200.0, "about")]
