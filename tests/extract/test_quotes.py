"""Direct quotations: curly and straight marks, inner text, apostrophes left alone."""

from __future__ import annotations


def test_curly_and_straight_quotes(claims):
    claim = claims('She called it “a disgrace” and said "we will appeal" today.')[0]
    assert [q.text for q in claim.facts.quotes] == ["a disgrace", "we will appeal"]
    for quote in claim.facts.quotes:
        assert claim.article.text[quote.start : quote.end] == quote.text


def test_single_quotes_but_not_apostrophes(claims):
    claim = claims("Police said the fire was 'under control' at the farmers' market, which wasn't damaged.")[
        0
    ]
    assert [q.text for q in claim.facts.quotes] == ["under control"]


def test_no_quotes(claims):
    assert claims("Nobody's car was damaged.")[0].facts.quotes == ()
