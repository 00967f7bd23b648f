"""Test helpers: articles from text, a simple sentence splitter, span checks."""

from __future__ import annotations

import datetime as dt
import re

from crosscheck.models import Article, Claim, Sentence

_BOUNDARY = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)[.!?][\"”’]?\s+(?=[\"“A-Z])|\n+")


def split(article: Article) -> list[Sentence]:
    """Sentences at '. X' and line breaks: enough for test texts written without tricky abbreviations."""
    sentences: list[Sentence] = []
    start = 0
    for match in [*_BOUNDARY.finditer(article.text), None]:
        end = len(article.text) if match is None else match.start() + len(match.group(0).rstrip())
        chunk = article.text[start:end]
        if chunk.strip():
            offset = start + len(chunk) - len(chunk.lstrip())
            sentences.append(Sentence(article, len(sentences), offset, start + len(chunk.rstrip())))
        start = len(article.text) if match is None else match.end()
    return sentences


def make_article(text: str, published: dt.date | None = dt.date(2024, 3, 14)) -> Article:
    return Article("t", "t.txt", text, ((0, len(text)),), published=published)


def assert_spans_point_at_text(claim: Claim) -> None:
    text = claim.article.text
    facts = claim.facts
    spans = [m.span for m in facts.mentions + facts.places]
    spans += [t.span for t in facts.titles] + [d.span for d in facts.dates] + [n.span for n in facts.numbers]
    spans += list(facts.quotes) + ([facts.attribution.span] if facts.attribution else [])
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
