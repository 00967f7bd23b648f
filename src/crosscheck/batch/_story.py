"""One story's check: what a worker does, the same in process, in a pool process or a Ray actor.

A task carries the story's articles (texts included) and settings; the worker runs
the pipeline's public ``check`` on them with its one model, renders the reports and
hands back text. Workers write nothing: the driver writes every file, so the output
does not depend on which worker ran which story.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from crosscheck.config import Settings
from crosscheck.models import SEVERITY_ORDER, Article, Report
from crosscheck.nli.base import NLIModel

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


def check_story(task: StoryTask, settings: Settings, nli: NLIModel | None) -> StoryOutcome:
    """Check one story; any failure becomes the outcome's ``error``, never an exception."""
    from crosscheck.pipeline import check
    from crosscheck.report import render

    try:
        report = check(list(task.articles), settings, nli=nli)
        report.stats.pop("timings", None)  # the only part that differs between runs
        reports = {fmt: render(report, fmt, color=False) for fmt in task.formats}
        return StoryOutcome(task.id, task.key, summarize(report), reports)
    except Exception as error:  # a story's crash is recorded, the batch goes on
        line = f"{type(error).__name__}: {error}".strip().splitlines()[0]
        detail = traceback.format_exc(limit=-3)
        return StoryOutcome(task.id, task.key, {}, error=f"{line}\n{detail}" if detail else line)


class Worker:
    """Holds one model for every story it checks (weights load on its first uncached pair)."""

    def __init__(self, settings: Settings, nli_factory: Callable[[], NLIModel] | None = None) -> None:
        from crosscheck.pipeline import configured_model

        self.settings = settings
        self.nli = nli_factory() if nli_factory is not None else configured_model(settings)

    def __call__(self, task: StoryTask) -> StoryOutcome:
        return check_story(task, self.settings, self.nli)


_WORKER: Worker | None = None


def init_process(settings: Settings, nli_factory: Callable[[], NLIModel] | None) -> None:
    """Pool initializer: one model per worker process."""
    global _WORKER
    _WORKER = Worker(settings, nli_factory)


def run_in_process(task: StoryTask) -> StoryOutcome:
    assert _WORKER is not None, "init_process was not called"
    return _WORKER(task)
