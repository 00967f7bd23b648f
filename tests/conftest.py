"""Shared test helpers: hand-built articles and claims, and a fake NLI model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest

from crosscheck.models import Article, Claim, Facts, Sentence, Span
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL


def article(article_id: str, text: str, published: str | None = None, outlet: str | None = None) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        body=((0, len(text)),),
        outlet=outlet,
        published=dt.date.fromisoformat(published) if published else None,
    )


def span(owner: Article, text: str, occurrence: int = 0) -> Span:
    """The span of ``text`` in the article (its n-th occurrence)."""
    start = -1
    for _ in range(occurrence + 1):
        start = owner.text.index(text, start + 1)
    return Span(start, start + len(text), text)


def claim(owner: Article, sentence_text: str, index: int = 0, **facts: object) -> Claim:
    """A claim with the given facts; unless given, ``asserted`` is what extraction finds."""
    found = span(owner, sentence_text)
    if "asserted" not in facts:
        from crosscheck.extract.negation import asserted
        from crosscheck.extract.nlp import load_pipeline

        facts["asserted"] = asserted(load_pipeline()(sentence_text)[:])
    return Claim(Sentence(owner, index, found.start, found.end), Facts(**facts))  # type: ignore[arg-type]


class FakeNLI:
    """Calls a pair a contradiction when ``rule(premise, hypothesis)`` says so; otherwise neutral."""

    name = "fake-nli"
    labels = (ENTAILMENT, NEUTRAL, CONTRADICTION)

    def __init__(self, rule: Callable[[str, str], bool] | None = None) -> None:
        self.rule = rule or (lambda a, b: False)
        self.calls: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]], progress=None) -> list[dict[str, float]]:  # type: ignore[no-untyped-def]
        self.calls.extend(pairs)
        out = []
        for premise, hypothesis in pairs:
            if self.rule(premise, hypothesis):
                out.append({ENTAILMENT: 0.02, NEUTRAL: 0.03, CONTRADICTION: 0.95})
            else:
                out.append({ENTAILMENT: 0.1, NEUTRAL: 0.85, CONTRADICTION: 0.05})
        if progress:
            progress(len(pairs))
        return out


@pytest.fixture
def fake_nli() -> FakeNLI:
    return FakeNLI()
