"""Findings for aligned pairs the verdict calls contradictory, explained in a sentence.

The finding's kind and rule come from the fact the claims differ in (a figure, a
day, a place, polarity), else it is a ``statement``. The explanation names the
differing values and, when the two sides are attributed to different sources, both
sources ("sources differ"): that is for the reader to weigh, not for us to hide.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.judge._common import content_words, make_finding, party, word_spans
from crosscheck.judge.signals import PairSignals
from crosscheck.judge.verdict import VerdictModel, severity
from crosscheck.models import Claim, Finding, FindingKind, Span

#: At most this many differing words are highlighted in a statement finding.
SHOWN_WORDS = 4

_RULES: dict[FindingKind, str] = {
    "number": "number/same-claim-other-figure",
    "date": "date/same-claim-other-day",
    "place": "place/same-claim-other-place",
    "negation": "negation/one-denies",
    "statement": "statement/nli-contradiction",
}


def conflict_findings(
    signals: Sequence[PairSignals], verdict: VerdictModel, threshold: float
) -> list[Finding]:
    findings = []
    for item in signals:
        probability = verdict.probability(item)
        if probability < threshold:
            continue
        kind: FindingKind = item.difference.kind if item.difference else "statement"
        spans_a, spans_b = _evidence(item, kind)
        text = _sources(item) + _what_differs(item, kind, spans_a, spans_b)
        findings.append(
            make_finding(
                _RULES[kind],
                kind,
                severity(probability, item),
                probability,
                text,
                [(item.pair.first, spans_a), (item.pair.second, spans_b)],
            )
        )
    return findings


def _evidence(item: PairSignals, kind: FindingKind) -> tuple[list[Span], list[Span]]:
    first, second = item.pair.first, item.pair.second
    difference = item.difference
    if difference is not None and kind != "negation":
        return [s for s in (difference.first,) if s], [s for s in (difference.second,) if s]
    return _differing_words(first, second), _differing_words(second, first)


def _differing_words(claim: Claim, other: Claim) -> list[Span]:
    """The first few content words of ``claim`` that ``other`` does not use: what to look at."""
    only = content_words(claim.text) - content_words(other.text)
    return word_spans(claim, only.__contains__)[:SHOWN_WORDS]


def _sources(item: PairSignals) -> str:
    if not item.sources_differ:
        return ""
    first, second = party(item.pair.first), party(item.pair.second)
    return f"Sources differ ({_cited(first)} vs {_cited(second)}). "


def _cited(source: str | None) -> str:
    return f"according to {source}" if source else "in the outlet's own words"


def _what_differs(item: PairSignals, kind: FindingKind, spans_a: list[Span], spans_b: list[Span]) -> str:
    a, b = item.pair.first.article.label, item.pair.second.article.label
    shown_a = ", ".join(span.text for span in spans_a)
    shown_b = ", ".join(span.text for span in spans_b)
    same = f"the model reads the two sentences as the same claim once the {kind} is swapped ({item.swapped_entailment:.2f})"
    if kind == "number":
        return f"{a} gives {shown_a} and {b} gives {shown_b}; otherwise {same}."
    if kind == "date":
        return f"{a} dates it {shown_a} and {b} {shown_b}; otherwise {same}."
    if kind == "place":
        return f"{a} places it in {shown_a} and {b} in {shown_b}; otherwise {same}."
    if kind == "negation":
        denier = a if item.pair.first.facts.negated else b
        asserter = b if item.pair.first.facts.negated else a
        return (
            f"{asserter} says it happened and {denier} says it did not"
            f" (the model calls the pair contradictory: {item.contradiction:.2f})."
        )
    return (
        f"{a} and {b} make claims the model calls contradictory ({item.contradiction:.2f})"
        f": compare '{shown_a or 'the wording'}' with '{shown_b or 'the wording'}'."
    )
