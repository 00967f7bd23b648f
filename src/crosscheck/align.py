"""Find the few cross-article claim pairs worth judging.

The NLI model is the cost, so only pairs that plausibly talk about the same thing
reach it. Similarity is rapidfuzz's ``token_set_ratio`` on normalized text (stop
words and punctuation removed) computed with one ``process.cdist`` call, plus a
bonus for what both claims share: named entities, and fact slots (the same day,
a count of the same unit, a located place). Paraphrases of one event ("made
landfall near Baler" / "slammed ashore near Casiguran") share few words but state
the same kinds of facts, and those are the pairs the typed checks need.

Every claim picks its best ``per_article`` candidates in each other article, above
``min_similarity``, and keeps at most ``max_per_claim`` of those picks overall, one
per distinct sentence, so the number of pairs grows linearly with the number of
claims. Sentences of the same article are never paired, nor two copies of one
sentence: they cannot disagree, and wire copy repeated across outlets would
otherwise fill every claim's slots.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.models import TIME_UNITS, Claim, ClaimPair

STOP_WORDS = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been being it its
    this that these those he she they them his her their we our you your i has have had do does did
    not no will would can could should may might than then there here which who whom whose what when
    where while also said says say told according after before over under into about more most such
    so if up out one two""".split()
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
MIN_CONTENT_WORDS = 4


@dataclass(frozen=True)
class AlignOptions:
    """How many candidates to keep. per_article and min_similarity were measured on
    fixtures/balloon; max_per_claim on a generated 50-article cluster (bench/README.md):
    at 8 a claim's slots filled before every paraphrase of its event got one."""

    per_article: int = 2
    max_per_claim: int = 12
    min_similarity: float = 55.0
    shared_bonus: float = 8.0
    #: a claim stating a value (a sum, a count, a day) also keeps, in each other article and for
    #: each kind of value it states, its closest claim stating a value of that kind, down to
    #: this similarity: paraphrases of one fact ("the $4.2 billion purchase" / "agreed to buy
    #: it for $2.4 billion") share few words, and whether they are one claim is the judge's question
    value_similarity: float = 35.0
    #: a claim that denies something ("police have made no arrests") also keeps, in each other
    #: article, its closest claim asserting what it denies ("police arrested the site engineer"),
    #: down to this similarity: a denial and the fact it denies seldom share their wording
    denial_similarity: float = 35.0


def normalize(text: str) -> str:
    """Lower-case content words only: what the similarity is computed on."""
    words = _NON_WORD.sub(" ", text.lower()).split()
    return " ".join(word for word in words if word not in STOP_WORDS)


#: Units too common to suggest two claims count the same thing.
_COMMON_UNITS = frozenset({"percent", "usd", "eur", "gbp"}) | TIME_UNITS


def fact_slots(claim: Claim) -> set[str]:
    """The kinds of facts a claim states, keyed so that two claims about one event share them."""
    facts = claim.facts
    slots = {f"day:{d.value.isoformat()}" for d in facts.dates if d.precision == "day"}
    slots |= {f"unit:{n.unit}" for n in facts.numbers if n.unit and n.unit not in _COMMON_UNITS}
    if facts.places:
        slots.add("place")
    return slots


def value_kinds(claim: Claim) -> set[str]:
    """The kinds of values a claim states that another claim could state differently."""
    facts = claim.facts
    kinds = {f"unit:{n.unit}" for n in facts.numbers if n.unit and n.unit not in TIME_UNITS}
    if any(d.precision == "day" for d in facts.dates):
        kinds.add("day")
    return kinds


def _incidence(keys: Sequence[Collection[str]]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(key, len(vocabulary)) for key in row] for row in keys]
    incidence = np.zeros((len(keys), max(len(vocabulary), 1)), dtype=np.float32)
    for row, columns in enumerate(rows):
        incidence[row, columns] = 1.0
    return incidence


def _shared_incidence(claims: Sequence[Claim]) -> np.ndarray:
    """One row per claim, one column per name or fact slot: what two claims share is a matrix product away."""
    return _incidence([claim.names | fact_slots(claim) for claim in claims])


