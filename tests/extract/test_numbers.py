"""Numbers: values with scale, units, currency, qualifiers; years and names left out."""

from __future__ import annotations

import datetime as dt

import pytest


def _numbers(claim):
    return [(n.value, n.unit, n.qualifier) for n in claim.facts.numbers]


def test_approximation_and_people(claims):
    claim = claims("Rescuers said about 300 people were trapped.")[0]
    assert _numbers(claim) == [(300, "people", "about")]
    assert claim.facts.numbers[0].span.text.startswith("about 300")


def test_more_than_and_spelled_out(claims):
    found = _numbers(claims("More than 40 houses burned and three bridges collapsed.")[0])
    assert (40, "house", "more than") in found
    assert (3, "bridge", "exact") in found


def test_currency_and_scale(claims):
    found = _numbers(claims("The firm paid $15bn for the port and €2.5 million for the land.")[0])
    assert (15e9, "usd", "exact") in found
    assert (2.5e6, "eur", "exact") in found


def test_a_currency_and_its_irregular_plural_are_one_unit(claims):
    toll, fare = claims("Drivers pay a 158-krone toll each way. The toll is 185 kroner.")
    assert [n.unit for n in toll.facts.numbers] == [n.unit for n in fare.facts.numbers] == ["krone"]


def test_billion_words_and_votes(claims):
    found = _numbers(claims("The deal was worth $15.2 billion, and she won 1.2 million votes.")[0])
    assert (15.2e9, "usd", "exact") in found
    assert (1.2e6, "vote", "exact") in found


def test_a_tallys_second_figure_counts_what_its_first_counts(claims):
    found = _numbers(claims("In the run-off she beat her rival by 79 votes to 53.")[0])
    assert (79, "vote", "exact") in found and (53, "vote", "exact") in found


@pytest.mark.parametrize(
    "text",
    [
        "The magnitude 7.4 quake struck at dawn.",
        "The quake had a magnitude of 7.4, the agency said.",
        "It was followed by a 7.4-magnitude aftershock.",
    ],
)
def test_a_measure_written_before_the_figure_is_its_unit(claims, text):
    assert _numbers(claims(text)[0]) == [(7.4, "magnitude", "exact")]


@pytest.mark.parametrize(
    ("text", "share", "qualifier"),
    [
        ("Duties go on about four-fifths of the goods.", 80.0, "about"),
        ("Two-thirds of the members voted for it.", 66.7, "about"),
        ("Half of the staff left.", 50.0, "about"),
    ],
)
def test_a_fraction_in_words_is_a_rounded_share(claims, text, share, qualifier):
    assert _numbers(claims(text)[0]) == [(share, "percent", qualifier)]


def test_a_part_of_a_counted_whole_counts_the_same_thing(claims):
    found = _numbers(claims("Seven of the train's 10 cars left the track.")[0])
    assert (7, "car", "exact") in found and (10, "car", "exact") in found
    assert _numbers(claims("Eleven of them were still in hospital.")[0]) == []


def test_percent(claims):
    assert _numbers(claims("Turnout reached 51.3% in the capital.")[0]) == [(51.3, "percent", "exact")]


def test_range_gives_bounds(claims):
    found = _numbers(claims("Officials expect between 200 and 300 deaths.")[0])
    assert (200, "death", "at least") in found
    assert (300, "death", "at most") in found


def test_years_dates_and_names_are_not_numbers(claims):
    claim = claims("In 2019, the G20 met on March 4 at Gate 7 of Terminal 5.")[0]
    assert all(n.value not in (2019, 20, 4) for n in claim.facts.numbers)


def test_spans_point_at_their_text(claims):
    for claim in claims("Nearly 1,500 troops and at least 12 tanks crossed the border."):
        for number in claim.facts.numbers:
            assert claim.article.text[number.span.start : number.span.end] == number.span.text
    assert (1500, "troop", "about") in _numbers(claim)
    assert (12, "tank", "at least") in _numbers(claim)


def test_residents_and_villagers_are_counted_as_people(claims):
    assert _numbers(claims("About 200 residents were evacuated.")[0]) == [(200, "people", "about")]
    assert _numbers(claims("The flood cut off 45 villagers.")[0]) == [(45, "people", "exact")]


def test_measures_are_compared_in_one_unit_and_converted_figures_are_rounded(claims):
    feet, metres, area, speed = claims(
        "The miners were trapped 3,600 feet underground. Rescuers drilled 1.1 kilometres down. "
        "The slick covered 15 square miles. Winds reached 64 mph."
    )
    ((value, unit, qualifier),) = _numbers(feet)
    assert (round(value, 2), unit, qualifier) == (1097.28, "metre", "about")
    assert _numbers(metres) == [(1100.0, "metre", "exact")]
    ((value, unit, _),) = _numbers(area)
    assert (round(value), unit) == (38849822, "square metre")
    ((value, unit, _),) = _numbers(speed)
    assert (round(value, 1), unit) == (103.0, "kilometre per hour")
    assert feet.facts.numbers[0].span.text == "3,600 feet"


