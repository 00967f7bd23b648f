"""The documented cases that look like contradictions and are not (rules ``exempt/*``).

Attribution and time shape a finding's severity and wording; they silence it only
here, in the cases a fact-checker knows are not contradictions: explicitly
different events, running counts, states true at each article's own date, both
parties' opposing claims reported by both articles, one remark quoted by both, and
statements of articles published far apart.
"""

from __future__ import annotations

import re

from crosscheck.judge._common import WORD, days_apart, is_a_side, party, same_party
from crosscheck.judge.facts import DIFFERENT_EVENT_DAYS, event_key
from crosscheck.lexicon import UPDATE_WORDS
from crosscheck.models import Claim, ClaimPair, DateFact

#: Articles published further apart than this may both be right about a fact
#: that changed in between ("will travel this week" in June, "postponed" in February).
SAME_TIME_DAYS = 7
_UPDATE = re.compile(r"\b(" + "|".join(re.escape(word) for word in UPDATE_WORDS) + r")\b")
#: An update word tells a figure's update within this many words of it ("rose to 14", "74 people
#: had now been treated", "up from 18,420"); further off it updates something else ("in a rising
#: wind", "until now").
UPDATE_REACH = 3


def different_events(pair: ClaimPair) -> str | None:
    """Why the dates say the two claims are about different events (``exempt/different-events``)."""
    first, second = timing_dates(pair.first), timing_dates(pair.second)
    days = [d for d in first if d.precision != "year"], [d for d in second if d.precision != "year"]
    if days[0] and days[1]:
        gap = min(abs((a.value - b.value).days) for a in days[0] for b in days[1])
        if gap > DIFFERENT_EVENT_DAYS:
            return f"dates {gap} days apart"
    years = {d.value.year for d in first}, {d.value.year for d in second}
    only_years = all(d.precision == "year" for d in (*first, *second))  # the same claim, maybe: a slot
    if years[0] and years[1] and not years[0] & years[1] and not only_years:
        return "different years"
    for claim, dates, other in ((pair.first, first, pair.second), (pair.second, second, pair.first)):
        if _earlier_event(claim, dates, other):
            return "an earlier event"
    return None


def timing_dates(claim: Claim) -> tuple[DateFact, ...]:
    """The claim's dates that time what it tells: all but those of a sub-clause's own event,
    one neither its main verb nor any of its figures belongs to ("The company, *founded in
    2017*, raised €720 million" tells a listing, not a founding; "the worst since 2019, when 40
    people died" keeps 2019, the year of the figure)."""
    told = {event_key(claim.facts.predicate)} | {event_key(n.event) for n in claim.facts.numbers}
    return tuple(d for d in claim.facts.dates if d.event is None or event_key(d.event) in told)


def _earlier_event(claim: Claim, dates: tuple[DateFact, ...], other: Claim) -> bool:
    """A claim timed (``dates``: its ``timing_dates``) only by dates of years before the other
    article's ("a 2019 outbreak in Lisbon", "when Polarfly went under in March 2019"), none of
    which the other claim names: background about an earlier event of the same kind. Earlier
    days of the same year are often this story's own history (the sample taken in May, the
    verdict in October), and a day or month after "since" is where a count starts, not when it
    was true ("900 cases since March 2019")."""
    published = other.article.published
    if published is None or not dates:
        return False
    if not all(d.value.year < published.year and not _since(claim, d) for d in dates):
        return False
    return not {d.value.year for d in dates} & {d.value.year for d in other.facts.dates}


def _since(claim: Claim, date: DateFact) -> bool:
    before = claim.article.text[max(claim.start, date.span.start - 12) : date.span.start]
    return (
        date.precision != "year" and re.search(r"\bsince\s+(?:the\s+)?$", before, re.IGNORECASE) is not None
    )


def running_count(pair: ClaimPair) -> bool:
    """The later article's figure told as an update ('rose to', 'so far', 'up from'), next to
    the figure: ``exempt/running-count``. An earlier article cannot update a later one, and an
    update word elsewhere in the sentence ("the now-defunct agency", "for now") updates nothing."""
    first, second = pair.first.article.published, pair.second.article.published
    if first is None or second is None or first == second:
        return False
    later = pair.first if first > second else pair.second
    text = later.article.text
    for match in _UPDATE.finditer(text, later.start, later.end):
        for number in later.facts.numbers:
            between = (
                text[match.end() : number.span.start]
                if match.end() <= number.span.start
                else text[number.span.end : match.start()]
            )
            if len(WORD.findall(between)) <= UPDATE_REACH:
                return True
    return False


def as_of_publication(pair: ClaimPair, a: DateFact, b: DateFact) -> bool:
    """Each date is its own article's day of publication (or the day before): a state as of
    the report ("still missing on Wednesday"), true at its own date (``exempt/as-of-publication``)."""
    published_a, published_b = pair.first.article.published, pair.second.article.published
    if published_a is None or published_b is None or published_a == published_b:
        return False
    return 0 <= (published_a - a.value).days <= 1 and 0 <= (published_b - b.value).days <= 1


def other_event_dated(pair: ClaimPair, a: DateFact, b: DateFact) -> bool:
    """The two days time different things, and the claim that dates one tells the other undated
    (``exempt/other-event-dated``): "detained a man who drove the car used in Thursday's robbery"
    dates the robbery, "Police on Friday detained a man" the detention. A day is compared with
    a day of the same event, not with the day of whatever else the sentence mentions."""
    timed_a, timed_b = event_key(a.event), event_key(b.event)
    if timed_a is None or timed_b is None or timed_a == timed_b:
        return False
    told_a, told_b = event_key(pair.first.facts.predicate), event_key(pair.second.facts.predicate)
    return timed_b == told_a or timed_a == told_b


def published_apart(pair: ClaimPair) -> bool:
    """The articles describe the world at different moments (``exempt/published-apart``)."""
    apart = days_apart(pair.first.article, pair.second.article)
    return apart is not None and apart > SAME_TIME_DAYS


def both_sides_reported(pair: ClaimPair, claims_by_article: dict[str, list[Claim]]) -> bool:
    """The claims are two sides' of the story (a government, a named person, a quote: not a
    source of facts such as "police said", nor an outlet's own voice), and each article also
    carries the other side's claims (``exempt/both-sides-reported``): the parties disagree, the
    outlets do not."""
    a, b = party(pair.first), party(pair.second)
    if same_party(a, b) or not (is_a_side(pair.first) and is_a_side(pair.second)):
        return False  # a claim in the outlet's voice (no source) is no side

    def carries(article_id: str, source: str | None) -> bool:
        return any(same_party(party(claim), source) for claim in claims_by_article.get(article_id, ()))

    return carries(pair.first.article.id, b) and carries(pair.second.article.id, a)


#: Words two quotations must share, in order, to be one remark.
SAME_REMARK_WORDS = 4


def same_remark(pair: ClaimPair) -> bool:
    """Both claims quote the same words (``exempt/same-remark``): one remark, framed twice
    ("Tom Hadley, the Leader of the House, called it ..." / "Minister Tom Hadley said ...").
    How it was worded is the quote check's question, who said it the title check's; the
    sentence-level verdict would only read the two frames as a conflict."""
    from difflib import SequenceMatcher

    def words(claim: Claim) -> list[list[str]]:
        return [re.findall(r"\w+", quote.text.lower()) for quote in claim.facts.quotes]

    for a in words(pair.first):
        for b in words(pair.second):
            match = SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
            if match.size >= min(SAME_REMARK_WORDS, len(a), len(b)) and match.size >= 2:
                return True
    return False
