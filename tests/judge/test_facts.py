from __future__ import annotations

import datetime as dt

from crosscheck.judge.facts import (
    ArticleFacts,
    date_findings,
    event_relation,
    number_findings,
    numbers_agree,
    place_findings,
)
from crosscheck.models import Attribution, ClaimPair, DateFact, Mention, NumberFact
from tests.conftest import article, claim, span


def number(owner, text, value, unit, qualifier="exact", event=None):
    return NumberFact(value, unit, span(owner, text), qualifier, event)


def date(owner, text, iso, event=None, precision="day", relative=False):
    return DateFact(dt.date.fromisoformat(iso), span(owner, text), precision, relative, event)


def name(owner, text, normalized, label="ORG"):
    return Mention(span(owner, text), label, normalized)


def test_same_event_on_different_days_is_a_date_conflict():
    a = article("a", "The storm hit Leyte on March 3.", "2024-03-05")
    b = article("b", "The storm hit Leyte on March 4.", "2024-03-05")
    pair = ClaimPair(
        claim(
            a, a.text, dates=(date(a, "March 3", "2024-03-03", "hit"),), mentions=(name(a, "Leyte", "leyte"),)
        ),
        claim(
            b, b.text, dates=(date(b, "March 4", "2024-03-04", "hit"),), mentions=(name(b, "Leyte", "leyte"),)
        ),
        90.0,
    )
    [finding] = date_findings(pair, ArticleFacts.of([pair.first, pair.second]))
    assert finding.kind == "date" and finding.severity == "high"
    assert "2024-03-03" in finding.explanation and "2024-03-04" in finding.explanation
    assert [s.text for e in finding.evidence for s in e.spans] == ["March 3", "March 4"]


def test_dates_a_year_apart_are_different_events_not_a_conflict():
    a = article("a", "The ministers met in New York on Sept. 23, 2022.", "2023-02-18")
    b = article("b", "The ministers met in Munich on Feb. 18.", "2023-02-18")
    pair = ClaimPair(
        claim(a, a.text, dates=(date(a, "Sept. 23, 2022", "2022-09-23", "meet"),)),
        claim(b, b.text, dates=(date(b, "Feb. 18", "2023-02-18", "meet"),)),
        80.0,
    )
    assert event_relation(pair).different
    assert date_findings(pair, ArticleFacts.of([pair.first, pair.second])) == []


def test_resolved_relative_date_that_agrees_is_no_conflict():
    a = article("a", "It was shot down two days later.", "2023-02-18")
    b = article("b", "It was shot down on February 4.", "2023-02-19")
    pair = ClaimPair(
        claim(a, a.text, dates=(date(a, "two days later", "2023-02-04", "shoot down", relative=True),)),
        claim(b, b.text, dates=(date(b, "February 4", "2023-02-04", "shoot"),)),
        90.0,
    )
    assert date_findings(pair, ArticleFacts.of([pair.first, pair.second])) == []


def test_approximations_and_rounding_agree():
    a = article("a", "about 300 people and $15bn and more than 40 boats")
    b = article("b", "312 people and $15.2 billion and 45 boats")
    assert numbers_agree(number(a, "about 300", 300, "people", "about"), number(b, "312", 312, "people"))
    assert numbers_agree(number(a, "$15bn", 15e9, "usd"), number(b, "$15.2 billion", 15.2e9, "usd"))
    assert numbers_agree(number(a, "more than 40", 40, "boat", "more than"), number(b, "45", 45, "boat"))
    assert not numbers_agree(number(a, "more than 40", 40, "boat", "more than"), number(b, "312", 30, "boat"))
    assert not numbers_agree(number(a, "about 300", 300, "people", "about"), number(b, "312", 400, "people"))


def test_different_counts_of_the_same_thing_conflict():
    a = article("a", "The flood killed 41 people in Tula.", "2024-06-02")
    b = article("b", "The flood killed 14 people in Tula.", "2024-06-02")
    pair = ClaimPair(
        claim(a, a.text, numbers=(number(a, "41 people", 41, "people", event="kill"),)),
        claim(b, b.text, numbers=(number(b, "14 people", 14, "people", event="kill"),)),
        90.0,
    )
    [finding] = number_findings(pair, ArticleFacts.of([pair.first, pair.second]))
    assert finding.kind == "number"
    assert "41 people" in finding.explanation and "14 people" in finding.explanation


