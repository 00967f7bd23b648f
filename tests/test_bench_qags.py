"""bench/qags.py: labels, both systems and the metrics on three toy summaries, with the fake NLI model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crosscheck import Settings
from tests.conftest import FakeNLI

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import qags

NO, YES = ("no", "no", "yes"), ("yes", "yes", "no")


def one_negation(premise: str, hypothesis: str) -> bool:
    return ("not" in premise.split()) != ("not" in hypothesis.split())


def record(index: int, article: str, sentences: tuple[str, ...], votes: tuple[tuple[str, ...], ...]):  # type: ignore[no-untyped-def]
    return qags.Record(index, article, sentences, votes)


RECORDS = [
    # inconsistent: the summary drops a "not"; both systems see it
    record(
        0,
        "The harbour bridge will not reopen to traffic before the summer festival, the mayor said. Traffic was diverted to the north road.",
        (
            "Traffic was diverted to the north road.",
            "The harbour bridge will reopen to traffic before the summer festival, the mayor said.",
        ),
        (YES, NO),
    ),
    # consistent: a "not" elsewhere in the article trips only the baseline (every pair is asked)
    record(
        1,
        "The museum opened a new wing on Monday. Tickets were not sold online.",
        ("The museum opened a new wing on Monday.",),
        (YES,),
    ),
    # inconsistent: an antonym the fake model cannot see, so neither system sees it (crosscheck
    # reads "rejected" as a denial, but a negation cue is no conflict when the model sees none)
    record(
        2,
        "The council approved the budget on Thursday. The vote was unanimous.",
        ("The council rejected the budget on Thursday.",),
        (NO,),
    ),
]


def test_a_summary_is_inconsistent_when_a_majority_rejects_one_sentence() -> None:
    assert [r.inconsistent for r in RECORDS] == [True, False, True]
    assert RECORDS[0].unsupported == [1]
    assert not record(3, "x", ("a",), (("no", "yes", "yes"),)).inconsistent


def test_metrics_on_toy_summaries_scored_by_both_systems() -> None:
    settings = Settings(cache=False)
    rows = [qags.score_record(r, FakeNLI(one_negation), settings, baseline_threshold=0.6) for r in RECORDS]
    assert [row["crosscheck"]["verdict"] for row in rows] == [True, False, False]
    assert [row["baseline"]["verdict"] for row in rows] == [True, True, False]
    assert rows[2]["crosscheck"]["findings"] == []
    assert rows[0]["crosscheck"]["score"] > 0 == rows[1]["crosscheck"]["score"]
    summary = qags.summarize(rows)
    assert (summary["n"], summary["inconsistent"]) == (3, 2)
    # crosscheck: recall 1/2 on inconsistent, 1/1 on consistent; AUC: a win and a tie over 2 pairs
    assert summary["crosscheck"]["balanced_accuracy"] == pytest.approx(0.75)
    assert summary["crosscheck"]["roc_auc"] == pytest.approx(0.75)
    # baseline: 1/2 and 0/1; the consistent summary ties the best inconsistent one (0.95)
    assert summary["baseline"]["balanced_accuracy"] == pytest.approx(0.25)
    assert summary["baseline"]["roc_auc"] == pytest.approx(0.25)


def test_auc_counts_ties_as_half_and_needs_both_classes() -> None:
    labels = [True, False, True, False, True]
    scores = [0.9, 0.9, 0.0, 0.0, 0.95]
    # each positive against the negatives 0.9 and 0.0: 0.9 tie + win, 0.0 loss + tie, 0.95 two wins: 4 of 6
    assert qags.roc_auc(labels, scores) == pytest.approx(4 / 6)
    assert qags.roc_auc([True, True], [0.1, 0.2]) is None
    assert qags.balanced_accuracy([True, False], [True, True]) == pytest.approx(0.5)
    assert qags.best_threshold(labels, scores) == 0.95  # balanced accuracy 2/3


def test_sample_is_fixed_by_the_seed() -> None:
    many = [record(i, "a", ("b",), (YES,)) for i in range(50)]
    first = qags.sample(many, 10, seed=0)
    assert first == qags.sample(many, 10, seed=0)
    assert [r.index for r in first] == sorted(r.index for r in first)
    assert qags.sample(many, None, seed=0) == many


def test_auc_matches_scikit_learn_where_installed() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    labels = [i % 3 == 0 for i in range(30)]
    scores = [round((i * 7919) % 11 / 10, 1) for i in range(30)]  # many ties
    assert qags.roc_auc(labels, scores) == pytest.approx(metrics.roc_auc_score(labels, scores))
    verdicts = [s >= 0.5 for s in scores]
    assert qags.balanced_accuracy(labels, verdicts) == pytest.approx(
        metrics.balanced_accuracy_score(labels, verdicts)
    )
