"""Gold files (gold.json, expected.json): the contradictions and traps a cluster holds.

A finding matches a gold entry when one of its claims is in an article of side
``a`` and contains ``a.contains``, and another is in side ``b`` and contains
``b.contains`` (either order), compared case-insensitively on whitespace-collapsed
text with curly quotes straightened: the rule fixtures/eval/README.md states.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.models import SEVERITY_ORDER, Claim, Finding, Severity

GOLD_NAMES = ("gold.json", "expected.json")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def comparable(text: str) -> str:
    """Text as the matching rule compares it."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


@dataclass(frozen=True)
class Side:
    """One end of a gold pair: which articles say it, and words its sentence contains."""

    articles: frozenset[str]
    contains: str

    def holds(self, claim: Claim) -> bool:
        return claim.article.id in self.articles and comparable(self.contains) in comparable(claim.text)


@dataclass(frozen=True)
class GoldFinding:
    """A real contradiction; optional ones (``required`` false) count neither way."""

    id: str
    kind: str
    required: bool
    a: Side
    b: Side
    note: str = ""


@dataclass(frozen=True)
class Trap:
    """A pair that looks contradictory but is not; ``max_severity`` None means never report it."""

    id: str
    max_severity: Severity | None
    a: Side
    b: Side
    note: str = ""

    def broken_by(self, finding: Finding) -> bool:
        if self.max_severity is None:
            return True
        return SEVERITY_ORDER[finding.severity] > SEVERITY_ORDER[self.max_severity]


@dataclass(frozen=True)
class Gold:
    findings: tuple[GoldFinding, ...]
    traps: tuple[Trap, ...]


def matches(finding: Finding, a: Side, b: Side) -> bool:
    """Does the finding put a claim of side ``a`` against a different claim of side ``b``?"""
    claims = finding.claims
    return any(
        first is not second and a.holds(first) and b.holds(second) for first in claims for second in claims
    )


def gold_file(folder: Path) -> Path | None:
    """The folder's gold file, if it is a story cluster."""
    return next((folder / name for name in GOLD_NAMES if (folder / name).is_file()), None)


def load_gold(path: Path) -> Gold:
    """Read a gold file; a malformed one raises ``InputError`` naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        findings = tuple(
            GoldFinding(
                str(entry["id"]),
                str(entry["kind"]),
                bool(entry["required"]),
                _side(entry["a"]),
                _side(entry["b"]),
                str(entry.get("note", "")),
            )
            for entry in data["findings"]
        )
        traps = tuple(
            Trap(
                str(entry["id"]),
                _severity(entry["max_severity"]),
                _side(entry["a"]),
                _side(entry["b"]),
                str(entry.get("note", "")),
            )
            for entry in data.get("traps", [])
        )
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read the gold file: {error}", path=str(path)) from None
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"not a gold file (bad or missing {error})", path=str(path)) from None
    return Gold(findings, traps)


def _side(value: dict[str, object]) -> Side:
    articles = value["articles"]
    if not isinstance(articles, list) or not articles:
        raise ValueError("articles")
    return Side(frozenset(str(a) for a in articles), str(value["contains"]))


def _severity(value: object) -> Severity | None:
    if value is not None and value not in SEVERITY_ORDER:
        raise ValueError("max_severity")
    return value  # type: ignore[return-value]
