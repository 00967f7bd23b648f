"""How few pairs the aligned pipeline scores, and how many all-pairs contradictions it keeps.

On the largest generated cluster the pipeline runs once with a recording model
(which text pairs reach NLI). An all-pairs contradiction is a cross-article claim
pair the same model, scored the pipeline's way (both directions, mean
contradiction probability, same threshold), calls a contradiction. It is *kept*
when the pipeline scored that pair of texts, or reported a finding on it (typed
checks settle some pairs without the model).

Scoring every cross-article pair of 50 articles (about two million) would take
days on two cores, so the count is stratified. Generated articles reuse sentence
texts, so claim pairs collapse to far fewer distinct text pairs, each with a
multiplicity (how many claim pairs have those two texts; a text paired with
itself is never a contradiction and is left out):

- kept stratum: every kept text pair is scored, so its contradictions are counted
  exactly, weighted by multiplicity;
- the rest: with ``--recall-sample 0`` every other distinct text pair is scored
  (exact; about 20 minutes on two cores for 50 articles); otherwise a fixed
  random sample of the other claim pairs (text pairs drawn in proportion to
  multiplicity) is scored, its contradiction rate extrapolated, and recall also
  given at the 95% upper bound of that rate (Wilson).

recall = kept / (kept + estimated missed).
"""

from __future__ import annotations

import math
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from corpus import fixture_sentences, make_cluster, write_cluster
from options import BenchOptions, load_nli

TextPair = frozenset[str]


class Recording:
    """Passes calls through to the model, remembering which text pairs it was asked and the
    answers, so that re-scoring the pipeline's own pairs costs nothing."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.name = model.name
        self.labels = model.labels
        self.asked: set[TextPair] = set()
        self.answers: dict[tuple[str, str], dict[str, float]] = {}

    def predict(
        self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, float]]:
        self.asked.update(frozenset(pair) for pair in pairs)
        new = list(dict.fromkeys(pair for pair in pairs if pair not in self.answers))
        self.answers.update(zip(new, self.model.predict(new, progress), strict=True))
        return [self.answers[pair] for pair in pairs]


def text_pair_multiplicity(claims: Sequence[Any]) -> Counter[TextPair]:
    """How many cross-article claim pairs each unordered pair of distinct texts stands for."""
    per_article: dict[str, Counter[str]] = {}
    for claim in claims:
        per_article.setdefault(claim.article.id, Counter())[claim.text] += 1
    overall: Counter[str] = Counter()
    for counts in per_article.values():
        overall.update(counts)
    texts = sorted(overall)
    multiplicity: Counter[TextPair] = Counter()
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            same_article = sum(c[a] * c[b] for c in per_article.values())
            count = overall[a] * overall[b] - same_article
            if count:
                multiplicity[frozenset((a, b))] = count
    return multiplicity


def wilson_upper(hits: int, trials: int, z: float = 1.96) -> float:
    """95% upper bound of a rate seen as ``hits`` in ``trials``."""
    if trials == 0:
        return 1.0
    rate = hits / trials
    centre = rate + z * z / (2 * trials)
    spread = z * math.sqrt(rate * (1 - rate) / trials + z * z / (4 * trials * trials))
    return (centre + spread) / (1 + z * z / trials)


def _contradictions(
    model: Recording, pairs: list[TextPair], claim_of: dict[str, Any], threshold: float
) -> set[TextPair]:
    """The text pairs the model calls a contradiction (both directions averaged), scored by the
    judge's own ``gather``."""
    from crosscheck.judge.signals import Candidate, gather
    from crosscheck.models import ClaimPair

    asked = [Candidate(ClaimPair(*(claim_of[text] for text in sorted(pair)), 0.0), None) for pair in pairs]
    scored = gather(model, asked)
    return {
        frozenset((s.pair.first.text, s.pair.second.text)) for s in scored if s.contradiction >= threshold
    }


def run(options: BenchOptions) -> dict[str, object]:
    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.pipeline import Hooks, judge_claims, prepare

    size = max(options.sizes)
    folder = options.scratch / f"recall-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    paths = write_cluster(folder, make_cluster(fixture_sentences(), size, options.sentences, seed=size))
    settings = Settings(model=options.model, cache=False)
    prepared = prepare(paths, settings)
    shutil.rmtree(folder, ignore_errors=True)
    claims = [claim for claim in prepared.claims if claim.text.strip()]
    aligned = align(claims)
    recorder = Recording(load_nli(options))
    report = judge_claims(prepared, claims, aligned, settings, Hooks(), recorder)

    multiplicity = text_pair_multiplicity(claims)
    reported = {frozenset(e.claim.text for e in finding.evidence) for finding in report.findings}
    kept = sorted(
        (recorder.asked | reported) & multiplicity.keys(), key=sorted
    )  # before scoring adds to asked
    rest = sorted(multiplicity.keys() - set(kept), key=sorted)
    exact = options.recall_sample == 0
    if exact:  # every other distinct text pair, each standing for its multiplicity
        draws, sample = len(rest), rest
    else:  # drawn in proportion to multiplicity: each draw is a uniform claim pair outside the kept ones
        draws = options.recall_sample if rest else 0
        sample = random.Random(0).choices(rest, weights=[multiplicity[p] for p in rest], k=draws)
    distinct = sorted(set(sample), key=sorted)

    started = time.perf_counter()
    claim_of = {claim.text: claim for claim in claims}
    kept_found = _contradictions(recorder, kept, claim_of, settings.threshold)
    sample_found = _contradictions(recorder, distinct, claim_of, settings.threshold)
    seconds = time.perf_counter() - started

    per_article = Counter(claim.article.id for claim in claims)
    everything = (len(claims) ** 2 - sum(n * n for n in per_article.values())) // 2
    kept_weight = sum(multiplicity[p] for p in kept_found)
    rest_weight = sum(multiplicity[p] for p in rest)
    hits = sum(pair in sample_found for pair in sample)
    if exact:
        missed = missed_high = float(sum(multiplicity[p] for p in sample_found))
    else:
        missed = hits / draws * rest_weight if draws else 0.0
        missed_high = wilson_upper(hits, draws) * rest_weight if draws else 0.0
    nli_pairs = report.stats["pairs_judged_by_nli"]
    row = {
        "articles": size,
        "claims": len(claims),
        "cross_article_pairs": everything,
        "aligned_pairs": len(aligned),
        "nli_pairs": nli_pairs,
        "nli_share": round(nli_pairs / everything, 4),
        "aligned_share": round(len(aligned) / everything, 4),
        "distinct_text_pairs": len(multiplicity),
        "kept_text_pairs": len(kept),
        "other_pairs": "all" if exact else f"sample of {draws}",
        "sampled_distinct_text_pairs": len(distinct),
        "scoring_s": round(seconds, 1),
        "kept_contradictions": kept_weight,
        "sample_contradictions": hits,
        "estimated_missed": round(missed),
        "recall": round(kept_weight / (kept_weight + missed), 3) if kept_weight + missed else "n/a",
        "recall_low_95": round(kept_weight / (kept_weight + missed_high), 3) if kept_weight else "n/a",
    }
    examples = [sorted(pair) for pair in sorted(sample_found, key=sorted)[:5]]
    return {"rows": [row], "threshold": settings.threshold, "missed_examples": examples}
