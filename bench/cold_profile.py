"""Where a cold run's seconds go: fixtures/balloon part by part, in this process.

    CROSSCHECK_CACHE=<a cache holding only the prepared model> python bench/cold_profile.py [--torch]

Each part runs in turn (no background loading, so the parts add up), with its wall and
CPU seconds and the peak RSS after it. ``--torch`` profiles the path before onnxruntime:
spaCy imported with torch and the torch runtime. Run it in a fresh process each time.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self) -> None:
        self.last = (time.perf_counter(), time.process_time())
        self.first = self.last
        self.rows: list[tuple[str, float, float, int]] = []

    def mark(self, part: str) -> None:
        now = (time.perf_counter(), time.process_time())
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        self.rows.append((part, now[0] - self.last[0], now[1] - self.last[1], rss))
        self.last = now


def main(torch_path: bool) -> None:
    clock = Clock()
    import crosscheck.cli  # noqa: F401

    clock.mark("import crosscheck.cli (typer, rich)")
    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.extract import nlp
    from crosscheck.judge import judge
    from crosscheck.nli import load_model
    from crosscheck.pipeline import prepare

    clock.mark("import pipeline, align, extract, judge")
    if torch_path:
        import spacy
    else:
        # without spaCy's command line where the tree has that (a tree before it: the import as it was)
        without_cli = getattr(nlp, "_without_spacy_cli", contextlib.nullcontext)
        with nlp._without_torch(), without_cli():
            import spacy  # noqa: F401
    clock.mark(
        f"import spacy (torch imported: {'torch' in sys.modules}, spacy.cli: {'weasel' in sys.modules})"
    )
    nlp.load_pipeline()
    clock.mark("spacy.load")
    settings = Settings(cache=False)
    prepared = prepare([ROOT / "fixtures" / "balloon"], settings, collapse_copies=True)
    clock.mark("ingest, segment, extract (spaCy parse)")
    pairs = align(prepared.claims)
    clock.mark("align")
    nli: Any = load_model("crosscheck-news-nli", use_cache=False, runtime="torch" if torch_path else "onnx")
    clock.mark(f"load_model ({type(nli).__name__}: seals, labels)")
    nli.model  # noqa: B018 - loads the runtime, tokenizer and weights
    clock.mark("runtime, tokenizer and weights")
    scored = {"seconds": 0.0, "cpu": 0.0, "pairs": 0}
    predict = nli.predict

    def timed(batch: Any, progress: Any = None) -> Any:
        started = (time.perf_counter(), time.process_time())
        out = predict(batch, progress)
        scored["seconds"] += time.perf_counter() - started[0]
        scored["cpu"] += time.process_time() - started[1]
        scored["pairs"] += len(batch)
        return out

    nli.predict = timed
    judge(prepared.claims, pairs, lambda: nli, threshold=settings.threshold, kinds=settings.kinds)
    clock.mark("judge")
    print("| part | wall s | CPU s | peak RSS MB |\n|---|---|---|---|")
    for part, wall, cpu, rss in clock.rows:
        print(f"| {part} | {wall:.2f} | {cpu:.2f} | {rss} |")
    print(
        f"| of which NLI ({scored['pairs']} directed pairs) | {scored['seconds']:.2f} | {scored['cpu']:.2f} | |"
    )
    total = (clock.last[0] - clock.first[0], clock.last[1] - clock.first[1])
    print(f"| total in process | {total[0]:.2f} | {total[1]:.2f} | |")


if __name__ == "__main__":
    main("--torch" in sys.argv)
