"""The CI recipes in the README run as written: the GitHub Actions command and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from crosscheck.cli import app
from tests.conftest import FakeNLI

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = str(ROOT / "fixtures" / "balloon")
WRONG = str(ROOT / "fixtures" / "drafts" / "wrong-title.md")
FAITHFUL = str(ROOT / "fixtures" / "drafts" / "faithful.md")


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crosscheck.nli.load_model", lambda *args, **kwargs: FakeNLI())


def _yaml_blocks() -> list[object]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", README, re.S)]


def _workflow_command() -> list[str]:
    workflow = next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["crosscheck"]["steps"]  # type: ignore[index]
    runs = [step["run"] for step in steps if "run" in step and step["run"].startswith("crosscheck draft")]
    assert len(runs) == 1
    return shlex.split(runs[0])


def _invoke(args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, args)


def test_workflow_command_fails_a_wrong_draft_with_annotations_and_passes_a_faithful_one():
    command = _workflow_command()
    assert command[:2] == ["crosscheck", "draft"]
    args = [{"drafts/story.md": WRONG, "sources/": SOURCES}.get(arg, arg) for arg in command[1:]]
    failed = _invoke(args)
    assert failed.exit_code == 1, failed.output
    assert failed.stdout.startswith(f"::error file={WRONG}")
    assert "line=7" in failed.stdout.splitlines()[0]
    args = [{"drafts/story.md": FAITHFUL, "sources/": SOURCES}.get(arg, arg) for arg in command[1:]]
    passed = _invoke(args)
    assert passed.exit_code == 0, passed.output


def test_pre_commit_hook_entry_with_the_documented_args_checks_every_staged_file():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = next(b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b)
    [configured] = config["repos"][0]["hooks"]  # type: ignore[index]
    assert configured["id"] == hook["id"]
    entry = shlex.split(hook["entry"])
    assert entry[:2] == ["crosscheck", "draft"]
    args = [SOURCES if arg == "sources/" else arg for arg in configured["args"]]
    result = _invoke([*entry[1:], *args, FAITHFUL, WRONG])  # pre-commit appends the staged files
    assert result.exit_code == 1
    assert "wrong-title.md:7:" in result.stdout
    as_json = _invoke([*entry[1:], *args, "--format", "json", FAITHFUL, WRONG])
    report = json.loads(as_json.stdout)
    assert sorted(report["drafts"]) == ["faithful", "wrong-title"]
    contradictions = [f for f in report["findings"] if f["kind"] != "unsupported"]
    assert contradictions and all(f["claims"][0]["article"] == "wrong-title" for f in contradictions)
    assert re.fullmatch(hook["files"] if "files" in hook else configured["files"], "drafts/story.md")
