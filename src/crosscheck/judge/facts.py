"""Date, number and place conflicts between two aligned claims about the same event.

Two claims are compared only when nothing says they are about different events:
dates more than a month apart, or different years, mean different events (a
2022 photo caption is not the 2023 meeting). Then the same event (same verb or
event noun, shared names) with different days, non-overlapping quantities, or
different places is a conflict. Approximations are intervals ("about 300" is
270..330, "more than 40" is above 40), and rounding is allowed ("$15bn" agrees
with "$15.2 billion").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosscheck.judge._common import days_apart, make_finding, opposing_parties
from crosscheck.models import Claim, ClaimPair, DateFact, Finding, Mention, NumberFact

DIFFERENT_EVENT_DAYS = 31
#: Without parsed events, sentences this similar are taken to describe one event.
NEAR_IDENTICAL = 85.0
APPROXIMATION = 0.1
_UPDATE_WORDS = re.compile(
    r"\b(rose|risen|rising|climbed|increased|grew|jumped|updated|latest|now stands|so far|at least|preliminary)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"\b(in|at|near|outside|inside)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class EventRelation:
    """What the dates in two claims say about whether they describe the same event."""

    different: bool
    reason: str = ""


def event_key(event: str | None) -> str | None:
    """'shoot down' and 'shoot' name the same event: compare verb lemmas only."""
    return event.split()[0].lower() if event else None


def event_relation(pair: ClaimPair) -> EventRelation:
    first, second = pair.first.facts.dates, pair.second.facts.dates
    days = [d for d in first if d.precision != "year"], [d for d in second if d.precision != "year"]
    if days[0] and days[1]:
        gaps = [abs((a.value - b.value).days) for a in days[0] for b in days[1]]
        if min(gaps) > DIFFERENT_EVENT_DAYS:
            return EventRelation(True, f"dates {min(gaps)} days apart")
    years = {d.value.year for d in first}, {d.value.year for d in second}
    if years[0] and years[1] and not years[0] & years[1]:
        return EventRelation(True, "different years")
    return EventRelation(False)


def _same_subject(pair: ClaimPair) -> bool:
    names_a = {m.normalized for m in pair.first.facts.mentions}
    names_b = {m.normalized for m in pair.second.facts.mentions}
    return bool(names_a & names_b)


def _events_match(a: str | None, b: str | None, pair: ClaimPair) -> bool:
    if a and b:
        return event_key(a) == event_key(b)
    return pair.similarity >= NEAR_IDENTICAL or (pair.similarity >= 75 and _same_subject(pair))


def _label(fact: DateFact) -> str:
    shown = fact.value.isoformat() if fact.precision == "day" else fact.value.strftime("%Y-%m")
    return f"{shown} ({fact.span.text})" if fact.relative else shown


def date_findings(pair: ClaimPair) -> list[Finding]:
    if opposing_parties(pair.first, pair.second) or event_relation(pair).different:
        return []
    a_dates = [d for d in pair.first.facts.dates if d.precision == "day"]
    b_dates = [d for d in pair.second.facts.dates if d.precision == "day"]
    for a in a_dates:
        for b in b_dates:
            if a.value == b.value or not _events_match(a.event, b.event, pair):
                continue
            if any(x.value == a.value for x in b_dates) or any(x.value == b.value for x in a_dates):
                continue
            what = a.event or b.event or "it happened"
            text = (
                f"{pair.first.article.label} dates '{what}' {_label(a)}; "
                f"{pair.second.article.label} dates it {_label(b)}"
            )
            severity = "medium" if a.relative or b.relative else "high"
            score = 0.9 if severity == "high" else 0.75
            return [
                make_finding("date", severity, score, text, [(pair.first, [a.span]), (pair.second, [b.span])])
            ]
    return []


def interval(number: NumberFact) -> tuple[float, float]:
    """The values a writer's number admits, given its qualifier."""
    value = number.value
    qualifier = number.qualifier
    if qualifier == "about":
        return value * (1 - APPROXIMATION), value * (1 + APPROXIMATION)
    if qualifier in ("more than", "at least"):
        return value, math.inf
    if qualifier in ("less than", "at most", "up to"):
        return -math.inf, value
    return value, value


