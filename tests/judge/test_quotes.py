from __future__ import annotations

from crosscheck.judge.quotes import quote_findings
from crosscheck.models import Attribution
from tests.conftest import article, claim, span


def test_reordered_quote_is_a_low_severity_quote_finding():
    a = article("a", 'Wang called the response "hysterical and absurd" on Saturday.')
    b = article("b", 'Wang called the response "absurd and hysterical" on Saturday.')
    found = quote_findings(
        [
            claim(a, a.text, quotes=(span(a, "hysterical and absurd"),)),
            claim(b, b.text, quotes=(span(b, "absurd and hysterical"),)),
        ]
    )
    [finding] = found
    assert finding.kind == "quote" and finding.severity == "low"
    assert "different word order" in finding.explanation


def test_partial_and_identical_quotes_are_fine():
    a = article("a", 'He said the move was "reckless" and left.')
    b = article("b", 'He said the move was "reckless and dangerous" and left.')
    c = article("c", 'He said the move was "reckless and dangerous" today.')
    claims = [
        claim(a, a.text, quotes=(span(a, "reckless"),)),
        claim(b, b.text, quotes=(span(b, "reckless and dangerous"),)),
        claim(c, c.text, quotes=(span(c, "reckless and dangerous"),)),
    ]
    assert quote_findings(claims) == []


def test_a_quote_with_one_word_changed_highlights_that_word():
    a = article("a", '"It is the end of the shouting," Kovac said on Monday.')
    b = article("b", '"It is the end of the fighting," Kovac said on Monday.')
    said_a = Attribution("irena kovac", span(a, "Kovac"), "quote")
    said_b = Attribution("irena kovac", span(b, "Kovac"), "quote")
    [finding] = quote_findings(
        [
            claim(a, a.text, quotes=(span(a, "It is the end of the shouting,"),), attribution=said_a),
            claim(b, b.text, quotes=(span(b, "It is the end of the fighting,"),), attribution=said_b),
        ]
    )
    assert [[s.text for s in e.spans] for e in finding.evidence] == [["shouting"], ["fighting"]]
    assert "with different words" in finding.explanation
