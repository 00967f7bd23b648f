"""How facts compare: number intervals and rounding, located places, what each article states.

These are the shared definitions the slot checks, exemptions, corroborations and the
unsupported check rely on: "about 300" is 270..330, "more than 40" is above 40,
"$15bn" agrees with "$15.2 billion" (rounding), and a figure or day an article states
anywhere is known to that article.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosscheck.extract.places import LOCATIVE, PLACE_OR_AREA_NOUNS
from crosscheck.models import Claim, DateFact, Mention, NumberFact, Precision

#: Dates further apart than this are different events (a 2022 caption is not the 2023 meeting).
DIFFERENT_EVENT_DAYS = 31
APPROXIMATION = 0.1
#: Numbers further apart than this factor count different things ($46 a share vs $15bn).
SAME_MAGNITUDE = 20.0
#: An agreeing figure within this factor is the same figure stated again: "more than $300
#: million" agrees with both $310 million and $410 million, but states neither of them twice.
STATED_FACTOR = 1.2
#: Mentions named after where they are: an event or a venue places the story there.
_NAMED_AFTER_PLACES = frozenset({"EVENT", "FAC", "ORG"})
#: What puts a place in a sentence: the prepositions that make a name a place in extraction, and
#: "on" and "inside", which would make "on Twitter" a place there but locate a known place here
#: ("on the outskirts of Libourne").
_LOCATIVE = re.compile(
    r"\b(" + "|".join(sorted(LOCATIVE | {"on", "inside"})) + r")\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[a-z-]+\s+)?(?:" + "|".join(sorted(PLACE_OR_AREA_NOUNS)) + r")\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass
class ArticleFacts:
    """Every number, day and place each article states: to see whether it states the other side's too."""

    numbers: dict[str, list[NumberFact]] = field(default_factory=lambda: defaultdict(list))
    dates: dict[str, list[DateFact]] = field(default_factory=lambda: defaultdict(list))
    places: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: names of events, venues and bodies, which often carry a place ("Munich Security Conference")
    named: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> ArticleFacts:
        index = cls()
        for claim in claims:
            index.numbers[claim.article.id] += [n for n in claim.facts.numbers if n.unit]
            index.dates[claim.article.id] += claim.facts.dates
            index.places[claim.article.id] |= {p.normalized for p in located(claim)}
            index.named[claim.article.id] |= {
                m.normalized for m in claim.facts.mentions if m.label in _NAMED_AFTER_PLACES
            }
        return index

    def locates(self, article_id: str, place: str) -> bool:
        """The article puts something in this place ("signed in Mombasa", "on the sidelines of
        the Munich Security Conference"); naming it otherwise (a dateline, "an economist at a
        Nairobi think tank") does not count."""
        return place in self.places.get(article_id, ()) or any(
            re.search(rf"\b{re.escape(place)}\b", name) for name in self.named.get(article_id, ())
        )

    def states_number(self, article_id: str, number: NumberFact) -> bool:
        """The article states this figure: an agreeing one of the same size ("at least 27" agrees
        with 4,000 as an interval, but states 27, not 4,000)."""
        return any(
            n.unit == number.unit and numbers_agree(n, number) and comparable(n, number, STATED_FACTOR)
            for n in self.numbers.get(article_id, ())
        )

    def states_date(self, article_id: str, date: DateFact, precision: Precision) -> bool:
        """The article gives this date, to ``precision``, for the same event or an unnamed one."""
        return any(
            gives(d, date, precision)
            and (event_key(d.event) == event_key(date.event) or not d.event or not date.event)
            for d in self.dates.get(article_id, ())
        )


#: Finer precisions first: two dates compare at the coarser of theirs.
PRECISION_RANK: dict[Precision, int] = {"day": 0, "month": 1, "year": 2}


def coarser(a: DateFact, b: DateFact) -> Precision:
    return a.precision if PRECISION_RANK[a.precision] >= PRECISION_RANK[b.precision] else b.precision


def at_precision(date: DateFact, precision: Precision) -> tuple[int, ...]:
    """The date as far as ``precision`` tells it: "March 2024" and "March 14, 2024" agree to the month."""
    value = date.value
    return {
        "day": (value.year, value.month, value.day),
        "month": (value.year, value.month),
        "year": (value.year,),
    }[precision]


def gives(stated: DateFact, date: DateFact, precision: Precision) -> bool:
    """``stated`` tells at least ``precision`` and falls on ``date`` to that precision."""
    return PRECISION_RANK[stated.precision] <= PRECISION_RANK[precision] and at_precision(
        stated, precision
    ) == at_precision(date, precision)


def event_key(event: str | None) -> str | None:
    """'shoot down' and 'shoot' name the same event: compare verb lemmas only."""
    return event.split()[0].lower() if event else None


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


def _magnitude(number: NumberFact) -> float | None:
    """The multiplier written as a word or a unit ("15bn" is 15 x 1e9, "2.4 inches" 2.4 x 0.0254
    metres): rounding happens before it. None for a figure written in words ("four inches"),
    whose rounding cannot be read from its digits."""
    digits = re.search(r"\d+(?:[.,]\d+)?", number.span.text)
    if not digits:
        return None
    written = float(digits.group().replace(",", ""))
    return number.value / written if written else None


def numbers_agree(a: NumberFact, b: NumberFact) -> bool:
    """Intervals overlap, or one figure is the other rounded."""
    low_a, high_a = interval(a)
    low_b, high_b = interval(b)
    if low_a <= high_b and low_b <= high_a:
        return True
    for x, y in ((a, b), (b, a)):
        scale = _magnitude(x)
        if scale is not None and round(y.value / scale, _decimals(x)) == round(x.value / scale, _decimals(x)):
            return True
    return False


def comparable(a: NumberFact, b: NumberFact, factor: float = SAME_MAGNITUDE) -> bool:
    """Within ``factor`` of each other: figures that could measure the same thing."""
    if a.value <= 0 or b.value <= 0:
        return a.value == b.value
    return max(a.value, b.value) / min(a.value, b.value) <= factor


def located(claim: Claim) -> list[Mention]:
    """Places the claim puts something in ("in Munich", "near the town of Baler", "from Cape Canaveral")."""
    text = claim.article.text
    return [p for p in claim.facts.places if _LOCATIVE.search(text, max(0, p.span.start - 48), p.span.start)]


def same_country(places: set[str]) -> bool:
    """Washington and the United States name one country at two levels, not two places."""
    from crosscheck.extract.sources import country_of

    countries = {country_of(place) for place in places}
    return None not in countries and len(countries) == 1
