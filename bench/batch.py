"""``crosscheck batch`` on generated days of news: articles per minute, memory per worker, growth.

A generated day of ``n`` articles is made of story instances: each instance is one
of the labelled mixture's clusters (``bench/mixture.py``: the fixture stories and
their decoys) with every proper name replaced by names made up for that instance, so
instances of one template are different stories, and most of their topic words (60%) are
made up too, so two instances share what two stories on one subject share. About one in five has a
syndicated copy (``mixture._copy``). Publication days are spread over two weeks.

Rows: each corpus size, in process with 1 and 2 workers and on local Ray with 2
actors (when ray is installed), every run in a fresh interpreter so its peak memory
is its own; the fake NLI model (``bench/fake.py``) stands in for the model, so the
figures are grouping plus the pipeline (ingest, segment, extract, align, judge,
reports), not NLI. One small row uses the real model. Grouping is also timed alone
per size, with its candidate pairs, to show it is not quadratic in the articles.

    python bench/batch.py [--sizes 200,1000] [--big] [--workers 1,2] [--no-ray] [--no-real]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from options import BenchOptions, peak_rss_mb  # noqa: E402

#: A capitalised word after a lower-case word or a comma: a name, not a sentence's first word.
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b")
#: A lower-case word of five letters or more: a story's topic words ("balloon", "typhoon").
_WORD = re.compile(r"\b[a-z]{5,}\b")
#: Share of an instance's topic words replaced by made-up words (names always are): instances of
#: one template then share under half of their topic words, as two stories on one subject do.
RENAMED_WORDS = 0.8
_SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")  # 70 syllables
DEFAULT_SIZES = (200, 1000)
BIG_SIZE = 5000


def _templates() -> list[list[dict[str, object]]]:
    """The mixture's stories (fixture clusters and decoys, copies left out), each a list of records."""
    from mixture import build

    records, labels = build(seed=7)
    stories: dict[str, list[dict[str, object]]] = {}
    for record in sorted(records, key=lambda r: str(r["id"])):
        label = labels[str(record["id"])]
        if label["copy_of"] is None:
            stories.setdefault(str(label["story"]), []).append(record)
    return [stories[name] for name in sorted(stories)]


def _made_up(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def generate(size: int, seed: int = 0) -> tuple[list[dict[str, object]], dict[str, str]]:
    """``size`` records (a day's feed) and each record's true story."""
    import datetime as dt

    from mixture import _copy

    rng = random.Random(seed)
    templates = _templates()
    taken: set[str] = set()
    records: list[dict[str, object]] = []
    truth: dict[str, str] = {}
    instance = 0
    while len(records) < size:
        template = templates[instance % len(templates)]
        names: dict[str, str] = {}
        texts = " ".join(f"{r['title']} {r['text']}" for r in template)
        for name in sorted(set(_NAME.findall(texts))):
            names[name] = _made_up(rng, taken)
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        for word in sorted(set(_WORD.findall(texts)) - set(names) - ENGLISH_STOP_WORDS):
            if rng.random() < RENAMED_WORDS:
                names[word] = _made_up(rng, taken).lower()
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None

        def renamed(text: object, pattern: re.Pattern[str] | None = pattern, names: dict = names) -> object:
            if not isinstance(text, str) or pattern is None:
                return text
            return pattern.sub(lambda m: names[m.group(1)], text)

        day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 13))
        story = f"story-{instance}"
        made = []
        for number, record in enumerate(template):
            made.append(
                {
                    "id": f"{story}-{number}",
                    "outlet": f"{renamed(record['outlet'])} {instance % 7}",
                    "published": (day + dt.timedelta(days=number % 2)).isoformat(),
                    "title": renamed(record["title"]),
                    "url": None,
                    "text": renamed(record["text"]),
                }
            )
        if rng.random() < 0.2:
            made.append(
                {**_copy(made[0], instance, f"Wire Carrier {instance % 5}", True), "id": f"{story}-copy"}
            )
        for record in made[: size - len(records)]:
            records.append(record)
            truth[str(record["id"])] = story
        instance += 1
    rng.shuffle(records)
    return records, truth


