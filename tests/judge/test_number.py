from __future__ import annotations

import pytest

from crosscheck.judge.facts import ArticleFacts, numbers_agree
from crosscheck.judge.slots import number
from crosscheck.models import ClaimPair
from tests.conftest import article, claim
from tests.judge.helpers import number as figure


def _pair(text_a, fig_a, text_b, fig_b, published_b="2024-06-02", others=()):
    a = article("a", text_a, "2024-06-02")
    b = article("b", text_b, published_b)
    first = claim(a, text_a, numbers=(figure(a, *fig_a),))
    second = claim(b, text_b, numbers=(figure(b, *fig_b),))
    return ClaimPair(first, second, 70.0), ArticleFacts.of([first, second, *others])


def test_approximations_and_rounding_agree():
    a = article("a", "about 300 people and $15bn and more than 40 boats")
    b = article("b", "312 people and $15.2 billion and 45 boats")
    assert numbers_agree(figure(a, "about 300", 300, "people", "about"), figure(b, "312", 312, "people"))
    assert numbers_agree(figure(a, "$15bn", 15e9, "usd"), figure(b, "$15.2 billion", 15.2e9, "usd"))
    assert numbers_agree(figure(a, "more than 40", 40, "boat", "more than"), figure(b, "45", 45, "boat"))
    assert not numbers_agree(figure(a, "about 300", 300, "people", "about"), figure(b, "312", 400, "people"))


def test_paraphrased_figures_of_one_unit_differ_whatever_the_verbs():
    pair, index = _pair(
        "The utility's $4.2 billion purchase of Northwind was announced on Monday.",
        ("$4.2 billion", 4.2e9, "usd"),
        "Harlow agreed to buy Northwind for $2.4 billion.",
        ("$2.4 billion", 2.4e9, "usd"),
    )
    found = number.difference(pair, index)
    assert found is not None and found.kind == "number"
    assert (found.first.text, found.second.text, found.first_value) == (
        "$4.2 billion",
        "$2.4 billion",
        "$4.2 billion",
    )


def test_agreeing_far_apart_or_stated_elsewhere_figures_are_no_difference():
    agreeing, index = _pair(
        "About 300 fled.", ("About 300", 300, "people", "about"), "312 fled.", ("312", 312, "people")
    )
    assert number.difference(agreeing, index) is None
    other_magnitude, index = _pair(
        "It cost $46 a share.", ("$46", 46, "usd"), "It cost $15bn.", ("$15bn", 15e9, "usd")
    )
    assert number.difference(other_magnitude, index) is None
    b_article = article("b", "Police said 5,000 marched. Organisers said 20,000 marched.", "2024-06-02")
    also_in_b = claim(
        b_article, "Police said 5,000 marched.", numbers=(figure(b_article, "5,000", 5000, "people"),)
    )
    pair, index = _pair(
        "Police said 5,000 marched.",
        ("5,000", 5000, "people"),
        "Organisers said 20,000 marched.",
        ("20,000", 20000, "people"),
        others=(also_in_b,),
    )
    assert (
        number.difference(
            ClaimPair(
                pair.first,
                claim(
                    b_article,
                    "Organisers said 20,000 marched.",
                    numbers=(figure(b_article, "20,000", 20000, "people"),),
                ),
                70.0,
            ),
            index,
        )
        is None
    )


@pytest.mark.parametrize(
    "earlier, later, is_update",
    [
        (
            ("The flood killed 41 people.", ("41 people", 41, "people")),
            ("The death toll rose to 58 people.", ("58 people", 58, "people")),
            True,
        ),
        (  # 'for now' is far from the figure: it updates nothing
            ("The authors had put their losses at £37.6 million.", ("£37.6 million", 37.6e6, "gbp")),
            (
                "The authors, who had sought £27.6 million, were awarded no damages for now.",
                ("£27.6 million", 27.6e6, "gbp"),
            ),
            False,
        ),
        (  # the earlier report's 'still' cannot make the later figure an update
            ("About 21,000 homes were still without power.", ("About 21,000", 21000, "home", "about")),
            ("Some 34,000 homes lost power.", ("Some 34,000", 34000, "home", "about")),
            False,
        ),
    ],
)
def test_only_the_later_articles_figure_told_as_an_update_is_a_running_count(earlier, later, is_update):
    pair, index = _pair(*earlier, *later, published_b="2024-06-03")
    assert (number.difference(pair, index) is None) == is_update


