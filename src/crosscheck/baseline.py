"""Baselines: record today's findings so CI reports only new ones.

Finding ids hash the kind, the article ids and the claim texts (not offsets), so
they survive edits elsewhere in the articles.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.models import Finding

SCHEMA = "crosscheck/baseline/v1"


def write_baseline_file(path: Path, findings: Sequence[Finding]) -> None:
    document = {
        "schema": SCHEMA,
        "findings": [{"id": f.id, "kind": f.kind, "explanation": f.explanation} for f in findings],
    }
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the baseline: {error.strerror}", path=str(path)) from None


def read_baseline(path: Path) -> set[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            "baseline file not found (create it with --write-baseline)", path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not a crosscheck baseline: {error}", path=str(path)) from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise InputError(f"not a crosscheck baseline (expected schema {SCHEMA})", path=str(path))
    return {
        str(item["id"]) for item in document.get("findings", []) if isinstance(item, dict) and "id" in item
    }