def write_feed(path: Path, size: int, seed: int = 0) -> dict[str, str]:
    records, truth = generate(size, seed)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return truth


class _WorkerMemory:
    """Samples the resident memory of this process's worker processes (pool or Ray) every 0.2 s."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peaks: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _is_worker(self, process) -> bool:  # type: ignore[no-untyped-def]
        try:
            line = " ".join(process.cmdline())
        except Exception:
            return False
        return "spawn_main" in line or line.startswith("ray::_RayChecker")

    def _sample(self) -> None:
        while not self.stop.is_set():
            try:
                for child in self.me.children(recursive=True):
                    if self._is_worker(child):
                        rss = child.memory_info().rss / 2**20
                        self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
            except Exception:  # a process ended while it was read
                pass
            self.stop.wait(0.2)

    def __enter__(self) -> _WorkerMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def _one(spec: dict[str, object]) -> dict[str, object]:
    """One batch run in this (fresh) interpreter: what the parent asked for in ``spec``."""
    from crosscheck import batch
    from crosscheck.config import Settings

    feed, out = Path(str(spec["feed"])), Path(str(spec["out"]))
    workers, engine, real = int(spec["workers"]), str(spec["engine"]), bool(spec["real"])
    settings = Settings(model=str(spec["model"]) if real else None, cache=False, device="cpu")
    factory = None
    if not real:
        from fake import FakeNLI

        factory = FakeNLI
    started_ray = False
    if engine == "ray":
        import ray

        paths = os.pathsep.join([str(HERE), str(ROOT / "src")])
        env = {"PYTHONPATH": paths, "HF_HUB_OFFLINE": "1"}
        ray.init(
            num_cpus=workers, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env}
        )
        started_ray = True
    try:
        with _WorkerMemory() as memory:
            started = time.perf_counter()
            result = batch([feed], out, settings, workers=workers, engine=engine, nli_factory=factory)
            seconds = time.perf_counter() - started
    finally:
        if started_ray:
            import ray

            ray.shutdown()
    worker_peak = max(memory.peaks.values()) if memory.peaks else peak_rss_mb()
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text("utf-8").splitlines()]
    checked = [story for story in stories if story["status"] == "done"]
    return {
        "seconds": round(seconds, 2),
        "stories": len(stories),
        "checked_stories": len(checked),
        "failed": result.failed,
        "copies": result.copies,
        "findings": sum(int(story["findings"].get("findings", 0)) for story in checked),
        "worker_peak_mb": round(worker_peak, 1),
        "driver_peak_mb": round(peak_rss_mb(), 1),
    }


def _grouping(feed: Path, truth: dict[str, str]) -> dict[str, object]:
    """Reading, syndication and grouping alone: seconds, candidate pairs, B-cubed F1."""
    from mixture import b_cubed

    from crosscheck.batch._group import Grouper, GroupOptions
    from crosscheck.batch._run import read_feed
    from crosscheck.batch._types import BatchHooks
    from crosscheck.config import Settings

    pairs: list[int] = []
    original = Grouper._candidates

    def counted(self, vectors):  # type: ignore[no-untyped-def]
        found = original(self, vectors)
        pairs.append(len(found[0]))
        return found

    Grouper._candidates = counted  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        parsed = read_feed([str(feed)], Settings(cache=False), None, GroupOptions(), BatchHooks())
        seconds = time.perf_counter() - started
    finally:
        Grouper._candidates = original  # type: ignore[method-assign]
    groups = [[parsed.entries[n].id for n in story] for story in parsed.stories]
    return {
        "group_s": round(seconds, 2),
        "candidate_pairs": sum(pairs),
        "b_cubed_f1": b_cubed(groups, truth)["f1"],
        "stories_found": len(groups),
        "stories_true": len(set(truth.values())),
    }


def _child(kind: str, spec: dict[str, object]) -> dict[str, object]:
    """Run ``kind`` (a batch run or grouping alone) in a fresh interpreter; its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    try:
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        payload = json.dumps({"kind": kind, **spec})
        subprocess.run([sys.executable, __file__, "--child", payload, str(result_path)], env=env, check=True)
        return json.loads(result_path.read_text("utf-8"))
    finally:
        result_path.unlink(missing_ok=True)


