"""Everything the verdict weighs for one aligned pair, with the model calls batched.

The model answers two questions. On the original pair (both directions): do the
claims contradict, does one entail the other? And, for a pair that differs in a
value (a figure, a day, a place), on the second claim rewritten with the first
claim's value: do the two now say the same thing? If they do, the claims differ
only in that value, a conflict; if they stay neutral, they are different events of
the same kind (an aftershock, last year's result). Small models read past numbers,
so neither answer is trusted alone: ``verdict`` combines them with what the text
itself says about the pair: the kind and size of the difference, who asserts each
side, when (days pinned, publication gap), where (a lede states the story's main
facts; a value inside a quote is someone's words). On long, paraphrased wire
sentences the rewritten pair seldom entails (54 of 2,948 dev pairs, 33 of them real
conflicts), so the substitution test decides few pairs; the fitted trees split most
on the model's answers on the original pair and on the claims' similarity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from crosscheck.judge._common import (
    content_words,
    days_apart,
    in_quote,
    party,
    same_party,
    share_a_name,
    stems,
)
from crosscheck.judge.exemptions import (
    both_sides_reported,
    different_events,
    published_apart,
    same_remark,
)
from crosscheck.judge.facts import ArticleFacts, numbers_agree
from crosscheck.judge.slots import SlotDifference, clause, differences, substituted
from crosscheck.models import Claim, ClaimPair
from crosscheck.nli.base import CONTRADICTION, ENTAILMENT, NLIModel

#: Claims without a value to swap are asked about only above this similarity (rapidfuzz, 0-100),
#: when they share a name and their main verb, or when one denies what the other asserts. On 131
#: dev clusters held out by writing batch, 62 gave as many findings as 65 with a sixth fewer
#: false alarms (the trees see the similarity and learn which of the extra pairs matter); 60
#: added more false alarms than findings.
SAME_TOPIC = 62.0
#: The signals, in the order the verdict's coefficients use them.
FEATURES = (
    "contradiction",
    "contradiction_min",
    "entailment",
    "swapped_entailment",
    "swapped_contradiction",
    "clause_entailment",
    "clause_contradiction",
    "clause_overlap",
    "number",
    "date",
    "place",
    "negation",
    "size",
    "duration",
    "same_event",
    "sources_differ",
    "similarity",
    "shared_name",
    "other_days",
    "days_apart",
    "number_apart",
    "in_quote",
    "lead",
    "both_lead",
    "figure_restated",
    "dated_apart",
)
#: A claim among its article's first LEAD_SENTENCES sentences is in the lede, where an
#: outlet states the story's main facts (``lead``, ``both_lead``).
LEAD_SENTENCES = 2
#: Publication gaps beyond this many days weigh as this many (``days_apart``).
MAX_DAYS_APART = 3


@dataclass(frozen=True)
class PairSignals:
    """One pair's evidence: the model's answers, the fact that differs, who asserts each side."""

    pair: ClaimPair
    difference: SlotDifference | None
    contradiction: float
    contradiction_min: float
    entailment: float
    swapped_entailment: float
    swapped_contradiction: float
    clause_entailment: float
    clause_contradiction: float
    clause_overlap: float
    sources_differ: bool

    def features(self) -> list[float]:
        kind = self.difference.kind if self.difference else None
        apart = days_apart(self.pair.first.article, self.pair.second.article) or 0
        first_at, second_at = self.pair.first.sentence.index, self.pair.second.sentence.index
        values = {
            "contradiction": self.contradiction,
            "contradiction_min": self.contradiction_min,
            "entailment": self.entailment,
            "swapped_entailment": self.swapped_entailment,
            "swapped_contradiction": self.swapped_contradiction,
            "clause_entailment": self.clause_entailment,
            "clause_contradiction": self.clause_contradiction,
            "clause_overlap": self.clause_overlap,
            "number": float(kind == "number"),
            "date": float(kind == "date"),
            "place": float(kind == "place"),
            "negation": float(kind == "negation"),
            "size": self.difference.size if self.difference else 0.0,
            "duration": float(bool(self.difference and self.difference.duration)),
            "same_event": float(bool(self.difference and self.difference.same_event)),
            "sources_differ": float(self.sources_differ),
            "similarity": self.pair.similarity / 100.0,
            "shared_name": float(share_a_name(self.pair.first, self.pair.second)),
            "other_days": float(kind != "date" and _other_days(self.pair)),
            "days_apart": min(apart, MAX_DAYS_APART) / MAX_DAYS_APART,
            "number_apart": float(kind == "number" and apart > 0),
            "in_quote": float(
                in_quote(self.pair.first, self.difference.first if self.difference else None)
                or in_quote(self.pair.second, self.difference.second if self.difference else None)
            ),
            "lead": float(min(first_at, second_at) < LEAD_SENTENCES),
            "both_lead": float(max(first_at, second_at) < LEAD_SENTENCES),
            "figure_restated": float(restated(self.pair) is not None),
            "dated_apart": float(different_events(self.pair) is not None),
        }
        return [values[name] for name in FEATURES]


@dataclass(frozen=True)
class Candidate:
    """An aligned pair the model will be asked about, and the fact it differs in (if any)."""

    pair: ClaimPair
    difference: SlotDifference | None


def candidates(claims: Sequence[Claim], pairs: Sequence[ClaimPair]) -> list[Candidate]:
    """The aligned pairs worth asking about, past the exemptions, each with its main difference."""
    index = ArticleFacts.of(claims)
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article.id, []).append(claim)
    found = []
    for pair in pairs:
        if both_sides_reported(pair, by_article):
            continue
        found_differences = differences(pair, index)
        difference = found_differences[0] if found_differences else None
        if different_events(pair) and not (difference is not None and difference.kind == "date"):
            continue  # dated apart: another event, unless the dates are what differs (the model asks)
        valued = difference is not None and difference.substitutable
        denial = any(item.kind == "negation" for item in found_differences)
        if not valued and (same_remark(pair) or not (denial or _same_topic(pair))):
            continue  # without a value to swap or a denial, only close wording is worth asking about
        if published_apart(pair) and not (
            (difference is not None and difference.kind == "date") or _same_day(pair)
        ):
            continue
        found.append(Candidate(pair, difference))
    return found


def _same_topic(pair: ClaimPair) -> bool:
    """Worth the model's time without a value to swap: close wording, or the same name doing the
    same thing (a shared name alone is most of a story's sentences)."""
    first, second = pair.first, pair.second
    same_predicate = first.facts.predicate is not None and first.facts.predicate == second.facts.predicate
    return pair.similarity >= SAME_TOPIC or (same_predicate and share_a_name(first, second))


@dataclass(frozen=True)
class Questions:
    """The directed pairs the model is asked about for some candidates, in one list: each
    candidate's original pair both ways at ``2 * i``, and for one with a value to swap, the
    rewritten sentence and clause pairs at ``swapped_at[i]`` (four of them)."""

    texts: list[tuple[str, str]]
    swapped_at: dict[int, int]
    overlaps: dict[int, float]


def questions(found: Sequence[Candidate]) -> Questions:
    """What ``gather`` will ask the model, without asking: a batch of several stories can
    score them all in one call first (``crosscheck.batch``)."""
    texts: list[tuple[str, str]] = []
    for item in found:
        valued = item.difference is not None and item.difference.substitutable
        second = (None if valued else restated(item.pair)) or item.pair.second.text
        texts += [(item.pair.first.text, second), (second, item.pair.first.text)]
    swapped_at: dict[int, int] = {}
    overlaps: dict[int, float] = {}
    for number, item in enumerate(found):
        difference = item.difference
        if difference is not None and difference.substitutable:
            assert difference.second is not None and difference.first_value is not None
            rewritten = substituted(item.pair.second, difference.second, difference.first_value)
            assert difference.first is not None
            first_clause, _ = clause(item.pair.first, difference.first)
            second_clause, at = clause(item.pair.second, difference.second)
            width = difference.second.end - difference.second.start
            rewritten_clause = second_clause[:at] + difference.first_value + second_clause[at + width :]
            overlaps[number] = _overlap(first_clause, second_clause)
            swapped_at[number] = len(texts)
            texts += [
                (item.pair.first.text, rewritten),
                (rewritten, item.pair.first.text),
                (first_clause, rewritten_clause),
                (rewritten_clause, first_clause),
            ]
    return Questions(texts, swapped_at, overlaps)


#: What some features may still be, by name, while the answers they come from are unasked.
Ranges = Mapping[str, tuple[float, float]]
#: Whether each pair with these features (unasked ones filled within their ranges) can still be
#: a finding: the verdict's ceiling against the threshold (``crosscheck.judge``).
Reachable = Callable[[Sequence[tuple[list[float], Ranges]]], list[bool]]
#: The signals read from the rewritten pairs, unknown until they are asked.
SWAPPED = ("swapped_entailment", "swapped_contradiction", "clause_entailment", "clause_contradiction")


def gather(
    model: NLIModel,
    found: Sequence[Candidate],
    progress: Callable[[int], None] | None = None,
    on_scoring: Callable[[int], None] | None = None,
    reachable: Reachable | None = None,
) -> list[PairSignals]:
    """Score the candidates, batched: both directions, originals and rewrites.

    Without ``reachable``, every question in one call, every candidate's signals back (the
    verdict's training reads them all). With it, three calls: each original pair one way,
    the other way, then the rewritten pairs; a candidate that cannot become a finding whatever
    its unasked answers are is asked nothing more and left out, so the findings are the same
    with fewer questions (a third fewer on the balloon story). ``on_scoring`` is told how
    many directed pairs at most will be scored, before the first call.
    """
    asked = questions(found)
    if on_scoring is not None and asked.texts:
        on_scoring(len(asked.texts))
    scores: dict[int, dict[str, float]] = {}

    def ask(indices: Sequence[int]) -> None:
        if indices:
            scores.update(
                zip(indices, model.predict([asked.texts[i] for i in indices], progress), strict=True)
            )

    live = list(range(len(found)))
    if reachable is None:
        ask(range(len(asked.texts)))
    else:
        ask([2 * number for number in live])
        kept = reachable([_provisional(found[n], n, asked, scores, backward=False) for n in live])
        live = [n for n, keep in zip(live, kept, strict=True) if keep]
        ask([2 * number + 1 for number in live])
        valued = [n for n in live if n in asked.swapped_at]
        kept = reachable([_provisional(found[n], n, asked, scores, backward=True) for n in valued])
        dropped = {n for n, keep in zip(valued, kept, strict=True) if not keep}
        live = [n for n in live if n not in dropped]
        ask([asked.swapped_at[n] + k for n in live if n in asked.swapped_at for k in range(4)])
        if progress is not None and len(scores) < len(asked.texts):
            progress(len(asked.texts) - len(scores))
    return [_signals(found[number], number, asked, scores) for number in live]


def _provisional(
    item: Candidate, number: int, asked: Questions, scores: Mapping[int, dict[str, float]], *, backward: bool
) -> tuple[list[float], Ranges]:
    """The candidate's features with its unasked answers filled in, and the ranges those may
    take: the original pair's other direction (unless ``backward`` is known) moves the mean
    contradiction at most half-way, and the rewritten pairs may say anything."""
    ranges: dict[str, tuple[float, float]] = {}
    if not backward:
        forward = scores[2 * number]
        c, e = forward.get(CONTRADICTION, 0.0), forward.get(ENTAILMENT, 0.0)
        ranges |= {
            "contradiction": (c / 2, (c + 1) / 2),
            "contradiction_min": (0.0, c),
            "entailment": (e, 1.0),
        }
    if number in asked.swapped_at:
        ranges |= dict.fromkeys(SWAPPED, (0.0, 1.0))
    return _signals(item, number, asked, scores).features(), ranges


def _signals(
    item: Candidate, number: int, asked: Questions, scores: Mapping[int, dict[str, float]]
) -> PairSignals:
    """The candidate's signals from the answers in ``scores``; an unasked backward answer reads
    as the forward one, unasked rewrites as nothing (inside the ranges ``_provisional`` gives)."""
    forward = scores[2 * number]
    backward = scores.get(2 * number + 1, forward)
    swapped = asked.swapped_at.get(number)
    s_forward, s_backward, k_forward, k_backward = (
        [scores.get(swapped + k, {}) for k in range(4)] if swapped is not None else ({}, {}, {}, {})
    )
    c = (forward.get(CONTRADICTION, 0.0), backward.get(CONTRADICTION, 0.0))
    return PairSignals(
        pair=item.pair,
        difference=item.difference,
        contradiction=sum(c) / 2,
        contradiction_min=min(c),
        entailment=max(forward.get(ENTAILMENT, 0.0), backward.get(ENTAILMENT, 0.0)),
        swapped_entailment=max(s_forward.get(ENTAILMENT, 0.0), s_backward.get(ENTAILMENT, 0.0)),
        swapped_contradiction=(s_forward.get(CONTRADICTION, 0.0) + s_backward.get(CONTRADICTION, 0.0)) / 2,
        clause_entailment=max(k_forward.get(ENTAILMENT, 0.0), k_backward.get(ENTAILMENT, 0.0)),
        clause_contradiction=(k_forward.get(CONTRADICTION, 0.0) + k_backward.get(CONTRADICTION, 0.0)) / 2,
        clause_overlap=asked.overlaps.get(number, 0.0),
        sources_differ=_sources_differ(item.pair),
    )


def _days(claim: Claim) -> set[dt.date]:
    """The calendar days the claim is pinned to."""
    return {d.value for d in claim.facts.dates if d.precision == "day"}


def _same_day(pair: ClaimPair) -> bool:
    """Both claims are pinned to one day: the same moment, however far apart they were published."""
    return bool(_days(pair.first) & _days(pair.second))


def _other_days(pair: ClaimPair) -> bool:
    """The claims are pinned to different days ("on Monday night" / "on Tuesday night"): a figure
    or a place that differs between them may be each day's own, an update rather than a conflict."""
    first, second = _days(pair.first), _days(pair.second)
    return bool(first and second and not first & second)


def restated(pair: ClaimPair) -> str | None:
    """The second claim with each figure it gives in other words than the first ("about 15
    miles an hour" / "roughly 25 kilometres an hour", "$6.8 billion" / "$6.82 billion") written
    the first claim's way, or None when it has none. The claims agree on those figures, but a
    small model reading the digits sees two numbers and may call the pair a contradiction: it
    is asked about the rewritten pair, where only what the claims really say differs."""
    second = pair.second
    replaced: dict[tuple[int, int], str] = {}
    for b in second.facts.numbers:
        words = next(
            (
                a.span.text
                for a in pair.first.facts.numbers
                if a.unit
                and a.unit == b.unit
                and numbers_agree(a, b)
                and _digits(a.span.text) != _digits(b.span.text)
            ),
            None,
        )
        overlaps = any(start < b.span.end and b.span.start < end for start, end in replaced)
        if words is not None and not overlaps:
            replaced[(b.span.start, b.span.end)] = words
    if not replaced:
        return None
    text = second.text
    for (start, end), words in sorted(replaced.items(), reverse=True):
        text = text[: start - second.start] + words + text[end - second.start :]
    return text


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


def _overlap(first: str, second: str) -> float:
    """Share of content-word stems the two clauses have in common (Jaccard, 0-1): whether the
    words around the two values describe the same thing ("found burned near X" / "found burned
    out near Y") or different ones ("half of them in X" / "regulators in Y")."""
    a = stems(word for word in content_words(first) if not word[0].isdigit())
    b = stems(word for word in content_words(second) if not word[0].isdigit())
    return len(a & b) / len(a | b) if a | b else 0.0


def _sources_differ(pair: ClaimPair) -> bool:
    """Both claims are attributed, to different sources ("the companies said" / "people familiar
    with the matter said"); a claim in the outlet's own words has no source to differ from."""
    first, second = party(pair.first), party(pair.second)
    return first is not None and second is not None and not same_party(first, second)
