"""Scores already computed, on disk, so a rerun scores nothing twice.

Keyed by the model's identity (name, weights digest, max length) and the exact
premise and hypothesis text. SQLite in WAL mode lets two processes share it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

log = logging.getLogger("crosscheck.nli")


def pair_key(premise: str, hypothesis: str) -> str:
    return hashlib.sha256(f"{len(premise)}:{premise}\x00{hypothesis}".encode()).hexdigest()


class ResultCache:
    """Per-model table of label probabilities; failures degrade to no caching."""

    def __init__(self, path: Path, model_identity: str) -> None:
        self.path = path
        self.model = model_identity
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS scores (model TEXT, pair TEXT, probs TEXT, PRIMARY KEY (model, pair))"
            )
            db.commit()
            self._db = db
        except sqlite3.Error as exc:
            log.warning("result cache %s unusable (%s); scoring without it", path, exc)

    def get(self, keys: Sequence[str]) -> dict[str, dict[str, float]]:
        if self._db is None or not keys:
            return {}
        found: dict[str, dict[str, float]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT pair, probs FROM scores WHERE model = ? AND pair IN ({marks})", [self.model, *chunk]
            )
            found.update({pair: json.loads(probs) for pair, probs in rows})
        return found

    def put(self, items: Iterable[tuple[str, dict[str, float]]]) -> None:
        if self._db is None:
            return
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO scores VALUES (?, ?, ?)",
                [(self.model, key, json.dumps(probs)) for key, probs in items],
            )
            self._db.commit()
        except sqlite3.Error as exc:
            log.warning("could not write result cache %s (%s)", self.path, exc)
