"""Options that used to mislead: sources after one --source, one-line usage errors, the config's
model name, --meta and --max-article-chars reaching the check, prepare --verify, log lines."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from crosscheck.cli import _library_log, app, sources_after_source
from crosscheck.models import Report

TAKES_VALUE = frozenset({"--source", "-s", "--format", "-f", "--output", "-o"})


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("D.md --source a.md b.md", "D.md --source a.md --source b.md"),
        ("D.md -s a.md b.md -f json c.md", "D.md -s a.md --source b.md -f json c.md"),
        ("--source a.md d1.md d2.md", "--source a.md d1.md d2.md"),  # the pre-commit hook's order
        ("--format json --source a.md b.md", "--format json --source a.md b.md"),
        ("- --source=a.md b.md -- c.md", "- --source=a.md --source b.md -- c.md"),
    ],
)
def test_paths_after_one_source_are_sources_when_the_draft_comes_first(args, expected):
    assert sources_after_source(args.split(), TAKES_VALUE) == expected.split()


@pytest.fixture
def captured(monkeypatch):
    """The API calls the CLI makes, with a report that has nothing in it."""
    calls: dict[str, object] = {}

    def fake_draft(drafts, sources, settings, **kwargs):
        calls.update(drafts=list(drafts), sources=list(sources), settings=settings)
        return Report(articles=[], findings=[])

    def fake_check(paths, settings, **kwargs):
        calls.update(paths=list(paths), settings=settings)
        return Report(articles=[], findings=[])

    import importlib

    monkeypatch.setattr(importlib.import_module("crosscheck.draft"), "draft", fake_draft)
    monkeypatch.setattr(importlib.import_module("crosscheck.pipeline"), "check", fake_check)
    return calls


def test_draft_with_several_paths_after_source_checks_one_draft(captured, tmp_path):
    result = CliRunner().invoke(app, ["draft", "D.md", "--source", "a.md", "b.md", "-q"])
    assert result.exit_code == 0, result.output
    assert captured["drafts"] == ["D.md"] and captured["sources"] == ["a.md", "b.md"]


def test_meta_and_max_article_chars_reach_the_settings(captured, tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("path,outlet\na.txt,Wire\n")
    result = CliRunner().invoke(
        app, ["check", "a.txt", "b.txt", "--meta", str(meta), "--max-article-chars", "5000", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert captured["settings"].meta == str(meta) and captured["settings"].max_article_chars == 5000


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True, timeout=120
    )


def test_usage_errors_are_one_line_with_exit_code_2():
    for args in (("check", "--bogus", "x"), ("check",), ("check", "--threshold", "abc", "a", "b")):
        result = _cli(*args)
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("crosscheck: error: E002 "), result.stderr
        assert "crosscheck check --help" in lines[0]


def test_check_help_names_its_argument_path():
    result = _cli("check", "--help")
    assert "PATH" in result.stdout and "{paths}" not in result.stdout and "paths..." not in result.stdout


def test_config_names_the_default_model_and_the_new_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["config"]).stdout
    assert "model       = crosscheck-news-nli  [default]" in out
    assert "max-article-chars = 100000  [default]" in out and "meta        = (none)  [default]" in out


def test_unknown_config_keys_are_all_named_with_their_spelling(tmp_path):
    (tmp_path / "crosscheck.toml").write_text("bach-size = 3\nthreshhold = 0.5\n")
    result = CliRunner().invoke(app, ["config", "--config", str(tmp_path / "crosscheck.toml")])
    assert result.exit_code == 2
    assert "unknown settings 'bach-size', 'threshhold'" in result.output
    assert "batch-size" in result.output and "batch_size" not in result.output


def test_prepare_verify_asks_for_a_full_check(monkeypatch, tmp_path):
    asked: list[bool] = []
    monkeypatch.setattr(
        "crosscheck.nli.prepare_model", lambda name, verify=False: asked.append(verify) or tmp_path
    )
    result = CliRunner().invoke(app, ["model", "prepare", "--verify"])
    assert result.exit_code == 0 and asked == [True]
    assert result.stdout.strip() == f"model ready and verified: {tmp_path}"


def test_library_warnings_reach_stderr_once_with_the_prefix(capsys):
    logger = logging.getLogger("crosscheck.cache")
    with _library_log(quiet=False):
        for _ in range(4):
            logger.warning("cache dir /x is not writable; using /tmp/y instead")
        logging.getLogger("crosscheck.nli").info(
            "preparing the model m (once, about 10 s)", extra={"notice": True}
        )
        logging.getLogger("crosscheck.nli").info("a detail nobody needs")
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "crosscheck: warning: cache dir /x is not writable; using /tmp/y instead",
        "crosscheck: preparing the model m (once, about 10 s)",
    ]
    with _library_log(quiet=True):
        logger.warning("hidden")
    assert capsys.readouterr().err == ""


def test_a_long_input_shows_a_bar_while_its_facts_are_extracted(monkeypatch, tmp_path):
    """prepare tells the front end how much it will extract; the CLI shows a bar for long
    inputs only, then the scoring bar replaces it."""
    import crosscheck.cli as cli
    from crosscheck import Settings
    from crosscheck.pipeline import Hooks, prepare

    shown: list[tuple[str, int]] = []
    advanced: list[int] = []

    class Bar:
        def __init__(self, label: str) -> None:
            self.label = label

        def add_task(self, name: str, total: int) -> str:
            shown.append((self.label, total))
            return name

        def advance(self, task: str, done: int) -> None:
            advanced.append(done)

        def stop(self) -> None:
            shown.append(("stopped", 0))

    monkeypatch.setattr(cli, "progress_bar", Bar)
    progress = cli._Progress(enabled=True)
    hooks = Hooks(on_extracting=progress.extracting, on_extracted=progress.advance)
    long_text = "The council met on Monday and approved the budget. " * (cli.LONG_INPUT_CHARS // 50)
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(long_text, encoding="utf-8")
    prepare([str(tmp_path)], Settings(cache=False, max_article_chars=len(long_text) + 1), hooks=hooks)
    assert shown and shown[0][0].startswith("extracting facts (") and shown[0][1] == 2
    assert advanced == [1, 1]
    progress.start(12)
    assert shown[-2:] == [("stopped", 0), ("scoring claim pairs", 12)]

    short = cli._Progress(enabled=True)
    short.extracting(2, cli.LONG_INPUT_CHARS - 1)
    assert short.bar is None
