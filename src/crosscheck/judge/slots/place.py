"""Places that differ (rule ``place/same-claim-other-place``).

Only places the sentence locates something in count ("in", "near the town of",
``facts.located``); a place the other article also puts something in (or names an event or
venue after: "the Munich Security Conference") is no difference, and
two levels of one country (Washington / the United States) are one place.
"""

from __future__ import annotations

from crosscheck.judge.facts import ArticleFacts, located, same_country
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.models import ClaimPair


def difference(pair: ClaimPair, index: ArticleFacts) -> SlotDifference | None:
    a_places, b_places = located(pair.first), located(pair.second)
    if not a_places or not b_places:
        return None
    a_names = {p.normalized for p in a_places}
    b_names = {p.normalized for p in b_places}
    if a_names & b_names or same_country(a_names | b_names):
        return None
    first_id, second_id = pair.first.article.id, pair.second.article.id
    if any(index.locates(second_id, name) for name in a_names) or any(
        index.locates(first_id, name) for name in b_names
    ):
        return None
    a, b = a_places[0], b_places[0]
    return SlotDifference(
        "place",
        a.span,
        b.span,
        a.span.text,
        1.0,
        same_event=same_event(pair.first.facts.predicate, pair.second.facts.predicate),
    )
