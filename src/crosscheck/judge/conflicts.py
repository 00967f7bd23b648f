"""Findings for aligned pairs the verdict calls contradictory, explained in a sentence.

The finding's kind and rule come from the fact the claims differ in (a figure, a
day, a place, polarity), else it is a ``statement``. The explanation names the
differing values and, when the two sides are attributed to different sources, both
sources ("sources differ"): that is for the reader to weigh, not for us to hide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.judge._common import WORD, make_finding
from crosscheck.judge.signals import PairSignals
from crosscheck.judge.verdict import VerdictModel, severity
from crosscheck.models import Claim, Finding, FindingKind, Span

#: Entailment after the value swap at which the explanation says the claims read as one.
SAME_CLAIM = 0.5
#: At most this many differing words are highlighted in a statement finding.
SHOWN_WORDS = 8

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
    return _differing_phrases(first, second)


def _differing_phrases(first: Claim, second: Claim) -> tuple[list[Span], list[Span]]:
    """The longest stretch of words where the two claims say different things (difflib over
    the two word sequences): "acquitted her of conspiracy" against "convicted on all four
    counts", not a bag of keywords."""
    from difflib import SequenceMatcher

    words_a, words_b = _words(first), _words(second)
    matcher = SequenceMatcher(
        None, [w.group().lower() for w in words_a], [w.group().lower() for w in words_b], autojunk=False
    )
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changed:
        return [], []
    _, i1, i2, j1, j2 = max(changed, key=lambda op: (op[2] - op[1]) + (op[4] - op[3]))
    return _stretch(first, words_a, i1, i2), _stretch(second, words_b, j1, j2)


def _words(claim: Claim) -> list[re.Match[str]]:
    return list(WORD.finditer(claim.article.text, claim.start, claim.end))


def _stretch(claim: Claim, words: list[re.Match[str]], start: int, end: int) -> list[Span]:
    """One span from word ``start`` to word ``end`` (at most SHOWN_WORDS words)."""
    if start >= end:
        return []
    end = min(end, start + SHOWN_WORDS)
    begin, finish = words[start].start(), words[end - 1].end()
    return [Span(begin, finish, claim.article.text[begin:finish])]


def _sources(item: PairSignals) -> str:
    if not item.sources_differ:
        return ""
    first, second = item.pair.first.source_as_written, item.pair.second.source_as_written
    return f"Sources differ (according to {first} vs {second}). "


def _what_differs(item: PairSignals, kind: FindingKind, spans_a: list[Span], spans_b: list[Span]) -> str:
    a, b = item.pair.first.article.label, item.pair.second.article.label
    shown_a = ", ".join(span.text for span in spans_a)
    shown_b = ", ".join(span.text for span in spans_b)
    if kind in ("number", "date", "place"):
        verb = {"number": "gives", "date": "dates it", "place": "places it in"}[kind]
        return (
            f"{a} {verb} {shown_a} and {b} {shown_b}, in claims that otherwise match{_swap_evidence(item)}."
        )
    if kind == "negation":
        denier, asserter = (a, b) if item.pair.first.facts.negated else (b, a)
        return (
            f"{asserter} says it happened and {denier} says it did not"
            f" (the model calls the pair contradictory: {item.contradiction:.2f})."
        )
    if shown_a and shown_b:
        return f"{a} says '{shown_a}' where {b} says '{shown_b}' (the model calls the two claims contradictory: {item.contradiction:.2f})."
    return f"{a} and {b} make claims the model calls contradictory ({item.contradiction:.2f})."


def _swap_evidence(item: PairSignals) -> str:
    """What the value swap showed, when it showed something: the reader should see why."""
    swapped = max(item.swapped_entailment, item.clause_entailment)
    if swapped >= SAME_CLAIM:
        return f" (with the values swapped, the model reads them as the same claim: {swapped:.2f})"
    return ""
