from __future__ import annotations

import dataclasses

from crosscheck.extract import extract_claims
from crosscheck.judge.exemptions import different_events
from crosscheck.judge.facts import ArticleFacts
from crosscheck.judge.slots import date
from crosscheck.models import ClaimPair
from crosscheck.segment import segment
from tests.conftest import article, claim, span
from tests.judge.helpers import date as day
from tests.judge.helpers import number


def _day(owner, text, iso):
    """A date fact as precise as its text: "2019", "March 2024" or "March 14"."""
    words = text.split()
    precision = (
        "year"
        if len(words) == 1 and text.isdigit()
        else "month"
        if len(words) == 2 and len(words[1]) == 4 and words[1].isdigit()
        else "day"
    )
    return day(owner, text, iso, precision=precision)


def _pair(text_a, date_a, text_b, date_b, published_a="2024-03-05", published_b="2024-03-05"):
    a, b = article("a", text_a, published_a), article("b", text_b, published_b)
    first, second = claim(a, text_a, dates=(_day(a, *date_a),)), claim(b, text_b, dates=(_day(b, *date_b),))
    return ClaimPair(first, second, 80.0), ArticleFacts.of([first, second])


def test_different_days_differ_and_the_value_is_written_out_for_the_swap():
    pair, index = _pair(
        "Sentencing is set for Saturday.",
        ("Saturday", "2024-03-09"),
        "Sentencing is set for March 13.",
        ("March 13", "2024-03-13"),
    )
    found = date.difference(pair, index)
    assert found is not None and found.first_value == "March 9"


def test_the_same_day_resolved_differently_is_no_difference():
    pair, index = _pair(
        "It was shot down two days later.",
        ("two days later", "2023-02-04"),
        "It was shot down on February 4.",
        ("February 4", "2023-02-04"),
    )
    assert date.difference(pair, index) is None


def test_each_articles_own_day_is_a_state_as_of_publication():
    pair, index = _pair(
        "Two climbers were still missing on Wednesday.",
        ("Wednesday", "2024-03-06"),
        "Two climbers were still missing on Thursday.",
        ("Thursday", "2024-03-07"),
        published_a="2024-03-06",
        published_b="2024-03-07",
    )
    assert date.difference(pair, index) is None


def test_dates_a_year_apart_or_an_earlier_years_background_are_different_events():
    pair, _ = _pair(
        "They met on March 3, 2023.",
        ("March 3, 2023", "2023-03-03"),
        "They met on March 4, 2024.",
        ("March 4, 2024", "2024-03-04"),
    )
    assert different_events(pair) is not None
    a, b = (
        article("a", "A 2019 outbreak in Lisbon infected about 120 people.", "2025-08-05"),
        article("b", "Some 41 people were treated.", "2025-08-05"),
    )
    background = ClaimPair(
        claim(a, a.text, dates=(day(a, "2019", "2019-01-01", precision="year"),)), claim(b, b.text), 60.0
    )
    assert different_events(background) == "an earlier event"


def test_a_day_or_month_of_an_earlier_year_is_an_earlier_event():
    b = article("b", "The airline owes its lessors about 1.7 billion kroner.", "2026-10-12")
    owing = claim(b, b.text)
    a = article("a", "Polarfly went under in March 2019, leaving debts of 1.2 billion kroner.", "2026-10-12")
    background = claim(a, a.text, dates=(_day(a, "March 2019", "2019-03-01"),))
    assert different_events(ClaimPair(background, owing, 60.0)) == "an earlier event"
    # earlier in the same year is the story's own history, and a count since a day still runs
    c = article("c", "On March 5 the airline owed 1.2 billion kroner.", "2026-10-12")
    history = claim(c, c.text, dates=(_day(c, "March 5", "2026-03-05"),))
    assert different_events(ClaimPair(history, owing, 60.0)) is None
    d = article("d", "The airline has run up debts of 1.2 billion kroner since March 2019.", "2026-10-12")
    running = claim(d, d.text, dates=(_day(d, "March 2019", "2019-03-01"),))
    assert different_events(ClaimPair(running, owing, 60.0)) is None


def test_a_year_of_a_sub_clauses_own_event_does_not_date_the_claim():
    a = article("a", "The company, founded in 2017, raised 720 million euros in the listing.", "2025-11-06")
    b = article("b", "The listing raised 612 million euros.", "2025-11-06")
    founded = day(a, "2017", "2017-01-01", event="found", precision="year")
    listing = claim(a, a.text, dates=(founded,), numbers=(number(a, "720", 720e6, "eur", event="raise"),))
    listing = dataclasses.replace(listing, facts=dataclasses.replace(listing.facts, predicate="raise"))
    other = claim(b, b.text, numbers=(number(b, "612", 612e6, "eur", event="raise"),))
    assert different_events(ClaimPair(listing, other, 70.0)) is None
    # a year of the event a figure belongs to still dates the claim: background
    c = article("c", "The worst outbreak was in 2019, when 40 people died.", "2025-11-06")
    died = day(c, "2019", "2019-01-01", event="die", precision="year")
    background = claim(c, c.text, dates=(died,), numbers=(number(c, "40", 40, "people", event="die"),))
    background = dataclasses.replace(background, facts=dataclasses.replace(background.facts, predicate="be"))
    assert different_events(ClaimPair(background, other, 60.0)) == "an earlier event"


