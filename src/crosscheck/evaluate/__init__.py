"""Measure crosscheck against gold findings, beside the naive NLI baseline on the same model.

``evaluate`` runs both systems over story clusters (folders with gold.json or
expected.json) and claim-versus-source pairs (pairs.jsonl); ``render_evaluation``
draws the side-by-side tables as text, markdown or json.
"""

from __future__ import annotations

from crosscheck.evaluate._baseline import baseline_findings
from crosscheck.evaluate._gold import Gold, GoldFinding, Side, Trap, load_gold, matches
from crosscheck.evaluate._pairs import BinaryCounts, Pair, PairVerdict, load_pairs
from crosscheck.evaluate._render import FORMATS, as_json, render_evaluation
from crosscheck.evaluate._run import ClusterResult, Evaluation, evaluate, find_inputs
from crosscheck.evaluate._score import Counts, FalseAlarm, Hit, Outcome, score_findings, tally

__all__ = [
    "FORMATS",
    "BinaryCounts",
    "ClusterResult",
    "Counts",
    "Evaluation",
    "FalseAlarm",
    "Gold",
    "GoldFinding",
    "Hit",
    "Outcome",
    "Pair",
    "PairVerdict",
    "Side",
    "Trap",
    "as_json",
    "baseline_findings",
    "evaluate",
    "find_inputs",
    "load_gold",
    "load_pairs",
    "matches",
    "render_evaluation",
    "score_findings",
    "tally",
]
