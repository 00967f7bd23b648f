"""What a journalist reads: the terminal's width, readable article names, names in their case,
and wording differences counted apart from factual conflicts."""

from __future__ import annotations

import dataclasses

import pytest

from crosscheck.models import Article, Attribution, Claim, Evidence, Facts, Report, Sentence, Span
from crosscheck.pipeline import verdict_fails
from crosscheck.report import render, verdict


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_the_terminal_report_fits_the_terminal(report: Report, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    *body, last = render(report, "rich").splitlines()
    assert max(len(line) for line in body) <= columns
    assert last == verdict(report)  # the verdict stays one line, for CI logs


def test_a_pipe_without_columns_gets_a_sensible_width(report: Report, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert max(len(line) for line in render(report, "rich").splitlines()) <= 100


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"id": "004_5691b707375e5127", "outlet": "DW"}, "DW"),
        ({"id": "004_5691b707375e5127", "url": "https://www.reuters.com/world/x"}, "reuters.com"),
        ({"id": "004_5691b707375e5127", "title": "Blinken meets Wang"}, "Blinken meets Wang"),
        ({"id": "004_5691b707375e5127"}, "article 004"),
        ({"id": "5691b707375e5127"}, "article 5691b707"),
        ({"id": "npr-2023-02-18"}, "npr-2023-02-18"),
    ],
)
def test_articles_are_named_as_a_reader_would(fields, label):
    assert Article(path="x.txt", text="t", body=(), **fields).label == label


def test_attributions_keep_the_case_the_article_writes(report: Report):
    item = report.findings[0].evidence[1]
    text = item.claim.article.text.replace("officials said", "Antony Blinken said")
    article = dataclasses.replace(item.claim.article, text=text)
    start = text.index("Antony Blinken said")
    span = Span(start, start + len("Antony Blinken said"), "Antony Blinken said")
    sentence = dataclasses.replace(item.claim.sentence, article=article, end=item.claim.end + 5)
    claim = Claim(sentence, Facts(attribution=Attribution("antony blinken", span)))
    finding = dataclasses.replace(
        report.findings[0], evidence=(report.findings[0].evidence[0], Evidence(claim))
    )
    named = dataclasses.replace(report, findings=[finding])
    for fmt in ("rich", "markdown", "html"):
        out = render(named, fmt)
        assert "according to Antony Blinken" in out and "antony blinken" not in out


def _attributed(text: str, source: str, words: str) -> Claim:
    """The text's second sentence, attributed to ``source`` through ``words``."""
    article = Article(id="a", path="a.txt", text=text, body=((0, len(text)),))
    start = text.index(words)
    attribution = Attribution(source, Span(start, start + len(words), words))
    return Claim(Sentence(article, 1, text.index(". ") + 2, len(text)), Facts(attribution=attribution))


def test_a_source_named_by_surname_is_written_as_the_article_names_it_in_full():
    text = "Secretary of State Antony Blinken flew to Munich. Blinken said the talks were frank."
    assert _attributed(text, "antony blinken", "Blinken said").source_as_written == "Antony Blinken"
    media = text.replace("Blinken said", "Chinese state media said")
    assert _attributed(media, "china", "Chinese state media").source_as_written == "Chinese state media"


def test_reworded_quotes_are_counted_apart_and_never_fail_a_gate(report: Report):
    reworded = dataclasses.replace(report.findings[2], kind="quote", rule="quote/reworded")
    only_wording = dataclasses.replace(report, findings=[reworded, reworded])
    assert verdict(only_wording) == "2 wording differences across 2 articles (1 input skipped)"
    assert not verdict_fails(only_wording, "contradiction") and not verdict_fails(only_wording, "unsupported")
    mixed = dataclasses.replace(report, findings=[report.findings[0], reworded])
    assert verdict(mixed).startswith("1 contradiction (1 high), 1 wording difference across")
    assert verdict_fails(mixed, "contradiction")
