"""A built model folder's seal: every file's size and sha256, written last.

A folder without a valid seal (interrupted build, deleted or truncated file) is
treated as corrupt and rebuilt. The seal's digest is the model's identity for
the result cache, so rebuilt or retrained weights never reuse old scores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SEAL = "crosscheck-build.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_seal(folder: Path, info: dict[str, object]) -> str:
    """Record every file of ``folder`` in its seal; return the identity digest."""
    files = {
        str(p.relative_to(folder)): {"size": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != SEAL
    }
    identity = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    seal = {**info, "identity": identity, "files": files}
    (folder / SEAL).write_text(json.dumps(seal, indent=2, sort_keys=True), encoding="utf-8")
    return identity


def read_seal(folder: Path) -> dict[str, object] | None:
    """The seal if the folder is intact (files present with their recorded sizes), else None."""
    try:
        seal = json.loads((folder / SEAL).read_text(encoding="utf-8"))
        files = seal["files"]
        for rel, meta in files.items():
            if (folder / rel).stat().st_size != meta["size"]:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return seal
