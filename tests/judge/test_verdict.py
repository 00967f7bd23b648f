"""The verdict: the trees' walk, the shipped trees' constraints, and the training script's export."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from crosscheck.judge.signals import FEATURES
from crosscheck.judge.verdict import LEAF, Tree, VerdictModel, shipped

ROOT = Path(__file__).resolve().parents[2]


class _Features:
    """Stands in for PairSignals: the verdict reads only ``features()``."""

    def __init__(self, values: list[float]) -> None:
        self.values = values

    def features(self) -> list[float]:
        return self.values


def _vector(**named: float) -> list[float]:
    return [named.get(name, 0.0) for name in FEATURES]


def test_a_tree_sends_a_pair_left_at_or_below_the_threshold():
    contradiction, size = FEATURES.index("contradiction"), FEATURES.index("size")
    tree = Tree(
        feature=(contradiction, size, LEAF, LEAF, LEAF),
        threshold=(0.5, 0.2, 0.0, 0.0, 0.0),
        left=(1, 2, 0, 0, 0),
        right=(4, 3, 0, 0, 0),
        value=(0.0, 0.0, -1.0, 1.0, 3.0),
    )
    assert tree.leaf_value(_vector(contradiction=0.5, size=0.2)) == -1.0
    assert tree.leaf_value(_vector(contradiction=0.5, size=0.9)) == 1.0
    assert tree.leaf_value(_vector(contradiction=0.51)) == 3.0
    model = VerdictModel(baseline=-3.0, trees=(tree,))
    assert model.probability(_Features(_vector(contradiction=0.9))) == pytest.approx(0.5)  # type: ignore[arg-type]


def _dev_pairs() -> list[list[float]]:
    lines = (ROOT / "training" / "verdict_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["features"] for line in random.Random(7).sample(lines, 300)]


@pytest.mark.parametrize(
    "signal, direction", [("contradiction", 1), ("contradiction_min", 1), ("entailment", -1)]
)
def test_the_shipped_verdict_moves_with_the_models_answers_one_way_only(signal, direction):
    verdict, at = shipped(), FEATURES.index(signal)
    for values in _dev_pairs():
        before = verdict.probability(_Features(values))  # type: ignore[arg-type]
        after = verdict.probability(_Features([*values[:at], min(1.0, values[at] + 0.3), *values[at + 1 :]]))  # type: ignore[arg-type]
        assert (after - before) * direction >= -1e-12


def test_the_shipped_verdict_needs_the_model_to_see_a_conflict():
    """A negation cue, a differing figure or a lede is no conflict when the model calls the pair
    neutral (the logistic regression this replaced let a rare indicator outweigh the model)."""
    verdict = shipped()
    for kind in ("negation", "number", "date", "place"):
        neutral = _vector(**{kind: 1.0, "size": 1.0, "similarity": 0.8, "lead": 1.0, "entailment": 0.05})
        sure = _vector(
            **{
                kind: 1.0,
                "size": 1.0,
                "similarity": 0.8,
                "lead": 1.0,
                "contradiction": 1.0,
                "contradiction_min": 1.0,
            }
        )
        assert verdict.probability(_Features(neutral)) < 0.5 < verdict.probability(_Features(sure))  # type: ignore[arg-type]


def test_the_training_script_exports_trees_that_give_sklearns_probabilities():
    sys.path.insert(0, str(ROOT / "training"))
    import train_verdict

    rng = random.Random(3)
    rows = []
    for number in range(240):
        values = [rng.random() for _ in FEATURES]
        label = int(values[0] + 0.3 * rng.random() > 0.9)
        rows.append(
            {
                "cluster": f"c{number % 4}",
                "kind": "number",
                "features": values,
                "label": label,
                "findings": [f"f{number}"] if label else [],
            }
        )
    required = {f"c{c}": {f"f{n}" for n in range(240) if n % 4 == c and rows[n]["label"]} for c in range(4)}
    document = train_verdict.fit(rows, required)  # raises if the export disagrees with sklearn
    assert len(document["trees"]) == train_verdict.TREES["max_iter"] * train_verdict.BAGS
    report = document["trained_on"]["leave_one_batch_out"]
    assert 0.5 <= report["suggested"]["threshold"] <= 0.99 and report["roc_auc"] > 0.8


def test_a_figure_restated_in_other_units_or_rounded_is_a_signal_not_a_difference():
    from crosscheck.judge.signals import PairSignals
    from crosscheck.models import ClaimPair
    from tests.conftest import article, claim
    from tests.judge.helpers import number

    a = article("a", "The tram was doing about 15 miles an hour.", "2026-03-11")
    b = article("b", "The tram was moving at roughly 25 kilometres an hour.", "2026-03-11")
    c = article("c", "The tram was moving at 40 kilometres an hour.", "2026-03-11")
    miles = claim(a, a.text, numbers=(number(a, "about 15 miles", 24.14, "kilometre per hour", "about"),))
    kilometres = claim(
        b, b.text, numbers=(number(b, "roughly 25 kilometres", 25.0, "kilometre per hour", "about"),)
    )
    faster = claim(c, c.text, numbers=(number(c, "40 kilometres", 40.0, "kilometre per hour"),))

    def restated(first, second) -> float:
        signals = PairSignals(ClaimPair(first, second, 70.0), None, *([0.0] * 8), sources_differ=False)
        return dict(zip(FEATURES, signals.features(), strict=True))["figure_restated"]

    assert restated(miles, kilometres) == 1.0
    assert restated(miles, faster) == 0.0


def test_the_model_is_asked_about_a_restated_figure_in_the_first_claims_words():
    """'roughly 25 kilometres an hour' against 'about 15 miles an hour' agree; the model, which
    reads digits, is shown the second claim with the first's figure, and the verdict sees why."""
    from crosscheck.judge.signals import Candidate, questions, restated
    from crosscheck.models import ClaimPair
    from tests.conftest import article, claim
    from tests.judge.helpers import number

    a = article("a", "The tram was doing about 15 miles an hour.", "2026-03-11")
    b = article("b", "The tram was moving at roughly 25 kilometres an hour, police said.", "2026-03-11")
    miles = claim(
        a, a.text, numbers=(number(a, "about 15 miles an hour", 24.14, "kilometre per hour", "about"),)
    )
    kilometres = claim(
        b, b.text, numbers=(number(b, "roughly 25 kilometres an hour", 25.0, "kilometre per hour", "about"),)
    )
    pair = ClaimPair(miles, kilometres, 70.0)
    rewritten = "The tram was moving at about 15 miles an hour, police said."
    assert restated(pair) == rewritten
    assert questions([Candidate(pair, None)]).texts == [(miles.text, rewritten), (rewritten, miles.text)]
    assert restated(ClaimPair(kilometres, kilometres, 70.0)) is None  # the same words: nothing to rewrite


