"""Tiny random DeBERTa-v2 checkpoints with the real aegis tokenizer: fast loader tests, no real model."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CROSSCHECK_CACHE", str(cache))
    return cache


@pytest.fixture
def tiny_checkpoint(tmp_path: Path) -> Callable[..., Path]:
    """Save a small random model with the given id2label (and optionally permuted head rows)."""

    def make(
        id2label: dict[int, str], *, name: str = "tiny", seed: int = 0, row_order: list[int] | None = None
    ) -> Path:
        import torch
        from transformers import DebertaV2Config, DebertaV2ForSequenceClassification

        from crosscheck.nli import _aegis

        torch.manual_seed(seed)
        config = DebertaV2Config(
            vocab_size=128100,
            hidden_size=16,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            type_vocab_size=0,
            relative_attention=True,
            position_buckets=32,
            pos_att_type=["p2c", "c2p"],
            position_biased_input=False,
            pooler_hidden_size=16,
            initializer_range=0.5,
            id2label=id2label,
            label2id={v: k for k, v in id2label.items()},
        )
        model = DebertaV2ForSequenceClassification(config).eval()
        if row_order is not None:
            with torch.no_grad():
                model.classifier.weight.copy_(model.classifier.weight[row_order])
                model.classifier.bias.copy_(model.classifier.bias[row_order])
        folder = tmp_path / name
        model.save_pretrained(folder)
        for item in (_aegis.locate() / _aegis.TOKENIZER_DIR).iterdir():
            shutil.copy2(item, folder / item.name)
        return folder

    return make
