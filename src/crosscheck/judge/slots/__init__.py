"""Typed fact differences between two aligned claims: the "what differs" half of a conflict.

Each finding kind that names a fact has one module here (``number``, ``date``,
``place``, ``negation``) with one function: the difference between two claims in
that fact, or None. None of them decides whether the two claims are about the same
thing; that is the model's question (see ``crosscheck.judge.signals``), asked by
putting one side's value into the other sentence (``substituted``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.judge.facts import ArticleFacts
from crosscheck.models import Claim, ClaimPair, FindingKind, Span


@dataclass(frozen=True)
class SlotDifference:
    """Two claims state different values of one kind of fact.

    ``first_value`` is how the first claim's value reads when written into the second
    sentence (a resolved date is written out: "February 4", not "Saturday");
    ``size`` grows with how far apart the values are (0 to 1), so the verdict can
    weigh "4,000 vs 4,200" below "4,000 vs 40,000". Negation has no value to swap.
    """

    kind: FindingKind
    first: Span | None
    second: Span | None
    first_value: str | None
    size: float
    #: the values are lengths of time ("nine minutes", "23 minutes"): often two different intervals
    duration: bool = False
    #: the parse attaches both values to the same verb or event noun ("shot down on February 4" /
    #: "shot the balloon down on February 6"): one signal among others, never a gate
    same_event: bool = False

    @property
    def substitutable(self) -> bool:
        return self.first_value is not None and self.second is not None


def same_event(first: str | None, second: str | None) -> bool:
    """Two facts' event lemmas name one event ('shoot down' and 'shoot')."""
    from crosscheck.judge.facts import event_key

    return first is not None and second is not None and event_key(first) == event_key(second)


def substituted(claim: Claim, span: Span, value: str) -> str:
    """The claim's sentence with ``span`` replaced by ``value``."""
    start, end = span.start - claim.start, span.end - claim.start
    return claim.text[:start] + value + claim.text[end:]


#: Where a clause starts or ends inside a sentence.
_BOUNDARY = re.compile(
    r"[,;:()\u2014\u2013]|\s-\s|\b(?:while|whereas|but|although|though|after|before|which|who)\b"
)
#: A clause shorter than this many words is widened to the next boundary.
MIN_CLAUSE_WORDS = 6


def clause(claim: Claim, span: Span) -> tuple[str, int]:
    """The clause of the claim that holds ``span``, and where the span starts in it.

    Asking the model about the clauses that carry the two values, not the whole
    sentences, keeps the extra details each outlet adds from turning "the same
    claim" into "neutral".
    """
    text, start, end = claim.text, span.start - claim.start, span.end - claim.start
    cuts = [
        0,
        *(m.start() for m in _BOUNDARY.finditer(text)),
        *(m.end() for m in _BOUNDARY.finditer(text)),
        len(text),
    ]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    while len(text[left:right].split()) < MIN_CLAUSE_WORDS and (left > 0 or right < len(text)):
        left = max([c for c in cuts if c < left] or [0])
        right = min([c for c in cuts if c > right] or [len(text)])
    piece = text[left:right]
    trimmed = piece.lstrip(" ,;:()\u2014\u2013-")
    return trimmed.strip(), start - left - (len(piece) - len(trimmed))


def differences(pair: ClaimPair, index: ArticleFacts) -> list[SlotDifference]:
    """Every kind of fact the two claims differ in, most specific first (a figure, a day,
    a place, then polarity): the verdict weighs the first, the explanation names it."""
    from crosscheck.judge.slots import date, negation, number, place

    found = [
        number.difference(pair, index),
        date.difference(pair, index),
        place.difference(pair, index),
        negation.difference(pair),
    ]
    return [item for item in found if item is not None]
