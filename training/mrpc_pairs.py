"""NLI pairs from the Microsoft Research Paraphrase Corpus: news sentences reworded as a whole.

    python training/mrpc_pairs.py        # prints the pair counts and a sample

MRPC (Dolan & Brockett, 2005; Microsoft Research, research use) pairs sentences from clusters
of online news stories; annotators labelled each pair paraphrase (Quality 1) or not. The files
are never committed: ``msr_paraphrase_train.txt`` and ``msr_paraphrase_test.txt`` go into
training/data/, from the MSR download page (www.microsoft.com/en-us/download/details.aspx?id=52398),
GLUE's MRPC, or any mirror with the md5 sums in ``MD5``.

Only paraphrase pairs whose numbers, dates and names agree are used; the premise is one side,
the hypothesis the other (both directions where each side states only values of the other):

- contradiction: a number, date, person / organisation or place both sides state, changed in
  the hypothesis only (news_corpus's edits and pools), or the hypothesis's main verb negated;
  the unchanged pair is its entailed twin (``mrpc:<swap>_twin``), so the value decides;
- entailment: the twins, and a shared number approximated on the right side ("more than
  1,200" for 1,240; a wrong approximation is a number contradiction);
- neutral: the hypothesis against a sentence of another MRPC pair that shares a name or a
  kind of number (the same kind of event elsewhere).

Pairs for training come only from the train file; the test file gives the held-out pairs.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import news_corpus
from news_corpus import CONTRADICTION, ENTAILMENT, NEUTRAL, Doc

MD5 = {"train": "523a38a49cbfab053148dfd6fddf4c2d", "test": "b0acee4e6e863aad6cd97653e850b4cf"}
WHERE = "the MSR download page (id=52398), GLUE's MRPC or a mirror with the same md5"
NAMES = ("PERSON", "ORG", "GPE", "LOC")
TOPICAL_NUMBERS = ("MONEY", "PERCENT")  # a kind of number that says what a story is about
CLUSTER_IDS = 5000  # sentence ids this close may come from one news cluster (one story)


@dataclass
class Row:
    """An MRPC pair as read; its sentence ids tell which pairs come from one news cluster."""

    paraphrase: bool  # the annotators' Quality
    ids: tuple[int, int]
    doc: Doc  # the two sentences, and their spaCy analysis once analysed


def check(path: Path, part: str) -> bool:
    """The file is there (else say where to get it) and is the one the figures were measured on."""
    if not path.exists():
        print(f"MRPC {part} file {path} missing (get it from {WHERE}): no MRPC pairs", flush=True)
        return False
    news_corpus.md5_matches(path, MD5[part], "expected")
    return True


def read(path: Path) -> list[Row]:
    """One row per MRPC pair, its two sentences detokenized ("Dominick 's" -> "Dominick's")."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f, delimiter="\t"))[1:]
    return [
        Row(
            quality == "1",
            (int(id1), int(id2)),
            Doc(f"mrpc-{id1}-{id2}", "mrpc", "mrpc", [_detok(s1), _detok(s2)]),
        )
        for quality, id1, id2, s1, s2 in records
    ]


def _detok(text: str) -> str:
    """MRPC is tokenized ("$ 2.5 billion"); the news corpora's detokenizer makes it running text."""
    return news_corpus.detok(text.split())


def values(sent: str, info: dict) -> dict[str, set]:
    """The numbers, date words and names a sentence states: what the two sides must agree on."""
    return {
        "number": {news_corpus._num(sent[a:b]) for a, b in news_corpus.number_spans(sent, info)},
        "date": {tok for _, _, tok in news_corpus.date_spans(sent, info)},
        "name": {text for _, _, label, text in info["ents"] if label in NAMES},
    }


def named_in(name: str, text: str) -> bool:
    """A name is stated when its last word is ("Bush" for "President George W. Bush")."""
    last = name.split()[-1].removesuffix("'s")
    return re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text) is not None


def disagree(one: dict, other: dict) -> bool:
    """Each side has a number (or date) the other lacks: MRPC's loose labels ("$2.11" / "$1.63")."""
    return any(one[k] - other[k] and other[k] - one[k] for k in ("number", "date"))


