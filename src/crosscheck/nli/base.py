"""The one interface the pipeline needs from an NLI model, so any model (or a fake) fits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

ENTAILMENT = "entailment"
NEUTRAL = "neutral"
CONTRADICTION = "contradiction"


class NLIModel(Protocol):
    """Scores (premise, hypothesis) pairs.

    ``labels`` are normalized label names from the checkpoint's ``id2label``:
    "entailment", "neutral", "contradiction" for 3-way models; binary heads have
    "contradiction" and "not_contradiction". ``predict`` returns, per pair, a
    probability for every label; callers read ``CONTRADICTION`` and must not
    assume the other labels exist.
    """

    name: str
    labels: tuple[str, ...]

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        progress: Callable[[int], None] | None = None,
    ) -> list[dict[str, float]]:
        """Probabilities per label for each pair, in input order.

        ``progress`` is called with the number of pairs just finished, batch by
        batch, so the CLI can show a progress bar.
        """
        ...
