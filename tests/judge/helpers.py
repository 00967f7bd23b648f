"""Small builders for judge tests: facts, pairs, and a scripted NLI model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from crosscheck.judge.signals import FEATURES
from crosscheck.judge.verdict import LEAF, Tree, VerdictModel
from crosscheck.models import DateFact, Mention, NumberFact
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL
from tests.conftest import span

ENTAILS = {ENTAILMENT: 0.95, NEUTRAL: 0.04, CONTRADICTION: 0.01}
NEUTRAL_ONLY = {ENTAILMENT: 0.02, NEUTRAL: 0.96, CONTRADICTION: 0.02}
CONTRADICTS = {ENTAILMENT: 0.01, NEUTRAL: 0.04, CONTRADICTION: 0.95}
#: What the bundled model says of a plain contradiction ("acquitted" / "convicted").
SURELY_CONTRADICTS = {ENTAILMENT: 0.0005, NEUTRAL: 0.0005, CONTRADICTION: 0.999}


def number(owner, text, value, unit, qualifier="exact", event=None):
    return NumberFact(value, unit, span(owner, text), qualifier, event)


def date(owner, text, iso, event=None, precision="day", relative=False):
    return DateFact(dt.date.fromisoformat(iso), span(owner, text), precision, relative, event)


def name(owner, text, normalized, label="ORG"):
    return Mention(span(owner, text), label, normalized)


class ScriptedNLI:
    """Answers each (premise, hypothesis) with ``answer(premise, hypothesis)``; records the calls."""

    name = "scripted-nli"
    labels = (ENTAILMENT, NEUTRAL, CONTRADICTION)

    def __init__(self, answer: Callable[[str, str], dict[str, float]]) -> None:
        self.answer = answer
        self.calls: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]], progress=None) -> list[dict[str, float]]:  # type: ignore[no-untyped-def]
        self.calls.extend(pairs)
        return [self.answer(premise, hypothesis) for premise, hypothesis in pairs]


def verdict_on(**weights: float) -> VerdictModel:
    """A verdict that adds each named weight to the log-odds when that feature is above 0.5,
    and subtracts ``bias`` (one stump per feature)."""
    bias = weights.pop("bias", 0.0)
    stumps = tuple(
        Tree(
            feature=(FEATURES.index(feature), LEAF, LEAF),
            threshold=(0.5, 0.0, 0.0),
            left=(1, 0, 0),
            right=(2, 0, 0),
            value=(0.0, 0.0, weight),
        )
        for feature, weight in weights.items()
    )
    return VerdictModel(baseline=-bias, trees=stumps)
