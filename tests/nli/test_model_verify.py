"""A prepared model is checked at load (sizes, times) and in full by ``prepare --verify``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from crosscheck.nli import _registry
from crosscheck.nli._store import SEAL, read_seal, verify_seal, write_seal


def _sealed(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(os.urandom(4096))
    (folder / "config.json").write_text("{}")
    write_seal(folder, {"name": "m"})
    return folder


def _overwrite_in_place(path: Path, *, keep_time: bool) -> None:
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.seek(1024)
        handle.write(os.urandom(1024))
    if keep_time:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_bytes_overwritten_in_place_are_caught_at_load(tmp_path):
    folder = _sealed(tmp_path)
    _overwrite_in_place(folder / "model.safetensors", keep_time=False)
    assert read_seal(folder) is None


def test_same_bytes_with_new_times_pass_and_refresh_the_seal(tmp_path):
    folder = _sealed(tmp_path)
    identity = read_seal(folder)["identity"]
    os.utime(folder / "model.safetensors", ns=(1, 1))
    seal = read_seal(folder)
    assert seal is not None and seal["identity"] == identity
    stored = json.loads((folder / SEAL).read_text())
    assert stored["files"]["model.safetensors"]["mtime_ns"] == 1


def test_full_verification_catches_what_the_cheap_check_cannot(tmp_path):
    folder = _sealed(tmp_path)
    assert verify_seal(folder) == []
    _overwrite_in_place(folder / "model.safetensors", keep_time=True)
    assert read_seal(folder) is not None  # same size, same time: only hashing tells
    assert verify_seal(folder) == ["model.safetensors does not match its recorded sha256"]
    (folder / "config.json").unlink()
    assert "config.json is missing" in verify_seal(folder)


def test_a_seal_without_times_is_hashed_once(tmp_path):
    folder = _sealed(tmp_path)
    old = json.loads((folder / SEAL).read_text())
    for meta in old["files"].values():
        del meta["mtime_ns"]
    (folder / SEAL).write_text(json.dumps(old))
    assert read_seal(folder) is not None
    assert all("mtime_ns" in meta for meta in json.loads((folder / SEAL).read_text())["files"].values())


@pytest.fixture
def fake_build(monkeypatch):
    """Building aegis-binary writes two small files instead of converting the real graph."""
    builds: list[Path] = []

    def convert(onnx, tokenizer, out):
        (out / "model.safetensors").write_bytes(b"w" * 2048)
        (out / "config.json").write_text("{}")
        builds.append(out)

    monkeypatch.setattr(_registry._aegis, "verified", lambda: SimpleNamespace(onnx=None, tokenizer=None))
    monkeypatch.setattr("crosscheck.nli._convert.convert", convert)
    return builds


def test_prepare_verify_rebuilds_damaged_weights(fake_build, caplog):
    folder = _registry.prepare_model(_registry.BINARY_MODEL)
    assert len(fake_build) == 1
    assert _registry.prepare_model(_registry.BINARY_MODEL, verify=True) == folder
    assert len(fake_build) == 1  # intact: nothing rebuilt
    _overwrite_in_place(folder / "model.safetensors", keep_time=True)
    assert _registry.prepare_model(_registry.BINARY_MODEL) == folder
    assert len(fake_build) == 1  # the cheap check cannot see it
    with caplog.at_level("WARNING", logger="crosscheck"):
        _registry.prepare_model(_registry.BINARY_MODEL, verify=True)
    assert len(fake_build) == 2
    assert "does not match its recorded sha256" in caplog.text
    assert verify_seal(folder) == []


def test_damaged_weights_with_a_new_time_are_rebuilt_on_the_next_run(fake_build):
    folder = _registry.prepare_model(_registry.BINARY_MODEL)
    _overwrite_in_place(folder / "model.safetensors", keep_time=False)
    _registry.prepare_model(_registry.BINARY_MODEL)
    assert len(fake_build) == 2 and verify_seal(folder) == []
