"""Date, number and place conflicts between two aligned claims about the same event.

Two claims are compared only when nothing says they are about different events:
dates more than a month apart, or different years, mean different events (a
2022 photo caption is not the 2023 meeting). Then the same event with different
days, non-overlapping quantities, or different places is a conflict.

"The same event" is decided from the parse: the verbs the facts hang from match
("shot down" / "shoot"), or the words right around the two facts overlap ("set
sentencing for March 3" / "scheduled sentencing for March 13"). Approximations
are intervals ("about 300" is 270..330, "more than 40" is above 40), rounding is
allowed ("$15bn" agrees with "$15.2 billion"), and a figure is never a conflict
when the other article states it too, elsewhere: the sentences may just have
been paired on the wrong number.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosscheck.align import STOP_WORDS
from crosscheck.judge._common import (
    content_words,
    days_apart,
    make_finding,
    party,
    same_time,
    same_voice,
    share_a_name,
    word_spans,
)
from crosscheck.models import (
    TIME_UNITS,
    Claim,
    ClaimPair,
    DateFact,
    Finding,
    Mention,
    NumberFact,
    Severity,
    Span,
)

DIFFERENT_EVENT_DAYS = 31
APPROXIMATION = 0.1
#: Numbers further apart than this factor count different things ($46 a share vs $15bn).
SAME_MAGNITUDE = 20.0
#: An agreeing figure within this factor is the same figure stated again.
STATED_FACTOR = 2.0
NEAR_WORDS = 3
AFTER_WORDS = 3
_UPDATE_WORDS = re.compile(
    r"\b(rose|risen|rising|climbed|increased|grew|jumped|updated|latest|now|so far|preliminary|still|remain|remained)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(in|at|near|outside|inside|from|off|to)\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+)?(?:town|city|village|port|province|district|region|island|county|state)\s+of\s+)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


@dataclass(frozen=True)
class EventRelation:
    """What the dates in two claims say about whether they describe the same event."""

    different: bool
    reason: str = ""


@dataclass
class ArticleFacts:
    """Every number and day each article states: to see whether it states the other side's figure too."""

    numbers: dict[str, list[NumberFact]] = field(default_factory=lambda: defaultdict(list))
    days: dict[str, list[DateFact]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> ArticleFacts:
        index = cls()
        for claim in claims:
            index.numbers[claim.article.id] += [n for n in claim.facts.numbers if n.unit]
            index.days[claim.article.id] += [d for d in claim.facts.dates if d.precision == "day"]
        return index

    def states_number(self, article_id: str, number: NumberFact) -> bool:
        """The article states this figure: an agreeing one of the same size ("at least 27" agrees
        with 4,000 as an interval, but states 27, not 4,000)."""
        return any(
            n.unit == number.unit and numbers_agree(n, number) and _comparable(n, number, STATED_FACTOR)
            for n in self.numbers.get(article_id, ())
        )

    def states_day(self, article_id: str, date: DateFact) -> bool:
        return any(
            d.value == date.value
            and (event_key(d.event) == event_key(date.event) or not d.event or not date.event)
            for d in self.days.get(article_id, ())
        )


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


def _stem(word: str) -> str:
    return word.lower()[:5]


def _near(claim: Claim, span: Span) -> set[str]:
    """Stems of the content words just before a fact: what it is the date or figure of.
    Names are left out: "in Geneva on Monday" and "in Geneva on March 20" share a place, not an event."""
    named = [(m.span.start, m.span.end) for m in claim.facts.mentions]
    words = [
        m.group()
        for m in _WORD.finditer(claim.article.text, claim.start, span.start)
        if not any(start <= m.start() < end for start, end in named)
    ]
    return {_stem(w) for w in content_words(" ".join(words[-NEAR_WORDS:])) if len(w) > 2}


def _counted(claim: Claim, number: NumberFact) -> set[str]:
    """Stems of the common words just after a figure, past its unit: what the counted things did
    ("15,000 people fled to evacuation centres"). Capitalised words are left out: a place says
    where, not what happened."""
    after = _WORD.findall(claim.article.text, number.span.end, claim.end)
    words = [w for w in after if w.islower() and w not in STOP_WORDS and len(w) > 2]
    unit = _stem(number.unit or "")
    return {_stem(w) for w in words[:AFTER_WORDS] if _stem(w) != unit}


def same_event(a_event: str | None, a_span: Span, b_event: str | None, b_span: Span, pair: ClaimPair) -> bool:
    """Do two facts of a pair belong to one event: the same verb, or the same words just before them?"""
    if a_event and b_event and event_key(a_event) == event_key(b_event):
        return True
    return bool(_near(pair.first, a_span) & _near(pair.second, b_span))


def same_count(a: NumberFact, b: NumberFact, pair: ClaimPair) -> bool:
    """Two figures count the same thing: one event, or one side's verb among the words the other
    uses for what the counted things did ("4,000 people had been evacuated" / "15,000 people fled
    to evacuation centres"; "20 killed" / "300 injured in the storm" stay apart)."""
    if same_event(a.event, a.span, b.event, b.span, pair):
        return True
    return (a.event is not None and _stem(a.event) in _counted(pair.second, b)) or (
        b.event is not None and _stem(b.event) in _counted(pair.first, a)
    )


def _severity(pair: ClaimPair, exact: bool) -> Severity:
    """High for clear conflicts in the outlets' own voice; medium when relative or sourced differently."""
    a, b = party(pair.first), party(pair.second)
    if not exact or (a is not None and b is not None and a != b):
        return "medium"
    return "high"


def _label(fact: DateFact) -> str:
    shown = fact.value.isoformat() if fact.precision == "day" else fact.value.strftime("%Y-%m")
    return f"{shown} ({fact.span.text})" if fact.relative else shown


def as_of_publication(pair: ClaimPair, a: DateFact, b: DateFact) -> bool:
    """Each date is its own article's day of publication (or the day before): a state as of
    the report ("still missing on Wednesday"), true at its own date, not a dated event."""
    published_a, published_b = pair.first.article.published, pair.second.article.published
    if published_a is None or published_b is None or published_a == published_b:
        return False
    return 0 <= (published_a - a.value).days <= 1 and 0 <= (published_b - b.value).days <= 1


def date_findings(pair: ClaimPair, index: ArticleFacts) -> list[Finding]:
    if event_relation(pair).different:
        return []
    first_id, second_id = pair.first.article.id, pair.second.article.id
    a_dates = [d for d in pair.first.facts.dates if d.precision == "day"]
    b_dates = [d for d in pair.second.facts.dates if d.precision == "day"]
    for a in a_dates:
        for b in b_dates:
            if a.value == b.value or abs((a.value - b.value).days) > DIFFERENT_EVENT_DAYS:
                continue
            if not same_event(a.event, a.span, b.event, b.span, pair):
                continue
            if (
                index.states_day(second_id, a)
                or index.states_day(first_id, b)
                or as_of_publication(pair, a, b)
            ):
                continue
            what = a.event or b.event or "it happened"
            text = (
                f"{pair.first.article.label} dates '{what}' {_label(a)}; "
                f"{pair.second.article.label} dates it {_label(b)}"
            )
            severity = _severity(pair, exact=not (a.relative or b.relative))
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


def _magnitude(number: NumberFact) -> float:
    """The multiplier written as a word ("15bn" is 15 x 1e9): rounding happens before it."""
    digits = re.search(r"\d+(?:[.,]\d+)?", number.span.text)
    if not digits:
        return 1.0
    written = float(digits.group().replace(",", ""))
    return number.value / written if written else 1.0


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


#: Units too common to say two figures measure the same thing without the same event
#: (a disaster counts people killed, injured, missing and evacuated).
GENERIC_UNITS = frozenset({"percent", "usd", "eur", "gbp", "jpy", "cny", "people", "person"}) | TIME_UNITS


def _same_quantity(a: NumberFact, b: NumberFact, pair: ClaimPair) -> bool:
    """The same event, or the only figure of a specific unit ("usd per share", "vote") on each side
    of two claims about the same named thing."""
    if same_count(a, b, pair):
        return True
    if a.unit in GENERIC_UNITS:
        return False
    only_one = all(
        sum(n.unit == a.unit for n in claim.facts.numbers) == 1 for claim in (pair.first, pair.second)
    )
    return only_one and share_a_name(pair.first, pair.second)


def _comparable(a: NumberFact, b: NumberFact, factor: float = SAME_MAGNITUDE) -> bool:
    if a.value <= 0 or b.value <= 0:
        return a.value == b.value
    return max(a.value, b.value) / min(a.value, b.value) <= factor


def is_update(pair: ClaimPair) -> bool:
    apart = days_apart(pair.first.article, pair.second.article)
    return bool(apart) and bool(
        _UPDATE_WORDS.search(pair.first.text) or _UPDATE_WORDS.search(pair.second.text)
    )


def number_findings(pair: ClaimPair, index: ArticleFacts) -> list[Finding]:
    if event_relation(pair).different or is_update(pair):
        return []
    first_id, second_id = pair.first.article.id, pair.second.article.id
    by_unit: dict[str, tuple[list[NumberFact], list[NumberFact]]] = {}
    for side, claim in enumerate((pair.first, pair.second)):
        for number in claim.facts.numbers:
            if number.unit:
                by_unit.setdefault(number.unit, ([], []))[side].append(number)
    for unit, (first, second) in sorted(by_unit.items()):
        if not first or not second or any(numbers_agree(a, b) for a in first for b in second):
            continue
        candidates = [
            (a, b)
            for a in first
            for b in second
            if _comparable(a, b)
            and _same_quantity(a, b, pair)
            and not index.states_number(second_id, a)
            and not index.states_number(first_id, b)
        ]
        if not candidates:
            continue
        a, b = min(candidates, key=lambda ab: abs(math.log(max(ab[0].value, 1e-9) / max(ab[1].value, 1e-9))))
        text = f"{pair.first.article.label} says {a.span.text}; {pair.second.article.label} says {b.span.text} ({unit}"
        text += f", {a.event})" if a.event else ")"
        severity = _severity(pair, exact=True)
        return [
            make_finding("number", severity, 0.9, text, [(pair.first, [a.span]), (pair.second, [b.span])])
        ]
    return []


def located(claim: Claim) -> list[Mention]:
    """Places the claim puts something in ("in Munich", "near the town of Baler", "from Cape Canaveral")."""
    text = claim.article.text
    return [p for p in claim.facts.places if _LOCATIVE.search(text, max(0, p.span.start - 48), p.span.start)]


def _same_country(places: set[str]) -> bool:
    """Washington and the United States name one country at two levels, not two places."""
    from crosscheck.extract.sources import country_of

    countries = {country_of(place) for place in places}
    return None not in countries and len(countries) == 1


def place_findings(pair: ClaimPair) -> list[Finding]:
    if event_relation(pair).different:
        return []
    a_places, b_places = located(pair.first), located(pair.second)
    if not a_places or not b_places:
        return []
    a_names = {p.normalized for p in a_places}
    b_names = {p.normalized for p in b_places}
    if a_names & b_names:
        return []
    first_text, second_text = pair.first.article.text.lower(), pair.second.article.text.lower()
    if any(name in second_text for name in a_names) or any(name in first_text for name in b_names):
        return []
    if _same_country(a_names | b_names):
        return []
    occasion = _one_occasion(pair)
    for a in a_places:
        for b in b_places:
            if occasion or same_event(None, a.span, None, b.span, pair):
                text = f"{pair.first.article.label} places it at {a.span.text}; {pair.second.article.label} at {b.span.text}"
                evidence = [(pair.first, [a.span]), (pair.second, [b.span])]
                return [make_finding("place", "medium", 0.8, text, evidence)]
    return []


def _one_occasion(pair: ClaimPair) -> bool:
    """Two claims about one occasion: a shared name, and the same day or the same main verb."""
    if not share_a_name(pair.first, pair.second):
        return False
    first, second = pair.first.facts, pair.second.facts
    days = {d.value for d in first.dates if d.precision == "day"} & {
        d.value for d in second.dates if d.precision == "day"
    }
    return bool(days) or (first.predicate is not None and first.predicate == second.predicate)


def negation_findings(pair: ClaimPair) -> list[Finding]:
    """One claim says someone did something, the other that they did not: the same main verb
    about the same name, with opposite polarity, in the same voice, about the same time."""
    first, second = pair.first, pair.second
    if first.facts.negated == second.facts.negated or first.facts.predicate is None:
        return []
    if first.facts.predicate != second.facts.predicate or not share_a_name(first, second):
        return []
    if event_relation(pair).different or not same_time(first.article, second.article):
        return []
    if not same_voice(first, second):
        return []
    denier, asserter = (first, second) if first.facts.negated else (second, first)
    verb = first.facts.predicate
    text = f"{asserter.article.label} says it happened ({verb}); {denier.article.label} says it did not"
    return [
        make_finding(
            "negation", "medium", 0.8, text, [(c, _verb_and_negation(c, verb)) for c in (first, second)]
        )
    ]


_NEGATION_CUES = frozenset({"not", "no", "never", "n't", "denied", "denies", "deny", "without"})


def _verb_and_negation(claim: Claim, verb: str) -> list[Span]:
    """The words to highlight: forms of the shared verb, and negation cues."""
    stem = verb.split()[0][:4]
    return word_spans(claim, lambda word: word in _NEGATION_CUES or word.startswith(stem))
