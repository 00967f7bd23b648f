"""A small hand-built report: two articles, two findings with evidence, a corroboration, a skip."""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck.models import (
    Article,
    Attribution,
    Claim,
    Corroboration,
    Evidence,
    Facts,
    Finding,
    Report,
    Sentence,
    SkippedInput,
    Span,
)

WIRE_TEXT = (
    "---\noutlet: Wire\npublished: 2023-02-19\n---\n"
    "Balloon talks in Munich\n\n"
    "Blinken met Foreign Minister Wang Yi on Saturday.\n"
    "The balloon was shot down on Feb. 4 off South Carolina.\n"
)
DAILY_TEXT = (
    "Blinken met China's top diplomat Wang Yi on Sunday, officials said.\n"
    "Officials said the <object> was shot down on Feb. 4 & recovered off Virginia; 50% of debris found.\n"
)


def sentence(article: Article, index: int, text: str) -> Sentence:
    start = article.text.index(text)
    return Sentence(article, index, start, start + len(text))


def span(article: Article, words: str, after: int = 0) -> Span:
    start = article.text.index(words, after)
    return Span(start, start + len(words), words)


@pytest.fixture
def articles() -> tuple[Article, Article]:
    wire = Article(
        id="wire",
        path="stories/wire.md",
        text=WIRE_TEXT,
        body=((WIRE_TEXT.index("Balloon"), len(WIRE_TEXT)),),
        outlet="Wire",
        title="Balloon talks in Munich",
        url="https://example.org/wire",
        published=dt.date(2023, 2, 19),
    )
    daily = Article(
        id="daily",
        path="stories\\daily.txt",
        text=DAILY_TEXT,
        body=((0, len(DAILY_TEXT)),),
        outlet="Daily <News>",
        published=None,
    )
    return wire, daily


@pytest.fixture
def report(articles: tuple[Article, Article]) -> Report:
    wire, daily = articles
    wire_meeting = Claim(sentence(wire, 1, "Blinken met Foreign Minister Wang Yi on Saturday."))
    daily_meeting = Claim(
        sentence(daily, 0, "Blinken met China's top diplomat Wang Yi on Sunday, officials said."),
        Facts(attribution=Attribution("officials", span(daily, "officials said"))),
    )
    wire_downed = Claim(sentence(wire, 2, "The balloon was shot down on Feb. 4 off South Carolina."))
    daily_downed = Claim(
        sentence(daily, 1, DAILY_TEXT.splitlines()[1]),
    )
    title = Finding(
        id="f-title-1",
        kind="title",
        severity="high",
        score=0.987654321,
        explanation="Wire calls Wang Yi foreign minister; Daily <News> calls him top diplomat.",
        evidence=(
            Evidence(wire_meeting, (span(wire, "Foreign Minister"),)),
            Evidence(daily_meeting, (span(daily, "top diplomat"),)),
        ),
    )
    date = Finding(
        id="f-date-2",
        kind="date",
        severity="medium",
        score=0.7,
        explanation="Saturday, 50%: Wire, Daily disagree\non the day.",
        evidence=(
            Evidence(wire_meeting, (span(wire, "Saturday"),)),
            Evidence(daily_meeting, (span(daily, "Sunday"),)),
        ),
    )
    place = Finding(
        id="f-place-3",
        kind="place",
        severity="low",
        score=0.41,
        explanation="Wire: off South Carolina; Daily: off Virginia.",
        evidence=(
            Evidence(wire_downed, (span(wire, "South Carolina"),)),
            Evidence(daily_downed, (span(daily, "<object>"), span(daily, "Virginia"))),
        ),
    )
    agreed = Corroboration(
        kind="date", statement="shot down on 2023-02-04", claims=(wire_downed, daily_downed)
    )
    return Report(
        articles=[wire, daily],
        findings=[title, date, place],
        corroborations=[agreed],
        skipped=[SkippedInput(path="stories/empty.html", problem="no article text found")],
        sentences={"wire": 3, "daily": 2},
        model={"name": "fake-nli", "threshold": 0.123456789, "labels": ("entailment", "contradiction")},
        stats={"pairs": 4, "seconds": {"judge": 1.23456789}},
    )


@pytest.fixture
def empty_report(articles: tuple[Article, Article]) -> Report:
    return Report(articles=list(articles), findings=[])


@pytest.fixture
def draft_report(report: Report) -> Report:
    """The same findings seen as a check of the "daily" draft, plus an unsupported fact."""
    daily = report.articles[1]
    downed = report.findings[2].evidence[1].claim
    unsupported = Finding(
        id="f-unsupported-4",
        kind="unsupported",
        severity="low",
        score=1.0,
        explanation="No source states that 50% of debris was found.",
        evidence=(Evidence(downed, (span(daily, "50%"),)),),
    )
    return Report(
        articles=report.articles,
        findings=[*report.findings, unsupported],
        sentences=report.sentences,
        drafts=["daily"],
    )
