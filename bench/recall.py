"""How few pairs the aligned pipeline scores, and how many all-pairs contradictions it keeps.

On the largest generated cluster: the pipeline runs once with a recording model
(which text pairs reach NLI), then a fixed random sample of ALL cross-article
claim pairs is scored the pipeline's way (both directions, mean contradiction
probability, same threshold). A contradiction is "kept" when the pair's texts
are among the aligned candidate pairs (and, stricter, among the pairs NLI scored).
Scoring every cross-article pair of 50 articles (about two million) would take
hours on two cores, hence the sample; its size is in the output.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Sequence
from typing import Any

from corpus import fixture_sentences, make_cluster, write_cluster
from options import BenchOptions, load_nli


class Recording:
    """Passes calls through to the model and remembers which text pairs it was asked."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.name = model.name
        self.labels = model.labels
        self.asked: set[tuple[str, str]] = set()

    def predict(
        self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None
    ) -> list[dict[str, float]]:
        self.asked.update(pairs)
        return self.model.predict(pairs, progress)


def _sample_pairs(claims: Sequence[Any], size: int, seed: int = 0) -> list[tuple[Any, Any]]:
    """``size`` distinct cross-article claim pairs, uniformly at random."""
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    while len(seen) < size:
        a, b = rng.randrange(len(claims)), rng.randrange(len(claims))
        if claims[a].article.id != claims[b].article.id:
            seen.add((min(a, b), max(a, b)))
    return [(claims[a], claims[b]) for a, b in sorted(seen)]


def run(options: BenchOptions) -> dict[str, object]:
    from crosscheck.align import align
    from crosscheck.config import Settings
    from crosscheck.judge.statements import score
    from crosscheck.models import ClaimPair
    from crosscheck.pipeline import judge_claims, prepare

    size = max(options.sizes)
    folder = options.scratch / f"recall-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    paths = write_cluster(folder, make_cluster(fixture_sentences(), size, options.sentences, seed=size))
    settings = Settings(model=options.model, cache=False)
    prepared = prepare(paths, settings)
    shutil.rmtree(folder, ignore_errors=True)
    claims = prepared.claims
    aligned = align(claims)
    recorder = Recording(load_nli(options))
    from crosscheck.pipeline import Hooks

    report = judge_claims(prepared, claims, aligned, settings, Hooks(), recorder)
    per_article: dict[str, int] = {}
    for claim in claims:
        per_article[claim.article.id] = per_article.get(claim.article.id, 0) + 1
    everything = (len(claims) ** 2 - sum(n * n for n in per_article.values())) // 2
    sample = min(options.recall_sample, everything)
    pairs = [ClaimPair(a, b, 0.0) for a, b in _sample_pairs(claims, sample)]
    started = time.perf_counter()
    scored = score(recorder.model, pairs)
    seconds = time.perf_counter() - started
    found = [s.pair for s in scored if s.contradiction >= settings.threshold]

    def texts(pair: Any) -> frozenset[str]:
        return frozenset((pair.first.text, pair.second.text))

    candidate_texts = {texts(p) for p in aligned}
    asked_texts = {frozenset(p) for p in recorder.asked}
    in_aligned = sum(texts(p) in candidate_texts for p in found)
    in_asked = sum(texts(p) in asked_texts for p in found)
    nli_pairs = report.stats["pairs_judged_by_nli"]
    row = {
        "articles": size,
        "claims": len(claims),
        "cross_article_pairs": everything,
        "aligned_pairs": len(aligned),
        "nli_pairs": nli_pairs,
        "nli_share": round(nli_pairs / everything, 4),
        "aligned_share": round(len(aligned) / everything, 4),
        "sampled_pairs": sample,
        "sample_scoring_s": round(seconds, 1),
        "sample_contradictions": len(found),
        "recall_aligned": round(in_aligned / len(found), 3) if found else "n/a",
        "recall_nli_scored": round(in_asked / len(found), 3) if found else "n/a",
    }
    return {"rows": [row], "threshold": settings.threshold}
