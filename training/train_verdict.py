"""Train the judge's verdict (small gradient-boosted trees) on labelled pairs of the dev split.

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

The fit is judged held out by writing batch (each batch's pairs scored by trees grown
without it; writing_batches.json), both per pair and as `crosscheck eval` counts:
required gold findings reported against false-alarm pairs. The trees are exported to plain JSON and checked to
give sklearn's own probabilities, so the judge needs no scikit-learn at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from crosscheck.judge.signals import PairSignals

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "training" / "verdict_pairs.jsonl"
BATCHES = ROOT / "training" / "writing_batches.json"
OUTPUT = ROOT / "src" / "crosscheck" / "judge" / "verdict.json"
DEV = [ROOT / "fixtures" / "eval" / "dev", ROOT / "fixtures" / "balloon"]
SEED = 13
#: Gold kinds found by checks over all articles at once, not by the pair verdict.
OTHER_CHECKS = frozenset({"title", "quote"})
#: The trees' shape: few labelled pairs (about 400 positives), so small trees with large leaves.
#: Chosen on 47 dev clusters held out by cluster with 8 leaves; on 119 clusters, held out by
#: writing batch through the whole pipeline, 16 leaves gave as many findings with 7-18 fewer
#: false alarms (0.84-0.9) than 8, and 200 trees no gain; on 131 clusters, leaves of at least 40
#: pairs and an L2 penalty of 1 gave 6-10 more findings than leaves of 20 unpenalized, with as
#: many false alarms (README, "Threshold").
TREES = {
    "max_leaf_nodes": 16,
    "learning_rate": 0.1,
    "max_iter": 100,
    "min_samples_leaf": 40,
    "l2_regularization": 1.0,
    "early_stopping": False,
}
#: How many such models are averaged (on the log-odds scale), each grown on a bootstrap sample of
#: the pairs. One model's splits move with every few pairs added, so a small change of the judge
#: reshuffled a dozen findings; on 143 dev clusters held out by writing batch, ten averaged models
#: gave about a tenth fewer false alarms at equal findings (208/119 at 0.86; one model 221/150 at
#: 0.86, 205/125 at 0.88) and a quarter fewer traps reported (32 against 44 at equal cuts).
BAGS = 10
#: Signals the verdict may only rise with (1) or fall with (-1): more contradiction, or an
#: entailment once a value is swapped, never lowers it; entailment of the pair as it stands never
#: raises it. It keeps the trees from learning noise in the model's top scores.
MONOTONE = {
    "contradiction": 1,
    "contradiction_min": 1,
    "entailment": -1,
    "swapped_entailment": 1,
    "clause_entailment": 1,
}
#: How often, held out, typed pairs at and above verdict.HIGH must be real conflicts. Held out
#: by batch, typed precision climbs slowly above the threshold (95 clusters: 68% at 0.82, 74% at
#: 0.9, 85% at 0.95), so "high" is set where it first reaches 85%: a minority of findings, the surest.
SURE = 0.85
#: The threshold maximises held-out F1 averaged over this many grid steps (0.01) either side:
#: the curve is flat and noisy near its top (0.75-0.85 within 0.01 of F1 on 95 clusters), and
#: its single best point moved by 0.07 between two runs that differed by a few pairs.
F1_WINDOW = 3
#: A finding is medium where held-out pairs near its verdict (bands of BAND) were real at least
#: LIKELY of the time, and low below (``_likely_from``).
BAND = 0.04
LIKELY = 0.5
#: Verdict probabilities the held-out report is given at.
CUTS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
#: The cuts the suggestions are chosen among.
GRID = tuple(round(0.5 + 0.01 * step, 2) for step in range(50))


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
            required = [entry.id for entry in shown if entry.required]
            rows.append(_row(gold_path.parent.name, item, int(bool(shown)), required))
        print(f"{gold_path.parent.name}: {len(found)} pairs", file=sys.stderr)
    for pairs_path in pair_files:
        rows += _collect_pairs(pairs_path, model, settings)
    return rows


def _row(group: str, item: PairSignals, label: int, findings: list[str] | None = None) -> dict[str, object]:
    """One labelled pair as the pairs file keeps it (``group`` is held out together;
    ``findings`` are the required gold findings it shows)."""
    return {
        "cluster": group,
        "first": item.pair.first.text,
        "second": item.pair.second.text,
        "kind": item.difference.kind if item.difference else "statement",
        "features": [round(v, 5) for v in item.features()],
        "label": label,
        "findings": findings or [],
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


def fit(rows: list[dict[str, object]], required: dict[str, set[str]]) -> dict[str, object]:
    """Grow the trees on every row; report how trees grown without each writing batch do on it.

    Held out by batch, not by cluster: clusters written together share their writers' habits
    (how a trap is built, how a lede reads), and trees grown on a batch's other clusters learn
    them, so holding out one cluster flatters the verdict on stories by new writers."""
    import numpy as np
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    from crosscheck.config import DEFAULT_THRESHOLD
    from crosscheck.judge.signals import FEATURES

    x = np.array([row["features"] for row in rows], dtype=float)
    y = np.array([row["label"] for row in rows])
    batch_of = _batches()
    groups = np.array([batch_of.get(str(row["cluster"]), str(row["cluster"])) for row in rows])
    held_out = np.zeros(len(rows))
    for batch in sorted(set(groups)):
        train, test = groups != batch, groups == batch
        held_out[test] = _grow(x[train], y[train]).predict_proba(x[test])[:, 1]
    report: dict[str, object] = {"roc_auc": round(float(roc_auc_score(y, held_out)), 3)}
    total = sum(len(ids) for ids in required.values())
    for cut in sorted({*CUTS, DEFAULT_THRESHOLD}):
        predicted = held_out >= cut
        found, false_alarms = _counted(_hits(rows, held_out, cut))
        report[str(cut)] = {
            "precision": round(float(precision_score(y, predicted, zero_division=0)), 3),
            "recall": round(float(recall_score(y, predicted, zero_division=0)), 3),
            "f1": round(float(f1_score(y, predicted, zero_division=0)), 3),
            "required_found": f"{found}/{total}",
            "false_alarm_pairs": false_alarms,
        }
    report["suggested"] = _suggested_cuts(rows, held_out, total)
    model = _grow(x, y)
    document = {"features": list(FEATURES), **_export(model)}
    _check_export(document, model, x)
    document["trained_on"] = {
        "pairs": len(rows),
        "positives": int(y.sum()),
        "clusters": sorted({str(row["cluster"]) for row in rows}),
        "trees": TREES,
        "bags": BAGS,
        "monotone": MONOTONE,
        "leave_one_batch_out": report,
    }
    return document


def _hits(rows: list[dict[str, object]], held_out: np.ndarray, cut: float) -> list[dict[str, object]]:
    """The pairs the held-out verdict reports at ``cut``."""
    return [row for row, p in zip(rows, held_out, strict=True) if p >= cut]


def _counted(hits: list[dict[str, object]]) -> tuple[int, int]:
    """What `crosscheck eval` counts of reported pairs: the required gold findings they show
    (each once), and the pairs that show none."""
    found = {(row["cluster"], i) for row in hits for i in row["findings"]}  # type: ignore[attr-defined]
    return len(found), sum(1 for row in hits if not row["label"])


def _suggested_cuts(rows: list[dict[str, object]], held_out: np.ndarray, total: int) -> dict[str, float]:
    """The cuts config.DEFAULT_THRESHOLD, verdict.MEDIUM and verdict.HIGH are set to: the
    threshold with the best F1 of required findings found against false-alarm pairs (what
    `crosscheck eval` counts), averaged over neighbouring cuts (``F1_WINDOW``), the medium cut
    (``_likely_from``), and
    the lowest cut where held-out typed pairs (figure, day, place) in the outlets' own voice at or
    above it are real conflicts at least ``SURE`` of the time."""
    import numpy as np

    from crosscheck.judge.signals import FEATURES

    def differ(row: dict[str, object]) -> bool:
        return bool(row["features"][FEATURES.index("sources_differ")])  # type: ignore[index]

    scores, high = [], 1.0
    for cut in GRID:
        hits = _hits(rows, held_out, cut)
        found, false_alarms = _counted(hits)
        scores.append(2 * found / (found + false_alarms + total))  # F1 of found/(found+FA), found/total
        typed = [
            row["label"] for row in hits if row["kind"] in ("number", "date", "place") and not differ(row)
        ]
        if typed and sum(typed) / len(typed) >= SURE:
            high = min(high, cut)
    windows = [scores[max(0, i - F1_WINDOW) : i + F1_WINDOW + 1] for i in range(len(GRID))]
    smoothed = [sum(window) / len(window) for window in windows]
    return {
        "threshold": GRID[max(range(len(GRID)), key=smoothed.__getitem__)],
        "medium": _likely_from(held_out, np.array([row["label"] for row in rows]), high),
        "high": high,
    }


def _likely_from(held_out: np.ndarray, labels: np.ndarray, high: float) -> float:
    """verdict.MEDIUM: the lowest cut from which, up to ``high``, every held-out band of
    ``BAND`` is real conflicts at least half the time; below it a finding is more likely a
    false alarm than not, and says so by being low."""
    cut = high
    for start in reversed([c for c in GRID if c + BAND <= high]):
        band = (held_out >= start) & (held_out < start + BAND)
        if band.any() and labels[band].mean() < LIKELY:
            break
        cut = start
    return cut


class Bag:
    """BAGS boosted models whose log-odds are averaged: what verdict.json ships, as one sum of trees."""

    def __init__(self, models: list[HistGradientBoostingClassifier]) -> None:
        self.models = models

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        import numpy as np

        z = np.mean([model.decision_function(x) for model in self.models], axis=0)
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - p, p])


def _grow(x: np.ndarray, y: np.ndarray) -> Bag:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from crosscheck.judge.signals import FEATURES

    monotone = [MONOTONE.get(name, 0) for name in FEATURES]
    rng = np.random.default_rng(SEED)
    models = []
    for _ in range(BAGS):
        sample = rng.choice(len(x), len(x), replace=True)
        models.append(
            HistGradientBoostingClassifier(
                class_weight="balanced", random_state=SEED, monotonic_cst=monotone, **TREES
            ).fit(x[sample], y[sample])
        )
    return Bag(models)


def _export(bag: Bag) -> dict[str, object]:
    """The fitted trees as node arrays (``crosscheck.judge.verdict.Tree``), each model's leaves
    divided by the number of models, so that their sum is the average. sklearn keeps the trees in
    private attributes; ``_check_export`` fails loudly if a release changes what they mean."""
    import numpy as np

    share = 1.0 / len(bag.models)
    trees = []
    for model in bag.models:
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            trees.append(
                {
                    "feature": [-1 if node["is_leaf"] else int(node["feature_idx"]) for node in nodes],
                    "threshold": [0.0 if node["is_leaf"] else float(node["num_threshold"]) for node in nodes],
                    "left": [int(node["left"]) for node in nodes],
                    "right": [int(node["right"]) for node in nodes],
                    "value": [float(node["value"]) * share if node["is_leaf"] else 0.0 for node in nodes],
                }
            )
    baseline = float(np.mean([np.ravel(model._baseline_prediction)[0] for model in bag.models]))
    return {"baseline": baseline, "trees": trees}


def _check_export(document: dict[str, object], model: Bag, x: np.ndarray) -> None:
    """The exported trees, read as the judge reads them, give the bag's probabilities (sklearn's,
    averaged) on every training pair."""
    from crosscheck.judge.verdict import VerdictModel

    shipped = VerdictModel.from_document(document)
    expected = model.predict_proba(x)[:, 1]
    for features, want in zip(x.tolist(), expected, strict=True):
        if abs(shipped.probability_of(features) - want) > 1e-6:
            raise RuntimeError("the exported trees do not give sklearn's probabilities: check _export")


def _batches() -> dict[str, str]:
    """Each dev cluster's writing batch (``writing_batches.json``); a cluster in none (balloon,
    the pairs file) is a batch of its own."""
    document = json.loads(BATCHES.read_text(encoding="utf-8"))
    return {
        cluster: batch for batch, clusters in document.items() if batch != "_about" for cluster in clusters
    }


def _required(folders: list[Path]) -> dict[str, set[str]]:
    """The required gold findings of each cluster the verdict is judged on (title and quote
    conflicts are other checks' job)."""
    from crosscheck.evaluate._gold import load_gold
    from crosscheck.evaluate._run import find_inputs

    clusters, _ = find_inputs(folders)
    return {
        path.parent.name: {
            e.id for e in load_gold(path).findings if e.required and e.kind not in OTHER_CHECKS
        }
        for path in clusters
    }


def _layout(document: dict[str, object]) -> str:
    """verdict.json with one tree per line, so that a diff shows which trees changed."""
    head = {key: value for key, value in document.items() if key != "trees"}
    trees = ",\n".join("    " + json.dumps(tree) for tree in document["trees"])  # type: ignore[attr-defined]
    body = json.dumps(head, indent=2)
    return body[:-2] + ',\n  "trees": [\n' + trees + "\n  ]\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from-pairs", action="store_true", help="refit from the pairs file only")
    parser.add_argument(
        "--model", help="the NLI model to fit to (default: the bundled one, which the verdict ships for)"
    )
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="where the labelled signals are kept")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the trees are written")
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
    document = fit(rows, _required(args.folders))
    args.output.write_text(_layout(document), encoding="utf-8")
    print(json.dumps(document["trained_on"], indent=2))


if __name__ == "__main__":
    main()
