"""An ``NLIModel`` that answers from scores computed ahead, so several callers can share one batched call."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from crosscheck.nli.base import NLIModel

Pair = tuple[str, str]


class MemoNLI:
    """Answers the pairs in ``scores`` from there and asks ``model`` the rest, in one call.

    ``crosscheck.batch`` scores every question of several stories in one ``predict`` and
    then judges each story with this: each judge gets its answers without a model call.
    """

    def __init__(self, model: NLIModel, scores: Mapping[Pair, Mapping[str, float]]) -> None:
        self.model = model
        self.name = model.name
        self.labels = model.labels
        self.scores = dict(scores)

    def predict(
        self,
        pairs: Sequence[Pair],
        progress: Callable[[int], None] | None = None,
    ) -> list[dict[str, float]]:
        missing = list(dict.fromkeys(pair for pair in pairs if pair not in self.scores))
        known = sum(1 for pair in pairs if pair in self.scores)
        if progress and known:
            progress(known)
        if missing:
            self.scores.update(zip(missing, self.model.predict(missing, progress), strict=True))
        return [dict(self.scores[pair]) for pair in pairs]