def align(claims: Sequence[Claim], options: AlignOptions | None = None) -> list[ClaimPair]:
    """Candidate pairs, best first; in each pair ``first`` is from the article whose id sorts first.

    Scores are computed one article at a time against all the others, so memory grows
    with (article size x corpus size), not with the square of the corpus.
    """
    from rapidfuzz import fuzz, process

    from crosscheck.judge.slots.negation import asserted_stems, denied_stems

    options = options or AlignOptions()
    usable = [claim for claim in claims if len(normalize(claim.text).split()) >= MIN_CONTENT_WORDS]
    usable.sort(key=lambda claim: claim.article.id)
    blocks: dict[str, tuple[int, int]] = {}
    for index, claim in enumerate(usable):
        start, _ = blocks.get(claim.article.id, (index, index))
        blocks[claim.article.id] = (start, index + 1)
    if len(blocks) < 2:
        return []
    texts = [normalize(claim.text) for claim in usable]
    incidence = _shared_incidence(usable)
    values = _incidence([value_kinds(claim) for claim in usable])
    # what each claim denies and what it asserts of those words, over one vocabulary
    denied = [denied_stems(claim) for claim in usable]
    denied_words = frozenset().union(*denied)
    asserted = [asserted_stems(claim) & denied_words if denied_words else frozenset() for claim in usable]
    both = _incidence(denied + asserted)
    denials, assertions = both[: len(usable)], both[len(usable) :]
    # the same sentence in two articles (wire copy) cannot contradict itself: not a candidate
    verbatim: dict[str, int] = {}
    copies = np.array(
        [verbatim.setdefault(" ".join(claim.text.lower().split()), len(verbatim)) for claim in usable]
    )

    picks: list[list[tuple[float, int]]] = [[] for _ in usable]
    for row_start, row_end in blocks.values():
        others = np.array([i for i in range(len(usable)) if not row_start <= i < row_end])
        scores = process.cdist(
            texts[row_start:row_end],
            [texts[i] for i in others],
            scorer=fuzz.token_set_ratio,
            workers=-1,
            dtype=np.float32,
        )
        scores += options.shared_bonus * np.minimum(incidence[row_start:row_end] @ incidence[others].T, 2.0)
        np.minimum(scores, 100.0, out=scores)
        scores[copies[row_start:row_end, None] == copies[others][None, :]] = 0.0
        # one score matrix per kind of value: the closest claim stating a sum, and the closest
        # stating a day, may be different sentences, and each is the one to compare that value with
        rows_values = values[row_start:row_end]
        value_scores = [
            np.where(rows_values[:, kind, None] * values[others, kind][None, :] > 0, scores, 0.0)
            for kind in np.flatnonzero(rows_values.any(axis=0))
        ]
        deniers = [row for row in range(row_start, row_end) if denials[row].any()]
        offset = 0
        for column_start, column_end in blocks.values():
            if column_start == row_start:
                continue
            width = column_end - column_start
            block = scores[:, offset : offset + width]
            top = np.argsort(-block, axis=1, kind="stable")[:, : min(options.per_article, width)]
            for row_offset, columns in enumerate(top):
                for column in columns:
                    score = float(block[row_offset, column])
                    if score >= options.min_similarity:
                        picks[row_start + row_offset].append((score, column_start + int(column)))
            for kind_scores in value_scores:
                valued = kind_scores[:, offset : offset + width]
                for row_offset, column in enumerate(np.argmax(valued, axis=1)):
                    score = float(valued[row_offset, column])
                    if score >= options.value_similarity:
                        picks[row_start + row_offset].append(
                            (float(block[row_offset, column]), column_start + int(column))
                        )
            for row in deniers:
                # the closest claim of this article asserting a word the row denies
                asserting = (assertions[column_start:column_end] @ denials[row]) > 0
                scored = np.where(asserting, block[row - row_start], -1.0)
                column = int(np.argmax(scored))
                if scored[column] >= options.denial_similarity:
                    picks[row].append((float(scored[column]), column_start + column))
            offset += width
    chosen: dict[tuple[int, int], float] = {}
    for row, candidates in enumerate(picks):
        candidates.sort(key=lambda item: (-item[0], item[1]))
        texts_taken: set[int] = set()
        for score, column in candidates:
            if len(texts_taken) == options.max_per_claim:
                break
            if copies[column] not in texts_taken:  # one slot per distinct sentence, not per copy
                texts_taken.add(int(copies[column]))
                chosen[(min(row, column), max(row, column))] = score
    pairs = [ClaimPair(usable[a], usable[b], score) for (a, b), score in chosen.items()]
    pairs.sort(
        key=lambda pair: (-pair.similarity, pair.first.article.id, pair.first.start, pair.second.start)
    )
    return pairs
