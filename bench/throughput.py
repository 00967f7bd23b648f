"""NLI pairs per second: the default onnxruntime path, the torch path, the bundled int8 file.

Same pairs (aligned pairs of a generated 10-article cluster, distinct texts),
same tokenizer, max length 160, one run. The first two rows are the pipeline's two
runtimes on the model under test: onnxruntime on its ONNX export (the default on
the CPU) and torch (``--device cuda``, ``--int8``, other checkpoints); both sort by
length and pad each batch to its longest pair. The bundled aegis ONNX graph has a
fixed 160-token input, so that row always pads to 160 (and runs the binary head).
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

from corpus import fixture_sentences, make_cluster, write_cluster
from options import BenchOptions

MAX_LENGTH = 160
Runner = Callable[[list[tuple[str, str]]], list[float]]


def bench_pairs(options: BenchOptions) -> list[tuple[str, str]]:
    """Distinct (premise, hypothesis) texts the pipeline would align, in a fixed order."""
    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.pipeline import prepare

    folder = options.scratch / "throughput"
    shutil.rmtree(folder, ignore_errors=True)
    paths = write_cluster(folder, make_cluster(fixture_sentences(), 10, options.sentences, seed=10))
    claims = prepare(paths, Settings()).claims
    shutil.rmtree(folder, ignore_errors=True)
    texts = list(dict.fromkeys((p.first.text, p.second.text) for p in align(claims)))
    random.Random(0).shuffle(texts)
    return texts[: options.throughput_pairs]


def _pipeline(nli: Any) -> Runner:
    from crosscheck.nli import CONTRADICTION

    return lambda pairs: [row[CONTRADICTION] for row in nli.predict(pairs)]


def _load(options: BenchOptions, runtime: str, *, int8: bool = False, threads: int | None = None) -> Any:
    """The model under test on one runtime, no result cache (``threads``: onnxruntime's, at load)."""
    import os

    from crosscheck.nli import load_model

    before = os.environ.get("OMP_NUM_THREADS")
    if threads:
        os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        nli = load_model(options.model, device=options.device, use_cache=False, int8=int8, runtime=runtime)
        nli.model  # load now, under these threads  # noqa: B018
        return nli
    finally:
        if threads and before is None:
            del os.environ["OMP_NUM_THREADS"]
        elif threads:
            os.environ["OMP_NUM_THREADS"] = before


def _fixed_length_batches(
    tokenizer: Any, pairs: list[tuple[str, str]], batch: int, tensors: str
) -> Iterator[Any]:
    """Pairs in input order, ``batch`` at a time, each padded to 160 tokens as the ONNX graph needs."""
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        yield tokenizer(
            [p for p, _ in chunk],
            [h for _, h in chunk],
            truncation=True,
            max_length=MAX_LENGTH,
            padding="max_length",
            return_tensors=tensors,
        )


def _torch_padded(nli: Any, model: Any, batch: int) -> Runner:
    """The same model called directly: padded to 160 like the ONNX graph, unsorted."""
    import torch

    column = nli.labels.index("contradiction")

    def go(pairs: list[tuple[str, str]]) -> list[float]:
        out: list[float] = []
        with torch.inference_mode():
            for enc in _fixed_length_batches(nli.tokenizer, pairs, batch, "pt"):
                out += torch.softmax(model(**enc).logits.float(), -1)[:, column].tolist()
        return out

    return go


def _with_threads(runner: Runner, threads: int) -> Runner:
    """The same runner with torch limited to ``threads`` intra-op threads while it runs."""
    import torch

    def go(pairs: list[tuple[str, str]]) -> list[float]:
        before = torch.get_num_threads()
        torch.set_num_threads(threads)
        try:
            return runner(pairs)
        finally:
            torch.set_num_threads(before)

    return go


def _onnx(tokenizer: Any, threads: int, batch: int) -> Runner:
    import numpy as np
    import onnxruntime as ort

    from crosscheck.nli._aegis import verified

    settings = ort.SessionOptions()
    settings.intra_op_num_threads = threads
    session = ort.InferenceSession(str(verified().onnx), settings, providers=["CPUExecutionProvider"])

    def go(pairs: list[tuple[str, str]]) -> list[float]:
        out: list[float] = []
        for enc in _fixed_length_batches(tokenizer, pairs, batch, "np"):
            feed = {"input_ids": enc["input_ids"].astype(np.int64)}
            feed["attention_mask"] = enc["attention_mask"].astype(np.int64)
            logits = session.run(None, feed)[0]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            out += (exp[:, 1] / exp.sum(axis=1)).tolist()
        return out

    return go


def _runners(options: BenchOptions) -> tuple[dict[str, Runner], list[str]]:
    if options.fake:
        from fake import FakeNLI

        fake = FakeNLI()
        return {"fake": lambda pairs: [r["contradiction"] for r in fake.predict(pairs)]}, []
    import torch

    nli = _load(options, "torch")
    threads = torch.get_num_threads()
    batch = nli.batch_size  # every runner uses the pipeline's batch size
    notes = [f"torch threads {threads}, batch {batch}, device {nli.device}"]
    runners: dict[str, Runner] = {}
    if options.device != "cuda":  # onnxruntime runs on the CPU
        runners["onnxruntime on the export (default CPU path: sorted, dynamic padding)"] = _pipeline(
            _load(options, "onnx")
        )
    runners["torch (pipeline: sorted, dynamic padding)"] = _pipeline(nli)
    runners["torch (unsorted, padded to 160)"] = _torch_padded(nli, nli.model, batch)
    runners["onnxruntime, bundled aegis int8 file (padded to 160)"] = _onnx(nli.tokenizer, threads, batch)
    if threads > 1:
        if options.device != "cuda":
            runners["onnxruntime on the export, 1 thread"] = _pipeline(_load(options, "onnx", threads=1))
        runners["torch (pipeline), 1 thread"] = _with_threads(_pipeline(nli), 1)
    if options.device != "cuda":  # --int8 is a CPU option
        int8 = _load(dataclasses.replace(options, device="cpu"), "torch", int8=True)
        runners["torch (pipeline) --int8: dynamic int8 quantization"] = _pipeline(int8)
    return runners, notes


def run(options: BenchOptions) -> dict[str, object]:
    pairs = bench_pairs(options)
    runners, notes = _runners(options)
    rows = []
    reference: list[float] | None = None
    for name, runner in runners.items():
        runner(pairs[:8])  # warm-up: first-call allocations are not throughput
        started = time.perf_counter()
        scores = runner(pairs)
        seconds = time.perf_counter() - started
        reference = reference or scores
        agree = sum((a >= 0.5) == (b >= 0.5) for a, b in zip(scores, reference, strict=True)) / len(pairs)
        worst = max(abs(a - b) for a, b in zip(scores, reference, strict=True))
        rows.append(
            {
                "runtime": name,
                "pairs": len(pairs),
                "seconds": round(seconds, 2),
                "pairs_per_s": round(len(pairs) / seconds, 1),
                "label_agreement_vs_first": round(agree, 3),
                "max_abs_diff_vs_first": round(worst, 3),
            }
        )
    return {"rows": rows, "notes": notes}
