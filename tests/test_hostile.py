"""Issue 7: hostile inputs mixed with good ones, determinism, and no network."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import check
from crosscheck.cli import app
from crosscheck.report import render
from tests.conftest import FakeNLI
from tests.test_cli import STORY_A, STORY_B, bridge_model


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.md").write_text(STORY_A, encoding="utf-8")
    (folder / "b.md").write_text(STORY_B, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (folder / "records.jsonl").write_text('{"text": "fine"\nnot json\n', encoding="utf-8")
    (folder / "chrome.html").write_text("<html><body><nav>Home | News</nav></body></html>", encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 400_000, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "Le ministre a visité Genève le mardi. Il a rencontré café.".encode("cp1252")
    )
    return folder


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeNLI:
    fake = bridge_model()
    monkeypatch.setattr("crosscheck.nli.load_model", lambda *args, **kwargs: fake)
    return fake


def test_good_articles_are_checked_and_every_bad_one_is_named(hostile):
    result = CliRunner().invoke(app, ["check", str(hostile), "--format", "json", "--max-bytes", "1000000"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    checked = {a["id"] for a in report["articles"]}
    assert {"a", "b"} <= checked
    skipped = {Path(s["path"]).name.split("#")[0]: s["problem"] for s in report["skipped"]}
    for name in (
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "broken.json",
        "records.jsonl",
        "chrome.html",
        "huge.txt",
    ):
        assert name in skipped, f"{name} was not reported as skipped"
        assert "\n" not in skipped[name]
    assert "Traceback" not in result.stderr
    for name in skipped:
        assert name in result.stderr
    assert any("latin1.txt" in warning for warning in report["stats"]["warnings"])
    assert [f for f in report["findings"] if f["kind"] == "date"]


def test_nothing_readable_exits_2_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "empty.txt"), str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "empty.txt" in lines[0] and "missing.md" in lines[0]


def _json_without_timings(paths) -> str:  # type: ignore[no-untyped-def]
    report = json.loads(render(check(paths, nli=bridge_model()), "json"))
    report["stats"].pop("timings", None)
    return json.dumps(report, sort_keys=False)


def test_same_json_on_every_run_and_in_any_argument_order(hostile):
    good = [str(hostile / "a.md"), str(hostile / "b.md"), str(hostile / "latin1.txt")]
    first = _json_without_timings(good)
    assert first == _json_without_timings(good)
    assert first == _json_without_timings(list(reversed(good)))


def test_the_pipeline_never_opens_a_network_connection(hostile, monkeypatch):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    report = check([hostile / "a.md", hostile / "b.md"], nli=bridge_model())
    assert report.findings