def _extracted(article_id, text):
    import datetime as dt

    from crosscheck.extract import extract_claims
    from crosscheck.models import Article
    from tests.extract.helpers import split

    written = Article(
        article_id, f"{article_id}.txt", text, ((0, len(text)),), published=dt.date(2024, 3, 14)
    )
    return extract_claims(written, split(written))[0]


def test_figures_in_other_units_are_converted_before_they_are_compared():
    metres = _extracted("a", "The ash column rose 6 kilometres above the crater on Sunday.")
    same = _extracted("b", "The ash column rose about 20,000 feet above the crater on Sunday.")
    higher = _extracted("c", "The ash column rose nearly 30,000 feet above the crater on Sunday.")
    index = ArticleFacts.of([metres, same, higher])
    assert number.difference(ClaimPair(metres, same, 90.0), index) is None
    found = number.difference(ClaimPair(metres, higher, 90.0), index)
    assert found is not None
    assert (found.first.text, found.second.text) == ("6 kilometres", "nearly 30,000 feet")


def test_a_change_and_a_figure_the_claim_also_gives_are_no_difference():
    increment, index = _pair(
        "Rescuers have recovered 16 bodies.",
        ("16", 16, "body"),
        "Rescuers pulled seven more bodies from the mud.",
        ("seven", 7, "body", "change"),
    )
    assert number.difference(increment, index) is None
    a = article("a", "The fire had grown to 18,420 acres.", "2024-06-02")
    b = article("b", "The fire had burned 23,900 acres, up from 18,420 acres.", "2024-06-02")
    first = claim(a, a.text, numbers=(figure(a, "18,420 acres", 18420, "acre"),))
    second = claim(
        b,
        b.text,
        numbers=(figure(b, "23,900 acres", 23900, "acre"), figure(b, "18,420 acres", 18420, "acre")),
    )
    for pair in (ClaimPair(first, second, 70.0), ClaimPair(second, first, 70.0)):
        assert number.difference(pair, ArticleFacts.of([first, second])) is None


def test_the_level_before_or_after_a_stated_change_is_another_stage_not_a_difference():
    a = article("a", "Donors have pledged $45 million to the fund.", "2024-06-02")
    b = article("b", "Oslo pledged a further $5 million, bringing the total to $50 million.", "2024-06-02")
    first = claim(a, a.text, numbers=(figure(a, "$45 million", 45e6, "usd"),))
    second = claim(
        b,
        b.text,
        numbers=(figure(b, "$5 million", 5e6, "usd", "change"), figure(b, "$50 million", 50e6, "usd")),
    )
    for pair in (ClaimPair(first, second, 70.0), ClaimPair(second, first, 70.0)):
        assert number.difference(pair, ArticleFacts.of([first, second])) is None
    c = article("c", "Donors have pledged $40 million to the fund.", "2024-06-02")
    other = claim(c, c.text, numbers=(figure(c, "$40 million", 40e6, "usd"),))
    found = number.difference(ClaimPair(other, second, 70.0), ArticleFacts.of([other, second]))
    assert found is not None and (found.first.text, found.second.text) == ("$40 million", "$50 million")


def test_two_changes_of_one_unit_are_compared_but_not_with_a_level():
    cuts, index = _pair(
        "Cutting the catch by 18 percent, the deal aims to halt the decline.",
        ("18 percent", 18, "percent", "change"),
        "The new limit is 22 percent lower than this year's.",
        ("22 percent", 22, "percent", "change"),
    )
    found = number.difference(cuts, index)
    assert found is not None and (found.first.text, found.second.text) == ("18 percent", "22 percent")
    level, index = _pair(
        "Cutting the catch by 18 percent, the deal aims to halt the decline.",
        ("18 percent", 18, "percent", "change"),
        "The fleet lands 22 percent of its catch abroad.",
        ("22 percent", 22, "percent"),
    )
    assert number.difference(level, index) is None


