"""Opposite polarity (rule ``negation/one-denies``).

One claim is negated and the other is not. A negation cue is not a contradiction on
its own ("warned them not to go" and "warned them against going" agree), so this
only marks the difference; the model's verdict on the pair decides.
"""

from __future__ import annotations

from crosscheck.judge._common import word_spans
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.lexicon import NEGATION_CUES
from crosscheck.models import ClaimPair, Span


def difference(pair: ClaimPair) -> SlotDifference | None:
    if pair.first.facts.negated == pair.second.facts.negated:
        return None
    denier = pair.first if pair.first.facts.negated else pair.second
    cue: list[Span] = word_spans(denier, NEGATION_CUES.__contains__)
    first, second = (
        (cue[0] if cue else None, None) if denier is pair.first else (None, cue[0] if cue else None)
    )
    return SlotDifference(
        "negation",
        first,
        second,
        None,
        1.0,
        same_event=same_event(pair.first.facts.predicate, pair.second.facts.predicate),
    )
