"""NLI models behind one small interface: the embedded default, its binary base, any checkpoint.

Importing this package does not import torch; loading a model does.
"""

from __future__ import annotations

from crosscheck.nli._labels import NOT_CONTRADICTION
from crosscheck.nli._paths import cache_dir
from crosscheck.nli._registry import (
    BINARY_MODEL,
    BUILTIN_MODELS,
    DEFAULT_MODEL,
    ModelInfo,
    load_model,
    model_info,
    prepare_model,
)
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL, NLIModel

__all__ = [
    "BINARY_MODEL",
    "BUILTIN_MODELS",
    "CONTRADICTION",
    "DEFAULT_MODEL",
    "ENTAILMENT",
    "NEUTRAL",
    "NOT_CONTRADICTION",
    "ModelInfo",
    "NLIModel",
    "cache_dir",
    "load_model",
    "model_info",
    "prepare_model",
]
