"""Days that differ (rule ``date/same-claim-other-day``).

Only day-precise dates less than DIFFERENT_EVENT_DAYS apart are compared (further
apart, the claims are about different events: ``exempt/different-events``); a day
the other article states anyway is no difference, and neither are two dates that
are each their own article's day of publication (``exempt/as-of-publication``).
"""

from __future__ import annotations

from crosscheck.judge.exemptions import as_of_publication
from crosscheck.judge.facts import DIFFERENT_EVENT_DAYS, ArticleFacts
from crosscheck.judge.slots import SlotDifference
from crosscheck.models import ClaimPair, DateFact


def written(date: DateFact) -> str:
    """A resolved date as a sentence would state it: 'February 4' ('Saturday' would be ambiguous)."""
    return f"{date.value.strftime('%B')} {date.value.day}"


def difference(pair: ClaimPair, index: ArticleFacts) -> SlotDifference | None:
    first_id, second_id = pair.first.article.id, pair.second.article.id
    a_days = [d for d in pair.first.facts.dates if d.precision == "day"]
    b_days = [d for d in pair.second.facts.dates if d.precision == "day"]
    if not a_days or not b_days or {d.value for d in a_days} & {d.value for d in b_days}:
        return None
    for a in a_days:
        for b in b_days:
            gap = abs((a.value - b.value).days)
            if gap > DIFFERENT_EVENT_DAYS or as_of_publication(pair, a, b):
                continue
            if index.states_day(second_id, a) or index.states_day(first_id, b):
                continue
            return SlotDifference("date", a.span, b.span, written(a), min(gap / 7, 1.0))
    return None
