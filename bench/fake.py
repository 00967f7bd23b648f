"""A model-free stand-in for the NLI model, so the benchmarks run in tests in seconds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL


class FakeNLI:
    """Contradiction when exactly one side has a "not"; no torch, no weights."""

    name = "fake"
    labels = (ENTAILMENT, NEUTRAL, CONTRADICTION)

    def predict(
        self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, float]]:
        out = []
        for premise, hypothesis in pairs:
            clash = (" not " in premise) != (" not " in hypothesis)
            out.append(
                {ENTAILMENT: 0.05, NEUTRAL: 0.05 if clash else 0.9, CONTRADICTION: 0.9 if clash else 0.05}
            )
        if progress:
            progress(len(pairs))
        return out
