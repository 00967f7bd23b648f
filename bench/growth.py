"""Generated clusters of growing size: time per stage, to show how cost grows with articles.

The model is loaded once, before the clock starts, and scores without a result
cache, so every size pays for all of its NLI pairs (identical pair texts within
one run are still scored once, as the pipeline always does).
"""

from __future__ import annotations

import shutil
import time

from corpus import fixture_sentences, make_cluster, write_cluster
from options import BenchOptions, load_nli

STAGES = ("ingest", "segment", "extract", "align", "judge")


def run(options: BenchOptions) -> dict[str, object]:
    from crosscheck.config import Settings
    from crosscheck.pipeline import check

    nli = load_nli(options)
    pool = fixture_sentences()
    check([options.balloon], Settings(model=options.model), nli=nli)  # load spaCy before the clock
    rows = []
    for size in options.sizes:
        folder = options.scratch / f"cluster-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        paths = write_cluster(folder, make_cluster(pool, size, options.sentences, seed=size))
        started = time.perf_counter()
        report = check(paths, Settings(model=options.model, cache=False), nli=nli)  # no facts cache
        total = time.perf_counter() - started
        timings = report.stats["timings"]
        row: dict[str, object] = {"articles": size, "sentences": report.stats["sentences"]}
        row.update({stage: timings.get(stage, 0.0) for stage in STAGES})
        row.update(
            {
                "total_s": round(total, 3),
                "s_per_article": round(total / size, 3),
                "pairs_aligned": report.stats["pairs_aligned"],
                "nli_pairs": report.stats["pairs_judged_by_nli"],
                "findings": len(report.findings),
            }
        )
        rows.append(row)
        shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows}
