"""Dates a sentence states, resolved to calendar dates.

Absolute dates ("Feb. 4", "February 4th", "2023-02-04", "Sept. 23, 2022", "in June")
are read by the patterns below, the year inferred as the one nearest the publication
date; relative ones ("Saturday", "last month", "earlier this week", "yesterday")
against the publication date; "two days later" against the last date before it in
the sentence or, failing that, in the previous sentence. Unresolvable dates (no
publication date and no year) are left out. dateparser is the fallback for numeric
formats the patterns do not know ("04.02.2023"): on the seed articles it resolved
"Saturday" to the week before a Saturday publication and gives no precision, so it
does not lead.

Measured on the five seed articles (published dates from seeds/README.md): every
spaCy DATE entity that names a day, month or year resolves, among them 001's
"two days later" -> 2023-02-04 (anchored on "On Feb. 2" in the sentence before) and
003's "February 4" -> 2023-02-04.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crosscheck.extract.context import ArticleContext, make_span
from crosscheck.extract.events import verb_lemma
from crosscheck.models import DateFact, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
    r"|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT = r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})\b")
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}})\b)?", re.I
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(rf"(?:\b(?P<which>last|this|next|past)\s+)?\b{_MONTH}(?![a-z])", re.I)
_YEAR_ONLY = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
#: 'July next year', 'in March of last year': a month of a year named relative to publication
_MONTH_OF_PERIOD = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b", re.I)
_SHIFT = re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+(?P<dir>later|after|afterwards|earlier|before|ago)\b", re.I)
_NEXT_DAY = re.compile(
    r"\b(?:the\s+)?(?P<dir>next|following|previous)\s+day\b|\bthe\s+day\s+(?P<dir2>before|after)\b", re.I
)
_TODAY = re.compile(
    r"\b(?P<word>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b", re.I
)
_WEEKDAY = re.compile(
    rf"(?:\b(?P<which>last|this|next|past)\s+)?\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b", re.I
)
_PERIOD = re.compile(
    r"\b(?P<which>last|this|next|past|previous|in\s+the)\s+(?P<unit>week|month|year)\b(?!\s+(?:before|after))",
    re.I,
)
_NUMERIC = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{1,4}\b")
_ABSOLUTE_IN_TEXT = re.compile(
    rf"{_ISO.pattern}|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b(?:{'|'.join(_WEEKDAYS)})\b|\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year)\b"
    r"|\b(?:last|this|next)\s+(?:week|month|year)\b|\b(?:yesterday|today|tomorrow)\b",
    re.I,
)
_DURATION = re.compile(rf"(?:about\s+|some\s+|nearly\s+)?{_COUNT}\s+{_UNIT}", re.I)
_INTERVAL_WORD = re.compile(r"^\s+(?P<word>after|before|later|earlier|afterwards)\b", re.I)
# 'at 04:34 GMT on Thursday': a day told by the clock of another time zone
_UTC = re.compile(r"\b(?:GMT|UTC)\b")
# 'will pay ... a premium to the closing price on Friday': a close already happened.
_PAST_MARKERS = frozenset({"closing", "close", "previous", "prior", "preceding"})
_FUTURE_LEMMAS = frozenset(
    {"expect", "plan", "schedule", "intend", "due", "forecast", "set", "aim", "hope", "prepare"}
)


#: A past verb moves a month or day stated without a year to the year before only when the
#: nearest such month begins more than this many days after publication: a date just after it
#: is a slip of the writer's (or a conflict), not last year.
PAST_MARGIN_DAYS = 31
#: The tense of the verb a date hangs on, where one says (``_tense``).
Tense = Literal["past", "future"] | None


@dataclass(frozen=True)
class Resolved:
    value: dt.date
    precision: str
    relative: bool


def dates(context: ArticleContext, sentence: Sentence, anchor: dt.date | None = None) -> tuple[DateFact, ...]:
    """The sentence's dates; ``anchor`` is the last day-precise date of the sentence before."""
    published = context.article.published
    found: list[DateFact] = []
    for start, end, tokens in _candidates(context, sentence):
        event = None
        if _DURATION.fullmatch(context.article.text[start:end].strip()):  # "a day after", not "May 4 after"
            end, event = _interval_after(context, sentence, end)
        text = context.article.text[start:end]
        days = [fact.value for fact in found if fact.precision == "day"]
        base = days[-1] if days else anchor
        resolved = resolve(text, published, base, _tense(tokens))
        if resolved is None:
            continue
        value = resolved.value
        if event is not None and base is not None and resolved.relative and resolved.precision == "day":
            value = base - (value - base)
        span = make_span(context.article, start, end)
        utc = bool(
            _UTC.search(context.article.text, max(sentence.start, start - 16), min(sentence.end, end + 16))
        )
        found.append(DateFact(value, span, resolved.precision, resolved.relative, event, utc))  # type: ignore[arg-type]
    return tuple(found)