def test_a_speed_written_with_a_slash_is_a_speed_not_a_length(claims):
    (gust,) = claims("A gust of 124 km/h knocked over a lighting tower.")
    assert _numbers(gust) == [(124.0, "kilometre per hour", "exact")]
    assert gust.facts.numbers[0].span.text == "124 km/h"


def test_a_figure_the_parser_glued_to_a_name_still_counts_what_follows(claims):
    (ahead,) = claims("The recount ended with the Nationals' Bronwyn Keogh 27 votes ahead of her rival.")
    assert _numbers(ahead) == [(27.0, "vote", "exact")]
    (jet,) = claims("The airline grounded its Boeing 737 fleet on Monday.")
    assert [n.value for n in jet.facts.numbers] == []


def test_a_volume_is_not_a_length(claims):
    feet, metres = claims(
        "An estimated 42 million cubic feet of ice fell. About 1.2 million cubic metres of ice broke off."
    )
    ((value, unit, qualifier),) = _numbers(feet)
    assert (round(value / 1e9, 2), unit, qualifier) == (1.19, "litre", "about")
    ((value, unit, _),) = _numbers(metres)
    assert (round(value / 1e9, 2), unit) == (1.2, "litre")


def test_a_bare_earlier_level_counts_what_the_figure_before_it_counts(claims):
    found = _numbers(claims("The plant now employs 2,300 workers, up from 1,900 a year ago.")[0])
    assert (2300, "worker", "exact") in found and (1900, "worker", "exact") in found


def test_a_figure_before_a_comparative_and_than_is_a_margin(claims):
    (slower,) = claims("Officers took 14 minutes to arrive last year, six minutes longer than in 2023.")
    assert _numbers(slower) == [(14.0, "minute", "exact"), (6.0, "minute", "change")]
    (earlier,) = claims("The plane landed two hours earlier than planned.")
    assert _numbers(earlier) == [(2.0, "hour", "change")]
    (level,) = claims("The plane waited two hours, longer than any other.")
    assert _numbers(level) == [(2.0, "hour", "exact")]


def test_a_change_or_a_margin_is_marked_as_one(claims):
    more, another, margin, agent, tally, fewer = claims(
        "Rescuers pulled seven more bodies from the mud. Another 40 workers were laid off. "
        "The bill lost by four votes. Two people were killed by three gunmen. "
        "The bill was defeated by 58 votes to 62. The motion got 87 votes, 14 fewer than it needed."
    )
    (lower,) = claims("The new limit is 22 percent lower than this year's.")
    assert _numbers(lower) == [(22.0, "percent", "change")]
    assert [n.qualifier for n in more.facts.numbers] == ["change"]
    assert [n.qualifier for n in another.facts.numbers] == ["change"]
    assert [n.qualifier for n in margin.facts.numbers] == ["change"]
    assert "change" not in [n.qualifier for n in agent.facts.numbers]
    assert "change" not in [n.qualifier for n in tally.facts.numbers]
    assert [(n.value, n.qualifier) for n in fewer.facts.numbers] == [(87.0, "exact"), (14.0, "change")]


def test_the_rest_of_a_group_is_not_its_total(claims):
    (rest,) = claims("The coast guard suspended the company's three other vessels.")
    assert _numbers(rest) == [(3, "vessel", "change")]


def test_half_a_scale_is_half_and_a_few_hundred_is_no_figure(claims):
    half, few, several = claims(
        "Half a million cubic metres of ice remained. Their home stood a few hundred yards away. "
        "Several thousand people marched."
    )
    assert _numbers(half) == [(5e8, "litre", "exact")]
    assert _numbers(few) == [] and _numbers(several) == []


def test_a_length_that_says_when_is_left_to_the_date(claims):
    after, lasted = claims(
        "Staff were back to paper on Tuesday, two days after the attack shut the network. "
        "The outage lasted two days.",
        published=dt.date(2024, 3, 13),
    )
    assert _numbers(after) == [] and [d.span.text for d in after.facts.dates] == ["Tuesday", "two days after"]
    assert _numbers(lasted) == [(2, "day", "exact")]


def test_money_range_gives_bounds_with_the_currency_on_both_ends(claims):
    found = _numbers(claims("Each claimant could receive between $150 and $250, the lawyers said.")[0])
    assert (150, "usd", "at least") in found and (250, "usd", "at most") in found
    found = _numbers(claims("Claimants will receive $150 to $250 each.")[0])
    assert (150, "usd", "at least") in found and (250, "usd", "at most") in found


def test_temperature_keeps_its_scale(claims):
    celsius, fahrenheit = claims(
        "Waters ran up to 2 degrees Celsius above the average. Water was 3.6 degrees Fahrenheit warmer."
    )
    assert _numbers(celsius) == [(2, "degree celsius", "up to")]
    assert _numbers(fahrenheit) == [(3.6, "degree fahrenheit", "exact")]
    assert [n.unit for n in claims("It was 36°F in Boston but 40 degrees in Miami.")[0].facts.numbers] == [
        "degree fahrenheit",
        "degree",
    ]
