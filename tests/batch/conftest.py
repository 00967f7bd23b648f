"""A small feed for batch tests: three fixture stories in one JSON Lines file, with wire copies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from mixture import _copy, _records  # noqa: E402

STORIES = ("business-dairy-deal", "court-quillfin", "space-crew-launch")


def small_feed(path: Path) -> dict[str, str]:
    """Write the feed; return each article's true story."""
    records, truth = [], {}
    for name in STORIES:
        for record in _records(ROOT / "fixtures" / "eval" / "dev" / name):
            records.append(record)
            truth[str(record["id"])] = name
    originals = [records[0], records[4]]
    for number, original in enumerate(originals):
        for index, verbatim in enumerate((True, False)):
            copy = _copy(original, number * 10 + index, f"Outlet {number}{index}", verbatim)
            records.append(copy)
            truth[str(copy["id"])] = truth[str(original["id"])]
    records.sort(key=lambda record: str(record["id"])[::-1])  # mixed up, deterministically
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return truth


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    monkeypatch.setenv("CROSSCHECK_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "feed.jsonl"
    return path, small_feed(path)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
