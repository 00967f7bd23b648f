"""Scores already computed, on disk, so a rerun scores nothing twice.

Keyed by the model's identity (name, weights digest, max length) and the exact
premise and hypothesis text. SQLite in WAL mode lets two processes share it;
a damaged file is moved aside and rebuilt (``crosscheck._cachedb``).
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from crosscheck._cachedb import CacheFile

SCHEMA = "CREATE TABLE IF NOT EXISTS scores (model TEXT, pair TEXT, probs TEXT, PRIMARY KEY (model, pair))"


def pair_key(premise: str, hypothesis: str) -> str:
    return hashlib.sha256(f"{len(premise)}:{premise}\x00{hypothesis}".encode()).hexdigest()


class ResultCache:
    """Per-model table of label probabilities; a damaged file is rebuilt, other failures mean no caching.

    Scores that are not finite numbers (damaged weights) are neither stored nor returned.
    """

    def __init__(self, path: Path, model_identity: str) -> None:
        self.path = path
        self.model = model_identity
        self._file = CacheFile(path, SCHEMA, what="result")

    def get(self, keys: Sequence[str]) -> dict[str, dict[str, float]]:
        db = self._file.db
        if db is None or not keys:
            return {}
        found: dict[str, dict[str, float]] = {}
        unique = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT pair, probs FROM scores WHERE model = ? AND pair IN ({marks})",
                    [self.model, *chunk],
                )
                for pair, probs in rows:
                    scores = _scores(probs)
                    if scores is not None:
                        found[pair] = scores
        except sqlite3.Error as error:
            self._file.failed(error)
            return {}
        return found

    def put(self, items: Iterable[tuple[str, dict[str, float]]]) -> None:
        db = self._file.db
        if db is None:
            return
        rows = [(self.model, key, json.dumps(probs)) for key, probs in items if _finite(probs)]
        try:
            db.executemany("INSERT OR REPLACE INTO scores VALUES (?, ?, ?)", rows)
            db.commit()
        except sqlite3.Error as error:
            self._file.failed(error)


def _finite(probs: dict[str, float]) -> bool:
    return all(isinstance(value, (int, float)) and math.isfinite(value) for value in probs.values())


def _scores(stored: object) -> dict[str, float] | None:
    """A stored row's probabilities, or None when the row is not what ``put`` writes."""
    try:
        probs = json.loads(stored)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not isinstance(probs, dict) or not probs or not _finite(probs):
        return None
    return {str(label): float(value) for label, value in probs.items()}
