"""The onnxruntime runner: same scores as torch, one export per source, torch where it cannot run."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosscheck.errors import ModelError, UsageError
from crosscheck.nli import _onnx, _registry, load_model
from crosscheck.nli._onnx import OnnxNLI
from crosscheck.nli._transformer import TransformerNLI
from tests.nli.test_nli_loader import PAIRS, THREE_WAY

ROOT = Path(__file__).resolve().parents[2]


def test_export_scores_what_torch_scores_in_input_order(tiny_checkpoint):
    folder = str(tiny_checkpoint(THREE_WAY))
    onnx = load_model(folder, runtime="onnx", device="cpu", batch_size=2, use_cache=False)
    torch_model = load_model(folder, runtime="torch", device="cpu", use_cache=False)
    assert isinstance(onnx, OnnxNLI) and not isinstance(torch_model, OnnxNLI)
    assert onnx.labels == torch_model.labels == ("entailment", "neutral", "contradiction")
    got, want = onnx.predict(PAIRS), torch_model.predict(PAIRS)
    for a, b in zip(got, want, strict=True):
        assert a == pytest.approx(b, abs=1e-5)
    assert got[0] == got[3]


def test_scores_do_not_depend_on_runs_threads_or_order(monkeypatch, tiny_checkpoint):
    """Pairs sorted by tokens, scored in small runs on several threads at once: each pair
    gets the same probabilities, bit for bit, as alone on one thread, in input order."""
    folder = str(tiny_checkpoint(THREE_WAY))
    pairs = [*PAIRS, *[(f"The strike began on day {i}.", "It began " * (i % 5) + "late.") for i in range(30)]]
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    alone = load_model(folder, runtime="onnx", device="cpu", batch_size=1, use_cache=False)
    assert alone.model.workers == 1
    want = alone.predict(pairs)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    many = load_model(folder, runtime="onnx", device="cpu", batch_size=16, use_cache=False)
    assert many.model.workers == 3 and many._run_size() == _onnx.RUN_PAIRS
    assert many.predict(pairs) == want
    assert many._encoded == {}  # the encodings go with the call
    assert many._batch_probabilities(pairs[:2]) == [list(want[0].values()), list(want[1].values())]


def test_long_pairs_are_truncated_as_transformers_truncates_them(tiny_checkpoint):
    folder = str(tiny_checkpoint(THREE_WAY))
    long = [(" ".join(["The strike began on Monday."] * 40), "It ended. " * 30)]
    onnx = load_model(folder, runtime="onnx", device="cpu", max_length=24, use_cache=False)
    torch_model = load_model(folder, runtime="torch", device="cpu", max_length=24, use_cache=False)
    assert onnx.predict(long)[0] == pytest.approx(torch_model.predict(long)[0], abs=1e-5)


def test_the_export_is_made_once_per_source_and_again_when_it_changes_or_is_damaged(
    tmp_path, tiny_checkpoint
):
    folder = tiny_checkpoint(THREE_WAY)
    made: list[Path] = []

    def checkpoint() -> Path:
        made.append(folder)
        return folder

    out = tmp_path / "export"
    assert _onnx.prepare(checkpoint, out, "adapter:aaa") == out
    assert _onnx.prepare(checkpoint, out, "adapter:aaa") == out
    assert len(made) == 1
    assert _onnx.prepare(checkpoint, out, "adapter:bbb") == out  # a retrained adapter
    assert len(made) == 2
    with open(out / _onnx.ONNX_FILE, "r+b") as handle:
        handle.truncate(100)
    assert _onnx.prepare(checkpoint, out, "adapter:bbb") == out
    assert len(made) == 3


def test_builtin_export_is_keyed_by_the_adapter_hash(monkeypatch, tmp_path, tiny_checkpoint):
    """A new adapter.safetensors (another hash in the model's source) is exported again."""
    folder = tiny_checkpoint(THREE_WAY)
    exports: list[Path] = []
    real_export = _onnx.export
    monkeypatch.setattr(_registry, "prepare_model", lambda name, **kwargs: folder)
    monkeypatch.setattr(_onnx, "export", lambda ck, out: (exports.append(ck), real_export(ck, out)))
    for digest, expected in (("1" * 64, 1), ("1" * 64, 1), ("2" * 64, 2)):
        monkeypatch.setattr(_registry, "_source", lambda name, d=digest: f"adapter:{d}:base:x")
        model = load_model("crosscheck-news-nli", device="cpu", use_cache=False)
        assert isinstance(model, OnnxNLI)
        assert len(exports) == expected


def test_a_checkpoint_that_cannot_be_exported_runs_on_torch_without_trying_again(
    monkeypatch, tiny_checkpoint, caplog
):
    folder = str(tiny_checkpoint(THREE_WAY))
    tries: list[int] = []

    def fails(checkpoint: Path, out: Path) -> None:
        tries.append(1)
        raise RuntimeError("unsupported operator")

    monkeypatch.setattr(_onnx, "export", fails)
    with caplog.at_level(logging.WARNING, logger="crosscheck.nli"):
        first = load_model(folder, runtime="onnx", device="cpu", use_cache=False)
    assert "cannot export" in caplog.text and "unsupported operator" in caplog.text
    second = load_model(folder, runtime="onnx", device="cpu", use_cache=False)
    assert type(first) is type(second) is TransformerNLI
    assert len(tries) == 1
    assert set(second.predict(PAIRS[:1])[0]) == set(THREE_WAY.values())


def test_which_runtime(monkeypatch, tiny_checkpoint):
    monkeypatch.setattr(_onnx, "cuda_possible", lambda: False)
    choose = _registry._chosen_runtime
    local = str(tiny_checkpoint(THREE_WAY))
    assert choose("crosscheck-news-nli", "auto", False, None) == "onnx"
    assert choose("aegis-binary", "cpu", False, None) == "onnx"
    assert choose("crosscheck-news-nli", "cpu", True, None) == "torch"  # --int8 is torch's quantization
    assert choose("crosscheck-news-nli", "cpu", False, "torch") == "torch"
    assert choose(local, "auto", False, None) == "torch"  # a user's checkpoint: only when asked
    assert choose(local, "cpu", False, "onnx") == "onnx"
    assert choose("someone/hub-model", "cpu", False, None) == "torch"
    monkeypatch.setenv(_registry.RUNTIME_ENV, "torch")
    assert choose("crosscheck-news-nli", "cpu", False, None) == "torch"
    for device, int8, runtime in (("cuda", False, "onnx"), ("cpu", True, "onnx"), ("cpu", False, "tvm")):
        with pytest.raises(UsageError):
            choose("crosscheck-news-nli", device, int8, runtime)


def test_preload_loads_in_the_background_and_the_first_pair_waits_for_it():
    def slow_loader():
        time.sleep(0.3)
        raise ModelError("weights are broken")

    model = TransformerNLI("slow", ("contradiction",), slow_loader, batch_size=2, max_length=32, cache=None)
    model.preload()
    assert not model.loaded
    with pytest.raises(ModelError, match="weights are broken"):
        model.predict(PAIRS[:1])
    assert model.wait_seconds > 0


def test_default_cpu_path_and_spacy_import_no_torch(tiny_checkpoint):
    """A cold run's imports: spaCy (whose thinc would import torch) and the ONNX runner."""
    folder = str(tiny_checkpoint(THREE_WAY))
    load_model(folder, runtime="onnx", device="cpu", use_cache=False)  # export here, with torch
    script = (
        "import json, sys\n"
        "from crosscheck.extract.nlp import load_pipeline\n"
        "from crosscheck.nli import load_model\n"
        f"model = load_model({folder!r}, runtime='onnx', device='cpu', use_cache=False)\n"
        "model.preload()\n"
        "imported_first = all(m in sys.modules for m in ('numpy', 'onnxruntime', 'tokenizers'))\n"
        "doc = load_pipeline()('Blinken met Wang Yi in Munich on Saturday.')\n"
        f"scores = model.predict({PAIRS[:2]!r})\n"
        "print(json.dumps([type(model).__name__, [e.text for e in doc.ents], 'torch' in sys.modules, imported_first]))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    name, entities, torch_imported, imported_first = json.loads(done.stdout.strip().splitlines()[-1])
    assert name == "OnnxNLI" and "Blinken" in entities
    assert torch_imported is False
    # the runtime's imports ran in the caller's thread, so spaCy's numpy import cannot race them
    assert imported_first is True


def test_spacy_loads_without_its_command_line():
    """spaCy's own ``import spacy.cli`` (weasel, httpx, requests) is left out of a run, and
    works as before when something asks for it afterwards."""
    script = (
        "import json, sys\n"
        "from crosscheck.extract.nlp import load_pipeline\n"
        "doc = load_pipeline()('Blinken met Wang Yi in Munich on Saturday.')\n"
        "left_out = [m for m in ('spacy.cli', 'weasel', 'httpx', 'requests') if m in sys.modules]\n"
        "import spacy, spacy.cli\n"
        "print(json.dumps([left_out, callable(spacy.cli.download), 'spacy_version' in spacy.info(silent=True)]))\n"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [[], True, True]


@pytest.mark.slow
def test_the_embedded_model_runs_on_onnxruntime_as_it_does_on_torch():
    """Its export stores the word embeddings as int8 (they come from the int8 aegis file)
    and still scores what torch scores."""
    from crosscheck.nli import DEFAULT_MODEL

    onnx = load_model(DEFAULT_MODEL, device="cpu", use_cache=False)
    torch_model = load_model(DEFAULT_MODEL, runtime="torch", device="cpu", use_cache=False)
    assert isinstance(onnx, OnnxNLI)
    assert (onnx.folder / _onnx.ONNX_FILE).stat().st_size < 200_000_000  # fp32 would be ~300 MB
    for a, b in zip(onnx.predict(PAIRS), torch_model.predict(PAIRS), strict=True):
        assert a == pytest.approx(b, abs=1e-4)


def test_check_loads_the_model_in_the_background_while_spacy_parses(monkeypatch):
    import threading

    from crosscheck.config import Settings
    from crosscheck.pipeline import check

    loaded_in: list[str] = []

    class Neutral(TransformerNLI):
        def _batch_probabilities(self, batch):
            return [[0.1, 0.8, 0.1] for _ in batch]

    def loader():
        loaded_in.append(threading.current_thread().name)
        return object(), object(), "cpu"

    labels = ("entailment", "neutral", "contradiction")
    model = Neutral("fake", labels, loader, batch_size=16, max_length=160, cache=None)
    monkeypatch.setattr("crosscheck.nli.load_model", lambda *args, **kwargs: model)
    report = check([ROOT / "fixtures" / "balloon"], Settings(cache=False))
    assert loaded_in == ["crosscheck-nli-preload"]
    assert report.stats["timings"]["model_load"] >= 0 and report.stats["timings"]["judge"] >= 0