def test_a_relative_day_inside_a_quote_is_not_compared():
    text_a = "The capsule carried its first crew into orbit on Wednesday."
    text_b = '"Today a private company carried people to orbit," the chief executive said.'
    a, b = article("a", text_a, "2024-03-07"), article("b", text_b, "2024-03-07")
    first = claim(a, text_a, dates=(day(a, "Wednesday", "2024-03-06"),))
    today = day(b, "Today", "2024-03-07", relative=True)
    quoted = claim(b, text_b, dates=(today,), quotes=(span(b, text_b[1:52]),))
    unquoted = claim(b, text_b, dates=(today,))
    assert date.difference(ClaimPair(first, quoted, 70.0), ArticleFacts.of([first, quoted])) is None
    assert date.difference(ClaimPair(first, unquoted, 70.0), ArticleFacts.of([first, unquoted])) is not None


def test_a_day_by_a_gmt_clock_agrees_with_the_local_day_before_or_after():
    a, b = (
        article("a", "It landed at 04:34 GMT on Thursday.", "2024-03-08"),
        article("b", "It landed late on Wednesday.", "2024-03-08"),
    )
    utc = claim(a, a.text, dates=(dataclasses.replace(day(a, "Thursday", "2024-03-07"), utc=True),))
    local = claim(b, b.text, dates=(day(b, "Wednesday", "2024-03-06"),))
    assert date.difference(ClaimPair(utc, local, 80.0), ArticleFacts.of([utc, local])) is None
    two_days = claim(b, b.text, dates=(day(b, "Wednesday", "2024-03-05"),))
    assert date.difference(ClaimPair(utc, two_days, 80.0), ArticleFacts.of([utc, two_days])) is not None


def _extracted(article_id, text, published="2025-03-14"):
    owner = article(article_id, text, published)
    (found,) = extract_claims(owner, segment(owner))
    return found


def test_the_day_of_another_event_the_other_claim_tells_undated_is_not_compared():
    """'Thursday's robbery' dates the robbery, 'on Friday ... detained' the detention, which the
    first claim tells without a day: both can be true (exempt/other-event-dated)."""
    robbery = _extracted(
        "a", "Police detained a man suspected of driving the car used in Thursday's robbery."
    )
    detention = _extracted("b", "Police on Friday morning detained a 24-year-old man.")
    assert date.difference(ClaimPair(robbery, detention, 70.0), ArticleFacts.of([robbery, detention])) is None
    wednesday = _extracted("c", "Three men robbed the bank on Wednesday.")
    thursday = _extracted("d", "Three men robbed the bank on Thursday.")
    found = date.difference(ClaimPair(wednesday, thursday, 90.0), ArticleFacts.of([wednesday, thursday]))
    assert found is not None and (found.first.text, found.second.text) == ("Wednesday", "Thursday")


def test_months_that_differ_are_compared_by_month_and_written_as_a_month():
    pair, index = _pair(
        "The new minimum applies from July 2027.",
        ("July 2027", "2027-07-01"),
        "The new minimum applies from January 1, 2027.",
        ("January 1, 2027", "2027-01-01"),
    )
    found = date.difference(pair, index)
    assert found is not None and found.first_value == "July 2027" and found.size == 1.0
    assert different_events(pair) is not None  # months apart: the verdict weighs it (dated_apart)


def test_a_day_inside_the_month_the_other_claim_gives_agrees():
    pair, index = _pair(
        "He was arrested in London in March 2024.",
        ("March 2024", "2024-03-01"),
        "He was arrested in London on March 14, 2024.",
        ("March 14, 2024", "2024-03-14"),
    )
    assert date.difference(pair, index) is None


def test_a_year_alone_is_compared_with_a_year_alone_only():
    felled = _pair(
        "The oak was felled around 1741.",
        ("1741", "1741-01-01"),
        "The oak was felled around 1714.",
        ("1714", "1714-01-01"),
    )
    found = date.difference(*felled)
    assert found is not None and found.first_value == "1741"
    background = _pair(
        "A 2019 outbreak infected 120 people.",
        ("2019", "2019-01-01"),
        "The outbreak began on March 3.",
        ("March 3", "2024-03-03"),
    )
    assert date.difference(*background) is None


def test_dates_apart_reach_the_model_only_when_the_dates_are_what_differs():
    from crosscheck.judge.signals import candidates

    pair, _ = _pair(
        "The galleries open in October 2026.",
        ("October 2026", "2026-10-01"),
        "The galleries are due to open in April 2027.",
        ("April 2027", "2027-04-01"),
    )
    (found,) = candidates([pair.first, pair.second], [pair])
    assert found.difference is not None and found.difference.kind == "date"
    a, b = (
        article("a", "A 2019 fire killed 40.", "2024-03-05"),
        article("b", "The fire killed 30.", "2024-03-05"),
    )
    first = claim(a, a.text, dates=(day(a, "2019", "2019-01-01", precision="year"),))
    background = ClaimPair(first, claim(b, b.text), 80.0)
    assert candidates([background.first, background.second], [background]) == []
