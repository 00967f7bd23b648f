"""The real bundled models: conversion fidelity against onnxruntime, and the 3-way default's behaviour."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from crosscheck.nli import BINARY_MODEL, CONTRADICTION, DEFAULT_MODEL, load_model, model_info, prepare_model

pytestmark = pytest.mark.slow

PAIRS = [
    ("The minister resigned on Monday.", "The minister did not resign."),
    ("A man plays a guitar on stage.", "A person is making music."),
    ("The port strike began on Monday.", "Dockworkers walked out at the start of the week."),
    ("Three people were killed.", "The storm killed people."),
    ("The union said the strike was legal.", "The port authority said the strike was illegal."),
    ("The balloon was shot down on February 4.", "The balloon was shot down on February 2."),
]


@pytest.fixture(scope="module")
def real_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("real-cache")


@pytest.fixture(autouse=True)
def _own_cache(real_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CROSSCHECK_CACHE", str(real_cache))
    return real_cache


def test_converted_binary_head_matches_onnxruntime_on_the_int8_file():
    """Same probabilities as the int8 file, up to onnxruntime's dynamic activation quantization.

    That quantization scales activations per batch, so each pair is run alone; it still moves
    a borderline pair by up to ~0.15, hence a loose bound per pair and a tight one on average.
    """
    import numpy as np
    import onnxruntime as ort

    from crosscheck.nli import _aegis

    model = load_model(BINARY_MODEL, device="cpu", use_cache=False, runtime="torch")  # the conversion
    ours = np.array([p[CONTRADICTION] for p in model.predict(PAIRS)])
    session = ort.InferenceSession(str(_aegis.verified().onnx), providers=["CPUExecutionProvider"])
    theirs = []
    for premise, hypothesis in PAIRS:
        enc = model.tokenizer(premise, hypothesis, padding="max_length", max_length=160, return_tensors="np")
        logits = session.run(None, {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask")})[0][
            0
        ]
        theirs.append(float(np.exp(logits[1]) / np.exp(logits).sum()))
    diff = np.abs(ours - np.array(theirs))
    assert diff.max() < 0.2
    assert diff.mean() < 0.05
    assert ours.max() > 0.9  # the pairs differ, so agreeing on them means something
    assert ours.min() < 0.2


def test_default_model_is_three_way_and_separates_contradiction_from_neutral():
    model = load_model(DEFAULT_MODEL, device="cpu", use_cache=False)
    assert set(model.labels) == {"entailment", "neutral", "contradiction"}
    contradiction, entailment, neutral = model.predict(
        [
            (
                "Finance Minister Helena Costa presented the budget on Thursday.",
                "Helena Costa did not present the budget.",
            ),
            ("Three people were killed in the storm on Monday.", "The storm killed people."),
            ("The union said the strike was legal.", "The port authority said the strike was illegal."),
        ]
    )
    assert contradiction[CONTRADICTION] > 0.8
    assert max(entailment, key=entailment.get) == "entailment"
    assert neutral[CONTRADICTION] < 0.5


def test_corrupted_model_folder_is_rebuilt_with_a_warning(caplog):
    folder = prepare_model(BINARY_MODEL)
    (folder / "model.safetensors").write_bytes(b"broken")
    with caplog.at_level(logging.WARNING, logger="crosscheck.nli"):
        again = prepare_model(BINARY_MODEL)
    assert again == folder
    assert "rebuilding" in caplog.text
    assert model_info(BINARY_MODEL).prepared


def test_model_info_describes_the_default():
    info = model_info()
    assert info.name == DEFAULT_MODEL
    assert info.labels == ("entailment", "neutral", "contradiction")
    assert "no license" in info.license
    assert "SNLI" in info.card
