"""Wire the stages together: ingest, segment, extract, align, judge; time each one.

This module owns the order of the stages, the timings and the progress hooks;
each stage stays a plain function of typed data. The heavy libraries (spaCy,
torch, transformers) are imported by the stages that need them, when they run.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from crosscheck.config import Settings
from crosscheck.errors import InputError
from crosscheck.models import Article, Claim, ClaimPair, Report, SkippedInput, Syndicated
from crosscheck.nli.base import NLIModel

Input = str | Path | Article


@dataclass
class Hooks:
    """Callbacks a front end can set to show progress; all optional."""

    on_scoring: Callable[[int], None] | None = None
    on_scored: Callable[[int], None] | None = None
    #: before extraction: how many articles, how many characters in all (a long input is
    #: worth a progress bar); then once per article extracted
    on_extracting: Callable[[int, int], None] | None = None
    on_extracted: Callable[[int], None] | None = None
    on_warning: Callable[[str], None] | None = None
    on_skipped: Callable[[SkippedInput], None] | None = None


@dataclass
class _Timer:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - started, 4)


@dataclass
class Prepared:
    """Articles read and turned into claims: what check and draft share."""

    report: Report
    claims: list[Claim]
    timer: _Timer
    # the configured NLI model, its weights loading in the background since extraction began
    preloaded: NLIModel | None = None


def prepare(
    inputs: Sequence[Input],
    settings: Settings,
    *,
    date: dt.date | None = None,
    outlet: str | None = None,
    stdin: TextIO | None = None,
    hooks: Hooks | None = None,
    collapse_copies: bool = False,
    preload: bool = False,
) -> Prepared:
    """Ingest, segment and extract: every claim of every readable article.

    With ``collapse_copies``, near-identical articles (syndicated wire copy) are one
    source: only one of each group is segmented and compared, the rest are listed
    on the report as the outlets that carried it. With ``preload``, the first article
    the facts cache does not hold starts loading the configured NLI model in the
    background (a run whose facts are all cached likely needs no model at all).
    """
    from crosscheck.extract import extract_claims
    from crosscheck.ingest import ingest
    from crosscheck.segment import SegmentStats, segment

    hooks = hooks or Hooks()
    timer = _Timer()
    with timer.stage("ingest"):
        result = ingest(
            list(inputs),
            date=date,
            outlet=outlet,
            max_bytes=settings.max_bytes,
            stdin=stdin,
            meta=settings.meta,
            max_article_chars=settings.max_article_chars,
        )
    articles = [a for a in result.articles if not _ignored(a.path, settings.ignore)]
    if result.undated:  # time checks cannot run on undated articles: say which ones
        result.warnings.append(result.undated)
    for warning in result.warnings:
        if hooks.on_warning:
            hooks.on_warning(warning)
    if len(articles) < 2:
        raise InputError(_too_few(articles, result.skipped))
    for skipped in result.skipped:
        if hooks.on_skipped:
            hooks.on_skipped(skipped)
    syndicated: list[Syndicated] = []
    if collapse_copies:
        from crosscheck.syndication import collapse

        with timer.stage("syndication"):
            articles, syndicated = collapse(articles)
    segment_stats = SegmentStats()
    facts_cache = _facts_cache() if settings.cache else None
    claims: list[Claim] = []
    sentences: dict[str, int] = {}
    preloaded: NLIModel | None = None
    if hooks.on_extracting:
        hooks.on_extracting(len(articles), sum(len(article.text) for article in articles))
    for article in articles:
        with timer.stage("segment"):
            article_sentences = segment(article, segment_stats)
        with timer.stage("extract"):
            found = facts_cache.get(article, article_sentences) if facts_cache else None
        if found is None and preload and preloaded is None:
            with timer.stage("model_prepare"):  # a first run builds the model here, once
                preloaded = _preloaded(settings)
        with timer.stage("extract"):
            if found is None:
                found = extract_claims(article, article_sentences)
                if facts_cache:
                    facts_cache.put(article, found)
            claims += found
        sentences[article.id] = len(article_sentences)
        if hooks.on_extracted:
            hooks.on_extracted(1)
    report = Report(
        articles=articles,
        findings=[],
        skipped=list(result.skipped),
        sentences=sentences,
        syndicated=syndicated,
        stats={
            "articles": len(articles),
            "skipped": len(result.skipped),
            "sentences": segment_stats.sentences,
            "long_sentences_split": segment_stats.split_long,
            "copies": sum(len(item.copies) for item in syndicated),
            "warnings": list(result.warnings),
        },
    )
    return Prepared(report, claims, timer, preloaded)


def _preloaded(settings: Settings) -> NLIModel:
    """The configured model, its weights loading in a background thread while spaCy parses."""
    model = configured_model(settings)
    start = getattr(model, "preload", None)
    if start is not None:
        start()
    return model


def _facts_cache():  # type: ignore[no-untyped-def]
    from crosscheck.extract.cache import FactsCache
    from crosscheck.nli import cache_dir

    return FactsCache(cache_dir() / "facts.sqlite")


def _ignored(path: str, patterns: Sequence[str]) -> bool:
    return any(
        fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern) for pattern in patterns
    )


def _too_few(articles: list[Article], skipped: Sequence[SkippedInput]) -> str:
    """One line that says why nothing could be checked, naming the inputs at fault."""
    problems = "; ".join(f"{item.path}: {item.problem}" for item in skipped)
    if not articles and not skipped:
        return "no articles found in the inputs"
    if not articles:
        return f"nothing could be checked: {problems}"
    message = f"only one readable article ({articles[0].path}): nothing to compare it with"
    return f"{message}; skipped {problems}" if skipped else message


def judge_claims(
    prepared: Prepared,
    claims: Sequence[Claim],
    pairs: Sequence[ClaimPair],
    settings: Settings,
    hooks: Hooks,
    nli: NLIModel | None = None,
) -> Report:
    """Run the judge over aligned pairs and fill the report."""
    from crosscheck.judge import judge
    from crosscheck.nli._registry import check_model_reference

    if nli is None:
        check_model_reference(settings.model)
    timer, report = prepared.timer, prepared.report
    used: list[NLIModel] = []

    def loader() -> NLIModel:
        model = nli or prepared.preloaded or configured_model(settings)
        used.append(model)
        return model

    with timer.stage("judge"):
        result = judge(
            claims,
            pairs,
            loader,
            threshold=settings.threshold,
            kinds=settings.kinds,
            progress=hooks.on_scored,
            on_scoring=hooks.on_scoring,
        )
    # the weights load inside the judge, on the first pair the result cache does not hold
    # (or in the background since extraction began: then the judge only waited for the rest)
    load_seconds = getattr(used[0], "load_seconds", None) if used else None
    if load_seconds:
        waited = getattr(used[0], "wait_seconds", load_seconds)
        timer.timings["model_load"] = round(load_seconds, 4)
        timer.timings["judge"] = round(timer.timings["judge"] - min(waited, timer.timings["judge"]), 4)
    findings = [f for f in result.findings if not _ignored(f.id, settings.ignore)]
    report.findings = findings
    report.corroborations = result.corroborations
    report.model = {"name": model_label(settings, nli), "threshold": settings.threshold}
    report.stats.update(result.stats)
    report.stats["findings"] = len(findings)
    report.stats["timings"] = dict(timer.timings)
    return report


def configured_model(settings: Settings) -> NLIModel:
    """The NLI model the settings name, loaded lazily (weights on the first uncached pair)."""
    from crosscheck.nli import load_model

    return load_model(
        settings.model,
        device=settings.device,
        batch_size=settings.batch_size,
        use_cache=settings.cache,
        int8=settings.int8,
    )


def model_label(settings: Settings, nli: NLIModel | None) -> str:
    """The model's name as reports show it: the given model's own, else the configured one's."""
    from crosscheck.nli import DEFAULT_MODEL

    if nli is not None:
        return nli.name
    return (settings.model or DEFAULT_MODEL) + (" (int8)" if settings.int8 else "")


