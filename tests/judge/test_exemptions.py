from __future__ import annotations

from crosscheck.judge.exemptions import both_sides_reported, published_apart, same_remark
from crosscheck.models import Attribution, ClaimPair
from tests.conftest import article, claim, span
from tests.judge.helpers import name

US = "The United States said the balloon was a surveillance craft."
CHINA = "Beijing insists the balloon was a civilian airship."


def _claims(owner_id, texts):
    owner = article(owner_id, " ".join(texts), "2023-02-18")
    found = []
    for text in texts:
        source = (
            "united states"
            if text.startswith("The United States")
            else "beijing"
            if text.startswith("Beijing")
            else None
        )
        who = "United States" if source == "united states" else "Beijing"
        found.append(
            claim(
                owner,
                text,
                attribution=Attribution(source, span(owner, who)) if source else None,
                mentions=(name(owner, who, who.lower(), "GPE"),),
            )
        )
    return found


def test_both_parties_claims_in_both_articles_are_exempt():
    a = _claims("a", [US, CHINA])
    b = _claims("b", [US, CHINA])
    by_article = {"a": a, "b": b}
    assert both_sides_reported(ClaimPair(a[0], b[1], 70.0), by_article)


def test_one_sides_claim_against_the_outlets_own_voice_is_not_exempt():
    # "All seven wore transceivers, Falkner said" / "Two were not carrying transceivers": that the
    # second article quotes Falkner elsewhere does not make its own statement a side's claim
    us = _claims("a", [US])[0]
    drift = "The balloon drifted east."
    a = article("a", f"{US} {drift}", "2023-02-18")
    first = [claim(a, US, attribution=us.facts.attribution), claim(a, drift)]
    airship = "The balloon was a civilian airship."
    b = article("b", f"{US} {airship}", "2023-02-18")
    second = [claim(b, US, attribution=us.facts.attribution), claim(b, airship)]
    by_article = {"a": first, "b": second}
    assert not both_sides_reported(ClaimPair(first[0], second[1], 70.0), by_article)


def test_sources_of_facts_that_differ_are_not_exempt():
    a = article("a", "Ortiz will remain chief executive until closing, the companies said.", "2025-03-04")
    b = article("b", "Ortiz will step down at once, people familiar with the matter said.", "2025-03-04")
    first = claim(a, a.text, attribution=Attribution("companies", span(a, "companies")))
    second = claim(
        b, b.text, attribution=Attribution("people familiar with the matter", span(b, "people familiar"))
    )
    assert not both_sides_reported(ClaimPair(first, second, 70.0), {"a": [first], "b": [second]})


def test_statements_of_articles_published_more_than_a_week_apart_are_exempt():
    a, b = (
        article("a", "Blinken postponed his trip.", "2023-02-04"),
        article("b", "Blinken will travel this week.", "2023-06-14"),
    )
    assert published_apart(ClaimPair(claim(a, a.text), claim(b, b.text), 70.0))


def _quoting(owner_id, text, quoted):
    owner = article(owner_id, text, "2025-11-13")
    return claim(owner, text, quotes=(span(owner, quoted),))


def test_one_remark_quoted_by_both_is_exempt_whatever_its_frame():
    a = _quoting(
        "a",
        'Tom Hadley, the Leader of the House, called the bill "a modest, practical change".',
        "a modest, practical change",
    )
    b = _quoting(
        "b",
        'Workplace Relations Minister Tom Hadley said it was "a modest, practical change".',
        "a modest, practical change",
    )
    assert same_remark(ClaimPair(a, b, 80.0))


def test_different_remarks_of_one_speaker_are_not_exempt():
    a = _quoting(
        "a", 'Brannigan said members "are sick of being told to wait".', "are sick of being told to wait"
    )
    b = _quoting("b", 'Brannigan said members had "run out of patience".', "run out of patience")
    assert not same_remark(ClaimPair(a, b, 80.0))


def test_figures_of_articles_published_months_apart_are_not_compared_but_days_are():
    from crosscheck.judge.signals import candidates
    from tests.judge.helpers import date, number

    a_text, b_text = "About 300 people attended the talks.", "About 900 people attended the talks."
    a, b = article("a", a_text, "2023-02-18"), article("b", b_text, "2023-06-19")
    figures = [
        claim(a, a_text, numbers=(number(a, "About 300 people", 300, "people", "about"),)),
        claim(b, b_text, numbers=(number(b, "About 900 people", 900, "people", "about"),)),
    ]
    assert candidates(figures, [ClaimPair(*figures, 80.0)]) == []
    a_text, b_text = "The balloon was downed on February 4.", "The balloon was downed on February 6."
    a, b = article("a", a_text, "2023-02-18"), article("b", b_text, "2023-06-19")
    days = [
        claim(a, a_text, dates=(date(a, "February 4", "2023-02-04"),)),
        claim(b, b_text, dates=(date(b, "February 6", "2023-02-06"),)),
    ]
    [found] = candidates(days, [ClaimPair(*days, 80.0)])
    assert found.difference is not None and found.difference.kind == "date"
