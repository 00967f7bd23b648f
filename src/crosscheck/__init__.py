"""crosscheck: find factual contradictions across news articles about the same story.

>>> from crosscheck import check
>>> report = check(["fixtures/balloon"])          # doctest: +SKIP
>>> [f.explanation for f in report.findings]      # doctest: +SKIP
"""

from __future__ import annotations

from crosscheck.batch import batch
from crosscheck.config import Settings, load_settings
from crosscheck.draft import draft
from crosscheck.errors import ConfigError, CrosscheckError, InputError, ModelError, UsageError
from crosscheck.models import (
    Article,
    Claim,
    Corroboration,
    Evidence,
    Facts,
    Finding,
    Report,
    Sentence,
    SkippedInput,
)
from crosscheck.pipeline import Hooks, check

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "ConfigError",
    "Corroboration",
    "CrosscheckError",
    "Evidence",
    "Facts",
    "Finding",
    "Hooks",
    "InputError",
    "ModelError",
    "Report",
    "Sentence",
    "Settings",
    "SkippedInput",
    "UsageError",
    "__version__",
    "batch",
    "check",
    "draft",
    "load_settings",
]
