"""Match one system's findings to a cluster's gold, and turn matches into counts.

Counting rule, the same for both systems: a hit counts under the gold entry's
kind (so the baseline, whose findings are all "statement", is credited per kind
for what it finds), a false alarm under the finding's own kind, a miss under the
gold entry's kind. Each gold entry counts once; further findings of the same
conflict are duplicates, neither right nor wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crosscheck.evaluate._gold import Gold, GoldFinding, Trap, matches
from crosscheck.models import Finding

OVERALL = "overall"


@dataclass(frozen=True)
class Hit:
    """A finding that shows a gold contradiction."""

    gold: GoldFinding
    finding: Finding


@dataclass(frozen=True)
class FalseAlarm:
    """A finding that matches no gold contradiction; ``trap`` when it also breaks a trap."""

    finding: Finding
    trap: Trap | None = None


@dataclass
class Outcome:
    """One system on one cluster: what it found, missed, and wrongly reported."""

    hits: list[Hit] = field(default_factory=list)
    optional: list[Hit] = field(default_factory=list)
    duplicates: list[Hit] = field(default_factory=list)
    missed: list[GoldFinding] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    allowed: list[tuple[Trap, Finding]] = field(default_factory=list)

    @property
    def mislabeled(self) -> list[Hit]:
        """Hits reported under another kind than the gold's (always so for the baseline)."""
        return [hit for hit in self.hits if hit.finding.kind != hit.gold.kind]

    def counts(self) -> dict[str, Counts]:
        """TP, FP and FN per kind (see the module docstring for the rule)."""
        counts: dict[str, Counts] = {}
        for hit in self.hits:
            counts.setdefault(hit.gold.kind, Counts()).tp += 1
        for alarm in self.false_alarms:
            counts.setdefault(alarm.finding.kind, Counts()).fp += 1
        for gold in self.missed:
            counts.setdefault(gold.kind, Counts()).fn += 1
        return counts


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the ratios they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """None when nothing was reported: there is nothing to be precise about."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """None when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_findings(findings: Sequence[Finding], gold: Gold) -> Outcome:
    """Sort every finding into hit, optional, duplicate, allowed by a trap, or false alarm."""
    outcome = Outcome()
    counted: set[str] = set()
    for finding in findings:
        shown = [entry for entry in gold.findings if matches(finding, entry.a, entry.b)]
        fresh = sorted((e for e in shown if e.id not in counted), key=lambda e: not e.required)
        if fresh:
            entry = fresh[0]
            counted.add(entry.id)
            (outcome.hits if entry.required else outcome.optional).append(Hit(entry, finding))
            continue
        if shown:
            outcome.duplicates.append(Hit(shown[0], finding))
            continue
        traps = [trap for trap in gold.traps if matches(finding, trap.a, trap.b)]
        broken = [trap for trap in traps if trap.broken_by(finding)]
        if broken:
            outcome.false_alarms.append(FalseAlarm(finding, broken[0]))
        elif traps:
            outcome.allowed.append((traps[0], finding))
        else:
            outcome.false_alarms.append(FalseAlarm(finding))
    outcome.missed = [e for e in gold.findings if e.required and e.id not in counted]
    return outcome


def tally(outcomes: Iterable[Outcome]) -> dict[str, Counts]:
    """Counts per kind over several clusters, plus ``"overall"``."""
    total: dict[str, Counts] = {}
    for outcome in outcomes:
        for kind, counts in outcome.counts().items():
            total[kind] = total.get(kind, Counts()) + counts
    total[OVERALL] = sum(total.values(), Counts())
    return total
