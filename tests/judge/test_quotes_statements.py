from __future__ import annotations

from crosscheck.judge.facts import ArticleFacts
from crosscheck.judge.quotes import quote_findings
from crosscheck.judge.statements import score, statement_findings, worth_asking
from crosscheck.models import Attribution, ClaimPair, Mention
from tests.conftest import FakeNLI, article, claim, span


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


def _pair(text_a, text_b, published_a="2024-01-02", published_b="2024-01-02", said_a=None, negated_b=False):
    a = article("a", text_a, published_a)
    b = article("b", text_b, published_b)
    attribution = Attribution(said_a, span(a, "Acme")) if said_a else None
    return ClaimPair(
        claim(a, text_a, mentions=(Mention(span(a, "Acme"), "ORG", "acme"),), attribution=attribution),
        claim(b, text_b, mentions=(Mention(span(b, "Acme"), "ORG", "acme"),), negated=negated_b),
        80.0,
    )


def test_pairs_published_far_apart_or_in_different_voices_are_not_asked():
    assert worth_asking(_pair("Acme will open the plant.", "Acme closed the plant."))
    assert not worth_asking(
        _pair("Acme will open the plant.", "Acme closed the plant.", published_b="2024-06-01")
    )
    assert not worth_asking(
        _pair("Acme says the plant is safe.", "Acme's plant is unsafe.", said_a="beijing")
    )
    assert worth_asking(
        _pair("Acme's plant is safe, inspectors said.", "Acme's plant is unsafe.", said_a="inspectors")
    )


def test_nli_contradictions_become_statement_findings_with_the_differing_words():
    pair = _pair("Acme opened the plant in May.", "Acme closed the plant in May.")
    model = FakeNLI(lambda p, h: "opened" in p + h and "closed" in p + h)
    scored = score(model, [pair])
    assert len(model.calls) == 2  # both directions
    [finding] = statement_findings(scored, 0.8, ArticleFacts.of([pair.first, pair.second]))
    assert finding.kind == "statement" and finding.severity == "medium"
    assert [s.text for s in finding.evidence[0].spans] == ["opened"]
    assert [s.text for s in finding.evidence[1].spans] == ["closed"]
    assert statement_findings(score(FakeNLI(), [pair]), 0.8, ArticleFacts.of([pair.first, pair.second])) == []


def test_a_denied_statement_is_a_negation_finding():
    pair = _pair("Acme paid the fine.", "Acme did not pay the fine.", negated_b=True)
    [finding] = statement_findings(
        score(FakeNLI(lambda p, h: True), [pair]), 0.8, ArticleFacts.of([pair.first, pair.second])
    )
    assert finding.kind == "negation"


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


def _counting(text_a, number_a, text_b, number_b):
    from crosscheck.models import NumberFact

    a, b = article("a", text_a, "2025-03-11"), article("b", text_b, "2025-03-11")
    first = claim(a, text_a, numbers=(NumberFact(number_a[1], "people", span(a, number_a[0]), "about"),))
    second = claim(b, text_b, numbers=(NumberFact(number_b[1], "people", span(b, number_b[0]), "about"),))
    return ClaimPair(first, second, 56.0)


def test_counts_of_the_same_unit_in_other_words_are_asked_and_name_the_figures():
    pair = _counting(
        "About 200 residents living near the plant were evacuated.",
        ("About 200 residents", 200),
        "Some 2,000 people who live close to the site had to leave their homes.",
        ("Some 2,000 people", 2000),
    )
    assert worth_asking(pair)  # no shared name, other verbs, loose wording: the count is the link
    scored = score(FakeNLI(lambda p, h: True), [pair])
    [finding] = statement_findings(scored, 0.6, ArticleFacts.of([pair.first, pair.second]))
    assert finding.kind == "number"
    assert "'About 200 residents' vs 'Some 2,000 people'" in finding.explanation


def test_claims_without_a_shared_count_name_or_verb_are_not_asked():
    a = article("a", "Residents living near the plant were told to keep their windows shut.", "2025-03-11")
    b = article("b", "People who live close to the site were asked to leave their homes.", "2025-03-11")
    assert not worth_asking(ClaimPair(claim(a, a.text), claim(b, b.text), 56.0))
