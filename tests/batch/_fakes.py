"""Picklable stand-ins for the NLI model, importable by worker processes and Ray actors."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from fake import FakeNLI  # bench/fake.py: tests/batch/conftest.py puts bench/ on the path


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
