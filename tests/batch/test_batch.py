"""crosscheck batch: grouping, per-story results equal to check, resuming, failures, identical output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import batch, check
from crosscheck.batch import BatchHooks
from crosscheck.cli import app
from crosscheck.config import Settings
from crosscheck.errors import WorkerLost
from crosscheck.report import to_dict
from tests.batch._fakes import BrokenOnQuillfin, DiesOnce, NotNLI
from tests.batch.conftest import ROOT, tree

SETTINGS = Settings(cache=False)


def _stories(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "stories.jsonl").read_text("utf-8").splitlines()]


def test_each_story_is_found_checked_like_check_and_written(feed, tmp_path):
    path, truth = feed
    out = tmp_path / "out"
    result = batch([path], out, SETTINGS, workers=1, nli_factory=NotNLI)
    stories = _stories(out)
    assert len(stories) == 3 and result.articles == len(truth) and result.copies == 4
    for story in stories:
        members = story["articles"] + story["copies"]
        assert len({truth[m] for m in members}) == 1  # one true story each
        assert story["status"] == "done"
        assert story["reports"] == {
            "html": f"stories/{story['id']}.html",
            "json": f"stories/{story['id']}.json",
        }
        report = json.loads((out / story["reports"]["json"]).read_text("utf-8"))
        name = truth[members[0]]
        alone = to_dict(check([ROOT / "fixtures" / "eval" / "dev" / name], SETTINGS, nli=NotNLI()))
        assert sorted(f["kind"] + f["severity"] for f in report["findings"]) == sorted(
            f["kind"] + f["severity"] for f in alone["findings"]
        )
        assert sorted(f["explanation"] for f in report["findings"]) == sorted(
            f["explanation"] for f in alone["findings"]
        )
        assert story["findings"]["findings"] == len(alone["findings"])
    copied = [s for s in stories if s["copies"]]
    assert len(copied) == 2 and all(len(s["copies"]) == 2 and s["syndicated"] for s in copied)
    index = (out / "index.md").read_text("utf-8")
    ranked = [s["id"] for s in result.ranked]
    assert [index.index(story_id) for story_id in ranked] == sorted(index.index(i) for i in ranked)
    assert 'href="stories/' in (out / "index.html").read_text("utf-8")


def test_rerun_skips_finished_stories_and_changes_nothing(feed, tmp_path):
    path, _ = feed
    out = tmp_path / "out"
    batch([path], out, SETTINGS, workers=1, nli_factory=NotNLI)
    first = tree(out)
    again = batch([path], out, SETTINGS, workers=1, nli_factory=NotNLI)
    assert again.resumed == 3 and again.checked == 0
    assert tree(out) == first


def test_a_failing_story_is_recorded_and_the_others_are_done(feed, tmp_path, monkeypatch):
    path, _ = feed
    monkeypatch.setenv("CROSSCHECK_TEST_BREAK", "1")
    out = tmp_path / "out"
    done = []
    result = batch(
        [path], out, SETTINGS, workers=1, nli_factory=BrokenOnQuillfin, hooks=BatchHooks(on_story=done.append)
    )
    statuses = sorted(story["status"] for story in _stories(out))
    assert statuses == ["done", "done", "error"] and result.failed == 1 and len(done) == 3
    failed = next(s for s in _stories(out) if s["status"] == "error")
    assert "model exploded on purpose" in failed["error"]
    assert "failed" in (out / "index.md").read_text("utf-8")
    # fixed: the rerun checks only the failed story
    monkeypatch.delenv("CROSSCHECK_TEST_BREAK")
    rerun = batch([path], out, SETTINGS, workers=1, nli_factory=BrokenOnQuillfin)
    assert rerun.resumed == 2 and rerun.checked == 1 and rerun.failed == 0


def test_two_worker_processes_write_the_same_bytes_as_one(feed, tmp_path):
    path, _ = feed
    batch([path], tmp_path / "one", SETTINGS, workers=1, nli_factory=NotNLI)
    batch([path], tmp_path / "two", SETTINGS, workers=2, nli_factory=NotNLI)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_a_worker_killed_mid_story_is_finished_by_the_rerun(feed, tmp_path, monkeypatch):
    path, _ = feed
    marker = tmp_path / "die"
    monkeypatch.setenv("CROSSCHECK_TEST_DIE", str(marker))
    batch([path], tmp_path / "clean", SETTINGS, workers=1, nli_factory=DiesOnce)  # no marker: no death
    marker.write_text("")
    out = tmp_path / "out"
    with pytest.raises(WorkerLost):
        batch([path], out, SETTINGS, workers=2, nli_factory=DiesOnce)
    assert not marker.exists()
    finished = batch([path], out, SETTINGS, workers=2, nli_factory=DiesOnce)
    assert finished.failed == 0 and finished.checked >= 1
    assert tree(out) == tree(tmp_path / "clean")


def test_given_stories_replace_the_grouping(feed, tmp_path):
    path, truth = feed
    ids = sorted(truth)
    grouping = tmp_path / "stories.json"
    grouping.write_text(json.dumps({"all": ids[:3], "rest": ids[3:]}), "utf-8")
    batch([path], tmp_path / "out", SETTINGS, workers=1, nli_factory=NotNLI, stories=grouping)
    stories = _stories(tmp_path / "out")
    assert sorted(sorted(s["articles"] + s["copies"]) for s in stories) == sorted([ids[:3], ids[3:]])


def test_the_command_writes_the_folder_and_a_summary(feed, tmp_path, monkeypatch):
    import crosscheck.pipeline

    path, _ = feed
    monkeypatch.setattr(crosscheck.pipeline, "configured_model", lambda settings: NotNLI())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["batch", str(path), "--out", str(out), "--workers", "1", "--format", "markdown", "--no-cache", "-q"],
    )
    assert result.exit_code == 0, result.output
    assert "3 stories (3 checked, 0 already done, 0 failed)" in result.output
    assert all(s["reports"].keys() == {"markdown"} for s in _stories(out))
    bad = CliRunner().invoke(app, ["batch", str(path), "--out", str(out), "--format", "pdf"])
    assert bad.exit_code == 2 and "--format takes" in bad.output