def _interval_after(context: ArticleContext, sentence: Sentence, end: int) -> tuple[int, str | None]:
    """'(docked on Friday,) a day after it lifted off': the lift-off is a day before Friday.

    A duration followed by 'after'/'before'/'later'/'earlier' is taken in with that
    word. When 'after'/'before' opens a clause or a noun phrase, the date belongs to
    that clause's event, on the other side of the anchor, and its event is returned.
    """
    match = _INTERVAL_WORD.match(context.article.text[end : sentence.end])
    if not match:
        return end, None
    new_end = end + match.end()
    word = context.tokens(new_end - len(match["word"]), new_end)
    if match["word"].lower() not in {"after", "before"} or not len(word):
        return new_end, None
    token = word[0]
    if token.dep_ == "mark" and token.head.pos_ in {"VERB", "AUX"}:
        return new_end, verb_lemma(token.head)
    objects = [child for child in token.children if child.dep_ == "pobj" and child.pos_ == "NOUN"]
    if objects:
        return new_end, objects[0].lemma_.lower()
    return new_end, _clause_after(context, sentence, token)


def _clause_after(context: ArticleContext, sentence: Sentence, word: Token) -> str | None:
    """The verb of the clause that follows 'after'/'before' when the parse hung the clause on
    the duration instead ('a day after nearly two dozen residents were plucked': 'after' a
    preposition without object, 'plucked' the head of 'day'); None after a pronoun ('a week
    after that' counts from the anchor) or at a comma."""
    following = context.tokens(word.idx + len(word.text), sentence.end)
    if not len(following) or following[0].pos_ in {"PRON", "PUNCT"}:
        return None
    for token in (following[0], *following[0].ancestors):
        if token.pos_ in {"VERB", "AUX"} and token.i > word.i:
            return verb_lemma(token)
    return None


def _candidates(context: ArticleContext, sentence: Sentence) -> list[tuple[int, int, SpacySpan | None]]:
    """spaCy DATE entities (and TIME ones that name a day: "Monday night", "early Saturday"),
    then absolute dates and weekdays it missed."""
    found: list[tuple[int, int, SpacySpan | None]] = []
    for ent in context.spacy_ents_in(sentence.start, sentence.end):
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _WEEKDAY.search(ent.text)):
            found.append((ent.start_char, ent.end_char, ent))
    for match in _ABSOLUTE_IN_TEXT.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        overlapping = [item for item in found if item[0] < end and start < item[1]]
        if all(start <= s and e <= end for s, e, _ in overlapping):
            found = [item for item in found if item not in overlapping]
            found.append((start, end, context.tokens(start, end)))
    return sorted(found, key=lambda item: item[0])


