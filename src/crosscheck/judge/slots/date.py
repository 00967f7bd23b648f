"""Dates that differ (rule ``date/same-claim-other-day``).

Two dates compare at the coarser of their precisions ("March 2024" against "November
2023" by month, a day against a month by month); a year alone is compared only with a
year alone. Dates months apart are often about different events, and often the very
conflict: the substitution test and the verdict (``dated_apart``) decide, not the gap. A date
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
from crosscheck.judge.facts import PRECISION_RANK, ArticleFacts, coarser, gives
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.models import Claim, ClaimPair, DateFact


def written(date: DateFact, other: DateFact) -> str:
    """A resolved date as a sentence would state it in place of ``other``: 'February 4'
    ('Saturday' would be ambiguous), with the year when the two years differ; a month as
    'March 2024', a year alone as '2019'."""
    value = date.value
    if date.precision == "year":
        return str(value.year)
    if date.precision == "month":
        return value.strftime("%B %Y")
    year = f", {value.year}" if value.year != other.value.year else ""
    return f"{value.strftime('%B')} {value.day}{year}"


def difference(pair: ClaimPair, index: ArticleFacts) -> SlotDifference | None:
    first_id, second_id = pair.first.article.id, pair.second.article.id
    a_dates = [d for d in pair.first.facts.dates if not _spoken(pair.first, d)]
    b_dates = [d for d in pair.second.facts.dates if not _spoken(pair.second, d)]
    found: list[tuple[int, int, DateFact, DateFact]] = []
    for a in a_dates:
        for b in b_dates:
            if (a.precision == "year") != (b.precision == "year"):
                continue  # a year alone against a day or a month: another event, as often as not
            if _stated(a, b_dates) or _stated(b, a_dates):
                continue  # "closed on Feb. 10" in both
            precision = coarser(a, b)
            gap = abs((a.value - b.value).days)
            if as_of_publication(pair, a, b) or other_event_dated(pair, a, b):
                continue
            if precision == "day" and gap == 1 and (a.utc or b.utc):
                continue  # '04:34 GMT on Thursday' is late on Wednesday in Houston
            if index.states_date(second_id, a, precision) or index.states_date(first_id, b, precision):
                continue
            found.append((PRECISION_RANK[precision], gap, a, b))
    if not found:
        return None
    _, gap, a, b = min(found, key=lambda item: item[:2])
    return SlotDifference(
        "date", a.span, b.span, written(a, b), min(gap / 7, 1.0), same_event=same_event(a.event, b.event)
    )


def _stated(date: DateFact, others: list[DateFact]) -> bool:
    """The other claim gives this date at least as exactly."""
    return any(gives(other, date, date.precision) for other in others)


def _spoken(claim: Claim, date: DateFact) -> bool:
    """A relative day inside a quote ("Today a private company carried people to orbit") is
    relative to when the speaker spoke, which the article need not say: not comparable."""
    return date.relative and in_quote(claim, date.span)
