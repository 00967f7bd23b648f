"""Opposite polarity (rule ``negation/one-denies``).

One claim is negated and the other asserts what it denies (a word the negation
covers is in the other claim, not under a negation there). A negation cue is not a
contradiction on its own ("warned them not to go" and "warned them against going"
agree), so this only marks the difference; the model's verdict on the pair decides.
"""

from __future__ import annotations

from crosscheck.judge._common import stems, word_spans
from crosscheck.judge.slots import SlotDifference, same_event
from crosscheck.lexicon import NEGATION_CUES
from crosscheck.models import Claim, ClaimPair, Span


def difference(pair: ClaimPair) -> SlotDifference | None:
    if pair.first.facts.negated == pair.second.facts.negated:
        return None
    denier = pair.first if pair.first.facts.negated else pair.second
    other = pair.second if denier is pair.first else pair.first
    cue: list[Span] = word_spans(denier, NEGATION_CUES.__contains__)
    if not asserts_denied(denier, other):
        return None
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


def asserts_denied(denier: Claim, other: Claim) -> bool:
    """What the negation covers ("no *warning*", "had not *conceded*") is in the other claim,
    and not under a negation there too: a denial of something else in the sentence ("said no
    plant *closures* were planned" beside "jobs could be at risk at its plants") or one both
    make ("must never *occur* again" / "must never again *occur*", deep in a quote the parse
    does not reach) is no difference in polarity. When extraction could not tell what is
    denied, the polarity alone is the difference."""
    if not denier.facts.denied:
        return True
    return bool(denied_stems(denier) & asserted_stems(other))


def denied_stems(claim: Claim) -> frozenset[str]:
    """The stems of what the claim denies (empty when it denies nothing)."""
    return stems(claim.facts.denied)


def asserted_stems(claim: Claim) -> frozenset[str]:
    """The stems of the claim's words that no negation cue covers (``Facts.asserted``)."""
    return stems(claim.facts.asserted)
