"""The data that flows between stages: articles, sentences, claims, facts, findings.

Sentences and claims are views into their article (article + start + end), never
copies of strings, so every finding can point at file, line and column.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

FindingKind = Literal["title", "date", "number", "place", "negation", "quote", "statement", "unsupported"]
Severity = Literal["high", "medium", "low"]
SEVERITY_ORDER: dict[str, int] = {"high": 3, "medium": 2, "low": 1}


#: Separators inside an id, and the parts of an id that are hashes or counters, not names.
_ID_PARTS = re.compile(r"[-_.\s]+")
_HASHLIKE = re.compile(r"(?=[0-9a-f]*\d)[0-9a-f]{8,}", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Article:
    """One news article as ingested.

    ``text`` is the text every offset refers to: the file itself for .txt/.md (so
    line and column are the file's), the record's text field for JSON, and the
    extracted article text for HTML. ``body`` lists the (start, end) regions of
    ``text`` that are article prose: front matter and web clutter are left out.
    """

    id: str
    path: str
    text: str
    body: tuple[tuple[int, int], ...]
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    warnings: tuple[str, ...] = ()

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for index, char in enumerate(self.text):
            if char == "\n":
                starts.append(index + 1)
        return starts

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset into ``text``."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def label(self) -> str:
        """How the article is named in explanations, as a reader would name it.

        Its outlet; else the site of its URL ("reuters.com"); else its id when that reads
        as a name; else (a hash-like file name such as "004_5691b707375e5127") its
        title, shortened, or "article 004".
        """
        if self.outlet:
            return self.outlet
        if self.url:
            from urllib.parse import urlsplit

            host = (urlsplit(self.url).hostname or "").removeprefix("www.")
            if host:
                return host
        words = [part for part in _ID_PARTS.split(self.id) if part and not _HASHLIKE.fullmatch(part)]
        if words and not all(part.isdigit() for part in words):
            return " ".join(words) if len(words) < len(_ID_PARTS.split(self.id)) else self.id
        if self.title:
            title = " ".join(self.title.split())
            return title if len(title) <= 40 else title[:39].rsplit(" ", 1)[0] + "…"
        return f"article {words[0]}" if words else f"article {self.id[:8]}"


@dataclass(frozen=True, eq=False)
class Sentence:
    """A sentence of an article: a view, ``article.text[start:end]``."""

    article: Article
    index: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def key(self) -> tuple[str, int]:
        return (self.article.id, self.index)


@dataclass(frozen=True)
class Span:
    """Character offsets into the article text, with the text they cover."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A named entity: person, organisation, place (GPE/LOC/FAC), event, ..."""

    span: Span
    label: str
    normalized: str


@dataclass(frozen=True)
class TitleFact:
    """A person (or organisation) named with a title or role in the sentence.

    ``person`` is the normalized name ("wang yi"); ``title`` the normalized role
    ("foreign minister", "top diplomat"); ``former`` marks "former"/"ex-"/"promoted
    from" roles that are not a current claim. ``affiliation`` is the country or body
    the role belongs to where the text says so ("china", "us", "state department"),
    so that China's and Russia's foreign ministers are not taken for one office.
    """

    person: str
    title: str
    span: Span
    former: bool = False
    affiliation: str | None = None


#: How exactly a date is known.
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class DateFact:
    """A date the sentence states, resolved to a calendar day where possible.

    ``precision`` is "day", "month" or "year"; ``relative`` marks dates resolved
    from "Saturday", "two days later", "last month" against the publication date
    or another date in the sentence. ``event`` is the lemma of the verb or event
    noun the date attaches to in the parse ("shoot down", "meet", "election"), the
    key for comparing dates across articles. ``utc`` marks a day given with a GMT or
    UTC clock time ("at 00:14 GMT on Wednesday"): where it happened, it may have been
    the evening before or the morning after.
    """

    value: dt.date
    span: Span
    precision: Precision = "day"
    relative: bool = False
    event: str | None = None
    utc: bool = False


#: NumberFact units that are durations: too common to say two claims count the same thing.
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


@dataclass(frozen=True)
class NumberFact:
    """A number with its unit, and how exact the writer claims it is.

    ``qualifier`` is "exact", "about", "more than", "less than", "at least",
    "at most", "up to", or "change" (a change, a margin or the rest of a group: "seven
    more", "rose by 5%", "three other vessels");
    ``unit`` is a normalized noun ("people", "usd", "votes"), a measure's in one unit
    per quantity (feet and miles as "metre", ``value`` converted);
    ``event`` the lemma of the verb or noun it attaches to ("kill", "win", "toll").
    """

    value: float
    unit: str | None
    span: Span
    qualifier: str = "exact"
    event: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who asserts the claim: "Beijing", "Blinken", "state media"; ``quote`` when direct."""

    source: str
    span: Span
    kind: Literal["quote", "said", "according", "reported", "other"] = "said"


@dataclass(frozen=True)
class Facts:
    """The structured facts of one sentence.

    ``predicate`` is the lemma of the sentence's main verb (reporting verbs like
    "said" skipped: the predicate of what was said), so the judge asks the NLI
    model only about claims that say something about the same action.
    """

    mentions: tuple[Mention, ...] = ()
    titles: tuple[TitleFact, ...] = ()
    dates: tuple[DateFact, ...] = ()
    numbers: tuple[NumberFact, ...] = ()
    places: tuple[Mention, ...] = ()
    quotes: tuple[Span, ...] = ()
    attribution: Attribution | None = None
    negated: bool = False
    predicate: str | None = None
    #: what a negated predicate denies, as lemmas ("concede" in "had not conceded", "warning" in
    #: "issued no warning"); empty when not negated, or not known
    denied: tuple[str, ...] = ()
    #: the words no negation cue covers, as written and as lemmas ("sank", "sink"): what the
    #: sentence asserts, for another claim's denial to meet
    asserted: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Claim:
    """A sentence with its facts: what the article asserts, and who asserts it."""

    sentence: Sentence
    facts: Facts = field(default_factory=Facts)

    @property
    def article(self) -> Article:
        return self.sentence.article

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    @property
    def source_as_written(self) -> str | None:
        """Who the claim is attributed to, as the article writes it ("Antony Blinken", not
        "antony blinken"): the source's full name from the claim or, for "Blinken said", from
        where the article names him in full; else the words the claim uses ("Chinese state media")."""
        attribution = self.facts.attribution
        if attribution is None:
            return None
        source = attribution.source.lower()
        for text in (attribution.span.text, self.text, self.article.text):
            found = re.search(rf"\b{re.escape(source)}\b", text, re.IGNORECASE)
            if found:
                return found.group(0)
        return attribution.span.text or attribution.source

    @cached_property
    def names(self) -> frozenset[str]:
        """The claim's names, people also by surname: "Piotr Halas" and "Halas" are one name."""
        found = {mention.normalized for mention in self.facts.mentions}
        found |= {
            m.normalized.rsplit(" ", 1)[1]
            for m in self.facts.mentions
            if m.label == "PERSON" and " " in m.normalized
        }
        return frozenset(found)


