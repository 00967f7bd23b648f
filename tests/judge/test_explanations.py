"""Every finding kind explains itself in a sentence a journalist reads (issue: "DW call ...")."""

from __future__ import annotations

import re

import pytest

from crosscheck.judge.conflicts import conflict_findings
from crosscheck.judge.quotes import quote_findings
from crosscheck.judge.signals import candidates, gather
from crosscheck.judge.titles import title_findings
from crosscheck.judge.unsupported import unsupported_findings
from crosscheck.models import Attribution, ClaimPair
from tests.conftest import article, claim, span
from tests.judge.helpers import CONTRADICTS, ScriptedNLI, date, name, number, verdict_on
from tests.judge.test_titles import titled


def _pair(kind):
    a_text, b_text, facts_a, facts_b = {
        "number": (
            "The deal is worth $4.2 billion.",
            "The deal is worth $2.4 billion.",
            "numbers",
            "numbers",
        ),
        "date": ("Sentencing is set for March 3.", "Sentencing is set for March 13.", "dates", "dates"),
        "place": (
            "The storm came ashore near Baler.",
            "The storm came ashore near Casiguran.",
            "places",
            "places",
        ),
        "negation": (
            "The council approved the budget.",
            "The council did not approve the budget.",
            None,
            None,
        ),
        "statement": (
            "The jury acquitted Marsh of conspiracy.",
            "The jury convicted Marsh of conspiracy.",
            None,
            None,
        ),
    }[kind]
    a, b = article("a", a_text, "2025-03-04", "Wire A"), article("b", b_text, "2025-03-04", "Wire B")
    values = {
        "number": lambda o, t: (
            number(o, t.split("worth ")[1].rstrip("."), 1.0 if "4.2" in t else 2.0, "usd"),
        ),
        "date": lambda o, t: (
            date(
                o,
                t.split("for ")[1].rstrip("."),
                "2025-03-03" if "3." in t and "13" not in t else "2025-03-13",
            ),
        ),
        "place": lambda o, t: (
            name(o, t.split("near ")[1].rstrip("."), t.split("near ")[1].rstrip(".").lower(), "GPE"),
        ),
    }
    make = values.get(kind)
    first = claim(
        a, a_text, **({facts_a: make(a, a_text)} if make else {}), mentions=(name(a, a_text.split()[0], "x"),)
    )
    second = claim(
        b,
        b_text,
        **({facts_b: make(b, b_text)} if make else {}),
        negated=kind == "negation",
        mentions=(name(b, b_text.split()[0], "x"),),
    )
    return [first, second], ClaimPair(first, second, 90.0)


def _reads_as_a_sentence(text):
    assert text[0].isupper() and text.endswith("."), text
    assert "  " not in text and not re.search(r"\b(\w+) \1\b", text), text


@pytest.mark.parametrize("kind", ["number", "date", "place", "negation", "statement"])
def test_pair_findings_read_as_sentences_naming_both_outlets(kind):
    claims, pair = _pair(kind)
    [finding] = conflict_findings(
        gather(ScriptedNLI(lambda p, h: CONTRADICTS), candidates(claims, [pair])), verdict_on(bias=-5.0), 0.5
    )
    assert finding.kind == kind
    _reads_as_a_sentence(finding.explanation)
    assert "Wire A" in finding.explanation and "Wire B" in finding.explanation


def test_title_quote_and_unsupported_findings_read_as_sentences():
    x = article("x", "Foreign Minister Lena Ortiz arrived.", "2024-03-02", outlet="Daily X")
    y = article(
        "y",
        "Ortiz was promoted from foreign minister. Envoy Lena Ortiz spoke.",
        "2024-03-01",
        outlet="Y News",
    )
    titles = title_findings(
        [
            titled(x, x.text, "lena ortiz", "foreign minister", "Foreign Minister"),
            titled(
                y,
                "Ortiz was promoted from foreign minister.",
                "lena ortiz",
                "foreign minister",
                "foreign minister",
                former=True,
                name_text="Ortiz",
            ),
            titled(y, "Envoy Lena Ortiz spoke.", "lena ortiz", "chief envoy", "Envoy"),
        ]
    )
    assert "Y News calls Lena Ortiz chief envoy" in titles[0].explanation  # one outlet: "calls"
    a = article("a", '"It is the end of the shouting," Kovac said.', outlet="Wire A")
    b = article("b", '"It is the end of the fighting," Kovac said.', outlet="Wire B")
    said = [Attribution("kovac", span(o, "Kovac"), "quote") for o in (a, b)]
    quotes = quote_findings(
        [
            claim(a, a.text, quotes=(span(a, "It is the end of the shouting,"),), attribution=said[0]),
            claim(b, b.text, quotes=(span(b, "It is the end of the fighting,"),), attribution=said[1]),
        ]
    )
    d = article("d", "The bridge cost $90 million.", outlet="Draft")
    s = article("s", "The bridge cost $40 million.", outlet="Wire")
    unsupported = unsupported_findings(
        [claim(d, d.text, numbers=(number(d, "$90 million", 9e7, "usd"),))],
        [claim(s, s.text, numbers=(number(s, "$40 million", 4e7, "usd"),))],
    )
    for finding in [*titles, *quotes, *unsupported]:
        _reads_as_a_sentence(finding.explanation)
