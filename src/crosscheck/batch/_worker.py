"""What a worker does with a chunk of stories, the same in process, in a pool process or a Ray actor.

Each story is prepared and aligned once; the NLI questions of all of them (what each
story's judge asks first, ``crosscheck.judge.nli_questions``) are scored in one model
call, so small stories fill the model's batches together; then each story is judged
with a ``MemoNLI`` that answers from those scores and asks the model the rest (the
questions that depend on those answers). A story that fails is recorded on
its own outcome and its chunk-mates are still judged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crosscheck.batch._story import StoryOutcome, StoryTask, aligned_story, judged_story
from crosscheck.config import Settings
from crosscheck.nli._memo import MemoNLI
from crosscheck.nli.base import NLIModel
from crosscheck.pipeline import Aligned


def check_chunk(tasks: Sequence[StoryTask], settings: Settings, nli: NLIModel) -> list[StoryOutcome]:
    """Every story of the chunk checked as ``check`` would, with one model call for all their questions."""
    steps = [aligned_story(task, settings) for task in tasks]
    memo = _prefetched(nli, [step for step in steps if isinstance(step, Aligned)])
    return [
        judged_story(task, step, settings, memo) if isinstance(step, Aligned) else step
        for task, step in zip(tasks, steps, strict=True)
    ]


def _prefetched(nli: NLIModel, stories: Sequence[Aligned]) -> MemoNLI:
    """A model that answers every story's first questions, scored in one call; if that call (or
    listing a story's questions) fails, each story asks its own and only the culprit fails."""
    from crosscheck.judge import nli_questions

    try:
        asked = list(
            dict.fromkeys(
                question
                for story in stories
                for question in nli_questions(story.prepared.claims, story.pairs)
            )
        )
        return MemoNLI(nli, dict(zip(asked, nli.predict(asked), strict=True)) if asked else {})
    except Exception:  # the judge of the story at fault raises it again, on its own outcome
        return MemoNLI(nli, {})


class Worker:
    """Holds one model for every chunk it checks (weights load on its first uncached pair)."""

    def __init__(self, settings: Settings, nli_factory: Callable[[], NLIModel] | None = None) -> None:
        from crosscheck.pipeline import configured_model

        self.settings = settings
        self.nli = nli_factory() if nli_factory is not None else configured_model(settings)

    def __call__(self, tasks: Sequence[StoryTask]) -> list[StoryOutcome]:
        return check_chunk(tasks, self.settings, self.nli)


_WORKER: Worker | None = None


def init_process(settings: Settings, nli_factory: Callable[[], NLIModel] | None) -> None:
    """Pool initializer: one model per worker process."""
    global _WORKER
    _WORKER = Worker(settings, nli_factory)


def run_in_process(tasks: Sequence[StoryTask]) -> list[StoryOutcome]:
    assert _WORKER is not None, "init_process was not called"
    return _WORKER(tasks)
