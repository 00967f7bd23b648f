"""What ``batch`` takes and gives back, importable without numpy, scikit-learn or the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from crosscheck.models import SkippedInput


@dataclass
class BatchHooks:
    """Callbacks for a front end's progress display; all optional."""

    on_article: Callable[[int], None] | None = None
    on_stories: Callable[[int, int], None] | None = None
    on_story: Callable[[Mapping[str, object]], None] | None = None


@dataclass
class BatchResult:
    """The story records, most severe first, and what the run did."""

    ranked: list[Mapping[str, object]]
    articles: int
    copies: int
    checked: int
    resumed: int
    failed: int
    seconds: float
    skipped: list[SkippedInput] = field(default_factory=list)

    def findings(self) -> dict[str, int]:
        """Findings by severity over every story."""
        totals = {"high": 0, "medium": 0, "low": 0}
        for record in self.ranked:
            counts = record.get("findings") or {}
            for severity in totals:
                totals[severity] += int(counts.get(severity, 0)) if isinstance(counts, Mapping) else 0
        return totals