def test_the_ceiling_bounds_every_value_its_ranges_allow():
    """Unasked answers may take any value in their ranges: the verdict never exceeds the ceiling,
    and with nothing unknown the ceiling is the verdict."""
    verdict, rng = shipped(), random.Random(11)
    for values in _dev_pairs()[:60]:
        assert verdict.ceilings([(values, {})])[0] == pytest.approx(verdict.probability_of(values))
        unknown = rng.sample(("contradiction", "entailment", "swapped_entailment", "clause_contradiction"), 2)
        ranges = {name: tuple(sorted((rng.random(), rng.random()))) for name in unknown}
        (ceiling,) = verdict.ceilings([(values, ranges)])
        for _ in range(20):
            filled = list(values)
            for name, (low, high) in ranges.items():
                filled[FEATURES.index(name)] = rng.choice((low, high, rng.uniform(low, high)))
            assert verdict.probability_of(filled) <= ceiling + 1e-12


def test_the_judge_asks_fewer_questions_for_the_same_findings():
    """Candidates whose verdict cannot reach the threshold are not asked about further; the
    findings are those of asking everything."""
    import hashlib

    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.ingest import ingest
    from crosscheck.judge.conflicts import conflict_findings
    from crosscheck.judge.signals import candidates, gather
    from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL
    from crosscheck.pipeline import prepare
    from tests.judge.helpers import ScriptedNLI

    def answer(premise: str, hypothesis: str) -> dict[str, float]:
        digest = hashlib.sha256(f"{premise}|{hypothesis}".encode()).digest()
        contradiction, entailment = digest[0] / 255, digest[1] / 255 * (1 - digest[0] / 255)
        return {CONTRADICTION: contradiction, ENTAILMENT: entailment, NEUTRAL: 1 - contradiction - entailment}

    claims = prepare(ingest([ROOT / "fixtures" / "balloon"]).articles, Settings()).claims
    found = candidates(claims, align(claims))
    verdict, threshold = shipped(), 0.6
    everything, pruned = ScriptedNLI(answer), ScriptedNLI(answer)
    expected = conflict_findings(gather(everything, found), verdict, threshold)
    kept = gather(pruned, found, reachable=lambda pairs: [c >= threshold for c in verdict.ceilings(pairs)])
    shown = [(f.id, f.score, f.severity, f.explanation) for f in conflict_findings(kept, verdict, threshold)]
    assert expected and shown == [(f.id, f.score, f.severity, f.explanation) for f in expected]
    assert len(pruned.calls) < len(everything.calls)
