"""Facts several sources state the same way: the report's corroborations.

Dates and numbers are grouped by their event (verb or event noun) and value;
reporting verbs ("said", "told") are left out, they date the telling, not the
event. A group counts when two or more articles state it and the claims share a
name, so two unrelated things on one day do not corroborate each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from crosscheck.judge._common import share_a_name
from crosscheck.judge.facts import event_key
from crosscheck.models import Claim, Corroboration

REPORTING = frozenset({"say", "tell", "report", "add", "announce", "write", "state", "publish", "confirm"})


def _keep(claims: list[Claim]) -> tuple[Claim, ...]:
    """One claim per article, only those that share a name with another article's claim."""
    per_article: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.article.id, c.start)):
        per_article.setdefault(claim.article.id, claim)
    kept = [
        claim
        for claim in per_article.values()
        if any(share_a_name(claim, other) for other in per_article.values() if other is not claim)
    ]
    return tuple(kept) if len(kept) >= 2 else ()


def fact_corroborations(claims: Sequence[Claim]) -> list[Corroboration]:
    dates: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    numbers: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        for date in claim.facts.dates:
            key = event_key(date.event)
            if key and key not in REPORTING and date.precision == "day":
                dates[(date.event or key, date.value.isoformat())].append(claim)
        for number in claim.facts.numbers:
            key = event_key(number.event)
            if number.unit and key not in REPORTING:
                numbers[(number.unit, number.event or "", f"{number.value:g}")].append(claim)
    found = []
    for (event, day), group in sorted(dates.items()):
        if kept := _keep(group):
            found.append(Corroboration("date", f"{event} on {day}", kept))
    for (unit, event, value), group in sorted(numbers.items()):
        if kept := _keep(group):
            what = f"{value} {unit}" + (f" ({event})" if event else "")
            found.append(Corroboration("number", what, kept))
    return found