def _decimals(number: NumberFact) -> int:
    digits = re.search(r"\d+(?:[.,]\d+)?", number.span.text)
    if not digits or "." not in digits.group():
        return 0
    return len(digits.group().split(".")[1])


def numbers_agree(a: NumberFact, b: NumberFact) -> bool:
    """Intervals overlap, or one figure is the other rounded."""
    low_a, high_a = interval(a)
    low_b, high_b = interval(b)
    if low_a <= high_b and low_b <= high_a:
        return True
    for x, y in ((a, b), (b, a)):
        scale = _magnitude(x)
        if round(y.value / scale, _decimals(x)) == round(x.value / scale, _decimals(x)):
            return True
    return False


def _magnitude(number: NumberFact) -> float:
    """The multiplier written as a word ("15bn" is 15 x 1e9): rounding happens before it."""
    digits = re.search(r"\d+(?:[.,]\d+)?", number.span.text)
    if not digits:
        return 1.0
    written = float(digits.group().replace(",", ""))
    return number.value / written if written else 1.0


def _is_update(pair: ClaimPair) -> bool:
    apart = days_apart(pair.first.article, pair.second.article)
    return bool(apart) and bool(
        _UPDATE_WORDS.search(pair.first.text) or _UPDATE_WORDS.search(pair.second.text)
    )


def number_findings(pair: ClaimPair) -> list[Finding]:
    if opposing_parties(pair.first, pair.second) or event_relation(pair).different or _is_update(pair):
        return []
    by_unit: dict[str, tuple[list[NumberFact], list[NumberFact]]] = {}
    for index, claim in enumerate((pair.first, pair.second)):
        for number in claim.facts.numbers:
            if number.unit:
                by_unit.setdefault(number.unit, ([], []))[index].append(number)
    for unit, (first, second) in sorted(by_unit.items()):
        if not first or not second or any(numbers_agree(a, b) for a in first for b in second):
            continue
        a, b = next(
            ((a, b) for a in first for b in second if _events_match(a.event, b.event, pair)),
            (None, None),
        )
        if a is None or b is None:
            continue
        text = (
            f"{pair.first.article.label} says {a.span.text}; {pair.second.article.label} says {b.span.text}"
            f" ({unit}{', ' + a.event if a.event else ''})"
        )
        return [make_finding("number", "high", 0.9, text, [(pair.first, [a.span]), (pair.second, [b.span])])]
    return []


def _located(claim: Claim) -> list[Mention]:
    """Places the claim puts something in ("in Munich", "at the stadium")."""
    text = claim.article.text
    return [p for p in claim.facts.places if _LOCATIVE.search(text, max(0, p.span.start - 12), p.span.start)]


def place_findings(pair: ClaimPair) -> list[Finding]:
    if opposing_parties(pair.first, pair.second) or event_relation(pair).different:
        return []
    a_places, b_places = _located(pair.first), _located(pair.second)
    if not a_places or not b_places or pair.similarity < 70 or not _same_subject(pair):
        return []
    a_names = {p.normalized for p in a_places}
    b_names = {p.normalized for p in b_places}
    if a_names & b_names:
        return []
    first_text, second_text = pair.first.article.text.lower(), pair.second.article.text.lower()
    if any(name in second_text for name in a_names) or any(name in first_text for name in b_names):
        return []
    a, b = a_places[0], b_places[0]
    text = (
        f"{pair.first.article.label} places it in {a.span.text}; {pair.second.article.label} in {b.span.text}"
    )
    return [make_finding("place", "medium", 0.8, text, [(pair.first, [a.span]), (pair.second, [b.span])])]
