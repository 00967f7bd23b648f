"""Stories checked a chunk at a time: one model call for all their first questions, each as ``check`` alone."""

from __future__ import annotations

import pytest

from crosscheck import batch, check
from crosscheck.batch import _chunks
from crosscheck.batch._chunks import chunks, pending_chunks
from crosscheck.batch._story import StoryTask
from crosscheck.batch._worker import check_chunk
from crosscheck.config import Settings
from crosscheck.ingest import ingest
from crosscheck.judge import nli_questions
from crosscheck.pipeline import align_claims, prepare
from crosscheck.report import render
from tests.batch._fakes import BrokenOnQuillfin, CachedNotNLI, NotNLI, Recording
from tests.batch.conftest import ROOT, STORIES, tree

SETTINGS = Settings(cache=False)


@pytest.fixture
def recorded():
    Recording.calls.clear()
    yield Recording.calls
    Recording.calls.clear()


def _tasks() -> list[StoryTask]:
    tasks = []
    for name in STORIES:
        articles = ingest([ROOT / "fixtures" / "eval" / "dev" / name]).articles
        tasks.append(StoryTask(name, name, tuple(articles), ("json", "markdown")))
    return tasks


def _alone(task: StoryTask) -> dict[str, str]:
    report = check(list(task.articles), SETTINGS, nli=NotNLI())
    report.stats.pop("timings")
    return {fmt: render(report, fmt, color=False) for fmt in task.formats}


def test_a_chunk_asks_the_model_once_and_each_story_is_judged_as_check_alone(recorded):
    tasks = _tasks()
    outcomes = check_chunk(tasks, SETTINGS, Recording())
    asked = []
    for task in tasks:
        aligned = align_claims(prepare(list(task.articles), SETTINGS, collapse_copies=True))
        asked.append(nli_questions(aligned.prepared.claims, aligned.pairs))
    assert all(asked) and recorded[0] == list(dict.fromkeys(q for story in asked for q in story))
    assert not any(set(later) & set(recorded[0]) for later in recorded[1:])  # the rest per story
    for task, outcome in zip(tasks, outcomes, strict=True):
        assert outcome.error is None and outcome.id == task.id
        assert outcome.reports == _alone(task)


def test_a_story_that_breaks_the_shared_call_fails_alone(monkeypatch):
    monkeypatch.setenv("CROSSCHECK_TEST_BREAK", "1")
    tasks = _tasks()
    outcomes = check_chunk(tasks, SETTINGS, BrokenOnQuillfin())
    by_id = {outcome.id: outcome for outcome in outcomes}
    assert "model exploded on purpose" in str(by_id["court-quillfin"].error)
    for task in tasks:
        if task.id != "court-quillfin":
            assert by_id[task.id].error is None and by_id[task.id].reports == _alone(task)


def test_chunks_are_consecutive_and_capped_in_stories_and_articles(monkeypatch):
    monkeypatch.setattr(_chunks, "CHUNK_STORIES", 3)
    monkeypatch.setattr(_chunks, "CHUNK_ARTICLES", 10)
    sizes = [("a", 2), ("b", 2), ("c", 2), ("d", 2), ("e", 9), ("f", 12), ("g", 1)]
    planned = chunks(sizes)
    assert planned == [["a", "b", "c"], ["d"], ["e"], ["f"], ["g"]]
    assert pending_chunks(planned, {"b", "c", "f"}) == [["b", "c"], ["f"]]


def test_the_batch_makes_one_first_call_per_chunk_and_the_same_bytes_whatever_the_chunks(
    feed, tmp_path, monkeypatch, recorded
):
    path, _ = feed
    batch([path], tmp_path / "together", SETTINGS, workers=1, nli_factory=Recording)
    together = len(recorded)  # the feed's three stories are one chunk: one first call
    recorded.clear()
    monkeypatch.setattr(_chunks, "CHUNK_STORIES", 1)
    batch([path], tmp_path / "alone", SETTINGS, workers=1, nli_factory=Recording)
    assert len(recorded) == together + 2  # three first calls; the questions after them the same
    monkeypatch.setattr(_chunks, "CHUNK_STORIES", 2)
    batch([path], tmp_path / "pairs", SETTINGS, workers=2, nli_factory=Recording)
    assert tree(tmp_path / "together") == tree(tmp_path / "alone") == tree(tmp_path / "pairs")


def test_with_the_result_cache_on_a_rerun_scores_nothing_and_writes_the_same(feed, tmp_path):
    path, _ = feed
    cached = Settings(cache=True)
    CachedNotNLI.scored.clear()
    batch([path], tmp_path / "first", cached, workers=1, nli_factory=CachedNotNLI)
    assert sum(CachedNotNLI.scored) > 0
    CachedNotNLI.scored.clear()
    batch([path], tmp_path / "again", cached, workers=1, nli_factory=CachedNotNLI)
    assert CachedNotNLI.scored == []
    assert tree(tmp_path / "first") == tree(tmp_path / "again")