def _tense(tokens: SpacySpan | None) -> Tense:
    """Whether the verb a date hangs on is future ('will travel ... Saturday', 'is expected to')
    or past ('posted in August', 'waiting since August', 'has risen since March'); None when
    the date hangs on a noun or nothing says."""
    if tokens is None or not len(tokens):
        return None
    doc = tokens.doc
    before = doc[max(0, tokens.start - 4) : tokens.start]
    if any(token.lower_ in _PAST_MARKERS for token in before):
        return "past"
    if tokens.start > 0 and doc[tokens.start - 1].lower_ == "since":
        return "past"  # 'since August': nothing has lasted since a month still to come
    for ancestor in tokens.root.ancestors:
        if ancestor.pos_ in {"NOUN", "PROPN"}:
            return None  # 'will pay ... the closing price on Friday', 'backed the plan to ... on Wednesday'
        if ancestor.lemma_ in _FUTURE_LEMMAS:
            return "future"
        auxiliaries = {child.lower_ for child in ancestor.children if child.dep_ in {"aux", "auxpass"}}
        if ancestor.pos_ in {"VERB", "AUX"} and auxiliaries & {"will", "'ll", "shall", "wo"}:
            return "future"
        if ancestor.tag_ == "VBD" or auxiliaries & {"has", "have", "had", "'ve"}:
            return "past"  # 'will be able to ... after Parliament approved it on Wednesday': a past clause
    return None


def resolve(
    text: str, published: dt.date | None, anchor: dt.date | None = None, tense: Tense = None
) -> Resolved | None:
    """One date expression to a date with precision, or None when it cannot be pinned down;
    ``tense`` (of the verb the date hangs on) picks the year of a month or day given without one."""
    text = " ".join(text.split())
    for resolver in (_absolute, _relative_to_anchor, _relative_to_publication, _fallback):
        resolved = resolver(text, published, anchor, tense)
        if resolved is not None:
            return resolved
    return None


def _absolute(text: str, published: dt.date | None, anchor: dt.date | None, tense: Tense) -> Resolved | None:
    match = _ISO.search(text)
    if match:
        return _make(int(match["year"]), int(match["m"]), int(match["day"]), "day")
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(text)
        if match:
            month, day = _month(match["month"]), int(match["day"])
            if match["year"]:
                return _make(int(match["year"]), month, day, "day")
            year = _year_for(published, month, day, tense)
            return _make(year, month, day, "day") if year else None
    match = _MONTH_YEAR.search(text)
    if match:
        return _make(int(match["year"]), _month(match["month"]), 1, "month")
    return None


def _relative_to_anchor(
    text: str, published: dt.date | None, anchor: dt.date | None, tense: Tense
) -> Resolved | None:
    if anchor is None:
        return None
    match = _SHIFT.search(text)
    if match and match["dir"].lower() != "ago":
        sign = 1 if match["dir"].lower() in {"later", "after", "afterwards"} else -1
        return _shift(anchor, sign * _count(match["count"]), match["unit"].lower())
    match = _NEXT_DAY.search(text)
    if match:
        direction = (match["dir"] or match["dir2"]).lower()
        sign = -1 if direction in {"previous", "before"} else 1
        return Resolved(anchor + dt.timedelta(days=sign), "day", True)
    return None


def _relative_to_publication(
    text: str, published: dt.date | None, anchor: dt.date | None, tense: Tense
) -> Resolved | None:
    if published is None:
        return None
    lower = text.lower()
    match = _SHIFT.search(text)
    if match and match["dir"].lower() == "ago":
        return _shift(published, -_count(match["count"]), match["unit"].lower())
    match = _TODAY.search(text)
    if match:
        word = match["word"].lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return Resolved(published + dt.timedelta(days=delta), "day", True)
    match = _WEEKDAY.search(text)
    if match:
        return Resolved(_weekday(published, match["weekday"].lower(), match["which"], tense), "day", True)
    match = _MONTH_OF_PERIOD.search(text)
    if match:
        step = {"last": -1, "next": 1}.get(match["which"].lower(), 0)
        return Resolved(dt.date(published.year + step, _month(match["month"]), 1), "month", True)
    match = _PERIOD.search(text)
    if match:
        return _period(published, match["which"].lower(), match["unit"].lower(), lower)
    match = _MONTH_ONLY.search(text)
    if match:
        month = _month(match["month"])
        which = (match["which"] or "").lower()
        if which in {"last", "past"}:
            year = published.year if month < published.month else published.year - 1
        elif which == "next":
            year = published.year if month > published.month else published.year + 1
        elif which == "this":
            year = published.year
        else:
            year = _year_for(published, month, None, tense) or published.year
        return Resolved(dt.date(year, month, 1), "month", True)
    match = _YEAR_ONLY.search(text)
    if match:
        return Resolved(dt.date(int(match["year"]), 1, 1), "year", False)
    return None