@dataclass(frozen=True, eq=False)
class ClaimPair:
    """Two claims from different articles that may talk about the same thing."""

    first: Claim
    second: Claim
    similarity: float


@dataclass(frozen=True)
class Evidence:
    """The words of one claim a finding is about, highlighted in reports."""

    claim: Claim
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A contradiction (or, for drafts, an unsupported fact) between two claims."""

    id: str
    kind: FindingKind
    severity: Severity
    score: float
    explanation: str
    evidence: tuple[Evidence, ...]
    #: the code of the rule that produced it (``crosscheck rules`` documents each one)
    rule: str = ""

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(item.claim for item in self.evidence)

    @property
    def wording_only(self) -> bool:
        """A difference of wording (the same remark quoted in other words), not a factual conflict:
        counted apart from contradictions in verdicts, and never failing ``--fail-on``."""
        return self.rule in WORDING_RULES


#: Rules whose findings are wording differences, not factual conflicts.
WORDING_RULES = frozenset({"quote/reworded"})


@dataclass(frozen=True)
class Corroboration:
    """A fact several sources state consistently: "3 sources: shot down on 2023-02-04"."""

    kind: FindingKind
    statement: str
    claims: tuple[Claim, ...]

    @property
    def sources(self) -> int:
        return len({claim.article.id for claim in self.claims})


@dataclass(frozen=True)
class Syndicated:
    """One source carried by several outlets: the article compared, and its near-identical copies.

    Copies are never compared with the article or each other, nor counted as sources
    that corroborate it; ``similarity`` is the least share of a copy's text the article holds.
    """

    article: Article
    copies: tuple[Article, ...]
    similarity: float

    @property
    def outlets(self) -> tuple[str, ...]:
        """Who carried the text, each name once, the article's first."""
        return tuple(dict.fromkeys(item.label for item in (self.article, *self.copies)))


@dataclass(frozen=True)
class SkippedInput:
    """An input that could not be read, kept so the report says what was left out."""

    path: str
    problem: str


@dataclass
class Report:
    """Everything a renderer needs; renderers are pure functions of this object."""

    articles: list[Article]
    findings: list[Finding]
    corroborations: list[Corroboration] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    sentences: dict[str, int] = field(default_factory=dict)
    model: dict[str, object] = field(default_factory=dict)
    stats: dict[str, object] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)
    syndicated: list[Syndicated] = field(default_factory=list)
