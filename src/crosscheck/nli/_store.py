"""A built model folder's seal: every file's size, modification time and sha256, written last.

A folder without a valid seal (interrupted build, deleted, truncated or overwritten
file) is treated as corrupt and rebuilt. Each load checks sizes and modification
times (cheap); a file whose time changed is hashed again, so bytes overwritten in
place are caught while a copy that only lost its times is accepted (and its seal
refreshed). ``verify_seal`` hashes every file (``crosscheck model prepare --verify``).
The seal's digest is the model's identity for the result cache, so rebuilt or
retrained weights never reuse old scores.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

SEAL = "crosscheck-build.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256_file(path)}


def write_seal(folder: Path, info: dict[str, object]) -> str:
    """Record every file of ``folder`` in its seal; return the identity digest."""
    files = {
        str(p.relative_to(folder)): _record(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != SEAL
    }
    contents = {rel: {"size": meta["size"], "sha256": meta["sha256"]} for rel, meta in files.items()}
    identity = hashlib.sha256(json.dumps(contents, sort_keys=True).encode()).hexdigest()
    _save(folder, {**info, "identity": identity, "files": files})
    return identity


def _save(folder: Path, seal: dict[str, object]) -> None:
    """Write the seal atomically: a reader sees the old seal or the new one, never half of one."""
    temporary = folder / f".{SEAL}.{os.getpid()}"
    temporary.write_text(json.dumps(seal, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(temporary, folder / SEAL)


def read_seal(folder: Path) -> dict[str, object] | None:
    """The seal if the folder is intact, else None.

    Intact: every recorded file present with its recorded size and, where its
    modification time is not the recorded one, its recorded sha256.
    """
    try:
        seal = json.loads((folder / SEAL).read_text(encoding="utf-8"))
        files = seal["files"]
        refreshed = False
        for rel, meta in files.items():
            stat = (folder / rel).stat()
            if stat.st_size != meta["size"]:
                return None
            if meta.get("mtime_ns") != stat.st_mtime_ns:
                if sha256_file(folder / rel) != meta["sha256"]:
                    return None
                meta["mtime_ns"] = stat.st_mtime_ns
                refreshed = True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if refreshed:  # same bytes, new times (a restored CI cache): check by hash once, not every run
        with contextlib.suppress(OSError):
            _save(folder, seal)
    return seal


def verify_seal(folder: Path) -> list[str]:
    """Every problem a full check finds: missing seal, missing files, sizes or hashes that differ."""
    try:
        seal = json.loads((folder / SEAL).read_text(encoding="utf-8"))
        files = dict(seal["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return [f"no readable {SEAL}"]
    problems = []
    for rel, meta in sorted(files.items()):
        path = folder / rel
        if not path.is_file():
            problems.append(f"{rel} is missing")
        elif path.stat().st_size != meta.get("size"):
            problems.append(f"{rel} has the wrong size")
        elif sha256_file(path) != meta.get("sha256"):
            problems.append(f"{rel} does not match its recorded sha256")
    return problems
