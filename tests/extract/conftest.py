"""Fixtures for the extract tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from crosscheck.extract import extract_claims
from crosscheck.models import Claim
from tests.extract.helpers import make_article, split


@pytest.fixture
def claims() -> Callable[..., list[Claim]]:
    """claims(text, published=...) -> one Claim per sentence of the text."""

    def run(text: str, published: dt.date | None = dt.date(2024, 3, 14)) -> list[Claim]:
        article = make_article(text, published)
        return extract_claims(article, split(article))

    return run