def check(
    inputs: Sequence[Input],
    settings: Settings | None = None,
    *,
    nli: NLIModel | None = None,
    date: dt.date | None = None,
    outlet: str | None = None,
    stdin: TextIO | None = None,
    hooks: Hooks | None = None,
) -> Report:
    """Every contradiction between the articles, with corroborations.

    ``nli`` replaces the model named in ``settings`` with any object that has
    the ``NLIModel`` interface (a fake in tests, a model already loaded).
    """
    settings = settings or Settings()
    hooks = hooks or Hooks()
    prepared = prepare(
        inputs,
        settings,
        date=date,
        outlet=outlet,
        stdin=stdin,
        hooks=hooks,
        collapse_copies=True,
        preload=nli is None,
    )
    aligned = align_claims(prepared)
    return judge_claims(prepared, prepared.claims, aligned.pairs, settings, hooks, nli)


@dataclass
class Aligned:
    """``check`` up to the judge: a batch lists several stories' NLI questions from these
    and scores them together before judging each one."""

    prepared: Prepared
    pairs: list[ClaimPair]


def align_claims(prepared: Prepared) -> Aligned:
    """The prepared claims aligned into the pairs the judge compares (timed as ``align``)."""
    from crosscheck.align import align

    with prepared.timer.stage("align"):
        return Aligned(prepared, align(prepared.claims))


def verdict_fails(report: Report, fail_on: str) -> bool:
    """Does the report fail a CI gate set with ``--fail-on``? Wording differences never do."""
    if fail_on == "never":
        return False
    # wording differences (a reworded quote) are not factual conflicts: they never fail a gate
    contradictions = [f for f in report.findings if f.kind != "unsupported" and not f.wording_only]
    if fail_on == "contradiction":
        return bool(contradictions)
    return any(not f.wording_only for f in report.findings)
