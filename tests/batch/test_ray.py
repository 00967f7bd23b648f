"""The Ray engine: local Ray, 2 CPUs, started and stopped here; the same bytes as in process."""

from __future__ import annotations

import os

import pytest

from crosscheck import batch
from crosscheck.batch import _chunks
from crosscheck.config import Settings
from tests.batch._fakes import NotNLI
from tests.batch.conftest import ROOT, tree

ray = pytest.importorskip("ray")


def test_ray_actors_write_the_same_output_as_one_process(feed, tmp_path, monkeypatch):
    path, _ = feed
    monkeypatch.setattr(_chunks, "CHUNK_STORIES", 2)  # two chunks, so both actors get one
    settings = Settings(cache=False)
    batch([path], tmp_path / "local", settings, workers=1, nli_factory=NotNLI)
    paths = os.pathsep.join([str(ROOT), str(ROOT / "bench"), str(ROOT / "src")])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": paths, "CROSSCHECK_CACHE": os.environ["CROSSCHECK_CACHE"]}},
    )
    try:
        result = batch([path], tmp_path / "ray", settings, workers=2, engine="ray", nli_factory=NotNLI)
    finally:
        ray.shutdown()
    assert result.failed == 0 and result.checked == 3
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")