def _configurations(workers: tuple[int, ...], ray: bool) -> list[tuple[str, int]]:
    found = [("process", count) for count in workers]
    if ray:
        try:
            import ray as _  # noqa: F401

            found.append(("ray", 2))
        except ImportError:
            pass
    return found


def measure(
    sizes: tuple[int, ...],
    scratch: Path,
    *,
    workers: tuple[int, ...] = (1, 2),
    ray: bool = True,
    real_size: int | None = 60,
    model: str = "crosscheck-news-nli",
) -> dict[str, object]:
    scratch.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    growth: list[dict[str, object]] = []
    runs = [(size, engine, count, False) for size in sizes for engine, count in _configurations(workers, ray)]
    if real_size:
        runs.append((real_size, "process", 1, True))
    feeds: dict[int, Path] = {}
    for size in sorted({size for size, *_ in runs}):
        feeds[size] = scratch / f"day-{size}.jsonl"
        truth = write_feed(feeds[size], size)
        if size in sizes:
            truths_path = scratch / f"truth-{size}.json"
            truths_path.write_text(json.dumps(truth), "utf-8")
            found = _child("group", {"feed": str(feeds[size]), "truth": str(truths_path)})
            growth.append(
                {"articles": size, **found, "group_ms_per_article": round(1000 * found["group_s"] / size, 2)}
            )
    for size, engine, count, real in runs:
        out = scratch / f"out-{size}-{engine}-{count}-{'real' if real else 'fake'}"
        spec = {
            "feed": str(feeds[size]),
            "out": str(out),
            "workers": count,
            "engine": engine,
            "real": real,
            "model": model,
        }
        shutil.rmtree(out, ignore_errors=True)
        found = _child("batch", spec)
        checked = max(1, int(found["checked_stories"]))
        rows.append(
            {
                "articles": size,
                "engine": engine,
                "workers": count,
                "model": model if real else "fake",
                "articles_per_min": round(60 * size / found["seconds"], 1),
                "s_per_checked_story": round(found["seconds"] / checked, 3),
                "worker_s_per_story": round(found["seconds"] * count / checked, 3),
                **found,
            }
        )
    return {"rows": rows, "growth": growth}


def run(options: BenchOptions) -> dict[str, object]:
    """The bench/run.py entry point: ``options.batch_sizes``, the fake model when ``--fake``."""
    result = measure(
        options.batch_sizes,
        options.scratch / "batch",
        ray=options.batch_ray,
        real_size=None if options.fake else options.batch_real_size,
        model=options.model,
    )
    return {"rows": result["rows"], "growth": result["growth"]}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        spec = json.loads(argv[1])
        if spec["kind"] == "group":
            found = _grouping(Path(spec["feed"]), json.loads(Path(spec["truth"]).read_text("utf-8")))
        else:
            found = _one(spec)
        Path(argv[2]).write_text(json.dumps(found), "utf-8")
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="corpus sizes in articles")
    parser.add_argument("--big", action="store_true", help=f"also {BIG_SIZE:,} articles")
    parser.add_argument("--workers", default="1,2", help="in-process worker counts")
    parser.add_argument("--no-ray", action="store_true", help="leave out the local Ray rows")
    parser.add_argument("--real-size", type=int, default=60, help="articles of the real-model row (0: none)")
    parser.add_argument("--model", default="crosscheck-news-nli")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",")) + ((BIG_SIZE,) if args.big else ())
    from table import markdown_table

    result = measure(
        sizes,
        BenchOptions().scratch / "batch",
        workers=tuple(int(w) for w in args.workers.split(",")),
        ray=not args.no_ray,
        real_size=args.real_size or None,
        model=args.model,
    )
    print("### batch runs\n\n" + markdown_table(result["rows"]))  # type: ignore[arg-type]
    print("\n### grouping alone\n\n" + markdown_table(result["growth"]))  # type: ignore[arg-type]
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
