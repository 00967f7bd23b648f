"""Damaged cache files (results and facts) are moved aside and rebuilt with one warning."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from crosscheck import _cachedb
from crosscheck.extract.cache import FactsCache
from crosscheck.nli._result_cache import ResultCache


@pytest.fixture(autouse=True)
def _fresh_warnings():
    _cachedb._warned.clear()
    yield
    _cachedb._warned.clear()


def _garbage(path: Path, *, wal: bool = False) -> None:
    path.write_bytes(os.urandom(64 * 1024))
    if wal:
        path.with_name(path.name + "-wal").write_bytes(os.urandom(8 * 1024))


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize("wal", [False, True])
def test_garbage_result_cache_is_rebuilt_once(tmp_path, caplog, wal):
    path = tmp_path / "results.sqlite"
    _garbage(path, wal=wal)
    with caplog.at_level(logging.WARNING, logger="crosscheck"):
        cache = ResultCache(path, "model")
        cache.put([("k", {"contradiction": 0.9, "neutral": 0.1})])
        assert cache.get(["k"]) == {"k": {"contradiction": 0.9, "neutral": 0.1}}
        again = ResultCache(path, "model")  # the second run finds a healthy file
        assert again.get(["k"]) == {"k": {"contradiction": 0.9, "neutral": 0.1}}
    assert len(_warnings(caplog)) == 1
    assert "moved it to" in _warnings(caplog)[0]
    assert (tmp_path / "results.sqlite.damaged").is_file()
    assert not (tmp_path / "results.sqlite-wal").exists() or sqlite3.connect(path).execute(
        "PRAGMA quick_check"
    ).fetchone() == ("ok",)


def test_garbage_facts_cache_is_rebuilt(tmp_path, caplog):
    from crosscheck.models import Article, Claim, Facts, Sentence

    path = tmp_path / "facts.sqlite"
    _garbage(path, wal=True)
    article = Article("a", "a.txt", "One sentence here.", ((0, 18),))
    sentences = [Sentence(article, 0, 0, 18)]
    with caplog.at_level(logging.WARNING, logger="crosscheck"):
        cache = FactsCache(path)
        assert cache.get(article, sentences) is None
        cache.put(article, [Claim(sentences[0], Facts(predicate="be"))])
        found = FactsCache(path).get(article, sentences)
    assert found is not None and found[0].facts.predicate == "be"
    assert len(_warnings(caplog)) == 1
    assert (tmp_path / "facts.sqlite.damaged").is_file()


def test_non_finite_scores_are_neither_stored_nor_returned(tmp_path):
    path = tmp_path / "results.sqlite"
    cache = ResultCache(path, "model")
    cache.put([("nan", {"contradiction": float("nan")}), ("ok", {"contradiction": 0.5})])
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO scores VALUES ('model', 'inf', '{\"contradiction\": Infinity}')")
        db.execute("INSERT INTO scores VALUES ('model', 'junk', '[1, 2]')")
    assert cache.get(["nan", "ok", "inf", "junk"]) == {"ok": {"contradiction": 0.5}}


def test_damage_found_mid_run_turns_the_cache_off_and_sets_the_file_aside(tmp_path, caplog):
    path = tmp_path / "results.sqlite"
    cache = ResultCache(path, "model")
    cache.put([("k", {"contradiction": 0.5})])
    with caplog.at_level(logging.WARNING, logger="crosscheck"):
        cache._file.failed(sqlite3.DatabaseError("database disk image is malformed"))
        assert cache.get(["k"]) == {}
        cache.put([("k2", {"contradiction": 0.5})])  # no error, no second warning
    assert len(_warnings(caplog)) == 1
    assert (tmp_path / "results.sqlite.damaged").is_file() and not path.exists()


def test_a_locked_or_unwritable_cache_is_not_moved_aside(tmp_path, caplog):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    with caplog.at_level(logging.WARNING, logger="crosscheck"):
        cache = ResultCache(blocked / "results.sqlite", "model")
        assert cache.get(["k"]) == {}
        cache.put([("k", {"contradiction": 0.5})])
    assert len(_warnings(caplog)) == 1 and "unusable" in _warnings(caplog)[0]
    assert blocked.read_text() == "x"


def _open_and_write(path: str, number: int) -> int:
    cache = ResultCache(Path(path), "model")
    cache.put([(f"k{number}", {"contradiction": 0.5})])
    return len(cache.get([f"k{number}"]))


def test_concurrent_runs_recover_one_damaged_file_once(tmp_path):
    path = tmp_path / "results.sqlite"
    _garbage(path, wal=True)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        found = pool.starmap(_open_and_write, [(str(path), n) for n in range(8)])
    assert found == [1] * 8
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM scores").fetchone() == (8,)
    assert sorted(p.name for p in tmp_path.iterdir() if ".damaged" in p.name)[0] == "results.sqlite.damaged"
