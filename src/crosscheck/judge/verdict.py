"""The one place that turns a pair's signals into a verdict and a severity.

A logistic regression over ``signals.FEATURES`` (the model's probabilities on the
original and the rewritten pair, the kind and size of the difference, attribution,
similarity), trained on labelled pairs of the dev split by
``training/train_verdict.py``; its coefficients ship in ``verdict.json``, and the
probability a finding needs is ``--threshold`` (``config.DEFAULT_THRESHOLD``). A calibrated probability replaces the ladder of hand-set
thresholds the judge used to have, and retraining it is one command.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from crosscheck.judge.signals import FEATURES, PairSignals
from crosscheck.models import Severity

#: The verdict probability at and above which a typed conflict in the outlets' own voice is high.
#: Chosen on the dev split's held-out-cluster predictions, as the lowest cut where typed pairs
#: were real conflicts at least 80% of the time (47 clusters: 80% at 0.97, 75% at 0.95, 76% at
#: 0.9), so "high" means the verdict is sure.
HIGH = 0.97
#: Below this, a finding is low severity.
MEDIUM = 0.65


@dataclass(frozen=True)
class VerdictModel:
    """Logistic-regression coefficients over standardized features."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def probability(self, signals: PairSignals) -> float:
        z = self.intercept
        for value, mean, scale, weight in zip(
            signals.features(), self.means, self.scales, self.weights, strict=True
        ):
            z += weight * (value - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


@cache
def shipped() -> VerdictModel:
    """The coefficients in ``verdict.json`` (checked against the features this code computes)."""
    document = json.loads(resources.files("crosscheck.judge").joinpath("verdict.json").read_text("utf-8"))
    if tuple(document["features"]) != FEATURES:
        raise RuntimeError("verdict.json was trained on other features: run training/train_verdict.py")
    return VerdictModel(
        means=tuple(document["means"]),
        scales=tuple(document["scales"]),
        weights=tuple(document["weights"]),
        intercept=float(document["intercept"]),
    )


def severity(probability: float, signals: PairSignals) -> Severity:
    """High only for a typed conflict (figure, day, place) in the outlets' own voice or one
    source's, with both articles dated; sources that differ make it medium at most."""
    kind = signals.difference.kind if signals.difference else "statement"
    dated = (
        signals.pair.first.article.published is not None and signals.pair.second.article.published is not None
    )
    typed = kind in ("number", "date", "place")
    if probability >= HIGH and typed and dated and not signals.sources_differ:
        return "high"
    return "medium" if probability >= MEDIUM else "low"
