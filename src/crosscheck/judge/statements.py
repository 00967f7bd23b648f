"""NLI contradictions between aligned claims that the typed checks do not cover.

The model is asked only about pairs that could contradict at all: published at
about the same time, not about explicitly different events, in the same voice
(both the outlets' own words, or both the same party's), and about the same
thing (a shared name, the same main verb, or close wording). Both directions
are scored; the pair's contradiction score is the mean of the two, which halves
the one-sided false alarms a sub-clause causes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crosscheck.judge._common import (
    content_words,
    make_finding,
    same_time,
    same_voice,
    share_a_name,
    word_spans,
)
from crosscheck.judge.facts import (
    ArticleFacts,
    as_of_publication,
    event_relation,
    is_update,
    located,
    numbers_agree,
)
from crosscheck.models import TIME_UNITS, Claim, ClaimPair, Finding, FindingKind, Severity, Span
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NLIModel

#: Claims sharing neither a name nor their main verb are asked about only above this similarity.
SAME_TOPIC = 65.0
#: How much lower the model's score may be when the claims also differ in a date, number or place.
FACT_BACKED_MARGIN = 0.2
#: Mean contradiction probability at which a statement finding is medium, not low.
CLEAR = 0.9


@dataclass(frozen=True)
class Scored:
    """One pair's NLI verdict, both directions combined."""

    pair: ClaimPair
    contradiction: float
    entailment: float


def worth_asking(pair: ClaimPair) -> bool:
    """Could these two claims contradict each other at all?

    Same time, same voice, not explicitly different events, and about the same
    thing: a shared name, the same main verb, close wording, or a count of the same unit.
    """
    first, second = pair.first, pair.second
    if not same_time(first.article, second.article) or not same_voice(first, second):
        return False
    if event_relation(pair).different:
        return False
    same_predicate = first.facts.predicate is not None and first.facts.predicate == second.facts.predicate
    return (
        share_a_name(first, second)
        or same_predicate
        or pair.similarity >= SAME_TOPIC
        or bool(_counted_units(first) & _counted_units(second))
    )


def _counted_units(claim: Claim) -> set[str]:
    """What the claim counts ("people", "usd"), durations aside: two aligned claims counting the
    same thing in other words ("200 residents were evacuated" / "2,000 people had to leave")."""
    return {n.unit for n in claim.facts.numbers if n.unit and n.unit not in TIME_UNITS}


def score(
    model: NLIModel, pairs: Sequence[ClaimPair], progress: Callable[[int], None] | None = None
) -> list[Scored]:
    """Score both directions of every pair in one batched call."""
    texts = [(p.first.text, p.second.text) for p in pairs] + [(p.second.text, p.first.text) for p in pairs]
    probabilities = model.predict(texts, progress=progress) if texts else []
    forward, backward = probabilities[: len(pairs)], probabilities[len(pairs) :]
    return [
        Scored(
            pair,
            (f.get(CONTRADICTION, 0.0) + b.get(CONTRADICTION, 0.0)) / 2,
            (f.get(ENTAILMENT, 0.0) + b.get(ENTAILMENT, 0.0)) / 2,
        )
        for pair, f, b in zip(pairs, forward, backward, strict=True)
    ]


def _typed(item: Scored, index: ArticleFacts) -> tuple[FindingKind, list[Span], list[Span]] | None:
    """The fact the NLI contradiction is about, when the two claims differ in one."""
    pair = item.pair
    first, second = pair.first.facts, pair.second.facts
    a_days = {d.value: d for d in first.dates if d.precision == "day"}
    b_days = {d.value: d for d in second.dates if d.precision == "day"}
    if a_days and b_days and not a_days.keys() & b_days.keys():
        a, b = next(iter(a_days.values())), next(iter(b_days.values()))
        stated_elsewhere = index.states_day(pair.second.article.id, a) or index.states_day(
            pair.first.article.id, b
        )
        if not stated_elsewhere and not as_of_publication(pair, a, b):
            return "date", [a.span], [b.span]
    for a_number in first.numbers if not is_update(pair) else ():
        for b_number in second.numbers:
            if a_number.unit and a_number.unit == b_number.unit and not numbers_agree(a_number, b_number):
                return "number", [a_number.span], [b_number.span]
    a_places, b_places = located(pair.first), located(pair.second)
    if a_places and b_places and not {p.normalized for p in a_places} & {p.normalized for p in b_places}:
        return "place", [a_places[0].span], [b_places[0].span]
    return None


def statement_findings(scored: Sequence[Scored], threshold: float, index: ArticleFacts) -> list[Finding]:
    """Findings for pairs the model calls contradictory, typed by the fact they differ in."""
    findings = []
    for item in scored:
        typed = _typed(item, index)
        # a fact the two claims differ in backs a weaker verdict: the model is one signal of two
        if item.contradiction < (max(threshold - FACT_BACKED_MARGIN, 0.3) if typed else threshold):
            continue
        first, second = item.pair.first, item.pair.second
        words_a, words_b = content_words(first.text), content_words(second.text)
        only_a, only_b = words_a - words_b, words_b - words_a
        spans_a, spans_b = word_spans(first, only_a.__contains__), word_spans(second, only_b.__contains__)
        kind: FindingKind = "statement"
        if first.facts.negated != second.facts.negated:
            kind = "negation"
        elif typed:
            kind, spans_a, spans_b = typed
        severity: Severity = "medium" if item.contradiction >= CLEAR or kind != "statement" else "low"
        if kind in ("date", "number", "place"):  # name the facts, not the leftover words
            shown_a, shown_b = (", ".join(span.text for span in spans) for spans in (spans_a, spans_b))
        else:
            shown_a = ", ".join(sorted(only_a)[:6]) or "the same words"
            shown_b = ", ".join(sorted(only_b)[:6]) or "the same words"
        denied = ""
        if kind == "negation":
            denied = f" {(first if first.facts.negated else second).article.label} denies it;"
        text = (
            f"{first.article.label} and {second.article.label} state incompatible things"
            f" (NLI contradiction {item.contradiction:.2f}):{denied} '{shown_a}' vs '{shown_b}'"
        )
        findings.append(
            make_finding(kind, severity, item.contradiction, text, [(first, spans_a), (second, spans_b)])
        )
    return findings