def test_a_figure_in_words_rounds_by_its_own_unit_not_by_whole_metres():
    a, b = (
        article("a", "It dropped about 2.4 inches of rain."),
        article("b", "More than four inches of rain fell."),
    )
    rain_a = figure(a, "about 2.4 inches", 0.06096, "metre", "about")
    rain_b = figure(b, "More than four inches", 0.1016, "metre", "more than")
    assert not numbers_agree(rain_a, rain_b)


def test_a_bound_agrees_with_a_figure_but_does_not_state_it_again():
    a = article("a", "The round values it at about $310 million, up from more than $300 million.")
    about = figure(a, "about $310 million", 310e6, "usd", "about")
    bound = figure(a, "more than $300 million", 300e6, "usd", "more than")
    first = claim(a, a.text, numbers=(about, bound))
    index = ArticleFacts.of([first])
    other = article("b", "It is valued at roughly $410 million.")
    assert numbers_agree(bound, figure(other, "roughly $410 million", 410e6, "usd", "about"))
    assert not index.states_number("a", figure(other, "roughly $410 million", 410e6, "usd", "about"))
    same = article("c", "It is valued at $310 million.")
    assert index.states_number("a", figure(same, "$310 million", 310e6, "usd"))


def test_a_later_figure_given_as_up_from_an_earlier_one_is_an_update():
    pair, index = _pair(
        "Some 2,800 schools were closed.",
        ("2,800 schools", 2800, "school"),
        "The ministry said 3,150 schools were closed, up from the day before.",
        ("3,150 schools", 3150, "school"),
        published_b="2024-06-03",
    )
    assert number.difference(pair, index) is None


def test_a_total_is_not_compared_with_its_parts():
    a = article("a", "The bus carried 52 people and two drivers.", "2024-06-02")
    parts = (figure(a, "52 people", 52, "people"), figure(a, "two drivers", 2, "driver"))
    first = claim(a, a.text, numbers=parts)
    for total, found in ((54, False), (57, True)):
        b = article("b", f"The bus had {total} people aboard.", "2024-06-02")
        second = claim(b, b.text, numbers=(figure(b, f"{total} people", total, "people"),))
        difference = number.difference(ClaimPair(first, second, 70.0), ArticleFacts.of([first, second]))
        assert (difference is not None) is found


def _ranged():
    """A claim giving a range: its two bounds share one span, as extraction gives them."""
    a = article("a", "Each could receive between $150 and $250.", "2024-06-02")
    bounds = (
        figure(a, "between $150 and $250", 150, "usd", "at least"),
        figure(a, "between $150 and $250", 250, "usd", "at most"),
    )
    return claim(a, a.text, numbers=bounds)


def test_a_figure_inside_the_other_claims_range_is_no_difference():
    first = _ranged()
    b = article("b", "Each will get roughly $200.", "2024-06-02")
    inside = claim(b, b.text, numbers=(figure(b, "roughly $200", 200, "usd", "about"),))
    assert number.difference(ClaimPair(first, inside, 80.0), ArticleFacts.of([first, inside])) is None
    assert number.difference(ClaimPair(inside, first, 80.0), ArticleFacts.of([inside, first])) is None


def test_a_figure_outside_the_other_claims_range_differs_although_it_passes_one_bound():
    first = _ranged()
    c = article("c", "Each will get roughly $500.", "2024-06-02")
    outside = claim(c, c.text, numbers=(figure(c, "roughly $500", 500, "usd", "about"),))
    found = number.difference(ClaimPair(first, outside, 80.0), ArticleFacts.of([first, outside]))
    assert found is not None and (found.first.text, found.second.text) == (
        "between $150 and $250",
        "roughly $500",
    )
    back = number.difference(ClaimPair(outside, first, 80.0), ArticleFacts.of([outside, first]))
    assert back is not None and back.second.text == "between $150 and $250"


def test_temperatures_in_two_scales_are_not_compared():
    pair, index = _pair(
        "Waters ran 2 degrees Celsius above normal.",
        ("2 degrees Celsius", 2, "degree celsius"),
        "Waters ran 3.6 degrees Fahrenheit above normal.",
        ("3.6 degrees Fahrenheit", 3.6, "degree fahrenheit"),
    )
    assert number.difference(pair, index) is None
