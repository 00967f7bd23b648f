"""Run crosscheck and the naive baseline over gold-labelled folders, with one model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.config import Settings
from crosscheck.errors import UsageError
from crosscheck.evaluate._baseline import baseline_findings
from crosscheck.evaluate._gold import gold_file, load_gold
from crosscheck.evaluate._pairs import PAIRS_NAME, BinaryCounts, Pair, PairVerdict, load_pairs, pair_counts
from crosscheck.evaluate._score import Counts, Outcome, score_findings, tally
from crosscheck.models import SkippedInput
from crosscheck.nli.base import NLIModel

SYSTEMS = ("crosscheck", "baseline")
#: Folder names that mark an evaluation split: rules are tuned on dev, measured on test.
SPLITS = ("dev", "test")


@dataclass
class ClusterResult:
    """Both systems on one story cluster."""

    name: str
    path: str
    articles: list[str]
    crosscheck: Outcome
    baseline: Outcome
    skipped: list[SkippedInput] = field(default_factory=list)
    split: str = "unsplit"


@dataclass
class Evaluation:
    """Everything the renderers show: per-cluster outcomes and per-pair verdicts for both systems."""

    model: str
    threshold: float
    baseline_threshold: float
    clusters: list[ClusterResult]
    pairs: list[PairVerdict]

    def counts(self, system: str) -> dict[str, Counts]:
        """TP/FP/FN per kind and ``"overall"`` over every cluster."""
        return tally(getattr(cluster, system) for cluster in self.clusters)

    def pair_counts(self, system: str) -> BinaryCounts:
        return pair_counts(self.pairs, system)

    def splits(self) -> list[str]:
        """The splits the clusters come from, dev and test first."""
        found = {cluster.split for cluster in self.clusters}
        return [s for s in SPLITS if s in found] + sorted(found - set(SPLITS))

    def split_counts(self, system: str, split: str) -> Counts:
        return tally(getattr(c, system) for c in self.clusters if c.split == split)["overall"]

    def trap_violations(self, system: str) -> list[tuple[str, str, str]]:
        """(cluster, trap id, reported severity) for every finding that broke a trap."""
        return [
            (cluster.name, alarm.trap.id, alarm.finding.severity)
            for cluster in self.clusters
            for alarm in getattr(cluster, system).false_alarms
            if alarm.trap is not None
        ]


def find_inputs(folders: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Gold files (one per story cluster folder) and pairs.jsonl files, searched recursively."""
    clusters: dict[Path, Path] = {}
    pair_files: dict[Path, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            raise UsageError("not a folder", path=str(folder))
        for candidate in sorted([folder, *(p for p in folder.rglob("*") if p.is_dir())]):
            if (gold := gold_file(candidate)) is not None:
                clusters.setdefault(gold.resolve(), gold)
        for path in sorted(folder.rglob(PAIRS_NAME)):
            pair_files.setdefault(path.resolve(), path)
    return list(clusters.values()), list(pair_files.values())


def evaluate(
    folders: Sequence[Path],
    settings: Settings,
    *,
    nli: NLIModel | None = None,
    baseline_threshold: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> Evaluation:
    """Score crosscheck and the naive baseline against the gold under ``folders``.

    The model is loaded once and shared by both systems, so the comparison is
    on the same data with the same model; ``baseline_threshold`` defaults to
    ``settings.threshold``. ``progress`` is told the name of each cluster or
    pairs file as it starts.
    """
    from crosscheck.pipeline import configured_model

    threshold = settings.threshold if baseline_threshold is None else baseline_threshold
    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"the baseline threshold must be between 0 and 1, not {threshold}")
    clusters, pair_files = find_inputs(folders)
    if not clusters and not pair_files:
        shown = ", ".join(str(folder) for folder in folders)
        raise UsageError(f"no gold.json, expected.json or {PAIRS_NAME} under {shown}")
    model = nli or configured_model(settings)
    results = []
    for gold in clusters:
        if progress is not None:
            progress(str(gold.parent))
        results.append(_cluster(gold, settings, model, threshold))
    verdicts = []
    for path in pair_files:
        if progress is not None:
            progress(str(path))
        verdicts += [_pair(pair, path, settings, model, threshold) for pair in load_pairs(path)]
    return Evaluation(model.name, settings.threshold, threshold, results, verdicts)


def _cluster(path: Path, settings: Settings, model: NLIModel, threshold: float) -> ClusterResult:
    from crosscheck.ingest import ingest
    from crosscheck.pipeline import check, prepare

    folder, gold = path.parent, load_gold(path)
    read = ingest([folder], max_bytes=settings.max_bytes)
    articles = read.articles
    report = check(articles, settings, nli=model)
    baseline = baseline_findings(prepare(articles, settings).claims, model, threshold)
    return ClusterResult(
        split=next((part for part in reversed(folder.parts[:-1]) if part in SPLITS), "unsplit"),
        name=folder.name,
        path=str(folder),
        articles=[article.id for article in articles],
        crosscheck=score_findings(report.findings, gold),
        baseline=score_findings(baseline, gold),
        skipped=list(read.skipped),
    )


def _pair(pair: Pair, path: Path, settings: Settings, model: NLIModel, threshold: float) -> PairVerdict:
    from crosscheck.pipeline import check, prepare

    articles = pair.articles(path)
    report = check(articles, settings, nli=model)
    baseline = baseline_findings(prepare(articles, settings).claims, model, threshold)
    return PairVerdict(pair, tuple(report.findings), tuple(baseline))
