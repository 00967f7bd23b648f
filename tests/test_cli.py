"""The command line, run in-process with typer's CliRunner and a fake NLI model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck.cli import app
from tests.conftest import FakeNLI

ROOT = Path(__file__).resolve().parents[1]

STORY_A = """---
outlet: Harbor Daily
published: 2024-04-10
---
Mayor Ana Ruiz opened the new harbor bridge on Tuesday.
The bridge cost $40 million and took three years to build.
"""
STORY_B = """---
outlet: Coast Times
published: 2024-04-10
---
Mayor Ana Ruiz opened the new harbor bridge on Wednesday.
The bridge cost $40 million and took three years to build.
"""


#: The two claims the stories disagree on: a fake model that calls them contradictory (and only
#: them), as the bundled model does, so these tests exercise the command line, not the verdict.
BRIDGE_CLAIMS = {
    "Mayor Ana Ruiz opened the new harbor bridge on Tuesday.",
    "Mayor Ana Ruiz opened the new harbor bridge on Wednesday.",
}


def bridge_model() -> FakeNLI:
    return FakeNLI(lambda premise, hypothesis: {premise, hypothesis} == BRIDGE_CLAIMS)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "b.md").write_text(STORY_B, encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeNLI:
    fake = bridge_model()
    monkeypatch.setattr("crosscheck.nli.load_model", lambda *args, **kwargs: fake)
    monkeypatch.chdir(ROOT / "tests")
    return fake


def run(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    from crosscheck.cli import main

    result = runner.invoke(app, list(args), input=input, catch_exceptions=False, standalone_mode=True)
    del main
    return result


def test_check_reports_the_date_conflict_as_json(runner, story):
    result = run(runner, "check", str(story), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema"] == "crosscheck/report/v1"
    [finding] = [f for f in report["findings"] if f["kind"] == "date"]
    first, second = finding["claims"]
    assert first["text"] == "Mayor Ana Ruiz opened the new harbor bridge on Tuesday."
    assert (first["line"], first["column"]) == (5, 1)
    assert second["path"].endswith("b.md")


def test_fail_on_contradiction_exits_1_and_never_exits_0(runner, story):
    assert run(runner, "check", str(story), "--fail-on", "contradiction", "-f", "json").exit_code == 1
    assert run(runner, "check", str(story), "--fail-on", "never", "-f", "json").exit_code == 0


def test_kinds_filter_and_output_file(runner, story, tmp_path):
    out = tmp_path / "report.md"
    result = run(
        runner, "check", str(story), "--kinds", "number", "--format", "markdown", "--output", str(out)
    )
    assert result.exit_code == 0
    assert "Report written to" in result.stdout
    assert "No contradictions" in result.stdout.splitlines()[-1]
    assert out.read_text(encoding="utf-8").startswith("#")


def test_plain_terminal_report_has_no_color_codes_and_ends_with_the_verdict(runner, story):
    result = run(runner, "check", str(story))
    assert "\x1b[" not in result.stdout
    assert "Tuesday" in result.stdout and "Wednesday" in result.stdout
    assert "1 contradiction" in result.stdout.strip().splitlines()[-1]


def test_missing_path_is_one_line_exit_2(story):
    result = subprocess.run(
        [sys.executable, "-m", "crosscheck", "check", str(story / "nope.md")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nope.md" in result.stderr


def test_single_article_says_nothing_to_compare(story):
    result = subprocess.run(
        [sys.executable, "-m", "crosscheck", "check", str(story / "a.md")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "nothing to compare" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_option_values_exit_2(runner, story):
    assert run(runner, "check", str(story), "--fail-on", "sometimes").exit_code == 2
    assert run(runner, "check", str(story), "--threshold", "3").exit_code == 2
    assert run(runner, "check", str(story), "--format", "pdf").exit_code == 2


def test_date_and_outlet_need_a_single_article(runner, story):
    result = run(runner, "check", str(story), "--date", "2024-04-11")
    assert result.exit_code == 2


def test_stdin_is_an_article(runner, story):
    result = run(runner, "check", "-", str(story / "b.md"), "--format", "json", input=STORY_A)
    assert result.exit_code == 0
    ids = {a["id"] for a in json.loads(result.stdout)["articles"]}
    assert "stdin" in ids


def test_baseline_hides_known_findings(runner, story, tmp_path):
    baseline = tmp_path / "baseline.json"
    first = run(runner, "check", str(story), "--write-baseline", str(baseline), "-f", "json")
    assert first.exit_code == 0 and json.loads(first.stdout)["findings"]
    second = run(
        runner, "check", str(story), "--baseline", str(baseline), "-f", "json", "--fail-on", "contradiction"
    )
    assert second.exit_code == 0
    assert json.loads(second.stdout)["findings"] == []


def test_draft_fails_on_a_wrong_date_and_points_at_the_draft(runner, story, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(STORY_A.replace("Harbor Daily", "Our Draft"), encoding="utf-8")
    result = run(runner, "draft", str(draft), "--source", str(story / "b.md"), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"::error file={draft}") or "draft.md,line=5" in lines[0]
    assert "line=5" in lines[0]


def test_draft_that_agrees_passes(runner, story, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(STORY_B.replace("Coast Times", "Our Draft"), encoding="utf-8")
    result = run(runner, "draft", str(draft), "--source", str(story / "b.md"), "-f", "json")
    assert result.exit_code == 0, result.stdout


def test_config_shows_sources(runner, tmp_path, monkeypatch):
    (tmp_path / "crosscheck.toml").write_text(
        'threshold = 0.7\nkinds = ["date", "title"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run(runner, "config")
    assert result.exit_code == 0
    assert "threshold   = 0.7" in result.stdout and str(tmp_path / "crosscheck.toml") in result.stdout
    assert "fail-on     = never  [default]" in result.stdout


def test_help_does_not_import_torch():
    code = "import sys; from crosscheck.cli import app; import crosscheck; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    result = subprocess.run([sys.executable, "-m", "crosscheck", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "check" in result.stdout


def test_finding_ids_survive_unrelated_edits(runner, story):
    first = json.loads(run(runner, "check", str(story), "-f", "json").stdout)["findings"]
    edited = (
        STORY_B.replace("took three years", "took three long years")
        + "\nA ribbon was cut by schoolchildren.\n"
    )
    (story / "b.md").write_text("Intro line added at the top.\n\n" + edited, encoding="utf-8")
    second = json.loads(run(runner, "check", str(story), "-f", "json").stdout)["findings"]
    date_ids = lambda found: [f["id"] for f in found if f["kind"] == "date"]  # noqa: E731
    assert date_ids(first) and date_ids(first) == date_ids(second)


def test_a_model_folder_that_is_not_a_model_is_one_line_exit_2(story, tmp_path_factory):
    not_a_model = tmp_path_factory.mktemp("not-a-model")
    (not_a_model / "notes.txt").write_text("hello", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "crosscheck", "check", str(story), "--model", str(not_a_model), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert (
        result.stderr.count("\n") == 1 and "not-a-model" in result.stderr and "Traceback" not in result.stderr
    )
