"""The bench scripts stay runnable: a tiny run with the fake model prints every table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ("e2e", "growth", "throughput", "recall", "batch")


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    out = tmp_path_factory.mktemp("bench") / "latest.json"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--fake", "--sizes", "2,3", "--sentences", "6"]
    command += ["--throughput-pairs", "8", "--recall-sample", "20", "--batch-sizes", "16", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT, timeout=600)
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_every_benchmark_prints_a_markdown_table(tiny_run: tuple[str, dict[str, object]]) -> None:
    stdout, _ = tiny_run
    assert stdout.count("\n|---|") >= len(BENCHMARKS)
    for header in ("| run |", "| articles | sentences |", "| runtime |", " cross_article_pairs |"):
        assert header in stdout


def test_results_file_holds_each_benchmark_with_peak_memory(tiny_run: tuple[str, dict[str, object]]) -> None:
    _, record = tiny_run
    results = record["results"]
    assert set(results) == set(BENCHMARKS)  # type: ignore[arg-type]
    for name in BENCHMARKS:
        assert results[name]["peak_rss_mb"] > 0  # type: ignore[index]
        assert results[name]["rows"]  # type: ignore[index]


def test_growth_rows_follow_the_requested_sizes(tiny_run: tuple[str, dict[str, object]]) -> None:
    _, record = tiny_run
    rows = record["results"]["growth"]["rows"]  # type: ignore[index]
    assert [row["articles"] for row in rows] == [2, 3]
    assert all(row["sentences"] > 0 and row["total_s"] >= 0 for row in rows)


def test_recall_counts_pairs_consistently(tiny_run: tuple[str, dict[str, object]]) -> None:
    _, record = tiny_run
    (row,) = record["results"]["recall"]["rows"]  # type: ignore[index]
    assert row["articles"] == 3
    assert 0 < row["nli_pairs"] <= row["aligned_pairs"] < row["cross_article_pairs"]
    assert row["kept_text_pairs"] + row["sampled_distinct_text_pairs"] <= row["distinct_text_pairs"]
    assert row["other_pairs"] == "sample of 20"
    assert 0 <= row["recall_low_95"] <= row["recall"] <= 1


def test_text_pair_multiplicity_counts_cross_article_claim_pairs() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from recall import text_pair_multiplicity

    from tests.conftest import article, claim

    a = article("a", "Alpha one. Beta two.")
    b = article("b", "Alpha one. Alpha one.")
    claims = [
        claim(a, "Alpha one."),
        claim(a, "Beta two."),
        claim(b, "Alpha one."),
        claim(b, "Alpha one.", 1),
    ]
    counts = text_pair_multiplicity(claims)
    # "Beta two." (a) against both "Alpha one." of b; same texts are one text, never a pair
    assert counts == {frozenset(("Alpha one.", "Beta two.")): 2}


def test_e2e_times_every_stage_of_both_runs(tiny_run: tuple[str, dict[str, object]]) -> None:
    _, record = tiny_run
    e2e = record["results"]["e2e"]  # type: ignore[index]
    cold, warm = e2e["rows"]
    assert (cold["run"], warm["run"]) == ("cold", "warm")
    for row in (cold, warm):
        assert {"ingest", "segment", "extract", "align", "judge", "report"} <= set(row)
        assert not row["model_loaded"]  # the fake model is handed in, never loaded
    assert e2e["warm_speedup"] > 0 and e2e["nli_pairs"] > 0


def test_batch_rows_give_articles_per_minute_and_memory_per_worker(
    tiny_run: tuple[str, dict[str, object]],
) -> None:
    _, record = tiny_run
    batch = record["results"]["batch"]  # type: ignore[index]
    rows = batch["rows"]
    assert {(row["engine"], row["workers"]) for row in rows} >= {("process", 1), ("process", 2)}
    for row in rows:
        assert row["articles"] == 16 and row["model"] == "fake" and row["failed"] == 0
        assert row["articles_per_min"] > 0 and row["worker_peak_mb"] > 0 and row["checked_stories"] > 0
    assert len({row["findings"] for row in rows}) == 1  # every engine finds the same
    (growth,) = batch["growth"]
    assert growth["articles"] == 16 and growth["candidate_pairs"] >= 0 and 0 < growth["b_cubed_f1"] <= 1
