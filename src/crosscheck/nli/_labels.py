"""Normalize a checkpoint's ``id2label`` to the names the pipeline reads."""

from __future__ import annotations

import re

from crosscheck.errors import ModelError
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NEUTRAL

NOT_CONTRADICTION = "not_contradiction"
_GENERIC = re.compile(r"^label_?\d+$")


def _one(raw: str) -> str | None:
    text = re.sub(r"[\s\-]+", "_", raw.strip().lower())
    negated = text.startswith(("not_", "non_", "no_", "non"))
    if "contradict" in text:
        return NOT_CONTRADICTION if negated else CONTRADICTION
    if negated:
        return None
    if "entail" in text:
        return ENTAILMENT
    if "neutral" in text:
        return NEUTRAL
    return None


def normalize_labels(
    id2label: dict[int, str] | dict[str, str], *, where: str | None = None
) -> tuple[str, ...]:
    """Label names in class-index order: 3-way NLI, or a binary contradiction head.

    Generic names (``LABEL_0``...) are read as a binary contradiction head when
    there are two (index 1 = contradiction, the common convention); with three
    the order is ambiguous across checkpoints, so we refuse rather than guess.
    """
    ordered = [str(id2label[k]) for k in sorted(id2label, key=int)]
    if ordered and all(_GENERIC.match(name.strip().lower()) for name in ordered):
        if len(ordered) == 2:
            return (NOT_CONTRADICTION, CONTRADICTION)
        raise ModelError(
            f"labels {ordered} do not say which is which; set id2label in config.json "
            "(entailment/neutral/contradiction)",
            path=where,
        )
    labels = tuple(_one(name) for name in ordered)
    valid = ({ENTAILMENT, NEUTRAL, CONTRADICTION}, {NOT_CONTRADICTION, CONTRADICTION})
    if len(set(labels)) != len(labels) or set(labels) not in valid:
        raise ModelError(
            f"labels {ordered} are not an NLI head (need entailment/neutral/contradiction "
            "or contradiction/not_contradiction)",
            path=where,
        )
    return labels  # type: ignore[return-value]