def _fallback(text: str, published: dt.date | None, anchor: dt.date | None, tense: Tense) -> Resolved | None:
    if published is None and not _YEAR_ONLY.search(text):
        return _year_only(text)
    match = _NUMERIC.search(text)
    if match:
        import dateparser

        parsed = dateparser.parse(
            match.group(0), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
        )
        if parsed is not None:
            return Resolved(parsed.date(), "day", False)
    return _year_only(text)


def _year_only(text: str) -> Resolved | None:
    match = _YEAR_ONLY.search(text)
    if match and not _SHIFT.search(text):
        return Resolved(dt.date(int(match["year"]), 1, 1), "year", False)
    return None


def _weekday(published: dt.date, name: str, which: str | None, tense: Tense) -> dt.date:
    """'Saturday': the latest on or before publication; 'next'/future verbs: the first on or after."""
    target = _WEEKDAYS.index(name)
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    which = (which or "").lower()
    if which == "next":
        return published + dt.timedelta(days=ahead or 7)
    if which in {"last", "past"}:
        return published - dt.timedelta(days=back or 7)
    if tense == "future":
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _period(published: dt.date, which: str, unit: str, lower: str) -> Resolved | None:
    """'last month', 'earlier this year', 'this week' (a week only when it lies inside one month)."""
    step = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(which, 0)
    if which.startswith("in") and not re.search(r"\b(?:earlier|later)\b", lower):
        return None
    if unit == "year":
        return Resolved(dt.date(published.year + step, 1, 1), "year", True)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return Resolved(dt.date(month_index // 12, month_index % 12 + 1, 1), "month", True)
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
    last_day = monday + dt.timedelta(days=6)
    if step == 0 and "earlier" in lower:
        last_day = published
    if monday.month != last_day.month:
        return None
    return Resolved(dt.date(monday.year, monday.month, 1), "month", True)


def _nearest_year(published: dt.date | None, month: int, day: int) -> int | None:
    """The year that puts month/day nearest the publication date (None without one)."""
    if published is None:
        return None
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - published).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _year_for(published: dt.date | None, month: int, day: int | None, tense: Tense) -> int | None:
    """The year of a month (and day) given without one: the nearest to publication, unless
    that month begins more than PAST_MARGIN_DAYS after it and the verb is past ("waiting since
    August" in March is last August, though next August is nearer). A future verb is read less
    surely ("was due on March 3"), so it keeps the nearest."""
    nearest = _nearest_year(published, month, day or 1)
    if published is None or nearest is None or tense != "past":
        return nearest
    ahead = (dt.date(nearest, month, 1) - published).days
    return nearest - 1 if ahead > PAST_MARGIN_DAYS else nearest


def _shift(base: dt.date, amount: int, unit: str) -> Resolved | None:
    if unit in {"day", "week"}:
        return Resolved(base + dt.timedelta(days=amount * (7 if unit == "week" else 1)), "day", True)
    if unit == "month":
        index = base.year * 12 + base.month - 1 + amount
        return Resolved(dt.date(index // 12, index % 12 + 1, 1), "month", True)
    return Resolved(dt.date(base.year + amount, 1, 1), "year", True)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _make(year: int, month: int, day: int, precision: str) -> Resolved | None:
    try:
        return Resolved(dt.date(year, month, day), precision, False)
    except ValueError:
        return None


def last_day_date(facts: Sequence[DateFact]) -> dt.date | None:
    """The last day-precise date of a sentence: the anchor for 'two days later' in the next one."""
    days = [fact.value for fact in facts if fact.precision == "day"]
    return days[-1] if days else None