def sensible(premise: str, p_vals: dict, hyp: str, h_vals: dict) -> bool:
    """The premise states every number, date and name of the hypothesis and is not much shorter:
    a longer side of an MRPC paraphrase often adds a detail, which the premise must hold."""
    return (
        h_vals["number"] <= p_vals["number"]
        and h_vals["date"] <= p_vals["date"]
        and all(named_in(n, premise) for n in h_vals["name"])
        and len(hyp.split()) <= 1.1 * len(premise.split()) + 1
    )


def edits(premise: str, hyp: str, info: dict, pools: news_corpus.Pools, rng: random.Random) -> dict:
    """Per swap kind, the hypothesis with one value changed (on a sensible direction every value
    of the hypothesis is also in the premise); the new value must not be in the premise."""
    out = {}
    once = lambda a, b: hyp.count(hyp[a:b]) == 1  # noqa: E731  (no copy of the old value may stay)
    nums = [s for s in news_corpus.number_spans(hyp, info) if once(*s)]
    if nums:
        a, b = rng.choice(nums)
        new = news_corpus.changed_number(hyp[a:b], rng)
        if new not in premise:
            out["number"] = news_corpus.replace(hyp, a, b, new)
    dates = [s for s in news_corpus.date_spans(hyp, info) if once(*s[:2])]
    if dates:
        a, b, tok = rng.choice(dates)
        new = news_corpus.changed_date(tok, rng)
        if new not in premise:
            out["date"] = news_corpus.replace(hyp, a, b, new)
    for kind, labels in (("entity", ("PERSON", "ORG")), ("place", ("GPE", "LOC"))):
        ents = [e for e in info["ents"] if e[2] in labels and once(e[0], e[1])]
        if ents:
            a, b, label, text = rng.choice(ents)
            new = pools.other("GPE" if kind == "place" else label, text, rng)
            if new and not named_in(new, premise):
                out[kind] = news_corpus.replace(hyp, a, b, new)
    if info["neg"] and not denies_report(info["neg"]):
        new = news_corpus.negated(hyp, info["neg"])
        if new and new != hyp:
            out["negation"] = new
    return out


def denies_report(neg: dict) -> bool:
    """A negation that reads "..., he did not say": it denies an attribution the premise may
    not make, so the label would not be known."""
    return neg.get("text", "").rsplit(" ", 1)[-1] in news_corpus.REPORT_VERBS


def direction_pairs(
    premise: str, hyp: str, info: dict, pools: news_corpus.Pools, rng: random.Random, used: set
) -> list[tuple[str, str, str, str]]:
    """One swap and its twin for a direction: a value the other direction did not change where
    there is one (the issue is values), else negation; and a number approximated, where one can be."""
    out = []
    found = edits(premise, hyp, info, pools, rng)
    values_ = [k for k in found if k != "negation"]
    kinds = [k for k in values_ if k not in used] or values_ or list(found)
    if kinds:
        kind = rng.choice(kinds)
        used.add(kind)
        out += [
            (premise, found[kind], CONTRADICTION, f"mrpc:{kind}"),
            (premise, hyp, ENTAILMENT, f"mrpc:{kind}_twin"),
        ]
    nums = [s for s in news_corpus.number_spans(hyp, info) if not news_corpus.approximated(hyp, s[0])]
    if nums:
        approx = news_corpus.approximation_edit(hyp, *rng.choice(nums), rng)
        if approx:
            (a, b, text), right = approx
            label, kind = (ENTAILMENT, "approximation") if right else (CONTRADICTION, "number")
            out.append((premise, news_corpus.replace(hyp, a, b, text), label, f"mrpc:{kind}"))
    return out


def keys(info: dict) -> list[str]:
    """What a neutral partner may share, names first: a name, or money / a percentage."""
    names = [f"name:{text}" for _, _, label, text in info["ents"] if label in NAMES]
    return names + [f"number:{label}" for _, _, label, _ in info["ents"] if label in TOPICAL_NUMBERS]


