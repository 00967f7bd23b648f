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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_verdict

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


def findings_of(gold_path: Path, settings: object, nli: object) -> list[dict[str, object]]:
    """The cluster's required gold finding ids, then every finding on it in report order with
    what it matches in the gold (so that ``counts`` can score any subset as `crosscheck eval`
    scores it)."""
    from crosscheck.evaluate._gold import load_gold, matches
    from crosscheck.ingest import ingest
    from crosscheck.pipeline import check

    gold = load_gold(gold_path)
    articles = ingest([gold_path.parent], max_bytes=settings.max_bytes).articles  # type: ignore[attr-defined]
    rows: list[dict[str, object]] = [{"required": [entry.id for entry in gold.findings if entry.required]}]
    for finding in check(articles, settings, nli=nli).findings:  # type: ignore[arg-type]
        shown = [entry for entry in gold.findings if matches(finding, entry.a, entry.b)]
        traps = [trap for trap in gold.traps if matches(finding, trap.a, trap.b)]
        rows.append(
            {
                "rule": finding.rule,
                "score": finding.score,
                "claims": [item.claim.text for item in finding.evidence],
                "severity": finding.severity,
                "shows": [entry.id for entry in sorted(shown, key=lambda entry: not entry.required)],
                "breaks_trap": any(trap.broken_by(finding) for trap in traps),
                "allowed_by_trap": bool(traps),
            }
        )
    return rows


def counts(dump: dict[str, list[dict[str, object]]], cut: float, verdict_rules: set[str]) -> dict[str, int]:
    """`crosscheck eval`'s counts at ``cut`` from the dumped findings: each gold finding is
    taken by the first finding that shows it (required ones first), a finding showing only
    taken ones is a duplicate, one inside a trap's allowance counts nothing, anything else is a
    false alarm (``traps_m_h``: those breaking a trap at medium or high severity)."""
    found = false_alarms = missed = traps = high = 0
    for rows in dump.values():
        required, findings = set(rows[0]["required"]), rows[1:]  # type: ignore[arg-type]
        counted: set[str] = set()
        for finding in findings:
            if finding["rule"] in verdict_rules and finding["score"] < cut:  # type: ignore[operator]
                continue
            fresh = [gold_id for gold_id in finding["shows"] if gold_id not in counted]  # type: ignore[attr-defined]
            if fresh:
                counted.add(fresh[0])
            elif finding["shows"] or (finding["allowed_by_trap"] and not finding["breaks_trap"]):
                continue
            else:
                false_alarms += 1
                traps += bool(finding["breaks_trap"]) and finding["severity"] in ("medium", "high")
                high += finding["severity"] == "high"
        found += len(counted & required)
        missed += len(required - counted)
    return {
        "found": found,
        "false_alarms": false_alarms,
        "missed": missed,
        "traps_m_h": traps,
        "high_fa": high,
    }


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
    dump: dict[str, list[dict[str, object]]] = {}
    for batch, golds in sorted(by_batch.items()):
        with verdict_without(rows, batch, batch_of):
            for gold in golds:
                dump[gold.parent.name] = findings_of(gold, settings, nli)
        print(f"{batch}: {len(golds)} clusters", file=sys.stderr, flush=True)
    if args.output:
        args.output.write_text(json.dumps(dump, indent=1), encoding="utf-8")
    verdict_rules = set(_RULES.values())
    for cut in args.cuts:
        print(cut, json.dumps(counts(dump, cut, verdict_rules)))


if __name__ == "__main__":
    main()
