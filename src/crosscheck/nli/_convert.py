"""Turn the aegis int8 ONNX graph back into a transformers DeBERTa-v2 checkpoint.

The graph keeps float initializers under their PyTorch names (``m.<param>``);
dynamically quantized weights sit behind ``MatMulInteger`` nodes named after the
module (``/m/<module path>/MatMul_quant``) and are dequantized as
``(q - zero_point) * scale``. ONNX MatMul weights are ``[in, out]``; torch Linear
stores ``[out, in]``, hence the transpose.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from crosscheck.errors import ModelError

BINARY_ID2LABEL = {0: "not_contradiction", 1: "contradiction"}
_NODE = re.compile(r"^/m/(?P<module>.+)/(?:MatMul|Gemm_MatMul)_quant$")


def deberta_config() -> Any:
    """DeBERTa-v3-xsmall, as the ONNX graph's shapes and ops show it."""
    from transformers import DebertaV2Config

    return DebertaV2Config(
        vocab_size=128100,
        hidden_size=384,
        num_hidden_layers=12,
        num_attention_heads=6,
        intermediate_size=1536,
        hidden_act="gelu",
        max_position_embeddings=512,
        type_vocab_size=0,
        layer_norm_eps=1e-7,
        relative_attention=True,
        max_relative_positions=-1,
        position_buckets=256,
        norm_rel_ebd="layer_norm",
        share_att_key=True,
        pos_att_type=["p2c", "c2p"],
        position_biased_input=False,
        pooler_hidden_size=384,
        pooler_hidden_act="gelu",
        pooler_dropout=0,
        id2label=BINARY_ID2LABEL,
        label2id={v: k for k, v in BINARY_ID2LABEL.items()},
    )


def onnx_state_dict(onnx_path: Path) -> dict[str, Any]:
    """Float32 torch tensors named as in ``DebertaV2ForSequenceClassification``."""
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}

    def dequantized(base: str) -> np.ndarray:
        q = inits[f"{base}_quantized"].astype(np.float32)
        return (q - inits[f"{base}_zero_point"].astype(np.float32)) * inits[f"{base}_scale"]

    state: dict[str, np.ndarray] = {}
    for name, value in inits.items():
        if name.startswith("m.") and not name.endswith(("_quantized", "_scale", "_zero_point")):
            state[name[2:]] = value
    state["deberta.embeddings.word_embeddings.weight"] = dequantized(
        "m.deberta.embeddings.word_embeddings.weight"
    )
    for node in graph.node:
        match = _NODE.match(node.name) if node.op_type == "MatMulInteger" else None
        if not match:
            continue
        base = node.input[1].removesuffix("_quantized")
        # q/k projections keep an unquantized copy (used on the position embeddings): prefer it.
        weight = inits[base] if base in inits else dequantized(base)
        state[match["module"].replace("/", ".") + ".weight"] = weight.T
    return {k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in state.items()}


def convert(onnx_path: Path, tokenizer_dir: Path, out_dir: Path) -> None:
    """Write a loadable checkpoint (config, safetensors, tokenizer) into ``out_dir``."""
    from transformers import DebertaV2ForSequenceClassification

    model = DebertaV2ForSequenceClassification(deberta_config())
    state = onnx_state_dict(onnx_path)
    expected = set(model.state_dict())
    missing, unexpected = expected - set(state), set(state) - expected
    if missing or unexpected:
        raise ModelError(
            f"ONNX graph does not map onto DeBERTa-v2 (missing {sorted(missing)[:3]}, "
            f"unexpected {sorted(unexpected)[:3]})",
            path=str(onnx_path),
        )
    model.load_state_dict(state, strict=True)
    model.eval()
    model.save_pretrained(out_dir)
    for item in tokenizer_dir.iterdir():
        if item.is_file():
            shutil.copy2(item, out_dir / item.name)
