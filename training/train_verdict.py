"""Train the judge's verdict (a logistic regression) on labelled pairs of the dev split.

    python training/train_verdict.py                  # dev clusters -> pairs file -> verdict.json
    python training/train_verdict.py --from-pairs     # refit from training/verdict_pairs.jsonl only

Every aligned pair the judge would ask about in the dev clusters (fixtures/eval/dev
and fixtures/balloon) is labelled from the gold: 1 when it shows a gold finding
(required or optional; title and quote conflicts, which other checks find, are left
out), 0 otherwise (the gold is exhaustive, so anything else is a
false alarm, traps included), and every pair of the dev claim-versus-source file
(fixtures/eval/dev/pairs.jsonl) with that pair's label. The signals are written to
training/verdict_pairs.jsonl, so the fit can be rerun without the model. The test
split (fixtures/eval/test) is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosscheck.judge.signals import PairSignals

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "training" / "verdict_pairs.jsonl"
OUTPUT = ROOT / "src" / "crosscheck" / "judge" / "verdict.json"
DEV = [ROOT / "fixtures" / "eval" / "dev", ROOT / "fixtures" / "balloon"]
SEED = 13
#: Gold kinds found by checks over all articles at once, not by the pair verdict.
OTHER_CHECKS = frozenset({"title", "quote"})
#: Inverse regularization strength: few labelled pairs, so a firm prior.
C = 0.1


def collect(folders: list[Path], model_name: str | None = None) -> list[dict[str, object]]:
    """Signals and gold labels for every candidate pair of every cluster under ``folders``."""
    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.evaluate._gold import load_gold, matches
    from crosscheck.evaluate._run import find_inputs
    from crosscheck.ingest import ingest
    from crosscheck.judge.signals import candidates, gather
    from crosscheck.models import Evidence, Finding
    from crosscheck.pipeline import configured_model, prepare

    settings = Settings(model=model_name)
    model = configured_model(settings)
    rows = []
    clusters, pair_files = find_inputs(folders)
    for gold_path in clusters:
        gold = load_gold(gold_path)
        articles = ingest([gold_path.parent], max_bytes=settings.max_bytes).articles
        claims = prepare(articles, settings).claims
        found = candidates(claims, align(claims))
        for item in gather(model, found):
            probe = Finding(
                "probe", "statement", "low", 0.0, "", (Evidence(item.pair.first), Evidence(item.pair.second))
            )
            shown = [entry for entry in gold.findings if matches(probe, entry.a, entry.b)]
            if any(entry.kind in OTHER_CHECKS for entry in shown):
                continue  # a title or quote conflict: the title and quote checks' job, not the verdict's
            rows.append(_row(gold_path.parent.name, item, int(bool(shown))))
        print(f"{gold_path.parent.name}: {len(found)} pairs", file=sys.stderr)
    for pairs_path in pair_files:
        rows += _collect_pairs(pairs_path, model, settings)
    return rows


def _row(group: str, item: PairSignals, label: int) -> dict[str, object]:
    """One labelled pair as the pairs file keeps it (``group`` is held out together)."""
    return {
        "cluster": group,
        "first": item.pair.first.text,
        "second": item.pair.second.text,
        "kind": item.difference.kind if item.difference else "statement",
        "features": [round(v, 5) for v in item.features()],
        "label": label,
    }


def _collect_pairs(path: Path, model: object, settings: object) -> list[dict[str, object]]:
    """Signals and labels of the single claim-versus-source pairs (``pairs.jsonl``): the two
    sentences as two articles, each aligned pair labelled with the pair's own label. They are
    where the model's own answers are strongest (one claim, one source sentence), so the fit
    learns what a firing substitution test is worth. Each file is one group for cross-validation."""
    from crosscheck.align import align
    from crosscheck.evaluate._pairs import load_pairs
    from crosscheck.judge.signals import candidates, gather
    from crosscheck.pipeline import prepare

    rows = []
    for pair in load_pairs(path):
        claims = prepare(pair.articles(path), settings).claims  # type: ignore[arg-type]
        for item in gather(model, candidates(claims, align(claims))):  # type: ignore[arg-type]
            rows.append(_row(f"{path.parent.name}/{path.name}", item, int(pair.contradiction)))
    print(f"{path}: {len(rows)} pairs", file=sys.stderr)
    return rows


def fit(rows: list[dict[str, object]]) -> dict[str, object]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.preprocessing import StandardScaler

    from crosscheck.judge.signals import FEATURES

    x = np.array([row["features"] for row in rows], dtype=float)
    y = np.array([row["label"] for row in rows])
    groups = np.array([row["cluster"] for row in rows])
    # leave one cluster out: how the verdict does on a story it was not fitted on
    held_out = np.zeros(len(rows))
    for cluster in sorted(set(groups)):
        train, test = groups != cluster, groups == cluster
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(C=C, class_weight="balanced", random_state=SEED, max_iter=1000)
        model.fit(scaler.transform(x[train]), y[train])
        held_out[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    cross_validated = {}
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.9):
        predicted = held_out >= threshold
        cross_validated[str(threshold)] = {
            "precision": round(float(precision_score(y, predicted, zero_division=0)), 3),
            "recall": round(float(recall_score(y, predicted, zero_division=0)), 3),
            "f1": round(float(f1_score(y, predicted, zero_division=0)), 3),
        }
    scaler = StandardScaler().fit(x)
    scales = [float(s) if s > 0 else 1.0 for s in scaler.scale_]
    model = LogisticRegression(C=C, class_weight="balanced", random_state=SEED, max_iter=1000)
    model.fit((x - scaler.mean_) / scales, y)
    return {
        "features": list(FEATURES),
        "means": [round(float(m), 6) for m in scaler.mean_],
        "scales": [round(s, 6) for s in scales],
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "trained_on": {
            "pairs": len(rows),
            "positives": int(y.sum()),
            "clusters": sorted(set(groups)),
            "leave_one_cluster_out": cross_validated,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from-pairs", action="store_true", help="refit from the pairs file only")
    parser.add_argument(
        "--model", help="the NLI model to fit to (default: the bundled one, which the verdict ships for)"
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="where the labelled signals are kept")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the coefficients are written")
    parser.add_argument("folders", nargs="*", type=Path, default=DEV)
    args = parser.parse_args()
    if args.from_pairs:
        rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line]
    else:
        if any("test" in folder.parts for folder in args.folders):
            parser.error("the test split is never trained on")
        rows = collect(args.folders, args.model)
        args.pairs.write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )
    document = fit(rows)
    args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(document["trained_on"], indent=2))


if __name__ == "__main__":
    main()
