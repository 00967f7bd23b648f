"""The one place that turns a pair's signals into a verdict and a severity.

Small gradient-boosted trees over ``signals.FEATURES`` (the model's probabilities on
the original and the rewritten pair, the kind and size of the difference,
attribution, time, similarity), trained on labelled pairs of the dev split by
``training/train_verdict.py`` (ten such models grown on bootstrap samples, averaged on
the log-odds scale, so that a few pairs more or less do not move the verdict); the
trees ship in ``verdict.json``, and the
probability a finding needs is ``--threshold`` (``config.DEFAULT_THRESHOLD``).
Trees rather than a weighted sum because what a signal is worth depends on the
others: the model's contradiction says more about a pair that differs in a figure
than about two ledes that differ in everything, and a negation cue is worth nothing
when the model sees no conflict. Held out by writing batch, on the same pairs, the
trees report as many real conflicts as the logistic regression they replace with
about 40% fewer false alarms (README, "Threshold").
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from crosscheck.judge.signals import FEATURES, PairSignals
from crosscheck.models import Severity

#: The verdict probability at and above which a typed conflict in the outlets' own voice is high.
#: Chosen on the dev split's predictions held out by writing batch (``training/train_verdict.py``
#: suggests it), as the lowest cut where such pairs were real conflicts at least 85% of the
#: time (167 clusters), so "high" is the surest minority.
HIGH = 0.96
#: Below this, a finding is low severity: held out by writing batch, pairs with a verdict just
#: below it were real conflicts less than half the time (167 clusters: 26% from 0.84 to 0.86,
#: 46% from 0.86 to 0.88, 34% from 0.88 to 0.89, 58% from 0.90 to 0.94), and low says so
#: (``training/train_verdict.py`` suggests it: the lowest cut from which every held-out band of
#: 0.04 is real at least half the time).
MEDIUM = 0.89
#: A leaf has no feature to split on.
LEAF = -1


@dataclass(frozen=True)
class Tree:
    """One regression tree, as parallel node arrays; node 0 is the root. A split node sends a
    pair left when its feature is at most the threshold; a leaf (feature ``LEAF``) holds the
    amount it adds to the log-odds."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, features: list[float]) -> float:
        node = 0
        while self.feature[node] != LEAF:
            node = (
                self.left[node] if features[self.feature[node]] <= self.threshold[node] else self.right[node]
            )
        return self.value[node]


@dataclass(frozen=True)
class VerdictModel:
    """A sum of trees on the log-odds scale, from a baseline."""

    baseline: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_document(cls, document: dict[str, object]) -> VerdictModel:
        """The model a verdict.json document describes (``training/train_verdict.py`` writes it)."""
        return cls(
            baseline=float(document["baseline"]),  # type: ignore[arg-type]
            trees=tuple(
                Tree(
                    feature=tuple(tree["feature"]),
                    threshold=tuple(tree["threshold"]),
                    left=tuple(tree["left"]),
                    right=tuple(tree["right"]),
                    value=tuple(tree["value"]),
                )
                for tree in document["trees"]  # type: ignore[attr-defined]
            ),
        )

    def probability(self, signals: PairSignals) -> float:
        return self.probability_of(signals.features())

    def probability_of(self, features: list[float]) -> float:
        """The verdict on a pair's features, in ``signals.FEATURES`` order."""
        return _logistic(self.baseline + sum(tree.leaf_value(features) for tree in self.trees))

    def ceilings(self, pairs: Sequence[tuple[list[float], Mapping[str, tuple[float, float]]]]) -> list[float]:
        """For each pair's features, the highest verdict it can get whatever the features named
        in its ranges turn out to be within them: below the threshold, the answers still unasked
        cannot make the pair a finding, so the model need not be asked (``signals.gather``).
        Each tree adds its best leaf among those a value in the ranges could reach."""
        import numpy as np

        leaves = self._leaves
        found = []
        for features, ranges in pairs:
            low = np.array(features, dtype=float)
            high = low.copy()
            for name, (first, last) in ranges.items():
                low[FEATURES.index(name)], high[FEATURES.index(name)] = first, last
            met = (low[leaves.feature] <= leaves.high) & (high[leaves.feature] > leaves.low)
            reached = np.logical_and.reduceat(met, leaves.bounds_at)
            best = np.maximum.reduceat(np.where(reached, leaves.value, -np.inf), leaves.trees_at)
            found.append(_logistic(self.baseline + float(best.sum())))
        return found

    @cached_property
    def _leaves(self) -> _Leaves:
        return _Leaves.of(self.trees)


@dataclass(frozen=True)
class _Leaves:
    """Every tree's leaves as the bounds on the path to them, for ``VerdictModel.ceilings``: a
    pair reaches a leaf when each bounded feature is above ``low`` and at most ``high``. Bound
    rows are grouped by leaf (from ``bounds_at``), leaves by tree (from ``trees_at``)."""

    feature: Any
    low: Any
    high: Any
    bounds_at: Any
    value: Any
    trees_at: Any

    @classmethod
    def of(cls, trees: tuple[Tree, ...]) -> _Leaves:
        import numpy as np

        rows: list[tuple[int, float, float]] = []
        bounds_at: list[int] = []
        values: list[float] = []
        trees_at: list[int] = []
        for tree in trees:
            trees_at.append(len(values))
            pending: list[tuple[int, dict[int, tuple[float, float]]]] = [(0, {})]
            while pending:
                node, bounds = pending.pop()
                feature = tree.feature[node]
                if feature == LEAF:
                    bounds_at.append(len(rows))
                    rows += [(f, low, high) for f, (low, high) in bounds.items()] or [
                        (0, -math.inf, math.inf)
                    ]
                    values.append(tree.value[node])
                    continue
                threshold = tree.threshold[node]
                low, high = bounds.get(feature, (-math.inf, math.inf))
                pending.append((tree.left[node], {**bounds, feature: (low, min(high, threshold))}))
                pending.append((tree.right[node], {**bounds, feature: (max(low, threshold), high)}))
        feature, low, high = zip(*rows, strict=True)
        return cls(
            np.array(feature),
            np.array(low),
            np.array(high),
            np.array(bounds_at),
            np.array(values),
            np.array(trees_at),
        )


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


@cache
def shipped() -> VerdictModel:
    """The trees in ``verdict.json`` (checked against the features this code computes)."""
    document = json.loads(resources.files("crosscheck.judge").joinpath("verdict.json").read_text("utf-8"))
    if tuple(document["features"]) != FEATURES:
        raise RuntimeError("verdict.json was trained on other features: run training/train_verdict.py")
    return VerdictModel.from_document(document)


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