def test_a_toll_that_rose_by_the_next_day_is_an_update():
    a = article("a", "The flood killed 41 people.", "2024-06-02")
    b = article("b", "The death toll rose to 58 people.", "2024-06-03")
    pair = ClaimPair(
        claim(a, a.text, numbers=(number(a, "41 people", 41, "people"),)),
        claim(b, b.text, numbers=(number(b, "58 people", 58, "people"),)),
        80.0,
    )
    assert number_findings(pair, ArticleFacts.of([pair.first, pair.second])) == []


def test_each_side_figure_reported_by_both_outlets_is_no_conflict():
    text = "Police said 5,000 people marched. Organisers said 20,000 people marched."
    a = article("a", text, "2024-06-02")
    b = article("b", text, "2024-06-02")
    police_a = claim(
        a,
        "Police said 5,000 people marched.",
        numbers=(number(a, "5,000 people", 5000, "people", event="march"),),
    )
    organisers_b = claim(
        b,
        "Organisers said 20,000 people marched.",
        numbers=(number(b, "20,000 people", 20000, "people", event="march"),),
    )
    police_b = claim(
        b,
        "Police said 5,000 people marched.",
        numbers=(number(b, "5,000 people", 5000, "people", event="march"),),
    )
    pair = ClaimPair(police_a, organisers_b, 80.0)
    assert number_findings(pair, ArticleFacts.of([police_a, organisers_b, police_b])) == []


def test_figures_from_different_sources_are_a_medium_conflict():
    a = article("a", "Police said 5,000 people marched.", "2024-06-02")
    b = article("b", "Organisers said 20,000 people marched.", "2024-06-02")
    first = claim(
        a,
        a.text,
        numbers=(number(a, "5,000 people", 5000, "people", event="march"),),
        attribution=Attribution("police", span(a, "Police")),
    )
    second = claim(
        b,
        b.text,
        numbers=(number(b, "20,000 people", 20000, "people", event="march"),),
        attribution=Attribution("organisers", span(b, "Organisers")),
    )
    [finding] = number_findings(ClaimPair(first, second, 85.0), ArticleFacts.of([first, second]))
    assert finding.severity == "medium"


def test_numbers_of_different_magnitude_count_different_things():
    a = article("a", "The offer values the firm at $46 per share.", "2024-06-02")
    b = article("b", "The offer values the firm at $15.2 billion.", "2024-06-02")
    first = claim(a, a.text, numbers=(number(a, "$46", 46, "usd", event="value"),))
    second = claim(b, b.text, numbers=(number(b, "$15.2 billion", 15.2e9, "usd", event="value"),))
    assert number_findings(ClaimPair(first, second, 85.0), ArticleFacts.of([first, second])) == []


def test_words_around_two_dates_tie_them_to_one_event():
    a = article("a", "Judge Ray set sentencing for March 3.", "2025-11-13")
    b = article("b", "Judge Ray scheduled sentencing for March 13.", "2025-11-14")
    first = claim(a, a.text, dates=(date(a, "March 3", "2026-03-03", "set"),))
    second = claim(b, b.text, dates=(date(b, "March 13", "2026-03-13", "schedule"),))
    [finding] = date_findings(ClaimPair(first, second, 70.0), ArticleFacts.of([first, second]))
    assert finding.kind == "date"


def test_same_meeting_in_two_cities_is_a_place_conflict():
    a = article("a", "Ortiz met the Acme board in Lyon on Monday.", "2024-06-02")
    b = article("b", "Ortiz met the Acme board in Turin on Monday.", "2024-06-02")
    mentions_a = (name(a, "Ortiz", "ortiz", "PERSON"), name(a, "Lyon", "lyon", "GPE"))
    mentions_b = (name(b, "Ortiz", "ortiz", "PERSON"), name(b, "Turin", "turin", "GPE"))
    pair = ClaimPair(
        claim(a, a.text, mentions=mentions_a, places=(mentions_a[1],)),
        claim(b, b.text, mentions=mentions_b, places=(mentions_b[1],)),
        88.0,
    )
    [finding] = place_findings(pair)
    assert finding.kind == "place"
    assert "Lyon" in finding.explanation and "Turin" in finding.explanation


