"""The dev split's `crosscheck eval` counts with the verdict held out by writing batch.

    python training/held_out_eval.py                       # the shipped pairs file, default cuts
    python training/held_out_eval.py --pairs P.jsonl --cuts 0.86 0.88 0.9 --output dump.json

`train_verdict.py` reports held-out figures per labelled pair; this runs the whole pipeline
(alignment, title and quote checks, duplicates merged) on each dev cluster with trees grown
without that cluster's writing batch, so the counts are the ones `crosscheck eval` would give on
stories by writers the verdict never saw: required gold findings found, false alarms, required
findings missed, traps reported at medium or high severity, and high-severity false alarms. It is
the figure the README's "held out by batch" table shows. Each batch is run once at the lowest cut;
a higher cut keeps the verdict's findings at or above it (title and quote findings stay).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_verdict

if TYPE_CHECKING:
    from crosscheck.evaluate._gold import Gold
    from crosscheck.models import Finding

DEFAULT_CUTS = (0.86, 0.87, 0.88, 0.89, 0.9)


@contextmanager
def verdict_without(rows: list[dict[str, object]], batch: str, batch_of: dict[str, str]) -> Iterator[None]:
    """The judge uses trees grown on every labelled pair outside ``batch`` while inside."""
    import numpy as np

    import crosscheck.judge as judge
    from crosscheck.judge.signals import FEATURES
    from crosscheck.judge.verdict import VerdictModel

    kept = [row for row in rows if batch_of.get(str(row["cluster"]), str(row["cluster"])) != batch]
    x = np.array([row["features"] for row in kept], dtype=float)
    y = np.array([row["label"] for row in kept])
    model = VerdictModel.from_document(
        {"features": list(FEATURES), **train_verdict._export(train_verdict._grow(x, y))}
    )
    original = judge.shipped
    judge.shipped = lambda: model  # type: ignore[assignment]
    try:
        yield
    finally:
        judge.shipped = original  # type: ignore[assignment]


def findings_of(gold_path: Path, settings: object, nli: object) -> tuple[Gold, list[Finding]]:
    """The cluster's gold and every finding crosscheck reports on it at the settings' threshold."""
    from crosscheck.evaluate._gold import load_gold
    from crosscheck.ingest import ingest
    from crosscheck.pipeline import check

    articles = ingest([gold_path.parent], max_bytes=settings.max_bytes).articles  # type: ignore[attr-defined]
    return load_gold(gold_path), list(check(articles, settings, nli=nli).findings)  # type: ignore[arg-type]


def counts(
    results: dict[str, tuple[Gold, list[Finding]]], cut: float, verdict_rules: set[str]
) -> dict[str, int]:
    """`crosscheck eval`'s counts at ``cut`` (``score_findings`` on the findings the verdict
    reports at or above it, title and quote findings always kept), with the false alarms that
    break a trap at medium or high severity and the high-severity false alarms."""
    from crosscheck.evaluate._score import score_findings

    found = false_alarms = missed = traps = high = 0
    for gold, findings in results.values():
        kept = [f for f in findings if f.rule not in verdict_rules or f.score >= cut]
        outcome = score_findings(kept, gold)
        found += len(outcome.hits)
        missed += len(outcome.missed)
        false_alarms += len(outcome.false_alarms)
        traps += sum(1 for a in outcome.false_alarms if a.trap is not None and a.finding.severity != "low")
        high += sum(1 for a in outcome.false_alarms if a.finding.severity == "high")
    return {
        "found": found,
        "false_alarms": false_alarms,
        "missed": missed,
        "traps_m_h": traps,
        "high_fa": high,
    }


def _dumped(findings: list[Finding]) -> list[dict[str, object]]:
    """The findings as the ``--output`` file keeps them, for reading what was reported."""
    return [
        {
            "rule": f.rule,
            "score": f.score,
            "severity": f.severity,
            "claims": [item.claim.text for item in f.evidence],
        }
        for f in findings
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=Path, default=train_verdict.PAIRS)
    parser.add_argument("--cuts", type=float, nargs="+", default=DEFAULT_CUTS)
    parser.add_argument("--output", type=Path, help="also write every finding, per cluster, here (JSON)")
    parser.add_argument("folders", nargs="*", type=Path, default=train_verdict.DEV)
    args = parser.parse_args()
    if any("test" in folder.parts for folder in args.folders):
        parser.error("the test split is never tuned on")

    from crosscheck.config import Settings
    from crosscheck.evaluate._run import find_inputs
    from crosscheck.judge.conflicts import _RULES
    from crosscheck.pipeline import configured_model

    rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line]
    batch_of = train_verdict._batches()
    settings = Settings(threshold=min(args.cuts))
    nli = configured_model(settings)
    clusters, _ = find_inputs(args.folders)
    by_batch: dict[str, list[Path]] = {}
    for gold in clusters:
        by_batch.setdefault(batch_of.get(gold.parent.name, gold.parent.name), []).append(gold)
    results: dict[str, tuple[Gold, list[Finding]]] = {}
    for batch, golds in sorted(by_batch.items()):
        with verdict_without(rows, batch, batch_of):
            for gold in golds:
                results[gold.parent.name] = findings_of(gold, settings, nli)
        print(f"{batch}: {len(golds)} clusters", file=sys.stderr, flush=True)
    if args.output:
        dump = {name: _dumped(findings) for name, (_, findings) in results.items()}
        args.output.write_text(json.dumps(dump, indent=1), encoding="utf-8")
    verdict_rules = set(_RULES.values())
    for cut in args.cuts:
        print(cut, json.dumps(counts(results, cut, verdict_rules)))


if __name__ == "__main__":
    main()
