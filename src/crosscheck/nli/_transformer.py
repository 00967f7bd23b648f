"""An ``NLIModel`` over any transformers sequence-classification checkpoint."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from crosscheck.nli._result_cache import ResultCache, pair_key


def resolve_device(device: str) -> str:
    import torch

    from crosscheck.errors import UsageError

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device not in ("cpu", "cuda"):
        raise UsageError(f"unknown device {device!r} (use auto, cpu or cuda)")
    if device == "cuda" and not torch.cuda.is_available():
        raise UsageError("device cuda requested but no CUDA GPU is available")
    return device


def limit_threads() -> None:
    """Use the cores this process may run on, not the machine's (containers, taskset)."""
    import torch

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    if torch.get_num_threads() > cores:
        torch.set_num_threads(cores)


class TransformerNLI:
    """Batched, length-sorted, dynamically padded inference with an optional result cache."""

    def __init__(
        self,
        name: str,
        model: Any,
        tokenizer: Any,
        labels: tuple[str, ...],
        *,
        device: str,
        batch_size: int,
        max_length: int,
        cache: ResultCache | None,
    ) -> None:
        self.name = name
        self.labels = labels
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.batch_size = batch_size
        self.max_length = max_length
        self.cache = cache

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        progress: Callable[[int], None] | None = None,
    ) -> list[dict[str, float]]:
        keys = [pair_key(p, h) for p, h in pairs]
        known = self.cache.get(keys) if self.cache else {}
        todo: dict[str, tuple[str, str]] = {}
        for key, pair in zip(keys, pairs, strict=True):
            if key not in known:
                todo.setdefault(key, pair)
        cached = sum(1 for key in keys if key in known)
        if progress and cached:
            progress(cached)
        scored = self._score(list(todo.items()), progress, keys)
        if self.cache and scored:
            self.cache.put(scored.items())
        known.update(scored)
        return [dict(known[key]) for key in keys]

    def _score(
        self,
        todo: list[tuple[str, tuple[str, str]]],
        progress: Callable[[int], None] | None,
        all_keys: list[str],
    ) -> dict[str, dict[str, float]]:
        import torch

        counts: dict[str, int] = {}
        for key in all_keys:
            counts[key] = counts.get(key, 0) + 1
        todo.sort(key=lambda item: len(item[1][0]) + len(item[1][1]))
        out: dict[str, dict[str, float]] = {}
        with torch.inference_mode():
            for start in range(0, len(todo), self.batch_size):
                batch = todo[start : start + self.batch_size]
                enc = self.tokenizer(
                    [p for _, (p, _) in batch],
                    [h for _, (_, h) in batch],
                    truncation=True,
                    max_length=self.max_length,
                    padding=True,
                    return_tensors="pt",
                ).to(self.device)
                probs = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().tolist()
                for (key, _), row in zip(batch, probs, strict=True):
                    out[key] = dict(zip(self.labels, row, strict=True))
                if progress:
                    progress(sum(counts[key] for key, _ in batch))
        return out
