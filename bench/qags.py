"""Draft mode on QAGS: real news articles and summaries whose sentences annotators judged.

``python bench/qags.py --cnndm bench/data/mturk_cnndm.jsonl --xsum bench/data/mturk_xsum.jsonl``

The QAGS data (github.com/W4ngatang/qags, ``data/mturk_{cnndm,xsum}.jsonl``) is
fetched by hand and never committed (see bench/README.md). Each record holds an
``article`` and its ``summary_sentences``, each sentence with three ``responses``
of ``"yes"`` (supported by the article) or ``"no"``. A sentence is unsupported when
more than half of its annotators answered "no"; a summary is *inconsistent* when
any of its sentences is unsupported.

For every summary the article is written as a source file and the summary as a
draft file, and ``crosscheck.draft()`` checks them: any contradiction finding (not
``unsupported``, not wording-only: what makes ``crosscheck draft`` exit 1) is the
verdict "inconsistent", and the highest such finding score (0 when none) the score
for ROC AUC; the same with ``unsupported`` findings counted too (``--fail-on
unsupported``) is recorded beside it. Beside it the naive baseline, with the same model: the highest NLI
contradiction probability over every (source sentence, summary sentence) pair,
inconsistent at or above the threshold.

cnndm is the tuning part, xsum is held out: ``--split tune`` runs cnndm only,
``--split report`` (default) runs both. Thresholds chosen on cnndm (the one that
maximizes balanced accuracy there) are applied to both parts as an extra column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("cnndm", "xsum")
TUNE_PART = "cnndm"
HELD_OUT = tuple(part for part in PARTS if part != TUNE_PART)
SYSTEMS = ("crosscheck", "baseline")


@dataclass(frozen=True)
class Record:
    """One summary of one article, with every annotator's answer per sentence."""

    index: int
    article: str
    sentences: tuple[str, ...]
    responses: tuple[tuple[str, ...], ...]

    @property
    def unsupported(self) -> list[int]:
        """Indexes of the sentences most annotators did not find supported by the article."""
        return [
            i
            for i, answers in enumerate(self.responses)
            if 2 * sum(a == "no" for a in answers) > len(answers)
        ]

    @property
    def inconsistent(self) -> bool:
        return bool(self.unsupported)


