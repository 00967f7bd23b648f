"""One story's check in a worker, in two steps (aligned, then judged) so a chunk of stories can
score its NLI questions together in between (``_worker``).

A task carries the story's articles (texts included); the steps are the pipeline's
``check`` (``prepare`` and ``align_claims``, then ``judge_claims``), the reports are rendered and
handed back as text. Workers write nothing: the driver writes every file, so the
output does not depend on which worker ran which story.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosscheck.config import Settings
from crosscheck.models import SEVERITY_ORDER, Article, Report
from crosscheck.nli.base import NLIModel

if TYPE_CHECKING:
    from crosscheck.pipeline import Aligned

#: Report formats a batch can write per story, and their file extensions.
EXTENSIONS = {"json": "json", "html": "html", "markdown": "md", "sarif": "sarif"}


@dataclass(frozen=True)
class StoryTask:
    id: str
    key: str
    articles: tuple[Article, ...]
    formats: tuple[str, ...]


@dataclass
class StoryOutcome:
    """What came back: the story's summary (for stories.jsonl) and its rendered reports."""

    id: str
    key: str
    summary: dict[str, object]
    reports: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def summarize(report: Report) -> dict[str, object]:
    """Counts by severity and kind, the most severe finding first: what the index ranks by."""
    counts = {"findings": len(report.findings), "high": 0, "medium": 0, "low": 0}
    kinds: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.severity] += 1
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    worst = sorted(report.findings, key=lambda f: (-SEVERITY_ORDER[f.severity], -f.score, f.id))
    return {
        **counts,
        "kinds": dict(sorted(kinds.items())),
        "top": worst[0].explanation if worst else None,
        "top_severity": worst[0].severity if worst else None,
        "corroborations": len(report.corroborations),
        "syndicated": [
            {
                "article": item.article.id,
                "copies": [copy.id for copy in item.copies],
                "outlets": list(item.outlets),
            }
            for item in report.syndicated
        ],
    }


def aligned_story(task: StoryTask, settings: Settings) -> Aligned | StoryOutcome:
    """The story read, extracted and aligned, as ``check`` does (copies collapsed); a failure
    becomes its outcome."""
    from crosscheck.pipeline import align_claims, prepare

    try:
        return align_claims(prepare(list(task.articles), settings, collapse_copies=True))
    except Exception as error:  # a story's crash is recorded, the batch goes on
        return failed(task, error)


def judged_story(task: StoryTask, aligned: Aligned, settings: Settings, nli: NLIModel) -> StoryOutcome:
    """The aligned story judged and its reports rendered; a failure becomes the outcome's ``error``."""
    from crosscheck.pipeline import Hooks, judge_claims
    from crosscheck.report import render

    try:
        prepared = aligned.prepared
        report = judge_claims(prepared, prepared.claims, aligned.pairs, settings, Hooks(), nli)
        report.stats.pop("timings", None)  # the only part that differs between runs
        reports = {fmt: render(report, fmt, color=False) for fmt in task.formats}
        return StoryOutcome(task.id, task.key, summarize(report), reports)
    except Exception as error:  # a story's crash is recorded, the batch goes on
        return failed(task, error)


def failed(task: StoryTask, error: Exception) -> StoryOutcome:
    """The outcome of a story that raised: the error's line and the last frames of its traceback."""
    line = f"{type(error).__name__}: {error}".strip().splitlines()[0]
    detail = traceback.format_exc(limit=-3)
    return StoryOutcome(task.id, task.key, {}, error=f"{line}\n{detail}" if detail else line)