def other_pair_pairs(
    rows: list[Row], hyps: list[tuple[int, str, dict]], rng: random.Random, share: float = 0.3
) -> list[tuple[str, str, str, str]]:
    """A hypothesis against the most similar sentence of another news cluster that shares a name
    or money / percentages: the same kind of event elsewhere (neutral). Sentences of one cluster
    (close ids), near-copies and sentences sharing a number or date are passed over: they may
    state the same fact."""
    from rapidfuzz import fuzz

    index: dict[str, list[tuple[int, str, dict]]] = {}
    for i, row in enumerate(rows):
        for sent, info in zip(row.doc.sentences, row.doc.info, strict=True):
            for key in keys(info) if info else []:
                index.setdefault(key, []).append((i, sent, info))
    out = []
    for i, hyp, info in hyps:
        if rng.random() >= share:
            continue
        mine, best = values(hyp, info), None
        for key in keys(info):
            cands = [c for c in index[key] if far(rows[i].ids, rows[c[0]].ids)]
            for _, sent, sinfo in rng.sample(cands, min(50, len(cands))):
                theirs, score = values(sent, sinfo), fuzz.token_set_ratio(sent, hyp)
                shared = mine["number"] & theirs["number"] or mine["date"] & theirs["date"]
                if not shared and score < 60 and (best is None or score > best[0]):
                    best = (score, sent)
            if best:
                out.append((best[1], hyp, NEUTRAL, "mrpc:other_pair"))
                break
    return out


def far(ids: tuple[int, int], other: tuple[int, int]) -> bool:
    """Sentence ids far apart: another news cluster, so another story."""
    return min(abs(a - b) for a in ids for b in other) > CLUSTER_IDS


def make_pairs(rows: list[Row], seed: int, name: str) -> list[tuple[str, str, str, str]]:
    """(premise, hypothesis, label, kind) from the paraphrase pairs whose values agree."""
    rng = random.Random(seed)
    pools = news_corpus.Pools([row.doc for row in rows])
    out, hyps, skipped = [], [], 0
    for i, row in enumerate(rows):
        if not row.paraphrase or None in row.doc.info:
            continue
        sides = [(s, inf, values(s, inf)) for s, inf in zip(row.doc.sentences, row.doc.info, strict=True)]
        if disagree(sides[0][2], sides[1][2]):
            skipped += 1
            continue
        used: set[str] = set()
        for (premise, _, p_vals), (hyp, info, h_vals) in (sides, sides[::-1]):
            if sensible(premise, p_vals, hyp, h_vals):
                out += direction_pairs(premise, hyp, info, pools, rng, used)
                hyps.append((i, hyp, info))
    out += other_pair_pairs(rows, hyps, rng)
    unique: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for pair in out:  # a pair made twice (the same edit from two routes) counts once
        if pair[0] != pair[1]:
            unique.setdefault(pair[:2], pair)
    print(
        f"MRPC {name}: {len(hyps)} directions of agreeing paraphrase pairs, {skipped} pairs skipped "
        f"(numbers or dates disagree), {len(unique)} NLI pairs",
        flush=True,
    )
    return list(unique.values())


def build(train_path: Path, test_path: Path, seed: int, cache: Path | None = None):
    """Training pairs from the train file and held-out pairs from the test file; no test
    sentence reaches training. Both empty when a file is missing."""
    found = [check(train_path, "train"), check(test_path, "test")]  # both messages when both are missing
    if not all(found):
        return [], []
    train, test = read(train_path), read(test_path)
    news_corpus.analyse([row.doc for row in train + test], cache)
    test_text = {s for row in test for s in row.doc.sentences}
    for row in train:  # a sentence that is also in the test file: its pair is not used
        row.doc.info = [
            None if s in test_text else i for s, i in zip(row.doc.sentences, row.doc.info, strict=True)
        ]
    pairs = make_pairs(train, seed, "train")
    assert not any(p in test_text or h in test_text for p, h, _, _ in pairs), "MRPC test text in training"
    return pairs, make_pairs(test, seed + 1, "test")


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mrpc", type=Path, default=here / "data" / "msr_paraphrase_train.txt")
    parser.add_argument("--mrpc-test", type=Path, default=here / "data" / "msr_paraphrase_test.txt")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args()
    train, test = build(args.mrpc, args.mrpc_test, args.seed, here / "runs" / "mrpc_info.json")
    from collections import Counter

    for name, pairs in (("train", train), ("test", test)):
        print(name, sorted(Counter(k for *_, k in pairs).items()))
    for p, h, y, k in random.Random(0).sample(train, min(args.show, len(train))):
        print(f"[{y}/{k}]\n  P: {p}\n  H: {h}")


if __name__ == "__main__":
    main()
