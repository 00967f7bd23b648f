"""Dates: absolute forms, weekdays and relative dates against publication, anchors in the text."""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck.extract import extract_claims
from crosscheck.extract.dates import resolve
from crosscheck.segment import segment
from tests.extract.helpers import make_article

THURSDAY = dt.date(2024, 3, 14)


def _dates(claim):
    return [(d.value, d.precision, d.relative) for d in claim.facts.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb. 4", dt.date(2024, 2, 4)),
        ("February 4th", dt.date(2024, 2, 4)),
        ("2023-02-04", dt.date(2023, 2, 4)),
        ("Sept. 23, 2022", dt.date(2022, 9, 23)),
        ("4 February 2021", dt.date(2021, 2, 4)),
    ],
)
def test_absolute_dates(text, expected):
    resolved = resolve(text, THURSDAY)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.relative) == (expected, "day", False)


def test_year_is_inferred_nearest_to_publication():
    assert resolve("Dec. 28", dt.date(2024, 1, 5)).value == dt.date(2023, 12, 28)
    assert resolve("in June", THURSDAY).value == dt.date(2024, 6, 1)
    assert resolve("in June", THURSDAY).precision == "month"


def test_a_past_verb_puts_a_month_without_a_year_before_publication(claims):
    # published March 14: next August is nearer than last August, but nobody waits since a month to come
    waiting, posted, planned = claims(
        "The interns have been waiting since August. The union posted its demands in August. "
        "The tunnel is expected to open in August."
    )
    assert _dates(waiting) == [(dt.date(2023, 8, 1), "month", True)]
    assert _dates(posted) == [(dt.date(2023, 8, 1), "month", True)]
    assert _dates(planned) == [(dt.date(2024, 8, 1), "month", True)]


def test_a_past_verb_keeps_a_day_just_after_publication_in_its_year():
    # a few days after publication is a slip (or the conflict), not the year before
    assert resolve("March 20", THURSDAY, tense="past").value == dt.date(2024, 3, 20)
    assert resolve("Aug. 12", THURSDAY, tense="past").value == dt.date(2023, 8, 12)
    assert resolve("Aug. 12", THURSDAY).value == dt.date(2024, 8, 12)


def test_unresolvable_without_publication_date():
    assert resolve("Feb. 4", None) is None
    assert resolve("Saturday", None) is None
    assert resolve("Feb. 4, 2020", None).value == dt.date(2020, 2, 4)


def test_weekday_past_and_future(claims):
    past, same, future = claims(
        "The council voted on Tuesday. The mayor spoke on Thursday. The council will vote again on Saturday."
    )
    assert _dates(past) == [(dt.date(2024, 3, 12), "day", True)]
    assert _dates(same) == [(THURSDAY, "day", True)]
    assert _dates(future) == [(dt.date(2024, 3, 16), "day", True)]


def test_a_past_clause_in_a_future_sentence_is_past(claims):
    (claim,) = claims(
        "Workers will soon be able to ignore emails, after Parliament approved the law late on Tuesday."
    )
    assert _dates(claim) == [(dt.date(2024, 3, 12), "day", True)]


def test_a_day_under_a_noun_is_not_made_future_by_the_noun(claims):
    (claim,) = claims(
        "Riders will pay more from April 1, after the board backed a plan to raise fares on Tuesday."
    )
    assert [d[0] for d in _dates(claim)] == [dt.date(2024, 4, 1), dt.date(2024, 3, 12)]


def test_a_time_of_a_named_day_is_that_day(claims):
    night, dawn = claims("The shelter housed 400 people on Tuesday night. The ships collided early Tuesday.")
    assert _dates(night) == [(dt.date(2024, 3, 12), "day", True)]
    assert _dates(dawn) == [(dt.date(2024, 3, 12), "day", True)]


def test_days_later_anchored_in_same_sentence(claims):
    claim = claims("The dam was inspected on March 3 and it failed two days later.")[0]
    assert [d[0] for d in _dates(claim)] == [dt.date(2024, 3, 3), dt.date(2024, 3, 5)]
    assert claim.facts.dates[1].span.text == "two days later"


def test_days_later_anchored_in_previous_sentence(claims):
    first, second = claims(
        "On Jan. 9, engineers found a crack. The bridge, which closed three days later, is shut."
    )
    assert _dates(first) == [(dt.date(2024, 1, 9), "day", False)]
    assert _dates(second) == [(dt.date(2024, 1, 12), "day", True)]


def test_month_and_year_relative(claims):
    claim = claims("Prices rose last month and have doubled since earlier this year.")[0]
    assert (dt.date(2024, 2, 1), "month", True) in _dates(claim)
    assert (dt.date(2024, 1, 1), "year", True) in _dates(claim)


def test_a_month_of_a_year_named_relative_to_publication(claims):
    ahead, back = claims("The ban takes effect in July next year. Sales fell in March last year.")
    assert (dt.date(2025, 7, 1), "month", True) in _dates(ahead)
    assert (dt.date(2023, 3, 1), "month", True) in _dates(back)


def test_yesterday_and_earlier_this_month(claims):
    claim = claims("The strike ended yesterday after starting earlier this month.")[0]
    assert (dt.date(2024, 3, 13), "day", True) in _dates(claim)
    assert (dt.date(2024, 3, 1), "month", True) in _dates(claim)


def test_no_date_without_publication(claims):
    claim = claims("The vote took place on Tuesday, March 5.", published=None)[0]
    assert claim.facts.dates == ()


def test_the_date_in_a_dateline_is_when_the_story_was_filed_not_an_event():
    article = make_article(
        "PARIS, March 13 (Aero Wire) — The rocket failed minutes after lifting off on Tuesday night. "
        "Officials said on March 13 that the flight had ended."
    )
    lede, later = extract_claims(article, segment(article))
    assert [(d.value, d.span.text) for d in lede.facts.dates] == [(dt.date(2024, 3, 12), "Tuesday")]
    assert [d.value for d in later.facts.dates] == [dt.date(2024, 3, 13)]


def test_a_day_told_by_a_gmt_clock_is_marked(claims):
    utc, local = claims(
        "The lander touched down at 04:34 GMT on Thursday. It was late on Wednesday in Houston."
    )
    assert [d.utc for d in utc.facts.dates] == [True]
    assert [d.utc for d in local.facts.dates] == [False]


def test_a_day_after_a_clause_the_parse_hung_elsewhere_dates_that_clause(claims):
    """'a day after nearly two dozen residents were plucked': spaCy makes 'after' a preposition
    without object and 'plucked' the head of 'day'; the rescue is still the day before."""
    (claim,) = claims(
        "Search teams combed the banks of the river on Saturday for five people still unaccounted "
        "for after a flash flood swept through the town, a day after nearly two dozen residents were "
        "plucked from rooftops.",
        published=dt.date(2024, 3, 9),
    )
    assert [(d.span.text, d.value, d.event) for d in claim.facts.dates] == [
        ("Saturday", dt.date(2024, 3, 9), "comb"),
        ("a day after", dt.date(2024, 3, 8), "pluck"),
    ]
    _, later = claims("The vote was held on Monday. A week after that, protests began.")
    assert [d.value for d in later.facts.dates] == [dt.date(2024, 3, 18)]  # counted from the anchor
