"""Show an evaluation: side-by-side tables, then what crosscheck got wrong and why.

The tables are built once as rows of strings and drawn as plain text (for the
terminal) or markdown (for the README); json carries the same numbers and the
per-cluster details for scripts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.evaluate._pairs import BinaryCounts
from crosscheck.evaluate._run import SYSTEMS, ClusterResult, Evaluation
from crosscheck.evaluate._score import OVERALL, Counts, Outcome
from crosscheck.models import Finding

FORMATS = ("text", "markdown", "json")
KIND_ORDER = ("title", "date", "number", "place", "negation", "quote", "statement")
SYSTEM_NAMES = {"crosscheck": "crosscheck", "baseline": "naive NLI baseline"}
_SNIPPET = 110


def render_evaluation(evaluation: Evaluation, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(as_json(evaluation), indent=2, ensure_ascii=False) + "\n"
    markdown = fmt == "markdown"
    parts = [_headline(evaluation)]
    if evaluation.clusters:
        if len(evaluation.splits()) > 1:
            parts += [_section("By split", markdown), _table(_split_rows(evaluation), markdown)]
        parts += [_section("Findings against gold", markdown), _table(_kind_rows(evaluation), markdown)]
        parts += [_section("Trap violations", markdown), _violations(evaluation, markdown)]
        parts += [_section("Per cluster", markdown), _table(_cluster_rows(evaluation), markdown)]
    if evaluation.pairs:
        parts += [_section(_pairs_title(evaluation), markdown), _table(_pair_rows(evaluation), markdown)]
    parts += [_section("What crosscheck got wrong", markdown), _mistakes(evaluation, markdown)]
    return "\n\n".join(part for part in parts if part) + "\n"


def _headline(evaluation: Evaluation) -> str:
    return (
        f"crosscheck eval: {len(evaluation.clusters)} clusters, {len(evaluation.pairs)} pairs;"
        f" model {evaluation.model}; threshold {evaluation.threshold:.2f}"
        f" (baseline {evaluation.baseline_threshold:.2f})"
    )


def _section(title: str, markdown: bool) -> str:
    return f"### {title}" if markdown else f"{title}\n{'-' * len(title)}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _table(rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---" if i == 0 else "---:" for i in range(len(rows[0]))) + "|")
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def _system_cells(counts: Counts) -> list[str]:
    return [
        f"{counts.tp}/{counts.fp}/{counts.fn}",
        _ratio(counts.precision),
        _ratio(counts.recall),
        _ratio(counts.f1),
    ]


def _kind_rows(evaluation: Evaluation) -> list[list[str]]:
    header = ["kind", "gold"]
    for system in SYSTEMS:
        name = SYSTEM_NAMES[system]
        header += [f"{name} TP/FP/FN", "P", "R", "F1"]
    tallies = {system: evaluation.counts(system) for system in SYSTEMS}
    kinds = [k for k in KIND_ORDER if any(k in tally for tally in tallies.values())]
    rows = [header]
    for kind in [*kinds, OVERALL]:
        gold = tallies["crosscheck"].get(kind, Counts())
        row = [kind, str(gold.tp + gold.fn)]
        for system in SYSTEMS:
            row += _system_cells(tallies[system].get(kind, Counts()))
        rows.append(row)
    return rows


def _split_rows(evaluation: Evaluation) -> list[list[str]]:
    """Dev (tuned on) and test (never tuned on) side by side, each with the baseline beside it."""
    header = ["split", "clusters", "gold"]
    for system in SYSTEMS:
        header += [f"{SYSTEM_NAMES[system]} TP/FP/FN", "P", "R", "F1"]
    rows = [header]
    for split in evaluation.splits():
        own = evaluation.split_counts("crosscheck", split)
        count = sum(cluster.split == split for cluster in evaluation.clusters)
        row = [split, str(count), str(own.tp + own.fn)]
        for system in SYSTEMS:
            row += _system_cells(evaluation.split_counts(system, split))
        rows.append(row)
    return rows


def _violations(evaluation: Evaluation, markdown: bool) -> str:
    lines = []
    for system in SYSTEMS:
        broken = evaluation.trap_violations(system)
        shown = ", ".join(f"{cluster}/{trap} ({severity})" for cluster, trap, severity in broken) or "none"
        lines.append(f"{'- ' if markdown else ''}{SYSTEM_NAMES[system]} ({len(broken)}): {shown}")
    return "\n".join(lines)


def _cluster_rows(evaluation: Evaluation) -> list[list[str]]:
    rows = [["cluster", "articles", *(f"{SYSTEM_NAMES[s]} TP/FP/FN" for s in SYSTEMS), "traps broken"]]
    for cluster in evaluation.clusters:
        cells = [cluster.name, str(len(cluster.articles))]
        for system in SYSTEMS:
            total = sum(getattr(cluster, system).counts().values(), Counts())
            cells.append(f"{total.tp}/{total.fp}/{total.fn}")
        broken = [sum(a.trap is not None for a in getattr(cluster, s).false_alarms) for s in SYSTEMS]
        rows.append([*cells, " / ".join(str(n) for n in broken)])
    return rows


def _pairs_title(evaluation: Evaluation) -> str:
    positive = sum(verdict.pair.contradiction for verdict in evaluation.pairs)
    return (
        f"Claim-versus-source pairs ({len(evaluation.pairs)}: {positive} contradiction,"
        f" {len(evaluation.pairs) - positive} consistent)"
    )


def _pair_rows(evaluation: Evaluation) -> list[list[str]]:
    rows = [["system", "accuracy", "precision", "recall", "TP", "FP", "FN", "TN"]]
    for system in SYSTEMS:
        counts = evaluation.pair_counts(system)
        rows.append(
            [
                SYSTEM_NAMES[system],
                _ratio(counts.accuracy),
                _ratio(counts.precision),
                _ratio(counts.recall),
                *(str(n) for n in (counts.tp, counts.fp, counts.fn, counts.tn)),
            ]
        )
    return rows


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET else flat[: _SNIPPET - 3] + "..."


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"[{finding.kind}, {finding.severity}, {finding.score:.2f}] {finding.explanation}"]
    lines += [f'    {claim.article.id}: "{_snippet(claim.text)}"' for claim in finding.claims]
    return lines


def _cluster_mistakes(cluster: ClusterResult) -> list[str]:
    outcome: Outcome = cluster.crosscheck
    lines = []
    for gold in outcome.missed:
        lines.append(f"missed {gold.id} ({gold.kind}): {gold.note}")
    for alarm in outcome.false_alarms:
        because = f"breaks trap {alarm.trap.id}: " if alarm.trap is not None else "false alarm: "
        first, *rest = _finding_lines(alarm.finding)
        lines += [because + first, *rest]
    for hit in outcome.mislabeled:
        lines.append(f"found {hit.gold.id} as {hit.finding.kind}, gold kind {hit.gold.kind}")
    lines += [f"skipped {item.path}: {item.problem}" for item in cluster.skipped]
    return lines


def _pair_mistakes(evaluation: Evaluation) -> list[str]:
    lines = []
    for verdict in evaluation.pairs:
        pair = verdict.pair
        if bool(verdict.crosscheck) == pair.contradiction:
            continue
        lines.append(
            f"{pair.id} ({pair.kind}, {pair.label}): {'reported' if verdict.crosscheck else 'nothing'}"
        )
        lines.append(f'    source: "{_snippet(pair.source)}"')
        lines.append(f'    claim:  "{_snippet(pair.claim)}"')
        for finding in verdict.crosscheck:
            lines += ["    " + line for line in _finding_lines(finding)]
    return lines


def _mistakes(evaluation: Evaluation, markdown: bool) -> str:
    blocks = []
    for cluster in evaluation.clusters:
        lines = _cluster_mistakes(cluster)
        if lines:
            blocks.append((cluster.name, lines))
    if evaluation.pairs:
        lines = _pair_mistakes(evaluation)
        if lines:
            blocks.append(("pairs", lines))
    if not blocks:
        return "nothing: every required finding found, no false alarm"
    if markdown:
        return "\n\n".join(f"**{name}**\n\n```\n" + "\n".join(lines) + "\n```" for name, lines in blocks)
    return "\n\n".join(name + "\n" + "\n".join("  " + line for line in lines) for name, lines in blocks)


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def _pairs_json(counts: BinaryCounts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        "accuracy": counts.accuracy,
        "precision": counts.precision,
        "recall": counts.recall,
    }


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "severity": finding.severity,
        "score": finding.score,
        "explanation": finding.explanation,
        "claims": [{"article": claim.article.id, "text": claim.text} for claim in finding.claims],
    }


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "found": [{"gold": hit.gold.id, "kind": hit.finding.kind} for hit in outcome.hits],
        "optional_found": [hit.gold.id for hit in outcome.optional],
        "missed": [{"gold": gold.id, "kind": gold.kind, "note": gold.note} for gold in outcome.missed],
        "false_alarms": [
            {**_finding_json(alarm.finding), "trap": alarm.trap.id if alarm.trap else None}
            for alarm in outcome.false_alarms
        ],
        "allowed_by_trap": [{"trap": trap.id, "finding": finding.id} for trap, finding in outcome.allowed],
        "duplicates": len(outcome.duplicates),
    }


def as_json(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as plain data: totals per system, then every cluster and pair."""
    systems = {}
    for system in SYSTEMS:
        tally = evaluation.counts(system)
        systems[system] = {
            "kinds": {kind: _counts_json(counts) for kind, counts in tally.items() if kind != OVERALL},
            "overall": _counts_json(tally[OVERALL]),
            "trap_violations": [
                {"cluster": cluster, "trap": trap, "severity": severity}
                for cluster, trap, severity in evaluation.trap_violations(system)
            ],
            "pairs": _pairs_json(evaluation.pair_counts(system)),
        }
    return {
        "model": evaluation.model,
        "threshold": evaluation.threshold,
        "baseline_threshold": evaluation.baseline_threshold,
        "systems": systems,
        "splits": {
            split: {system: _counts_json(evaluation.split_counts(system, split)) for system in SYSTEMS}
            for split in evaluation.splits()
        },
        "clusters": [
            {
                "split": cluster.split,
                "name": cluster.name,
                "path": cluster.path,
                "articles": cluster.articles,
                **{system: _outcome_json(getattr(cluster, system)) for system in SYSTEMS},
            }
            for cluster in evaluation.clusters
        ],
        "pairs": [
            {
                "id": verdict.pair.id,
                "kind": verdict.pair.kind,
                "label": verdict.pair.label,
                "crosscheck": [_finding_json(f) for f in verdict.crosscheck],
                "baseline": [_finding_json(f) for f in verdict.baseline],
            }
            for verdict in evaluation.pairs
        ],
    }
