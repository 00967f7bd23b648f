"""fixtures/balloon end to end, in a fresh process per run: a cold result cache, then warm.

Cold means a new CROSSCHECK_CACHE holding the prepared model (and its ONNX export)
and no scores; the warm run reuses that folder. Each run is a child process (as a
user's command is), so it pays for imports and model loading, and reports which
runtime scored the pairs and whether torch was imported at all. The cold run is
repeated (best of ``COLD_RUNS``, each in a new cache) because a shared machine's
noise is all on the slow side.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from options import BenchOptions

STAGES = ("ingest", "segment", "extract", "align", "model_load", "judge", "report")
COLD_RUNS = 3


def _child(inputs: str, model: str, device: str, fake: bool) -> dict[str, object]:
    started = time.perf_counter()
    from options import peak_rss_mb

    from crosscheck.config import Settings
    from crosscheck.pipeline import check
    from crosscheck.report import render

    nli = None
    if fake:
        from fake import FakeNLI

        nli = FakeNLI()
    report = check([inputs], Settings(model=model, device=device), nli=nli)
    rendered = time.perf_counter()
    render(report, "json")
    timings = dict(report.stats["timings"])
    timings["report"] = round(time.perf_counter() - rendered, 4)
    return {
        "timings": timings,
        "wall_s": round(time.perf_counter() - started, 3),
        "torch_imported": "torch" in sys.modules,
        "runtime": _runtime(),
        "model_loaded": "model_load" in timings,
        "pairs_judged_by_nli": report.stats.get("pairs_judged_by_nli", 0),
        "findings": len(report.findings),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _runtime() -> str:
    """What scored the pairs, judged by what was imported ("-": nothing was scored)."""
    for module in ("onnxruntime", "torch"):
        if module in sys.modules:
            return module
    return "-"


def _spawn(options: BenchOptions, cache: Path) -> dict[str, object]:
    env = dict(os.environ, CROSSCHECK_CACHE=str(cache), HF_HUB_OFFLINE="1")
    command = [sys.executable, __file__, str(options.balloon), options.model, options.device]
    command += ["--fake"] if options.fake else []
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - started, 3)
    return result


def _cold_cache(options: BenchOptions) -> Path:
    """A new cache folder with the model prepared (copied from the user's cache) and no scores."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=options.scratch))
    if not options.fake:
        from crosscheck.nli import cache_dir, prepare_model
        from crosscheck.nli._registry import onnx_dir

        source = prepare_model(options.model)
        if source.is_relative_to(cache_dir()):
            shutil.copytree(source, cache / "models" / options.model)
        export = onnx_dir(options.model)
        if export.is_dir() and export.is_relative_to(cache_dir()):
            shutil.copytree(export, cache / export.relative_to(cache_dir()))
    return cache


def run(options: BenchOptions) -> dict[str, object]:
    options.scratch.mkdir(parents=True, exist_ok=True)
    colds = []
    for _ in range(COLD_RUNS):
        cache = _cold_cache(options)
        try:
            colds.append(_spawn(options, cache))
            if len(colds) == COLD_RUNS:
                warm = _spawn(options, cache)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    cold = min(colds, key=lambda result: float(result["process_s"]))  # type: ignore[arg-type]
    rows = []
    for name, result in (("cold", cold), ("warm", warm)):
        timings = result["timings"]
        row: dict[str, object] = {"run": name}
        row.update({stage: timings.get(stage, 0.0) for stage in STAGES})  # type: ignore[union-attr]
        row.update(
            {
                k: result[k]
                for k in ("wall_s", "process_s", "runtime", "model_loaded", "torch_imported", "peak_rss_mb")
            }
        )
        rows.append(row)
    ratio = float(cold["process_s"]) / max(float(warm["process_s"]), 1e-9)  # type: ignore[arg-type]
    return {
        "rows": rows,
        "warm_speedup": round(ratio, 2),
        "cold_process_s_all": [result["process_s"] for result in colds],
        "nli_pairs": cold["pairs_judged_by_nli"],
        "findings": cold["findings"],
    }


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1], sys.argv[2], sys.argv[3], "--fake" in sys.argv)))
