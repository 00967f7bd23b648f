"""Run the benchmarks: ``python bench/run.py [e2e growth throughput recall batch] [--fake] ...``.

Each benchmark runs in its own process, so its peak memory (ru_maxrss) is its
own; tables go to stdout as markdown and everything to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from options import BenchOptions, peak_rss_mb  # noqa: E402
from table import markdown_table  # noqa: E402

BENCHMARKS = ("e2e", "growth", "throughput", "recall", "batch")
TITLES = {
    "e2e": "fixtures/balloon end to end, cold then warm result cache (seconds)",
    "growth": "Generated clusters: seconds per stage",
    "throughput": "NLI pairs per second, same pairs, same run",
    "recall": "Aligned pipeline vs all cross-article pairs",
    "batch": "crosscheck batch on generated days: articles per minute, memory per worker",
}


def _module(name: str):  # type: ignore[no-untyped-def]
    import importlib

    return importlib.import_module(name)


def _parse(argv: list[str]) -> tuple[list[str], BenchOptions, Path, str | None]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)"
    )
    parser.add_argument("--model", default="aegis-binary", help="built-in model name or checkpoint folder")
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--fake", action="store_true", help="a model-free fake NLI (for tests)")
    parser.add_argument("--sizes", default="5,10,20,50", help="cluster sizes in articles")
    parser.add_argument("--sentences", type=int, default=40, help="sentences per generated article")
    parser.add_argument("--throughput-pairs", type=int, default=256)
    parser.add_argument(
        "--recall-sample", type=int, default=1500, help="other pairs to sample; 0 scores every one (exact)"
    )
    parser.add_argument("--batch-sizes", default="200,1000", help="generated days for batch, in articles")
    parser.add_argument("--batch-big", action="store_true", help="batch also on 5,000 articles")
    parser.add_argument("--batch-no-ray", action="store_true", help="batch without the local Ray rows")
    parser.add_argument("--batch-real-size", type=int, default=60, help="articles of batch's real-model row")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    options = BenchOptions(
        model=args.model,
        fake=args.fake,
        device=args.device,
        sizes=tuple(int(s) for s in args.sizes.split(",")),
        sentences=args.sentences,
        throughput_pairs=args.throughput_pairs,
        recall_sample=args.recall_sample,
        batch_sizes=tuple(int(s) for s in args.batch_sizes.split(",")) + ((5000,) if args.batch_big else ()),
        batch_ray=not args.batch_no_ray,
        batch_real_size=args.batch_real_size,
    )
    return list(args.names) or list(BENCHMARKS), options, args.out, args.child


def _in_child(name: str, options: BenchOptions, argv: list[str]) -> dict[str, object]:
    """Run one benchmark in a fresh interpreter and read back its JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    try:
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        subprocess.run(
            [sys.executable, __file__, *argv, "--child", f"{name}:{result_path}"], env=env, check=True
        )
        return json.loads(result_path.read_text(encoding="utf-8"))
    finally:
        result_path.unlink(missing_ok=True)


def _child(spec: str, options: BenchOptions) -> None:
    name, _, result_path = spec.partition(":")
    options.scratch.mkdir(parents=True, exist_ok=True)
    result = _module(name).run(options)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


def main(argv: list[str]) -> int:
    names, options, out, child = _parse(argv)
    if child:
        _child(child, options)
        return 0
    passed = [a for a in argv if a not in BENCHMARKS]
    results: dict[str, object] = {}
    failed = 0
    for name in names:
        try:
            result = _in_child(name, options, passed)
        except subprocess.CalledProcessError as exc:
            results[name] = {"error": f"exit status {exc.returncode}"}
            failed += 1
            print(f"\n### {TITLES[name]}\n\nfailed (exit status {exc.returncode}); see the traceback above")
            continue
        results[name] = result
        print(f"\n### {TITLES[name]}\n\n{markdown_table(result['rows'])}")  # type: ignore[arg-type]
        extras = {k: v for k, v in result.items() if k != "rows"}
        print("\n" + ", ".join(f"{k}: {v}" for k, v in extras.items()))
    record = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "options": {k: str(v) for k, v in dataclasses.asdict(options).items()},
        "results": results,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
