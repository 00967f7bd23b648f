"""Single claim-versus-source pairs (pairs.jsonl): each becomes two one-sentence articles."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.models import Article, Finding

PAIRS_NAME = "pairs.jsonl"
LABELS = ("contradiction", "consistent")


@dataclass(frozen=True)
class Pair:
    """One labelled pair: does ``claim`` contradict ``source``?"""

    id: str
    source: str
    claim: str
    label: str
    kind: str
    source_published: dt.date
    claim_published: dt.date

    @property
    def contradiction(self) -> bool:
        return self.label == "contradiction"

    def articles(self, path: Path) -> list[Article]:
        """The source and the claim as articles published on their own dates."""
        return [
            _article(f"{self.id}-source", "source", self.source, self.source_published, path),
            _article(f"{self.id}-claim", "claim", self.claim, self.claim_published, path),
        ]


def _article(article_id: str, outlet: str, text: str, published: dt.date, path: Path) -> Article:
    return Article(
        id=article_id,
        path=f"{path}#{article_id}",
        text=text,
        body=((0, len(text)),),
        outlet=outlet,
        published=published,
    )


@dataclass(frozen=True)
class PairVerdict:
    """What each system reported on one pair; any finding means "contradiction"."""

    pair: Pair
    crosscheck: tuple[Finding, ...]
    baseline: tuple[Finding, ...]


@dataclass
class BinaryCounts:
    """Confusion counts for "contradiction" as the positive label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def accuracy(self) -> float | None:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def pair_counts(verdicts: list[PairVerdict], system: str) -> BinaryCounts:
    counts = BinaryCounts()
    for verdict in verdicts:
        predicted, actual = bool(getattr(verdict, system)), verdict.pair.contradiction
        if predicted and actual:
            counts.tp += 1
        elif predicted:
            counts.fp += 1
        elif actual:
            counts.fn += 1
        else:
            counts.tn += 1
    return counts


def load_pairs(path: Path) -> list[Pair]:
    """Read pairs.jsonl; a malformed line raises ``InputError`` naming file and line."""
    pairs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the pairs: {error}", path=str(path)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pair = Pair(
                str(record["id"]),
                str(record["source"]),
                str(record["claim"]),
                str(record["label"]),
                str(record["kind"]),
                dt.date.fromisoformat(record["source_published"]),
                dt.date.fromisoformat(record["claim_published"]),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise InputError(f"line {number}: not a pair ({error})", path=str(path)) from None
        if pair.label not in LABELS:
            raise InputError(f"line {number}: label must be one of {', '.join(LABELS)}", path=str(path))
        pairs.append(pair)
    return pairs
