"""Picklable stand-ins for the NLI model, importable by worker processes and Ray actors."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from fake import FakeNLI  # bench/fake.py: tests/batch/conftest.py puts bench/ on the path

from crosscheck.nli import cache_dir
from crosscheck.nli._result_cache import ResultCache
from crosscheck.nli._transformer import TransformerNLI


class NotNLI(FakeNLI):
    """bench's fake (contradiction when exactly one side says "not"), with a hook to fail on purpose."""

    name = "fake-not"

    def predict(
        self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, float]]:
        for premise, hypothesis in pairs:
            self.inspect(premise, hypothesis)
        return super().predict(pairs, progress)

    def inspect(self, premise: str, hypothesis: str) -> None:
        """Subclasses fail here on purpose."""


class BrokenOnQuillfin(NotNLI):
    """While CROSSCHECK_TEST_BREAK is set, raises on any pair about the Quillfin trial."""

    def inspect(self, premise: str, hypothesis: str) -> None:
        if os.environ.get("CROSSCHECK_TEST_BREAK") and ("Marsh" in premise or "Marsh" in hypothesis):
            raise RuntimeError("model exploded on purpose")


class DiesOnce(NotNLI):
    """Kills its own process on the first Quillfin pair while the marker file exists (then removes it)."""

    def inspect(self, premise: str, hypothesis: str) -> None:
        marker = Path(os.environ["CROSSCHECK_TEST_DIE"])
        if ("Marsh" in premise or "Marsh" in hypothesis) and marker.exists():
            marker.unlink()
            os._exit(9)


class Recording(NotNLI):
    """Records the pairs of every ``predict`` call in ``calls`` (in this process: one worker only)."""

    calls: ClassVar[list[list[tuple[str, str]]]] = []

    def predict(
        self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, float]]:
        self.calls.append(list(pairs))
        return super().predict(pairs, progress)


class CachedNotNLI(TransformerNLI):
    """bench's fake rule behind the real model's result cache; ``scored`` counts the pairs it scores."""

    scored: ClassVar[list[int]] = []

    def __init__(self) -> None:
        super().__init__(
            "fake-cached",
            FakeNLI.labels,
            lambda: (None, None, "cpu"),
            batch_size=16,
            max_length=160,
            cache=ResultCache(cache_dir() / "results.sqlite", "fake-cached"),
        )

    def _batch_probabilities(self, batch: list[tuple[str, str]]) -> list[list[float]]:
        self.scored.append(len(batch))
        return [[scores[label] for label in self.labels] for scores in FakeNLI().predict(batch)]