def test_did_and_did_not_with_the_same_verb_is_a_negation():
    from crosscheck.judge.facts import negation_findings

    a = article("a", "Halas conceded defeat late on Sunday.", "2025-05-19")
    b = article("b", "As of Monday, Halas had not conceded.", "2025-05-19")
    first = claim(a, a.text, mentions=(name(a, "Halas", "halas", "PERSON"),), predicate="concede")
    second = claim(
        b, b.text, mentions=(name(b, "Halas", "halas", "PERSON"),), predicate="concede", negated=True
    )
    [finding] = negation_findings(ClaimPair(first, second, 60.0))
    assert finding.kind == "negation"
    assert [s.text for s in finding.evidence[1].spans] == ["not", "conceded"]
    other_verb = claim(
        b, b.text, mentions=(name(b, "Halas", "halas", "PERSON"),), predicate="speak", negated=True
    )
    assert negation_findings(ClaimPair(first, other_verb, 60.0)) == []


def test_counts_with_different_verbs_but_the_same_counted_words_conflict():
    a = article("a", "Some 4,000 people had been evacuated from the coast, officials said.", "2024-09-03")
    b = article("b", "More than 15,000 people fled to evacuation centres, the agency said.", "2024-09-03")
    first = claim(a, a.text, numbers=(number(a, "Some 4,000 people", 4000, "people", "about", "evacuate"),))
    second = claim(
        b, b.text, numbers=(number(b, "More than 15,000 people", 15000, "people", "more than", "flee"),)
    )
    [finding] = number_findings(ClaimPair(first, second, 60.0), ArticleFacts.of([first, second]))
    assert "Some 4,000 people" in finding.explanation and "More than 15,000 people" in finding.explanation


def test_counts_of_what_happened_to_different_people_do_not_conflict():
    a = article("a", "In Manila, 20 people were killed in the storm.", "2024-09-03")
    b = article("b", "In Manila, 300 people were injured in the storm.", "2024-09-03")
    first = claim(
        a,
        a.text,
        mentions=(name(a, "Manila", "manila", "GPE"),),
        numbers=(number(a, "20 people", 20, "people", event="kill"),),
    )
    second = claim(
        b,
        b.text,
        mentions=(name(b, "Manila", "manila", "GPE"),),
        numbers=(number(b, "300 people", 300, "people", event="injure"),),
    )
    assert number_findings(ClaimPair(first, second, 80.0), ArticleFacts.of([first, second])) == []


def test_an_open_lower_bound_elsewhere_does_not_state_a_much_larger_figure():
    text_b = "At least 27 people died. More than 15,000 people fled to evacuation centres."
    a = article("a", "Some 4,000 people had been evacuated from the coast.", "2024-09-03")
    b = article("b", text_b, "2024-09-03")
    first = claim(a, a.text, numbers=(number(a, "Some 4,000 people", 4000, "people", "about", "evacuate"),))
    toll = claim(
        b,
        "At least 27 people died.",
        numbers=(number(b, "At least 27 people", 27, "people", "at least", "die"),),
    )
    fled = claim(
        b,
        "More than 15,000 people fled to evacuation centres.",
        1,
        numbers=(number(b, "More than 15,000 people", 15000, "people", "more than", "flee"),),
    )
    [finding] = number_findings(ClaimPair(first, fled, 60.0), ArticleFacts.of([first, toll, fled]))
    assert finding.kind == "number"


def test_landfall_near_two_towns_is_a_place_conflict():
    a = article(
        "a", "The storm slammed ashore near the fishing town of Casiguran on Monday night.", "2024-09-03"
    )
    b = article("b", "The typhoon made landfall near the town of Baler late on Monday.", "2024-09-03")
    place_a, place_b = name(a, "Casiguran", "casiguran", "GPE"), name(b, "Baler", "baler", "GPE")
    pair = ClaimPair(
        claim(a, a.text, mentions=(place_a,), places=(place_a,)),
        claim(b, b.text, mentions=(place_b,), places=(place_b,)),
        60.0,
    )
    [finding] = place_findings(pair)
    assert "Casiguran" in finding.explanation and "Baler" in finding.explanation


def test_a_shared_place_before_two_dates_does_not_make_them_one_event():
    a = article("a", "The two sides emerged from talks in Geneva on Monday.", "2024-03-13")
    b = article("b", "The accord will be signed in Geneva on March 20.", "2024-03-12")
    geneva_a, geneva_b = name(a, "Geneva", "geneva", "GPE"), name(b, "Geneva", "geneva", "GPE")
    first = claim(
        a, a.text, mentions=(geneva_a,), dates=(date(a, "Monday", "2024-03-11", "emerge", relative=True),)
    )
    second = claim(b, b.text, mentions=(geneva_b,), dates=(date(b, "March 20", "2024-03-20", "sign"),))
    assert date_findings(ClaimPair(first, second, 70.0), ArticleFacts.of([first, second])) == []
