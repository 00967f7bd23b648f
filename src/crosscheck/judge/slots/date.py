"""Days that differ (rule ``date/same-claim-other-day``).

Only day-precise dates less than DIFFERENT_EVENT_DAYS apart are compared (further
apart, the claims are about different events: ``exempt/different-events``); a day
the other article states anyway is no difference, and neither are two dates that
are each their own article's day of publication (``exempt/as-of-publication``), nor is
a relative day inside a quote ("today", said by someone on a day the article may not give),
nor a day given by a GMT or UTC clock against the local day before or after, nor the
days of two different events where one claim dates the other's event without a day
(``exempt/other-event-dated``).
"""

from __future__ import annotations

from crosscheck.judge._common import in_quote
from crosscheck.judge.exemptions import as_of_publication, other_event_dated
from crosscheck.judge.facts import DIFFERENT_EVENT_DAYS, ArticleFacts
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.models import Claim, ClaimPair, DateFact


def written(date: DateFact) -> str:
    """A resolved date as a sentence would state it: 'February 4' ('Saturday' would be ambiguous)."""
    return f"{date.value.strftime('%B')} {date.value.day}"


def difference(pair: ClaimPair, index: ArticleFacts) -> SlotDifference | None:
    first_id, second_id = pair.first.article.id, pair.second.article.id
    a_days = [d for d in pair.first.facts.dates if d.precision == "day" and not _spoken(pair.first, d)]
    b_days = [d for d in pair.second.facts.dates if d.precision == "day" and not _spoken(pair.second, d)]
    if not a_days or not b_days:
        return _year_difference(pair)
    shared = {d.value for d in a_days} & {d.value for d in b_days}  # "closed on Feb. 10" in both
    for a in (d for d in a_days if d.value not in shared):
        for b in (d for d in b_days if d.value not in shared):
            gap = abs((a.value - b.value).days)
            if gap > DIFFERENT_EVENT_DAYS or as_of_publication(pair, a, b) or other_event_dated(pair, a, b):
                continue
            if gap == 1 and (a.utc or b.utc):
                continue  # '04:34 GMT on Thursday' is late on Wednesday in Houston
            if index.states_day(second_id, a) or index.states_day(first_id, b):
                continue
            size = min(gap / 7, 1.0)
            return SlotDifference(
                "date", a.span, b.span, written(a), size, same_event=same_event(a.event, b.event)
            )
    return None


def _year_difference(pair: ClaimPair) -> SlotDifference | None:
    """Two claims dated only by years that differ ("signed in 1998" / "signed in 2001"); a year
    against a day is another event (``exempt/different-events``), not a difference."""
    a_dates, b_dates = pair.first.facts.dates, pair.second.facts.dates
    if not a_dates or not b_dates or any(d.precision != "year" for d in (*a_dates, *b_dates)):
        return None
    if {d.value.year for d in a_dates} & {d.value.year for d in b_dates}:
        return None
    a, b = a_dates[0], b_dates[0]
    return SlotDifference(
        "date", a.span, b.span, str(a.value.year), 1.0, same_event=same_event(a.event, b.event)
    )


def _spoken(claim: Claim, date: DateFact) -> bool:
    """A relative day inside a quote ("Today a private company carried people to orbit") is
    relative to when the speaker spoke, which the article need not say: not comparable."""
    return date.relative and in_quote(claim, date.span)
