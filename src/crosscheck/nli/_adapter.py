"""Our trained 3-way adapter, merged into the converted aegis weights.

The shipped file holds LoRA factors (``lora_A::<module>``, ``lora_B::<module>``)
and the parameters trained in full (``full::<param>``: head, pooler, layer
norms). Merging ``W + scaling * B @ A`` once at build time leaves a plain
checkpoint, so inference costs exactly what the raw head costs.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from crosscheck.errors import ModelError

ADAPTER_FILE = "adapter.safetensors"
CONFIG_FILE = "adapter_config.json"


def adapter_dir() -> Path:
    return Path(str(resources.files("crosscheck.nli") / "adapter"))


def adapter_config(folder: Path | None = None) -> dict[str, Any]:
    path = (folder or adapter_dir()) / CONFIG_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"the bundled NLI adapter is missing or broken ({exc.__class__.__name__}); "
            "reinstall crosscheck or use --model aegis-binary",
            path=str(path),
        ) from exc


def merged_state_dict(base: dict[str, Any], tensors: dict[str, Any], scaling: float) -> dict[str, Any]:
    """Base weights with LoRA deltas added and fully trained parameters replaced."""
    state = dict(base)
    for key, value in tensors.items():
        kind, _, name = key.partition("::")
        if kind == "lora_A":
            weight = f"{name}.weight"
            lora_b = tensors[f"lora_B::{name}"].float()
            state[weight] = state[weight] + scaling * (lora_b @ value.float())
        elif kind == "full":
            state[name] = value.float()
        elif kind != "lora_B":
            raise ModelError(f"unknown tensor {key!r} in adapter")
    return state


def build(base_dir: Path, out_dir: Path, folder: Path | None = None) -> None:
    """Write the 3-way checkpoint: base + adapter, merged, with the base tokenizer."""
    import shutil

    from safetensors.torch import load_file
    from transformers import AutoModelForSequenceClassification

    folder = folder or adapter_dir()
    config = adapter_config(folder)
    labels = config["labels"]
    base = AutoModelForSequenceClassification.from_pretrained(base_dir, local_files_only=True)
    base_config = base.config
    base_config.id2label = dict(enumerate(labels))
    base_config.label2id = {label: i for i, label in enumerate(labels)}
    base_config.num_labels = len(labels)
    try:
        tensors = load_file(folder / ADAPTER_FILE)
    except OSError as exc:
        raise ModelError(
            "the bundled NLI adapter file is unreadable", path=str(folder / ADAPTER_FILE)
        ) from exc
    state = merged_state_dict(
        {k: v for k, v in base.state_dict().items() if not k.startswith("classifier.")},
        tensors,
        float(config["scaling"]),
    )
    model = type(base)(base_config)
    model.load_state_dict(state, strict=True)
    model.eval()
    model.save_pretrained(out_dir)
    for item in base_dir.iterdir():
        if item.is_file() and not item.name.startswith(("model", "config", "crosscheck-")):
            shutil.copy2(item, out_dir / item.name)
