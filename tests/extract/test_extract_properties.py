"""Arbitrary text never breaks extraction, and every span points at its text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.errors import ModelError
from crosscheck.extract import extract_claims, nlp
from crosscheck.models import Sentence
from tests.extract.helpers import assert_spans_point_at_text, make_article, split

_WORDS = st.sampled_from(
    "said Beijing Wang Yi , . “ ” ' \" $ 15bn about 300 on Saturday two days later Feb. 4 2023-02-04 the "
    "foreign minister former Blinken according to not never 51.3% € - \n".split(" ")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(max_size=120), st.lists(_WORDS, max_size=40).map(" ".join)),
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))),
)
def test_arbitrary_text(text, published):
    article = make_article(text, published)
    sentences = split(article)
    claims = extract_claims(article, sentences)
    assert [claim.sentence for claim in claims] == sentences
    for claim in claims:
        assert_spans_point_at_text(claim)


def test_sentences_of_a_body_region_only():
    text = "Skip to content\nThe mayor said about 300 people left on Monday.\nSubscribe now"
    start = text.index("The")
    end = text.index("\nSubscribe")
    article = make_article(text, dt.date(2024, 3, 14))
    article = type(article)("a", "a.txt", text, ((start, end),), published=dt.date(2024, 3, 14))
    (claim,) = extract_claims(article, [Sentence(article, 0, start, end)])
    assert claim.facts.numbers[0].value == 300
    assert claim.facts.dates[0].value == dt.date(2024, 3, 11)
    assert_spans_point_at_text(claim)


def test_missing_pipeline_raises_model_error(monkeypatch):
    nlp.load_pipeline.cache_clear()
    monkeypatch.setattr(nlp, "PIPELINE", "no_such_pipeline_xyz")
    try:
        with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
            nlp.load_pipeline()
    finally:
        nlp.load_pipeline.cache_clear()
