"""An ``NLIModel`` over any transformers sequence-classification checkpoint."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
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
    """Batched, length-sorted, dynamically padded inference with an optional result cache.

    The weights are loaded by ``loader`` on the first pair the cache does not hold, or
    ahead of it in a background thread (``preload``).
    """

    def __init__(
        self,
        name: str,
        labels: tuple[str, ...],
        loader: Callable[[], tuple[Any, Any, str]],
        *,
        batch_size: int,
        max_length: int,
        cache: ResultCache | None,
    ) -> None:
        self.name = name
        self.labels = labels
        self.batch_size = batch_size
        self.max_length = max_length
        self.cache = cache
        self._loader = loader
        self._loaded: tuple[Any, Any, str] | None = None
        self._loading = threading.Lock()
        self._failed: BaseException | None = None
        self._preloading: threading.Thread | None = None
        self.load_seconds: float | None = None
        self.wait_seconds: float = 0.0

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory (False after a run served from the cache)."""
        return self._loaded is not None

    def preload(self) -> None:
        """Start loading the weights in a background thread (while spaCy parses, say);
        the first pair to score waits for it. A failure is raised there, not here."""
        if self._loaded is None and self._preloading is None:
            self._import_runtime()
            self._preloading = threading.Thread(target=self._load, name="crosscheck-nli-preload")
            self._preloading.start()

    def _import_runtime(self) -> None:
        """Import the libraries the loader needs in the caller's thread: two threads
        importing a package with circular imports (numpy, which spaCy imports too) can
        each see it half initialised, and CI did. Only the loading itself runs beside."""
        import numpy  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401

    def _load(self) -> None:
        with self._loading:
            if self._loaded is not None or self._failed is not None:
                return
            started = time.perf_counter()
            try:
                self._loaded = self._loader()
            except BaseException as exc:  # re-raised by the caller's thread in _weights
                self._failed = exc
            self.load_seconds = time.perf_counter() - started

    def _weights(self) -> tuple[Any, Any, str]:
        if self._loaded is None:
            started = time.perf_counter()
            self._load()
            self.wait_seconds += time.perf_counter() - started
            if self._failed is not None:
                failed, self._failed, self._preloading = self._failed, None, None
                raise failed
        assert self._loaded is not None
        return self._loaded

    @property
    def model(self) -> Any:
        """The transformers model (loads the weights)."""
        return self._weights()[0]

    @property
    def tokenizer(self) -> Any:
        """The tokenizer (loads the weights)."""
        return self._weights()[1]

    @property
    def device(self) -> str:
        """Where the model runs (loads the weights)."""
        return self._weights()[2]

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
        if not todo:
            return {}
        self._weights()
        counts: dict[str, int] = {}
        for key in all_keys:
            counts[key] = counts.get(key, 0) + 1
        todo = self._ordered(todo)
        size = self._run_size()
        batches = [todo[start : start + size] for start in range(0, len(todo), size)]
        out: dict[str, dict[str, float]] = {}
        scored = self._map(self._batch_probabilities, [[pair for _, pair in batch] for batch in batches])
        for batch, probs in zip(batches, scored, strict=True):
            for (key, _), row in zip(batch, probs, strict=True):
                out[key] = dict(zip(self.labels, row, strict=True))
            if progress:
                progress(sum(counts[key] for key, _ in batch))
        return out

    def _ordered(self, todo: list[tuple[str, tuple[str, str]]]) -> list[tuple[str, tuple[str, str]]]:
        """The pairs shortest first (by characters), so a batch pads little."""
        return sorted(todo, key=lambda item: len(item[1][0]) + len(item[1][1]))

    def _run_size(self) -> int:
        """Pairs per forward pass: the batch size (torch spreads one pass over the cores)."""
        return self.batch_size

    def _map(
        self,
        score: Callable[[list[tuple[str, str]]], list[list[float]]],
        batches: list[list[tuple[str, str]]],
    ) -> Iterator[list[list[float]]]:
        """Each batch's probabilities, in order: one after the other here."""
        return map(score, batches)

    def _batch_probabilities(self, batch: list[tuple[str, str]]) -> list[list[float]]:
        """Label probabilities for one batch, padded to its longest pair."""
        import torch

        model, tokenizer, device = self._weights()
        with torch.inference_mode():
            enc = tokenizer(
                [p for p, _ in batch],
                [h for _, h in batch],
                truncation=True,
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            ).to(device)
            return torch.softmax(model(**enc).logits.float(), dim=-1).cpu().tolist()
