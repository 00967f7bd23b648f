"""Figures of the same unit that do not agree (rule ``number/same-claim-other-figure``).

Approximations are intervals and rounding is allowed (``facts.numbers_agree``);
figures more than SAME_MAGNITUDE apart measure different things ($46 a share vs
$15bn); a figure the other article states anyway is no difference (the sentences
may have been paired on the wrong figure, or one claim gives both: "23,900 acres, up
from 18,420"); a change or a margin ("seven more bodies", "lost by four votes") is
compared only with another change ("cut by 18 percent" / "22 percent lower than"), not
with a total, nor a total with its parts ("54 people aboard" / "52 passengers
and two drivers"), nor a level with the other claim's level before or after its change ("$45
million" / "a further $5 million, bringing the total to $50 million"); a later article's update
is exempt.
"""

from __future__ import annotations

import math

from crosscheck.judge.exemptions import running_count
from crosscheck.judge.facts import ArticleFacts, comparable, interval, numbers_agree
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.models import TIME_UNITS, Claim, ClaimPair, NumberFact

#: |log10| of the ratio at which a figure difference counts as large (size 1).
LARGE_RATIO_LOG10 = 1.0


def difference(pair: ClaimPair, index: ArticleFacts) -> SlotDifference | None:
    if running_count(pair):
        return None
    first_id, second_id = pair.first.article.id, pair.second.article.id
    candidates: list[tuple[NumberFact, NumberFact]] = []
    for a in pair.first.facts.numbers:
        if not a.unit:
            continue
        # a change is compared with a change, a level with a level
        same_unit = [
            b
            for b in pair.second.facts.numbers
            if b.unit == a.unit and (b.qualifier == "change") == (a.qualifier == "change")
        ]
        if (
            not same_unit
            or any(_agree(a, pair.first, b, pair.second) for b in same_unit)
            or sum_of_parts(a, pair.second)
            or level_around_change(a, pair.second)
        ):
            continue
        candidates += [
            (a, b)
            for b in same_unit
            if not sum_of_parts(b, pair.first)
            and not level_around_change(b, pair.first)
            and comparable(a, b)
            and not index.states_number(second_id, a)
            and not index.states_number(first_id, b)
        ]
    if not candidates:
        return None
    a, b = min(candidates, key=lambda ab: _log_ratio(*ab))
    size = min(_log_ratio(a, b) / LARGE_RATIO_LOG10, 1.0)
    return SlotDifference(
        "number",
        a.span,
        b.span,
        a.span.text,
        size,
        duration=a.unit in TIME_UNITS,
        same_event=same_event(a.event, b.event),
    )


def _agree(a: NumberFact, first: Claim, b: NumberFact, second: Claim) -> bool:
    """The two figures may be one value; a range ("between $150 and $250") counts as the one
    interval its two bounds make, so "$400" is outside it although it is "at least $150"."""
    range_a, range_b = _range_of(a, first), _range_of(b, second)
    if range_a is None and range_b is None:
        return numbers_agree(a, b)
    low_a, high_a = range_a or interval(a)
    low_b, high_b = range_b or interval(b)
    return low_a <= high_b and low_b <= high_a


def _range_of(fact: NumberFact, claim: Claim) -> tuple[float, float] | None:
    """The interval of a range's bound: the "at least" and "at most" facts one span gives."""
    if fact.qualifier not in ("at least", "at most"):
        return None
    bounds = [n for n in claim.facts.numbers if n.span == fact.span and n.unit == fact.unit]
    lows = [n.value for n in bounds if n.qualifier == "at least"]
    highs = [n.value for n in bounds if n.qualifier == "at most"]
    return (min(lows), max(highs)) if lows and highs else None


#: Units a total of people is made of: any count ("54 people aboard" / "52 passengers and two drivers").
PEOPLE = frozenset({"people", "person"})
#: How close a sum must come to the total, as a share of it.
SUM_TOLERANCE = 0.005


def sum_of_parts(total: NumberFact, claim: Claim) -> bool:
    """The claim gives the figure as parts that add up to it ("52 passengers and two drivers"
    against "54 people aboard"): the same count, split. Parts share the total's unit, or are
    counts of anything when the total counts people."""
    parts = [
        n
        for n in claim.facts.numbers
        if n.unit
        and n.qualifier != "change"
        and (
            n.unit == total.unit
            or (total.unit in PEOPLE and n.unit not in TIME_UNITS and n.unit != "percent")
        )
    ]
    sums = [a.value + b.value for i, a in enumerate(parts) for b in parts[i + 1 :]]
    if len(parts) > 2:
        sums.append(sum(n.value for n in parts))
    return any(abs(value - total.value) <= SUM_TOLERANCE * total.value for value in sums)


def level_around_change(level: NumberFact, claim: Claim) -> bool:
    """The claim tells a change and the level it led to (or came from), and ``level`` is the
    other end of it: "a further $5 million, bringing the total to $50 million" against "$45
    million", the total before the new pledge; "rose by 4 to 31" against "27". Each article
    reports the figure at another stage."""
    same_unit = [n for n in claim.facts.numbers if n.unit == level.unit]
    changes = [n.value for n in same_unit if n.qualifier == "change"]
    levels = [n.value for n in same_unit if n.qualifier != "change"]
    return any(
        abs(value + sign * change - level.value) <= SUM_TOLERANCE * level.value
        for value in levels
        for change in changes
        for sign in (-1, 1)
    )


def _log_ratio(a: NumberFact, b: NumberFact) -> float:
    return abs(math.log10(max(a.value, 1e-9) / max(b.value, 1e-9)))