def load_records(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            item = json.loads(line)
            sentences = item["summary_sentences"]
            records.append(
                Record(
                    index=index,
                    article=item["article"],
                    sentences=tuple(s["sentence"] for s in sentences),
                    responses=tuple(
                        tuple(r["response"].strip().lower() for r in s["responses"]) for s in sentences
                    ),
                )
            )
    return records


def sample(records: Sequence[Record], limit: int | None, seed: int) -> list[Record]:
    """``limit`` records drawn with ``seed``, kept in file order (all of them without a limit)."""
    if not limit or limit >= len(records):
        return list(records)
    chosen = sorted(random.Random(seed).sample(range(len(records)), limit))
    return [records[i] for i in chosen]


# --- the two systems ---------------------------------------------------------------


def crosscheck_outcome(record: Record, nli: Any, settings: Any) -> dict[str, Any]:
    """``crosscheck.draft()`` with the summary as the draft and the article as its only source."""
    from crosscheck import CrosscheckError, draft

    with tempfile.TemporaryDirectory(prefix="qags-") as folder:
        source = Path(folder) / "source.txt"
        summary = Path(folder) / "draft.txt"
        source.write_text(record.article.strip() + "\n", encoding="utf-8")
        summary.write_text(" ".join(s.strip() for s in record.sentences) + "\n", encoding="utf-8")
        try:
            report = draft(str(summary), [str(source)], settings, nli=nli)
        except CrosscheckError as error:
            return {"verdict": False, "score": 0.0, "findings": [], "error": str(error)}
    findings = [
        {
            "kind": f.kind,
            "severity": f.severity,
            "score": f.score,
            "rule": getattr(f, "rule", None),
            # wording differences (a reworded quote) never fail a gate
            "wording_only": bool(getattr(f, "wording_only", False)),
        }
        for f in report.findings
    ]
    failing = [f for f in findings if not f["wording_only"]]
    contradictions = [f for f in failing if f["kind"] != "unsupported"]
    return {
        "verdict": bool(contradictions),
        "score": max((float(f["score"]) for f in contradictions), default=0.0),
        # also failing on unsupported facts (crosscheck draft --fail-on unsupported)
        "verdict_unsupported": bool(failing),
        "score_unsupported": max((float(f["score"]) for f in failing), default=0.0),
        "findings": findings,
    }


def source_sentences(text: str) -> list[str]:
    """The article's sentences as crosscheck's segmenter cuts them."""
    from crosscheck.models import Article
    from crosscheck.segment import segment

    article = Article(id="source", path="source.txt", text=text, body=((0, len(text)),))
    return [sentence.text for sentence in segment(article)]


def baseline_score(record: Record, nli: Any) -> float:
    """Highest contradiction probability over (source sentence, summary sentence) pairs."""
    from crosscheck.nli import CONTRADICTION

    pairs = [
        (premise, hypothesis)
        for premise in source_sentences(record.article)
        for hypothesis in record.sentences
    ]
    scores = nli.predict(pairs) if pairs else []
    return max((float(s.get(CONTRADICTION, 0.0)) for s in scores), default=0.0)


def score_record(record: Record, nli: Any, settings: Any, baseline_threshold: float) -> dict[str, Any]:
    """Both systems on one summary: verdicts, scores and timings."""
    started = time.perf_counter()
    ours = crosscheck_outcome(record, nli, settings)
    middle = time.perf_counter()
    naive = baseline_score(record, nli)
    return {
        "index": record.index,
        "inconsistent": record.inconsistent,
        "unsupported_sentences": record.unsupported,
        "crosscheck": {**ours, "seconds": round(middle - started, 3)},
        "baseline": {
            "verdict": naive >= baseline_threshold,
            "score": round(naive, 4),
            "seconds": round(time.perf_counter() - middle, 3),
        },
    }


# --- metrics ---------------------------------------------------------------------


def balanced_accuracy(labels: Sequence[bool], verdicts: Sequence[bool]) -> float | None:
    """Mean of the recall on inconsistent and on consistent summaries (None without both)."""
    positives = [v for label, v in zip(labels, verdicts, strict=True) if label]
    negatives = [not v for label, v in zip(labels, verdicts, strict=True) if not label]
    if not positives or not negatives:
        return None
    return (sum(positives) / len(positives) + sum(negatives) / len(negatives)) / 2


def roc_auc(labels: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Probability a random inconsistent summary outscores a random consistent one (ties half)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1  # average 1-based rank of a tie
        start = end + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    rank_sum = sum(rank for rank, label in zip(ranks, labels, strict=True) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_threshold(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """The score cut (inconsistent at or above it) with the highest balanced accuracy."""
    best, best_value = 1.0, -1.0
    for cut in sorted(set(scores)):
        value = balanced_accuracy(labels, [s >= cut for s in scores]) or 0.0
        if value > best_value:
            best, best_value = cut, value
    return best


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def summarize(rows: Sequence[dict[str, Any]], cuts: dict[str, float] | None = None) -> dict[str, Any]:
    """n, balanced accuracy and ROC AUC per system over one part's scored summaries."""
    labels = [row["inconsistent"] for row in rows]
    summary: dict[str, Any] = {"n": len(rows), "inconsistent": sum(labels)}
    for system in SYSTEMS:
        verdicts = [row[system]["verdict"] for row in rows]
        scores = [row[system]["score"] for row in rows]
        flagged = sum(verdicts)
        caught = sum(v for v, label in zip(verdicts, labels, strict=True) if label)
        result = {
            "balanced_accuracy": _rounded(balanced_accuracy(labels, verdicts)),
            "roc_auc": _rounded(roc_auc(labels, scores)),
            "flagged": flagged,
            "recall": _rounded(caught / sum(labels) if sum(labels) else None),
            "precision": _rounded(caught / flagged if flagged else None),
            "seconds": round(sum(row[system]["seconds"] for row in rows), 1),
        }
        if system == "crosscheck":
            with_unsupported = [row[system].get("verdict_unsupported", False) for row in rows]
            result["balanced_accuracy_fail_on_unsupported"] = _rounded(
                balanced_accuracy(labels, with_unsupported)
            )
            result["roc_auc_fail_on_unsupported"] = _rounded(
                roc_auc(labels, [row[system].get("score_unsupported", 0.0) for row in rows])
            )
            result["errors"] = sum("error" in row[system] for row in rows)
        if cuts is not None:
            result[f"{TUNE_PART}_threshold"] = cuts[system]
            result[f"balanced_accuracy_at_{TUNE_PART}_threshold"] = _rounded(
                balanced_accuracy(labels, [s >= cuts[system] for s in scores])
            )
        summary[system] = result
    return summary


def _with_unsupported(result: dict[str, Any]) -> str:
    """crosscheck's figures when unsupported findings count too (--fail-on unsupported)."""
    if "balanced_accuracy_fail_on_unsupported" not in result:
        return "-"
    return f"{result['balanced_accuracy_fail_on_unsupported']}, {result.get('roc_auc_fail_on_unsupported')}"


def table(parts: dict[str, dict[str, Any]]) -> str:
    lines = [
        f"| part | role | n | inconsistent | system | balanced accuracy | ROC AUC | recall | precision"
        f" | BA at {TUNE_PART} threshold | BA, AUC with unsupported | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for part, summary in parts.items():
        role = "tune" if part == TUNE_PART else "held out"
        for system in SYSTEMS:
            result = summary[system]
            cells = [
                part,
                role,
                summary["n"],
                summary["inconsistent"],
                system,
                result["balanced_accuracy"],
                result["roc_auc"],
                result["recall"],
                result["precision"],
                result.get(f"balanced_accuracy_at_{TUNE_PART}_threshold", "-"),
                _with_unsupported(result),
                result["seconds"],
            ]
            lines.append("| " + " | ".join("-" if c is None else str(c) for c in cells) + " |")
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------


def run_part(
    records: Sequence[Record],
    nli: Any,
    settings: Any,
    baseline_threshold: float,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    rows = []
    for done, record in enumerate(records, 1):
        rows.append(score_record(record, nli, settings, baseline_threshold))
        if progress:
            progress(done, len(records))
    return rows


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cnndm", type=Path, help="data/mturk_cnndm.jsonl of QAGS (the tuning part)")
    parser.add_argument("--xsum", type=Path, help="data/mturk_xsum.jsonl of QAGS (held out)")
    parser.add_argument(
        "--split",
        choices=("tune", "report"),
        default="report",
        help=f"tune: {TUNE_PART} only; report (default): every part, {TUNE_PART} marked as the tuning part",
    )
    parser.add_argument("--limit", type=int, help="score a random sample of N summaries per part")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --limit sample (default 0)")
    parser.add_argument("--model", help="built-in model name or checkpoint folder (default: crosscheck's)")
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--threshold", type=float, help="crosscheck's NLI threshold (default: its default)")
    parser.add_argument(
        "--baseline-threshold",
        type=float,
        help="contradiction probability for the baseline (default: the threshold)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write crosscheck's caches")
    parser.add_argument(
        "--out", type=Path, help="results JSON (default bench/results/qags.json, qags-tune.json for tune)"
    )
    args = parser.parse_args(argv)
    wanted = (TUNE_PART,) if args.split == "tune" else PARTS
    missing = [part for part in wanted if getattr(args, part) is None]
    if missing:
        parser.error(f"--split {args.split} needs " + " and ".join(f"--{part} PATH" for part in missing))
    return args


def code_version() -> dict[str, Any]:
    """Which crosscheck ran: the package folder, and its git commit when it is a checkout."""
    import subprocess

    import crosscheck

    folder = Path(crosscheck.__file__).resolve().parent
    found: dict[str, Any] = {"package": str(folder)}
    git = ["git", "-C", str(folder)]
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode == 0:
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--", "."], capture_output=True, text=True, check=False
        )
        found["commit"] = head.stdout.strip()
        found["uncommitted_changes"] = bool(changed.stdout.strip())
    return found


def main(argv: list[str]) -> int:
    from crosscheck import Settings
    from crosscheck.nli import DEFAULT_MODEL, load_model

    args = _parse(argv)
    parts = (TUNE_PART,) if args.split == "tune" else PARTS
    values = {
        "model": args.model,
        "device": args.device,
        "cache": not args.no_cache,
        "threshold": args.threshold,
    }
    settings = Settings().with_values(values, "bench/qags.py")
    baseline_threshold = settings.threshold if args.baseline_threshold is None else args.baseline_threshold
    print(
        f"tuning part: {TUNE_PART}; held out: {', '.join(HELD_OUT)} (split {args.split}: {', '.join(parts)})"
    )
    if args.limit:
        print(f"sample: {args.limit} summaries per part, seed {args.seed}")
    nli = load_model(args.model, device=args.device, batch_size=settings.batch_size, use_cache=settings.cache)
    started = time.perf_counter()
    rows: dict[str, list[dict[str, Any]]] = {}
    for part in parts:
        records = sample(load_records(getattr(args, part)), args.limit, args.seed)
        part_started = time.perf_counter()

        def progress(done: int, total: int, part: str = part, part_started: float = part_started) -> None:
            if done % 10 == 0 or done == total:
                elapsed = time.perf_counter() - part_started
                print(f"  {part}: {done}/{total} summaries, {elapsed:.0f} s", file=sys.stderr, flush=True)

        rows[part] = run_part(records, nli, settings, baseline_threshold, progress)
    cuts = None
    if TUNE_PART in rows:
        tune_labels = [row["inconsistent"] for row in rows[TUNE_PART]]
        cuts = {
            system: best_threshold(tune_labels, [row[system]["score"] for row in rows[TUNE_PART]])
            for system in SYSTEMS
        }
    summaries = {part: summarize(part_rows, cuts) for part, part_rows in rows.items()}
    seconds = round(time.perf_counter() - started, 1)
    print(table(summaries))
    print(f"\n{seconds} s in all")
    record = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": dict(cpus=os.cpu_count(), platform=platform.platform(), python=platform.python_version()),
        "code": code_version(),
        "model": args.model or DEFAULT_MODEL,
        "threshold": settings.threshold,
        "baseline_threshold": baseline_threshold,
        "split": args.split,
        "tune_part": TUNE_PART,
        "held_out": list(HELD_OUT),
        "limit": args.limit,
        "seed": args.seed if args.limit else None,
        "label_rule": "a sentence is unsupported when more than half of its annotators answered no; "
        "a summary is inconsistent when any sentence is unsupported",
        "seconds": seconds,
        "parts": summaries,
        "summaries": rows,
    }
    default = "qags-tune.json" if args.split == "tune" else "qags.json"
    out = args.out or HERE / "results" / default
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
