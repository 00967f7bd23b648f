"""A checkpoint exported once to ONNX and run by onnxruntime: the default CPU path, without torch.

The export (dynamic batch and sequence length, fp32, the same weights) lives in its own
cache folder, sealed with what it was made from: for the embedded model that is the
adapter's sha256, so a retrained ``adapter.safetensors`` is exported again on its next
use. An export is checked against the torch model before it is sealed; a checkpoint
that cannot be exported (or whose export disagrees) is remembered as such and runs on
torch. At run time only onnxruntime, numpy and the fast tokenizer from
``tokenizer.json`` are imported.

Pairs are scored in runs of a few pairs of about the same length in tokens, one thread
per run and as many runs at once as there are cores (onnxruntime's ``run`` releases the
GIL, and one session serves every thread). On 2 cores that is about a quarter less time
than batches of 16 spread over both cores by onnxruntime's own thread pool, whose
threads spin-wait for each other, and half the time when another process shares the
cores (bench/README.md). The scores are the same bit for bit: each pair's logits do not
depend on the pairs beside it or on the number of threads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from crosscheck.errors import ModelError
from crosscheck.nli._paths import building, locked
from crosscheck.nli._result_cache import ResultCache
from crosscheck.nli._store import read_seal, verify_seal, write_seal
from crosscheck.nli._transformer import TransformerNLI

log = logging.getLogger("crosscheck.nli")

ONNX_FILE = "model.onnx"
RAW_FILE = "exported.onnx"
TOKENIZER_FILE = "tokenizer.json"
EXPORT_VERSION = 1
OPSET = 17
EXPORT_SECONDS = 30  # on 2 CPU cores
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
#: Pairs per onnxruntime run (at most the batch size). With one thread per run, runs of
#: 4 to 8 pairs cost the least time on fixtures/balloon's 178 pairs; 16 cost a fifth more.
RUN_PAIRS = 4
# largest logit difference from the torch model that an export may show on the probe pairs
TOLERANCE = 1e-3
PROBES = (
    ("The strike began on Monday.", "The strike began on Tuesday."),
    (
        "Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Munich on "
        "Saturday, the first meeting since the balloon was shot down off South Carolina.",
        "Blinken and Wang did not meet.",
    ),
)


def available() -> bool:
    """Is onnxruntime installed (checked without importing it)?"""
    from importlib.util import find_spec

    return find_spec("onnxruntime") is not None


def cuda_possible() -> bool:
    """Could ``--device auto`` find a CUDA GPU? Answered without importing torch where the
    answer is certainly no (no NVIDIA device on Linux, macOS); otherwise torch is asked."""
    import sys

    if sys.platform == "darwin":
        return False
    if sys.platform.startswith("linux"):
        return any(Path("/dev").glob("nvidia[0-9]*"))
    return shutil.which("nvidia-smi") is not None


def prepare(checkpoint: Callable[[], Path], out: Path, source: str, *, verify: bool = False) -> Path | None:
    """The export in ``out``, made from ``checkpoint()`` when missing, damaged or made from
    another ``source`` (``verify`` hashes every file); None when the checkpoint cannot be
    exported, which is remembered for that source (it then runs on torch)."""
    source = f"{source}|onnx:v{EXPORT_VERSION}"
    seal = _current(out, source, verify)
    if seal is None:
        with locked(out.parent / f".{out.name}.lock"):
            seal = _current(out, source, verify)
            if seal is None:
                seal = _build(checkpoint(), out, source)
    return out if seal.get("exported") else None


def _current(out: Path, source: str, verify: bool) -> dict[str, object] | None:
    seal = read_seal(out)
    if seal is None or seal.get("source") != source or (verify and verify_seal(out)):
        return None
    return seal


def _build(checkpoint: Path, out: Path, source: str) -> dict[str, object]:
    if out.exists():
        log.warning("ONNX export %s is incomplete, damaged or outdated; exporting it again", out)
    log.info(
        "exporting the model to ONNX (once per model, about %d s) in %s",
        EXPORT_SECONDS,
        out,
        extra={"notice": True},
    )
    with building(out) as work:
        try:
            export(checkpoint, work)
            info: dict[str, object] = {"source": source, "exported": True}
        except Exception as exc:  # the exporter fails in many ways; any failure means: use torch
            log.warning("cannot export %s to ONNX (%s); it runs on torch", checkpoint, exc)
            for item in work.iterdir():
                item.unlink()
            info = {"source": source, "exported": False, "reason": f"{exc.__class__.__name__}: {exc}"[:500]}
        write_seal(work, info)
    return read_seal(out) or info


def export(checkpoint: Path, out: Path) -> None:
    """Write ``model.onnx`` (dynamic batch and length), ``tokenizer.json`` and ``config.json``,
    after checking the export's logits against the torch model on a few pairs."""
    import warnings

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(checkpoint, local_files_only=True)
    if not getattr(tokenizer, "is_fast", False):
        raise ModelError("the checkpoint has no fast tokenizer (tokenizer.json)", path=str(checkpoint))
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint, local_files_only=True).eval()
    probe = tokenizer(
        [p for p, _ in PROBES], [h for _, h in PROBES], padding=True, truncation=True, return_tensors="pt"
    )
    names = [name for name in INPUTS if name in probe and _uses(model, name)]

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: Any) -> Any:
            return self.model(**dict(zip(names, tensors, strict=True))).logits

    axes = {name: {0: "batch", 1: "sequence"} for name in names} | {"logits": {0: "batch"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Logits().eval(),  # a module in training mode would be left so (with dropout) after the export
            tuple(probe[name] for name in names),
            str(out / RAW_FILE),
            input_names=names,
            output_names=["logits"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
        _optimize(_int8_embeddings(out / RAW_FILE), out / ONNX_FILE)
        tokenizer.backend_tokenizer.save(str(out / TOKENIZER_FILE))
        shutil.copy2(checkpoint / "config.json", out / "config.json")
        _check(model.eval(), tokenizer, out)


def _int8_embeddings(raw: Path) -> Path:
    """The graph with its embedding tables stored as int8, where that loses nothing.

    The embedded model's word embeddings (two thirds of its weights) come from the
    int8 aegis file untouched, so they lie on an int8 grid: stored so, the file and the
    memory it takes halve and every score stays bit for bit the same. Tables that are
    not on such a grid stay fp32.
    """
    import numpy as np
    import onnx
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantized = raw.with_name("embeddings-int8.onnx")
    with _root_logger_quiet():  # the quantizer advises "pre-processing" on the root logger
        quantize_dynamic(
            str(raw), str(quantized), op_types_to_quantize=["Gather"], weight_type=QuantType.QUInt8
        )
    before = {i.name: i for i in onnx.load(str(raw)).graph.initializer}
    after = {i.name: i for i in onnx.load(str(quantized)).graph.initializer}
    for name, table in before.items():
        if f"{name}_quantized" not in after:
            continue
        q = numpy_helper.to_array(after[f"{name}_quantized"]).astype(np.float32)
        zero = numpy_helper.to_array(after[f"{name}_zero_point"]).astype(np.float32)
        scale = numpy_helper.to_array(after[f"{name}_scale"]).astype(np.float32)
        if not np.array_equal((q - zero) * scale, numpy_helper.to_array(table)):
            quantized.unlink()
            return raw
    raw.unlink()
    return quantized


@contextlib.contextmanager
def _root_logger_quiet() -> Iterator[None]:
    root = logging.getLogger()
    level, quiet = root.level, logging.NullHandler()
    root.addHandler(quiet)  # with a handler present, logging.warning() adds none of its own
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)
        root.removeHandler(quiet)


def _optimize(raw: Path, final: Path) -> None:
    """Save the graph as onnxruntime's portable (extended) optimizations leave it, so each
    run's session skips those passes (a third of its start-up)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(final)
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(raw), options, providers=["CPUExecutionProvider"])
    raw.unlink()


def _uses(model: Any, name: str) -> bool:
    """token_type_ids only where the model has segment embeddings (DeBERTa-v3 has none)."""
    return name != "token_type_ids" or int(getattr(model.config, "type_vocab_size", 0) or 0) > 0


def _check(model: Any, tokenizer: Any, out: Path) -> None:
    """The export must give the torch model's logits, alone and in a padded batch."""
    import numpy as np

    runner = _Runner(out)
    for batch in (PROBES, PROBES[:1], PROBES[1:]):
        enc = tokenizer(
            [p for p, _ in batch], [h for _, h in batch], padding=True, truncation=True, return_tensors="pt"
        )
        want = model(**enc).logits.float().numpy()
        got = runner.logits(list(batch), max_length=512)
        if got.shape != want.shape or not np.allclose(got, want, atol=TOLERANCE, rtol=0):
            diff = float(np.abs(got - want).max()) if got.shape == want.shape else float("inf")
            raise ModelError(
                f"the ONNX export differs from the torch model (max logit difference {diff:.2g})"
            )


def threads() -> int:
    """OMP_NUM_THREADS when set (as for torch), else the cores this process may run on."""
    try:
        wanted = int(os.environ.get("OMP_NUM_THREADS", "0"))
    except ValueError:
        wanted = 0
    if wanted > 0:
        return wanted
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _Runner:
    """An onnxruntime session and the fast tokenizer of one export folder.

    The session runs each call on one thread; ``workers`` calls may run at once. The
    tokenizer is used under a lock: its settings change per call, and ``tokenizers``
    refuses a change while another thread encodes.
    """

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = onnxruntime.InferenceSession(
                str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
            self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(
                f"cannot load the ONNX export: {exc.__class__.__name__}", path=str(folder)
            ) from exc
        self.workers = threads()
        self.inputs = [i.name for i in self.session.get_inputs()]
        padding = self.tokenizer.padding or {}
        self.pad_id = int(padding.get("pad_id", 0))
        self.pad_type_id = int(padding.get("pad_type_id", 0))
        self.tokenizer.no_padding()
        self._tokenizing = threading.Lock()

    def encode(self, pairs: Sequence[tuple[str, str]], *, max_length: int) -> list[Any]:
        """Unpadded encodings, truncated longest-first as transformers truncates."""
        with self._tokenizing:
            self.tokenizer.no_padding()
            self.tokenizer.enable_truncation(max_length, strategy="longest_first")
            return list(self.tokenizer.encode_batch(list(pairs)))

    def run(self, encodings: Sequence[Any]) -> Any:
        """Logits for one batch of encodings, padded on the right to its longest one (as the
        tokenizer pads: pad id, type id 0, attention 0)."""
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        columns = {
            "input_ids": [e.ids + [self.pad_id] * (width - len(e.ids)) for e in encodings],
            "attention_mask": [e.attention_mask + [0] * (width - len(e.ids)) for e in encodings],
            "token_type_ids": [e.type_ids + [self.pad_type_id] * (width - len(e.ids)) for e in encodings],
        }
        feed = {name: np.asarray(columns[name], dtype=np.int64) for name in self.inputs}
        return self.session.run(["logits"], feed)[0].astype(np.float32)

    def logits(self, pairs: list[tuple[str, str]], *, max_length: int) -> Any:
        """Logits for one batch of pairs, padded to its longest pair."""
        return self.run(self.encode(pairs, max_length=max_length))


class OnnxNLI(TransformerNLI):
    """``TransformerNLI`` (result cache, length-sorted batches) scored by onnxruntime."""

    def __init__(
        self,
        name: str,
        labels: tuple[str, ...],
        folder: Path,
        *,
        batch_size: int,
        max_length: int,
        cache: ResultCache | None,
    ) -> None:
        loader: Callable[[], tuple[Any, Any, str]] = lambda: (_Runner(folder), None, "cpu")  # noqa: E731
        super().__init__(name, labels, loader, batch_size=batch_size, max_length=max_length, cache=cache)
        self.folder = folder
        self._encoded: dict[tuple[str, str], Any] = {}

    def _import_runtime(self) -> None:
        import numpy  # noqa: F401
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401

    @property
    def tokenizer(self) -> Any:
        """The fast tokenizer (loads the export)."""
        return self._weights()[0].tokenizer

    def _ordered(self, todo: list[tuple[str, tuple[str, str]]]) -> list[tuple[str, tuple[str, str]]]:
        """The pairs shortest first by tokens (characters pad runs a tenth more), encoded
        here once, in this thread, for the runs to use."""
        encodings = self.model.encode([pair for _, pair in todo], max_length=self.max_length)
        self._encoded = {pair: encoding for (_, pair), encoding in zip(todo, encodings, strict=True)}
        lengths = [len(encoding.ids) for encoding in encodings]
        return [todo[i] for i in sorted(range(len(todo)), key=lengths.__getitem__)]

    def _run_size(self) -> int:
        return max(1, min(self.batch_size, RUN_PAIRS))

    def _map(
        self,
        score: Callable[[list[tuple[str, str]]], list[list[float]]],
        batches: list[list[tuple[str, str]]],
    ) -> Iterator[list[list[float]]]:
        """Each run's probabilities, in order, ``workers`` runs at a time; the encodings
        of ``_ordered`` are dropped once the last run is done."""
        from concurrent.futures import ThreadPoolExecutor

        workers = min(self.model.workers, len(batches))
        try:
            if workers <= 1:
                yield from map(score, batches)
                return
            with ThreadPoolExecutor(workers, thread_name_prefix="crosscheck-nli") as pool:
                yield from pool.map(score, batches)
        finally:
            self._encoded = {}

    def _batch_probabilities(self, batch: list[tuple[str, str]]) -> list[list[float]]:
        import numpy as np

        runner = self.model
        encodings = [self._encoded.get(pair) for pair in batch]
        if any(encoding is None for encoding in encodings):  # called outside predict
            encodings = runner.encode(batch, max_length=self.max_length)
        logits = runner.run(encodings)
        logits = logits - logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return (exp / exp.sum(axis=-1, keepdims=True)).tolist()
